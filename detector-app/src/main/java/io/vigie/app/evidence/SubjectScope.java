package io.vigie.app.evidence;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Collection;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;

/**
 * The users, hosts, IP addresses, alerts and reported mails the evidence is about: what the subject names, grown by
 * what the incident lists. Matching is lenient about case and about how an account is written: {@code alice},
 * {@code ALICE}, {@code HOPITAL\alice} and {@code alice@hopital.fr} are one user (the local part of an address
 * matches a bare account name); {@code pc-42} and {@code pc-42.hopital.local} are one host. Not thread-safe.
 */
final class SubjectScope {

    private static final int MAX_ENTRIES = 10_000;

    private final Set<String> users = new TreeSet<>();
    private final Set<String> hosts = new TreeSet<>();
    private final Set<String> ips = new TreeSet<>();
    private final Set<String> alertIds = new TreeSet<>();
    private final Set<String> reportIds = new TreeSet<>();

    static SubjectScope of(final EvidenceSubject subject) {
        final SubjectScope scope = new SubjectScope();
        switch (subject.kind()) {
            case USER -> scope.addUser(subject.value());
            case HOST -> scope.addHost(subject.value());
            case INCIDENT -> {}
        }
        return scope;
    }

    void addUser(final String user) {
        add(users, normaliseUser(user));
    }

    /** A host name or an IP literal, each to its set. */
    void addHost(final String host) {
        final String h = normaliseHost(host);
        if (h != null && looksLikeIp(h)) {
            add(ips, h);
        } else {
            add(hosts, h);
        }
    }

    void addAlertId(final String id) {
        add(alertIds, id);
    }

    void addReportId(final String id) {
        if (id != null && id.matches("[0-9a-fA-F]{64}")) {
            add(reportIds, id.toLowerCase(Locale.ROOT));
        }
    }

    /**
     * The incident's {@code entities} (users and mail addresses, hosts, IPs), its alerts (those of its
     * {@code timeline} and {@code first_sign}, and an {@code alerts} list of ids if it has one) and its
     * {@code report_ids}, as {@code docs/incidents.md} describes them.
     */
    void addIncident(final JsonNode incident) {
        final JsonNode entities = incident.path("entities");
        entities.path("users").forEach(n -> addUser(n.asText(null)));
        entities.path("addresses").forEach(n -> addUser(n.asText(null)));
        entities.path("hosts").forEach(n -> addHost(n.asText(null)));
        entities.path("ips").forEach(n -> addHost(n.asText(null)));
        incident.path("alerts").forEach(n -> addAlertId(n.asText(null)));
        incident.path("timeline").forEach(n -> addAlertId(n.path("alert_id").asText(null)));
        addAlertId(incident.path("first_sign").path("alert_id").asText(null));
        incident.path("report_ids").forEach(n -> addReportId(n.asText(null)));
    }

    boolean matchesUser(final String value) {
        final String v = normaliseUser(value);
        if (v == null) {
            return false;
        }
        final String local = localPart(v);
        for (final String u : users) {
            if (u.equals(v)
                    || u.indexOf('@') < 0 && u.equals(local)
                    || v.indexOf('@') < 0 && localPart(u).equals(v)) {
                return true;
            }
        }
        return false;
    }

    /** A host name or address, against both the hosts and the IPs of the subject. */
    boolean matchesHost(final String value) {
        final String v = normaliseHost(value);
        if (v == null) {
            return false;
        }
        if (ips.contains(v)) {
            return true;
        }
        for (final String h : hosts) {
            if (h.equals(v) || v.startsWith(h + ".") || h.startsWith(v + ".")) {
                return true;
            }
        }
        return false;
    }

    boolean matchesAnyUser(final Collection<String> values) {
        return values.stream().anyMatch(this::matchesUser);
    }

    boolean matchesAnyHost(final Collection<String> values) {
        return values.stream().anyMatch(this::matchesHost);
    }

    boolean hasAlert(final String id) {
        return id != null && alertIds.contains(id);
    }

    boolean hasReport(final String id) {
        return id != null && reportIds.contains(id.toLowerCase(Locale.ROOT));
    }

    Set<String> users() {
        return Set.copyOf(users);
    }

    Set<String> hosts() {
        return Set.copyOf(hosts);
    }

    Set<String> ips() {
        return Set.copyOf(ips);
    }

    Set<String> reportIds() {
        return Set.copyOf(reportIds);
    }

    boolean isEmpty() {
        return users.isEmpty() && hosts.isEmpty() && ips.isEmpty() && alertIds.isEmpty() && reportIds.isEmpty();
    }

    private static void add(final Set<String> set, final String value) {
        if (value != null && !value.isBlank() && set.size() < MAX_ENTRIES) {
            set.add(value);
        }
    }

    static String normaliseUser(final String user) {
        if (user == null || user.isBlank() || "-".equals(user.strip())) {
            return null;
        }
        String u = user.strip().toLowerCase(Locale.ROOT);
        final int backslash = u.lastIndexOf('\\');
        if (backslash >= 0) {
            u = u.substring(backslash + 1);
        }
        return u.isEmpty() ? null : u;
    }

    private static String normaliseHost(final String host) {
        if (host == null || host.isBlank() || "-".equals(host.strip())) {
            return null;
        }
        String h = host.strip().toLowerCase(Locale.ROOT);
        if (h.startsWith("[") && h.endsWith("]")) {
            h = h.substring(1, h.length() - 1);
        }
        return h.endsWith(".") ? h.substring(0, h.length() - 1) : h;
    }

    private static String localPart(final String user) {
        final int at = user.indexOf('@');
        return at < 0 ? user : user.substring(0, at);
    }

    private static boolean looksLikeIp(final String h) {
        return h.indexOf(':') >= 0 || h.matches("[0-9]{1,3}(\\.[0-9]{1,3}){3}");
    }
}
