package io.vigie.rules.incident;

import io.vigie.core.net.InternalNetworks;
import io.vigie.rules.alert.Alert;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.UnaryOperator;

/**
 * What one alert brings to an incident: its entities, the kind of evidence it is, and for a mail, when it was
 * delivered. Read from the alert as the SIEM gets it (ECS fields and {@code vigie.observed}), so that every rule,
 * today's and tomorrow's, is grouped without code of its own.
 *
 * @param entities    who and what the alert names
 * @param source      mail, proxy, antivirus, account, correlation or other
 * @param deliveredAt for a mail alert, when the mail reached the mailbox; null otherwise
 * @param reportId    the reported mail's id, for a user report
 * @param server      why a machine of the alert is a server (the antivirus rules say it), or null
 * @param vpnSession  the VPN session a compromised-account alert reports, or null
 */
record AlertEvidence(
        IncidentEntities entities,
        String source,
        Instant deliveredAt,
        String reportId,
        String server,
        VpnSessionSeen vpnSession) {

    static final String MAIL = "mail";
    static final String PROXY = "proxy";
    static final String ANTIVIRUS = "antivirus";
    static final String ACCOUNT = "account";
    static final String CORRELATION = "correlation";

    /**
     * Rules about the infrastructure, not a person's or a machine's case: DMARC figures of a domain and the mail
     * queue. They stay alerts; they open no incident.
     */
    static boolean opensNoIncident(final Alert alert) {
        final String rule = alert.ruleId();
        return rule.startsWith("vigie.dmarc.") || rule.startsWith("vigie.mail.queue.");
    }

    /**
     * @param accountOf    a mail address or a Windows logon (domain, backslash, user) to the account name; null when
     *                     the value names no account of the organisation (an external address)
     * @param internalNets the organisation's networks: only internal addresses link alerts (an external one, a C2
     *                     server, is a domain-like indicator and kept under ips too, but never a machine of ours)
     */
    static AlertEvidence of(
            final Alert alert, final UnaryOperator<String> accountOf, final InternalNetworks internalNets) {
        final String rule = alert.ruleId();
        final String source = sourceOf(rule);
        final List<String> users = new ArrayList<>();
        final List<String> addresses = new ArrayList<>();
        final List<String> hosts = new ArrayList<>();
        final List<String> ips = new ArrayList<>();
        final List<String> domains = new ArrayList<>();
        final List<String> hashes = new ArrayList<>();

        for (final String value : values(alert.user(), "name", "email")) {
            person(value, accountOf, users, addresses);
        }
        for (final String value : related(alert, "user")) {
            person(value, accountOf, users, addresses);
        }
        final Object sourceIp = alert.source() == null ? null : alert.source().get("ip");
        if (sourceIp instanceof String ip) {
            ips.add(ip.toLowerCase(Locale.ROOT));
        }
        for (final String ip : related(alert, "ip")) {
            ips.add(ip.toLowerCase(Locale.ROOT));
        }
        // related.hosts names machines in antivirus alerts and web or mail domains everywhere else.
        final List<String> named = related(alert, "hosts").stream()
                .map(h -> h.toLowerCase(Locale.ROOT))
                .toList();
        if (ANTIVIRUS.equals(source)) {
            hosts.addAll(named);
        } else {
            domains.addAll(named);
        }
        hashes.addAll(related(alert, "hash").stream()
                .map(h -> h.toLowerCase(Locale.ROOT))
                .toList());
        // The sender of a reported or look-alike mail ties the reports of one phishing wave together.
        if (MAIL.equals(source)
                && alert.email() != null
                && alert.email().get("from") instanceof Map<?, ?> from
                && from.get("address") instanceof Collection<?> senders) {
            senders.forEach(s -> addresses.add(String.valueOf(s).toLowerCase(Locale.ROOT)));
        }
        // A machine's address only links when it is ours: the spoofed or attacking sources of the internet would
        // tie unrelated cases together.
        final List<String> linkedIps =
                ips.stream().filter(internalNets::contains).toList();
        final Map<String, Object> observed =
                alert.vigie().observed() == null ? Map.of() : alert.vigie().observed();
        final Object reportId = observed.get("report_id");
        final Object server = observed.get("server");
        final VpnSessionSeen vpn = users.isEmpty() ? null : VpnSessionSeen.of(users.get(0), observed.get("session"));
        return new AlertEvidence(
                new IncidentEntities(users, addresses, hosts, linkedIps, domains, hashes),
                source,
                MAIL.equals(source) ? deliveredAt(alert, observed) : null,
                reportId instanceof String id ? id : null,
                server instanceof String why ? why : null,
                vpn);
    }

    static String sourceOf(final String rule) {
        if (rule.startsWith("vigie.av.")) {
            return ANTIVIRUS;
        }
        if (rule.startsWith("vigie.proxy.")) {
            return PROXY;
        }
        if (rule.startsWith("vigie.correlation.")) {
            return CORRELATION;
        }
        if (rule.equals("vigie.mail.user-report")
                || rule.equals("vigie.mail.quarantine-campaign")
                || rule.equals("vigie.mail.lookalike-sender")) {
            return MAIL;
        }
        if (rule.startsWith("vigie.mail.")) {
            return ACCOUNT;
        }
        return "other";
    }

    private static Instant deliveredAt(final Alert alert, final Map<String, Object> observed) {
        if (observed.get("delivered") instanceof String text) {
            try {
                return Instant.parse(text);
            } catch (final DateTimeParseException e) {
                // a Received date the mail's sender wrote badly: the alert's time stands in
                return alert.timestamp();
            }
        }
        return alert.timestamp();
    }

    private static void person(
            final String value,
            final UnaryOperator<String> accountOf,
            final List<String> users,
            final List<String> addresses) {
        final String v = value.strip().toLowerCase(Locale.ROOT);
        if (v.isEmpty()) {
            return;
        }
        if (v.indexOf('@') > 0) {
            addresses.add(v);
        }
        final String account = accountOf.apply(v);
        if (account != null) {
            users.add(account);
        }
    }

    private static List<String> values(final Map<String, Object> field, final String... names) {
        final List<String> out = new ArrayList<>();
        if (field != null) {
            for (final String name : names) {
                if (field.get(name) instanceof String s) {
                    out.add(s);
                }
            }
        }
        return out;
    }

    private static List<String> related(final Alert alert, final String kind) {
        if (alert.related() == null || alert.related().get(kind) == null) {
            return List.of();
        }
        return alert.related().get(kind).stream()
                .filter(v -> v != null && !v.isBlank())
                .toList();
    }
}
