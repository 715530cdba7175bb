package io.vigie.app.evidence;

import jakarta.activation.DataHandler;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.internet.ContentType;
import jakarta.mail.internet.MimeBodyPart;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import jakarta.mail.util.ByteArrayDataSource;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Date;
import java.util.Properties;

/**
 * An abuse report in the Abuse Reporting Format (RFC 5965): a {@code multipart/report; report-type=feedback-report}
 * message with a human-readable part, the {@code message/feedback-report} part and the reported mail, byte for byte,
 * as {@code message/rfc822}. A draft only: Vigie never sends mail. It goes to {@code abuse@} the sending domain; the
 * hosting provider's abuse contact needs an RDAP/WHOIS lookup of the source address that Vigie does not do, so it
 * is a placeholder in an {@code .invalid} domain that no mail server would deliver to, as is the sender.
 */
final class ArfDraft {

    /** Stands for the hosting provider's abuse contact, to be looked up in RDAP/WHOIS. */
    static final String PROVIDER_PLACEHOLDER = "hosting-provider-abuse-contact@replace-me.invalid";
    /** Stands for the SOC mailbox the report is to be sent from. */
    static final String SENDER_PLACEHOLDER = "soc-mailbox@replace-me.invalid";

    static final String UNKNOWN_DOMAIN = "unknown-sending-domain.invalid";
    private static final int MAX_URIS = 50;
    private static final DateTimeFormatter RFC_5322 = DateTimeFormatter.RFC_1123_DATE_TIME.withZone(ZoneOffset.UTC);

    private ArfDraft() {}

    /**
     * @param facts    what the report says
     * @param original the reported mail as it was received
     * @param now      the draft's Date
     */
    static byte[] build(final AbuseFacts facts, final byte[] original, final Instant now) throws IOException {
        try {
            final MimeMessage message = new DraftMessage(facts.reportId());
            message.setHeader("From", SENDER_PLACEHOLDER);
            message.setHeader("To", "abuse@" + domain(facts));
            message.setHeader("Cc", PROVIDER_PLACEHOLDER);
            message.setSubject(
                    "[DRAFT] Abuse report: " + ("fraud".equals(facts.feedbackType()) ? "phishing" : "abuse") + " from "
                            + domain(facts) + " (Vigie report "
                            + facts.reportId().substring(0, 12) + ")",
                    StandardCharsets.UTF_8.name());
            message.setSentDate(Date.from(now));
            message.setHeader("X-Vigie-Draft", "not sent; review, replace the placeholders, then send it yourself");

            final MimeMultipart report = new ReportMultipart();
            final MimeBodyPart human = new MimeBodyPart();
            human.setText(humanReadable(facts), StandardCharsets.UTF_8.name());
            report.addBodyPart(human);

            final MimeBodyPart feedback = new MimeBodyPart();
            feedback.setDataHandler(new DataHandler(new ByteArrayDataSource(
                    feedbackReport(facts).getBytes(StandardCharsets.US_ASCII), "message/feedback-report")));
            feedback.setHeader("Content-Transfer-Encoding", "7bit");
            report.addBodyPart(feedback);

            final MimeBodyPart attached = new MimeBodyPart();
            attached.setDataHandler(new DataHandler(new ByteArrayDataSource(original, "message/rfc822")));
            attached.setDisposition("inline");
            report.addBodyPart(attached);

            message.setContent(report);
            message.saveChanges();
            final ByteArrayOutputStream out = new ByteArrayOutputStream(original.length + 8192);
            message.writeTo(out);
            return out.toByteArray();
        } catch (final MessagingException e) {
            throw new IOException("cannot build the abuse report of " + facts.reportId() + ": " + e.getMessage(), e);
        }
    }

