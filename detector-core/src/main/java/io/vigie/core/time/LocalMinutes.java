package io.vigie.core.time;

import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.Objects;

/**
 * Local wall-clock minutes of one zone as epoch seconds, the last conversion cached: consecutive log lines share
 * their minute, and zone rules are not free at several hundred thousand lines a second. Thread-safe: the cache is
 * one immutable value, replaced whole.
 */
public final class LocalMinutes {

    private final ZoneId zone;
    private volatile Cached last;

    /** @param zone the zone the wall-clock times are written in */
    public LocalMinutes(final ZoneId zone) {
        this.zone = Objects.requireNonNull(zone, "zone");
    }

    /** The epoch second at which the zone's clocks showed this minute (the earlier one in a DST overlap). */
    public long epochSecond(final int year, final int month, final int day, final int hour, final int minute) {
        final long key = ((((long) year * 16 + month) * 32 + day) * 24 + hour) * 60 + minute;
        final Cached cached = last;
        if (cached != null && cached.key == key) {
            return cached.epochSecond;
        }
        final long epochSecond =
                LocalDateTime.of(year, month, day, hour, minute).atZone(zone).toEpochSecond();
        last = new Cached(key, epochSecond);
        return epochSecond;
    }

    private record Cached(long key, long epochSecond) {}
}
