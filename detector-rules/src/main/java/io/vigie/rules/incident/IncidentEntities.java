package io.vigie.rules.incident;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Who and what an incident is about, each list in the order first seen and bounded: an alert about a campaign to
 * thousands of recipients must not make one record grow past what a topic takes.
 *
 * @param users     accounts (normalised: {@code alice}, not {@code CHU\alice} or {@code alice@chu-exemple.fr})
 * @param addresses mail addresses: recipients, reporters, senders of the mails in the incident
 * @param hosts     machine names (antivirus)
 * @param ips       addresses of machines: proxy clients, antivirus hosts, login sources
 * @param domains   domains and URL hosts: the lure's links, look-alike domains, contacted destinations
 * @param hashes    file hashes
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record IncidentEntities(
        List<String> users,
        List<String> addresses,
        List<String> hosts,
        List<String> ips,
        List<String> domains,
        List<String> hashes) {

    /** The most values an incident lists of each kind. */
    static final int MAX_PER_KIND = 200;

    public IncidentEntities {
        users = copy(users);
        addresses = copy(addresses);
        hosts = copy(hosts);
        ips = copy(ips);
        domains = copy(domains);
        hashes = copy(hashes);
    }

    static IncidentEntities none() {
        return new IncidentEntities(List.of(), List.of(), List.of(), List.of(), List.of(), List.of());
    }

    IncidentEntities plus(final IncidentEntities o) {
        return new IncidentEntities(
                union(users, o.users),
                union(addresses, o.addresses),
                union(hosts, o.hosts),
                union(ips, o.ips),
                union(domains, o.domains),
                union(hashes, o.hashes));
    }

    /** The keys an incident is found by: one per entity, prefixed by its kind. */
    List<String> tokens() {
        final List<String> tokens = new ArrayList<>();
        users.forEach(u -> tokens.add("user:" + u));
        addresses.forEach(a -> tokens.add("address:" + a));
        hosts.forEach(h -> tokens.add("host:" + h));
        ips.forEach(i -> tokens.add("ip:" + i));
        domains.forEach(d -> tokens.add("domain:" + d));
        hashes.forEach(h -> tokens.add("hash:" + h));
        return tokens;
    }

    private static List<String> union(final List<String> a, final List<String> b) {
        final Set<String> all = new LinkedHashSet<>(a);
        all.addAll(b);
        return List.copyOf(all);
    }

    private static List<String> copy(final List<String> values) {
        if (values == null) {
            return List.of();
        }
        final Set<String> distinct = new LinkedHashSet<>();
        for (final String v : values) {
            if (v != null && !v.isBlank() && distinct.size() < MAX_PER_KIND) {
                distinct.add(v);
            }
        }
        return List.copyOf(distinct);
    }
}