    /** The machine-readable part (RFC 5965 section 3): ASCII fields, one per line. */
    static String feedbackReport(final AbuseFacts facts) {
        final StringBuilder sb = new StringBuilder();
        field(sb, "Feedback-Type", facts.feedbackType());
        field(sb, "User-Agent", "Vigie");
        field(sb, "Version", "1");
        if (facts.mail().returnPath() != null && isAscii(facts.mail().returnPath())) {
            field(sb, "Original-Mail-From", "<" + facts.mail().returnPath() + ">");
        }
        if (facts.arrivalDate() != null) {
            field(sb, "Arrival-Date", RFC_5322.format(facts.arrivalDate()));
        }
        if (facts.sourceIp() != null) {
            field(sb, "Source-IP", facts.sourceIp());
        }
        if (facts.sendingDomain() != null) {
            field(sb, "Reported-Domain", facts.sendingDomain());
        }
        for (final String uri : facts.urls(MAX_URIS)) {
            if (isAscii(uri)) {
                field(sb, "Reported-URI", uri);
            }
        }
        return sb.toString();
    }

    private static String humanReadable(final AbuseFacts facts) {
        final StringBuilder sb = new StringBuilder();
        sb.append("Hello,\n\nA member of our staff reported the attached message as ")
                .append("fraud".equals(facts.feedbackType()) ? "phishing" : "abusive")
                .append(". It was sent from ")
                .append(domain(facts))
                .append(facts.sourceIp() == null ? "" : " through " + facts.sourceIp())
                .append(". Please take it down or stop it.\n\n");
        sb.append(SubmissionTexts.headersSummary(facts)).append('\n');
        final var urls = facts.urls(MAX_URIS);
        if (!urls.isEmpty()) {
            sb.append("URLs found in the message:\n");
            urls.forEach(u -> sb.append("  ").append(u).append('\n'));
            sb.append('\n');
        }
        sb.append("-- \nDRAFT prepared by Vigie, which never sends mail. Before sending it:\n")
                .append("- replace the sender ")
                .append(SENDER_PLACEHOLDER)
                .append(" with the SOC mailbox;\n")
                .append("- abuse@")
                .append(domain(facts))
                .append(" is guessed from the sending domain. The hosting ")
                .append("provider's abuse contact")
                .append(facts.sourceIp() == null ? "" : " (of " + facts.sourceIp() + ")")
                .append(" needs an RDAP/WHOIS lookup that Vigie does not do: replace ")
                .append(PROVIDER_PLACEHOLDER)
                .append(" (in Cc) with it, or remove it;\n")
                .append("- check the attached message for personal data of the recipient your policy does not let ")
                .append("you share (RFC 6590), and remove this block.\n");
        return sb.toString();
    }

    private static String domain(final AbuseFacts facts) {
        return facts.sendingDomain() == null ? UNKNOWN_DOMAIN : facts.sendingDomain();
    }

    private static void field(final StringBuilder sb, final String name, final String value) {
        // a header value never spans lines: whatever the mail said, CR and LF are dropped
        sb.append(name).append(": ").append(value.replaceAll("[\\r\\n]", "")).append("\r\n");
    }

    private static boolean isAscii(final String s) {
        return s.chars().allMatch(c -> c >= 0x20 && c < 0x7f);
    }

    /** {@code multipart/report} with the {@code report-type} parameter ARF requires. */
    private static final class ReportMultipart extends MimeMultipart {

        ReportMultipart() throws MessagingException {
            super("report");
            final ContentType type = new ContentType(contentType);
            type.setParameter("report-type", "feedback-report");
            contentType = type.toString();
        }
    }

    /** A Message-ID of its own, rather than one built from this machine's name, which may need a DNS lookup. */
    private static final class DraftMessage extends MimeMessage {

        private final String reportId;

        DraftMessage(final String reportId) {
            super(Session.getInstance(new Properties()));
            this.reportId = reportId;
        }

        @Override
        protected void updateMessageID() throws MessagingException {
            setHeader("Message-ID", "<arf-" + reportId + "@vigie.invalid>");
        }
    }
}
