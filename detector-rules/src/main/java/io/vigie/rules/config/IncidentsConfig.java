package io.vigie.rules.config;

import java.time.Duration;
import java.util.List;

/**
 * How alerts are grouped into incidents.
 *
 * @param sessionGap     an alert joins an open incident that shares an entity with it (user, host, address, file
 *                       hash, lure domain) and had an alert less than this long before (event time); after a quiet
 *                       gap the next alert opens a new incident
 * @param adminAccounts  account names (globs: {@code *}, {@code ?}) of administrators: an incident that involves one
 *                       is critical, as the sheet says to phone the CERT at once
 * @param maxTimeline    the timeline entries an incident keeps; past it, later alerts are counted, not listed
 * @param retention      an incident untouched for this long is forgotten (a tombstone on the compacted topic)
 */
public record IncidentsConfig(Duration sessionGap, List<String> adminAccounts, int maxTimeline, Duration retention) {

    public IncidentsConfig {
        adminAccounts = List.copyOf(adminAccounts);
        if (sessionGap.compareTo(Duration.ofMinutes(1)) < 0 || retention.compareTo(sessionGap) < 0) {
            throw new IllegalArgumentException("incidents: the session gap must be at least a minute and the "
                    + "retention at least the session gap");
        }
        if (maxTimeline < 10) {
            throw new IllegalArgumentException("incidents: max-timeline must be at least 10");
        }
    }

    public static IncidentsConfig defaults() {
        return new IncidentsConfig(
                Duration.ofHours(24),
                List.of("administrator", "admin", "admin-*", "adm-*", "*-adm", "*-admin", "da-*"),
                200,
                Duration.ofDays(90));
    }
}
