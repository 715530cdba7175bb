package io.vigie.core.model;

import java.time.Instant;

/**
 * A refused input record, as written to the dead-letter topic: enough to find it again in the
 * source topic and to understand why it was refused.
 *
 * @param timestamp when it was refused (processing time)
 * @param source    input format, e.g. {@code postfix}
 * @param reason    why
 * @param topic     source topic
 * @param partition source partition, -1 when unknown
 * @param offset    source offset, -1 when unknown
 * @param raw       the raw record (truncated to a bounded length, see {@code truncated})
 * @param truncated true when {@code raw} was cut
 */
public record DeadLetter(
        Instant timestamp,
        String source,
        String reason,
        String topic,
        int partition,
        long offset,
        String raw,
        boolean truncated) {

    /** Raw payloads kept in a dead letter are cut beyond this many characters. */
    public static final int MAX_RAW_CHARS = 16_384;

    public static DeadLetter of(
            final Instant timestamp,
            final String source,
            final String reason,
            final String topic,
            final int partition,
            final long offset,
            final String raw) {
        if (raw != null && raw.length() > MAX_RAW_CHARS) {
            return new DeadLetter(
                    timestamp, source, reason, topic, partition, offset, raw.substring(0, MAX_RAW_CHARS), true);
        }
        return new DeadLetter(timestamp, source, reason, topic, partition, offset, raw, false);
    }
}
