package io.vigie.rules.incident;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * The antivirus detections on servers of the last {@link #KEPT} across every incident, newest first and bounded:
 * what the checklist's "whole fleet" step lists, so that an analyst working on a workstation's case sees that a
 * server elsewhere was hit too.
 */
record ServerDetections(List<Entry> entries) {

    static final Duration KEPT = Duration.ofDays(30);
    static final int MAX = 20;

    /** One server detection: the machine, when, and the incident it is in. */
    record Entry(String host, Instant time, String incidentId) {}

    ServerDetections {
        entries = entries == null ? List.of() : List.copyOf(entries);
    }

    static ServerDetections none() {
        return new ServerDetections(List.of());
    }

    ServerDetections with(final List<String> hosts, final Instant time, final String incidentId) {
        final List<Entry> all = new ArrayList<>(entries);
        hosts.forEach(h -> all.add(new Entry(h, time, incidentId)));
        return new ServerDetections(recent(all, time));
    }

    /** Those of the {@link #KEPT} before {@code now}, newest first, one per machine. */
    List<Entry> around(final Instant now) {
        return recent(entries, now);
    }

    private static List<Entry> recent(final List<Entry> all, final Instant now) {
        final List<Entry> sorted = new ArrayList<>(all);
        sorted.sort(Comparator.comparing(Entry::time).reversed().thenComparing(Entry::host));
        final List<Entry> kept = new ArrayList<>();
        for (final Entry e : sorted) {
            if (!e.time().isBefore(now.minus(KEPT))
                    && kept.stream().noneMatch(k -> k.host().equals(e.host()))
                    && kept.size() < MAX) {
                kept.add(e);
            }
        }
        return kept;
    }
}
