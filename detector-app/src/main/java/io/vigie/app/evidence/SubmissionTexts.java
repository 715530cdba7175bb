package io.vigie.app.evidence;

import io.vigie.core.model.ReportedMail;
import java.time.format.DateTimeFormatter;

/**
 * Texts to paste into the forms of Signal Spam (the French reporting service) and PhishTank: Vigie submits
 * nothing itself. Each gives the mail's header summary and the URLs found in it.
 */
final class SubmissionTexts {

    private static final int MAX_URLS = 200;

    private SubmissionTexts() {}

    static String signalSpam(final AbuseFacts facts) {
        return "Signal Spam submission (draft prepared by Vigie; nothing was sent)\n"
                + "Submit at https://www.signal-spam.fr/ (the \"Signaler\" form, or the mail client add-on), with the "
                + "original message mail/" + facts.reportId() + ".eml of this archive attached as it is.\n"
                + "Category: " + ("fraud".equals(facts.feedbackType()) ? "phishing (hameconnage)" : "spam") + "\n\n"
                + headersSummary(facts) + "\n" + urls(facts);
    }

    static String phishTank(final AbuseFacts facts) {
        return "PhishTank submission (draft prepared by Vigie; nothing was sent)\n"
                + "Submit each URL below at https://phishtank.org/add_web_phish.php (a PhishTank account is needed); "
                + "paste the header summary into \"email text\".\n\n"
                + urls(facts) + "\n" + headersSummary(facts);
    }

    /** The headers a reader checks first, one per line, with what Vigie saw of their authentication. */
    static String headersSummary(final AbuseFacts facts) {
        final ReportedMail m = facts.mail();
        final StringBuilder sb = new StringBuilder("Headers summary:\n");
        line(sb, "From", m.fromName() == null ? m.from() : m.fromName() + " <" + m.from() + ">");
        line(sb, "Reply-To", m.replyTo());
        line(sb, "Return-Path", m.returnPath());
        line(sb, "Subject", m.subject());
        line(sb, "Date", m.date() == null ? null : DateTimeFormatter.ISO_INSTANT.format(m.date()));
        line(sb, "Message-ID", m.messageId());
        line(sb, "Source IP (first external hop)", facts.sourceIp());
        line(
                sb,
                "Arrival date",
                facts.arrivalDate() == null ? null : facts.arrivalDate().toString());
        final ReportedMail.Authentication auth = m.authentication();
        if (auth != null && (auth.spf() != null || auth.dkim() != null || auth.dmarc() != null)) {
            line(
                    sb,
                    "Authentication",
                    "spf=" + orNone(auth.spf()) + " dkim=" + orNone(auth.dkim()) + " dmarc=" + orNone(auth.dmarc()));
        }
        line(sb, "Findings", m.findings().isEmpty() ? null : String.join(", ", m.findings()));
        line(sb, "SHA-256 of the EML", facts.reportId());
        return sb.toString();
    }

    private static String urls(final AbuseFacts facts) {
        final var urls = facts.urls(MAX_URLS);
        if (urls.isEmpty()) {
            return "URLs: none found in the message\n";
        }
        final StringBuilder sb = new StringBuilder("URLs (" + urls.size() + "):\n");
        urls.forEach(u -> sb.append("  ").append(oneLine(u)).append('\n'));
        return sb.toString();
    }

    private static void line(final StringBuilder sb, final String name, final String value) {
        if (value != null && !value.isBlank()) {
            sb.append("  ").append(name).append(": ").append(oneLine(value)).append('\n');
        }
    }

    private static String orNone(final String verdict) {
        return verdict == null ? "none" : verdict;
    }

    private static String oneLine(final String s) {
        return s.replaceAll("[\\p{Cntrl}]", " ");
    }
}
