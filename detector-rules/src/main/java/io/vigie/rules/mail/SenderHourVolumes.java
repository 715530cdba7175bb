package io.vigie.rules.mail;

/**
 * The organisation's distribution of outbound volumes per sender in one hour: how many senders sent 1, 2, ... messages
 * in it. It is the baseline of a sender still being learnt ({@link OutboundVolumeSpike}).
 *
 * <p>Kept up to date one message at a time: when a sender's count for an hour goes from {@code c} to {@code c + 1},
 * one sender-hour moves from the bucket of {@code c} to that of {@code c + 1}, so no hour needs closing. Buckets are exact up to {@value #EXACT} messages, then one per power of two: the percentiles a
 * rule reads (a busy sender's hour) lie in the exact part, and a burst of thousands needs no precision.
 *
 * @param buckets sender-hours per bucket (see {@link #bucketOf})
 */
record SenderHourVolumes(long[] buckets) {

    static final int EXACT = 128;
    private static final int BUCKETS = EXACT + 1 + 57;

    static SenderHourVolumes empty() {
        return new SenderHourVolumes(new long[BUCKETS]);
    }

    /** A sender's count for an hour went from {@code before} to {@code before + 1}. */
    SenderHourVolumes countedOneMore(final long before) {
        final long[] next = buckets.clone();
        if (before > 0) {
            next[bucketOf(before)]--;
        }
        next[bucketOf(before + 1)]++;
        return new SenderHourVolumes(next);
    }

    long senderHours() {
        long total = 0;
        for (final long n : buckets) {
            total += n;
        }
        return total;
    }

    static int bucketOf(final long messages) {
        if (messages <= EXACT) {
            return (int) messages;
        }
        return EXACT + (63 - Long.numberOfLeadingZeros(messages)) - 6; // 129..255 -> 129, 256..511 -> 130...
    }

    /** The smallest volume of a bucket. */
    static long lowerBound(final int bucket) {
        return bucket <= EXACT ? bucket : Math.max(EXACT + 1, 1L << (bucket - EXACT + 6));
    }

    /**
     * The volume that {@code share} of the sender-hours of these hours reach or stay under (a nearest-rank percentile),
     * or 0 when there are none.
     */
    static long percentile(final Iterable<SenderHourVolumes> hours, final double share) {
        final long[] merged = new long[BUCKETS];
        long total = 0;
        for (final SenderHourVolumes hour : hours) {
            for (int i = 0; i < BUCKETS; i++) {
                merged[i] += hour.buckets[i];
                total += hour.buckets[i];
            }
        }
        if (total == 0) {
            return 0;
        }
        final long rank = (long) Math.ceil(share * total);
        long seen = 0;
        for (int i = 0; i < BUCKETS; i++) {
            seen += merged[i];
            if (seen >= rank) {
                return lowerBound(i);
            }
        }
        return lowerBound(BUCKETS - 1);
    }
}
