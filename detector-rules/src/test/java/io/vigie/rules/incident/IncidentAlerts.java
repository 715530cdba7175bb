package io.vigie.rules.incident;

import io.vigie.rules.alert.Alert;
import io.vigie.rules.alert.AlertLevel;
import io.vigie.rules.alert.AlertRule;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/** Alerts as the rules raise them, with only the fields incidents read: the story of one phishing case. */
final class IncidentAlerts {

    static final Instant DELIVERED = Instant.parse("2026-12-01T09:00:00Z");
    static final String LURE = "login-chu-exemple.example";

    private IncidentAlerts() {}

    /** Alice reports the mail at 10:00; it reached her mailbox at 09:00. */
    static Alert reportedMail(final String reporter, final Instant reportedAt) {
        return rule("vigie.mail.user-report", AlertLevel.HIGH)
                .raise(reportedAt, "report-" + reporter, reportedAt, "Mail reported by " + reporter)
                .email("from", Map.of("address", List.of("it-support@" + LURE)))
                .user("email", reporter)
                .related("hosts", List.of(LURE))
                .related("hash", List.of())
                .observed("report_id", "sha-" + reporter)
                .observed("delivered", DELIVERED.toString())
                .build();
    }

    /** A request of the proxy user to the lure's host. */
    static Alert click(final String proxyUser, final String clientIp, final Instant at) {
        return rule("vigie.proxy.complex-url-no-referer", AlertLevel.MEDIUM)
                .raise(at, clientIp + "|" + LURE, at, "Complex URL reached with no Referer")
                .source("ip", clientIp)
                .user("name", proxyUser)
                .related("ip", List.of(clientIp))
                .related("hosts", List.of(LURE))
                .build();
    }

    /** An antivirus detection in the user's Downloads on the workstation. */
    static Alert download(final String host, final String hostIp, final String user, final Instant at) {
        return rule("vigie.av.malware-from-internet", AlertLevel.HIGH)
                .raise(at, host + "|Trojan.Agent", at, "Trojan.Agent in C:\\Users\\alice\\Downloads\\facture.zip")
                .source("ip", hostIp)
                .user("name", user)
                .related("hosts", List.of(host))
                .related("hash", List.of("ab12cd"))
                .build();
    }

    /** A look-alike sender's mail to the user, delivered at {@code at}. */
    static Alert lookalike(final String recipient, final Instant at) {
        return rule("vigie.mail.lookalike-sender", AlertLevel.MEDIUM)
                .raise(at, LURE, at, "look-alike sender")
                .related("user", List.of(recipient))
                .related("hosts", List.of(LURE))
                .build();
    }

    /** What the compromised-account correlation says of a VPN session of the account. */
    static Alert vpnSession(final String account, final Instant start) {
        return rule("vigie.correlation.compromised-account-vpn", AlertLevel.HIGH)
                .raise(start, account, start, "VPN session of " + account)
                .source("ip", "198.51.100.23")
                .user("name", account)
                .related("ip", List.of("198.51.100.23", "10.8.0.42"))
                .observed(
                        "session",
                        Map.of(
                                "start",
                                start.toString(),
                                "source_ip",
                                "198.51.100.23",
                                "assigned_ip",
                                "10.8.0.42",
                                "gateway",
                                "vpn1"))
                .build();
    }

    /** A quarantine campaign to many recipients. */
    static Alert campaign(final List<String> recipients, final Instant at) {
        return rule("vigie.mail.quarantine-campaign", AlertLevel.HIGH)
                .raise(at, "campaign-1", at, "campaign")
                .related("user", recipients)
                .related("hosts", List.of(LURE))
                .build();
    }

    static Alert onServer(final String host, final Instant at) {
        return rule("vigie.av.detection-on-server", AlertLevel.CRITICAL)
                .raise(at, host + "|Ransom.X", at, "Ransom.X on " + host)
                .related("hosts", List.of(host))
                .observed("server", "name matches srv-*")
                .build();
    }

    static Alert spoofing(final Instant at) {
        return rule("vigie.dmarc.domain-spoofing", AlertLevel.MEDIUM)
                .raise(at, "chu-exemple.fr", at, "spoofing")
                .related("ip", List.of("203.0.113.9"))
                .build();
    }

    static Alert takeover(final String account, final Instant at) {
        return rule("vigie.mail.account-takeover", AlertLevel.HIGH)
                .raise(at, account, at, "takeover of " + account)
                .user("name", account)
                .source("ip", "198.51.100.4")
                .build();
    }

    private static AlertRule rule(final String id, final AlertLevel level) {
        return new AlertRule(id, id, "test rule", level, List.of("email"), "vigie.test", List.of());
    }
}
