package io.vigie.rules.report;

import io.vigie.core.model.ReportedMail;
import io.vigie.rules.alert.Alert;
import io.vigie.rules.alert.AlertLevel;
import io.vigie.rules.alert.AlertRule;
import io.vigie.rules.alert.ObservedObject;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * "Mail reported by a user": every report is an alert for the SOC to judge, with what the analysis found.
 * High when the mail carries something that runs (an executable or a macro document, a type that lies) or
 * fails authentication and hides its links; medium otherwise.
 */
final class ReportedMailDetection {

    static final AlertRule RULE = new AlertRule(
            "vigie.mail.user-report",
            "Suspicious mail reported by a user",
            "A user reported a mail as suspicious; its headers, links and attachments were analysed and its "
                    + "indicators published for the proxy retro-hunt and the quarantine campaigns.",
            AlertLevel.MEDIUM,
            List.of("email"),
            "vigie.mail",
            List.of(
                    "Judge the mail from the findings and the original (raw.reports, keyed by reporter; its id is "
                            + "the SHA-256 of the bytes).",
                    "If malicious: search the other mailboxes for it and purge them; block its sender, link domains "
                            + "and attachment hashes at the gateway and the proxy.",
                    "Look at the retro-hunt alerts: which hosts already went to its links.",
                    "If the user clicked or opened the attachment: isolate the host keeping it powered on, disable "
                            + "the account and revoke its sessions.",
                    "Thank the user; send the EML intact to the CERT."));

    private static final Set<String> SERIOUS =
            Set.of("executable attachment", "attachment type mismatch", "macro-enabled office attachment");
    private static final Set<String> AUTH_FAILED = Set.of("spf fail", "dkim fail", "dmarc fail");

    Alert alert(final ReportedMail m) {
        final boolean serious = m.findings().stream().anyMatch(SERIOUS::contains)
                || m.findings().stream().anyMatch(AUTH_FAILED::contains)
                        && m.findings().contains("link text shows another host");
        return RULE.raise(
                        m.receivedAt(),
                        m.reportId(),
                        m.receivedAt(),
                        "Mail reported by "
                                + (m.reporter() == null ? "a user" : m.reporter()) + ": \"" + m.subject() + "\" from "
                                + (m.from() == null ? "no sender" : m.from()) + " ("
                                + m.urls().size() + " link(s), "
                                + m.attachments().size() + " attachment(s)"
                                + (m.findings().isEmpty() ? "" : "; " + String.join(", ", m.findings())) + ")")
                .level(serious ? AlertLevel.HIGH : AlertLevel.MEDIUM)
                // a mail with no From (it happens in phishing) gets no email.from, not the text "null"
                .email("from", m.from() == null ? null : Map.of("address", List.of(m.from())))
                .email("subject", m.subject())
                .email("message_id", m.messageId())
                .user("email", m.reporter())
                .related(
                        "hosts",
                        m.urls().stream()
                                .map(ReportedMail.Link::host)
                                .distinct()
                                .limit(50)
                                .toList())
                .related(
                        "hash",
                        m.attachments().stream()
                                .map(ReportedMail.Attachment::sha256)
                                .distinct()
                                .toList())
                .observed("report_id", m.reportId())
                // When the mail reached the mailbox (its newest Received hop), which the report comes after: an
                // incident looks for the user's first click or download from then on. Text, so that it reads the
                // same from every serde.
                .observed("delivered", delivered(m))
                .observed("findings", m.findings())
                .observed("reply_to", m.replyTo())
                .observed("return_path", m.returnPath())
                .observed("authentication", m.authentication())
                .observed(
                        "urls",
                        m.urls().stream()
                                .limit(50)
                                .map(ReportedMailDetection::link)
                                .toList())
                .observed(
                        "attachments",
                        m.attachments().stream()
                                .map(ReportedMailDetection::attachment)
                                .toList())
                .observed(
                        "first_hop",
                        m.received().isEmpty()
                                ? null
                                : hop(m.received().get(m.received().size() - 1)))
                .build();
    }

    private static String delivered(final ReportedMail m) {
        final Instant hop = m.received().isEmpty() ? null : m.received().get(0).time();
        final Instant when = hop != null ? hop : m.date();
        return when == null ? null : when.toString();
    }

    private static Map<String, Object> link(final ReportedMail.Link link) {
        return ObservedObject.of()
                .put("url", link.url())
                .put("host", link.host())
                .put("where", link.where())
                .put("shown_as", link.shownAs())
                .fields();
    }

    private static Map<String, Object> attachment(final ReportedMail.Attachment a) {
        return ObservedObject.of()
                .put("name", a.name())
                .put("declared_type", a.declaredType())
                .put("sniffed_type", a.sniffedType())
                .put("size", a.size())
                .put("sha256", a.sha256())
                .fields();
    }

    private static Map<String, Object> hop(final ReportedMail.Hop hop) {
        return ObservedObject.of()
                .put("from_host", hop.fromHost())
                .put("from_ip", hop.fromIp())
                .put("by_host", hop.byHost())
                .put("time", hop.time())
                .fields();
    }
}
