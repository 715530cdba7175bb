package io.vigie.rules.mail;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Delivery delays in fixed buckets: mergeable across partitions, unlike percentiles, and a
 * percentile read from it is the upper bound of its bucket (precise enough to see congestion).
 */
final class DelayHistogram {

    /** Upper bounds in seconds; the last bucket is everything above. */
    public static final double[] BOUNDS = {
        0.5, 1, 2, 5, 10, 30, 60, 120, 300, 600, 1800, 3600, 7200, 14_400, 43_200, 86_400, 259_200, 432_000
    };

    private DelayHistogram() {}

    public static long[] empty() {
        return new long[BOUNDS.length + 1];
    }

    public static void record(final long[] buckets, final double seconds) {
        for (int i = 0; i < BOUNDS.length; i++) {
            if (seconds <= BOUNDS[i]) {
                buckets[i]++;
                return;
            }
        }
        buckets[BOUNDS.length]++;
    }

    public static long total(final long[] buckets) {
        long total = 0;
        for (final long count : buckets) {
            total += count;
        }
        return total;
    }

    /** p50, p90, p99 and max as bucket upper bounds (the last bound stands for "longer"); empty when nothing was recorded. */
    public static Map<String, Double> percentiles(final long[] buckets) {
        final long total = total(buckets);
        final Map<String, Double> result = new LinkedHashMap<>();
        if (total == 0) {
            return result;
        }
        result.put("p50", quantile(buckets, total, 0.50));
        result.put("p90", quantile(buckets, total, 0.90));
        result.put("p99", quantile(buckets, total, 0.99));
        result.put("max", quantile(buckets, total, 1.0));
        return result;
    }

    private static double quantile(final long[] buckets, final long total, final double q) {
        final long rank = Math.max(1, (long) Math.ceil(q * total));
        long seen = 0;
        for (int i = 0; i < buckets.length; i++) {
            seen += buckets[i];
            if (seen >= rank) {
                return BOUNDS[Math.min(i, BOUNDS.length - 1)];
            }
        }
        return BOUNDS[BOUNDS.length - 1];
    }
}
