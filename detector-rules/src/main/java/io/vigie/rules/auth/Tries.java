package io.vigie.rules.auth;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;

/**
 * Failed logins of one account or one address: how many, first and last (epoch ms). Also the small helpers the
 * SASL rules share to keep their state bounded: counts per minute for sliding windows, and maps capped by recency.
 *
 * @param failures failed logins
 * @param first    the first one
 * @param last     the last one
 */
public record Tries(long failures, long first, long last) {

    static final long MINUTE = 60_000L;

    static Tries at(final long time) {
        return new Tries(1, time, time);
    }

    Tries plus(final long time) {
        return new Tries(failures + 1, Math.min(first, time), Math.max(last, time));
    }

    /** Counts {@code n} at the minute of {@code time}. */
    static void addToMinute(final NavigableMap<Long, Long> byMinute, final long time, final long n) {
        byMinute.merge(Math.floorDiv(time, MINUTE) * MINUTE, n, Long::sum);
    }

    /**
     * The counts of the minutes that start within {@code (to - window, to]}: the window to the minute, the partly
     * covered minute at its start left out rather than a failure older than the window counted.
     */
    static long sumWithin(final NavigableMap<Long, Long> byMinute, final long to, final long window) {
        long sum = 0;
        for (final long count : byMinute.subMap(to - window, false, to, true).values()) {
            sum += count;
        }
        return sum;
    }

    /** Keeps at most {@code max} entries, the most recent ones. */
    static void keepLatest(final Map<String, Tries> tries, final int max) {
        if (tries.size() <= max) {
            return;
        }
        final List<Map.Entry<String, Tries>> entries = new ArrayList<>(tries.entrySet());
        entries.sort(Comparator.comparingLong(
                        (Map.Entry<String, Tries> e) -> e.getValue().last())
                .thenComparing(Map.Entry::getKey));
        for (int i = 0; i < entries.size() - max; i++) {
            tries.remove(entries.get(i).getKey());
        }
    }

    /** Up to {@code max} keys whose last try is after {@code since}, most failures first, then by name. */
    static List<String> mostTried(final Map<String, Tries> tries, final long since, final long until, final int max) {
        return tries.entrySet().stream()
                .filter(e -> e.getValue().last() > since && e.getValue().first() <= until)
                .sorted(Comparator.comparingLong(
                                (Map.Entry<String, Tries> e) -> -e.getValue().failures())
                        .thenComparing(Map.Entry::getKey))
                .limit(max)
                .map(Map.Entry::getKey)
                .toList();
    }
}
