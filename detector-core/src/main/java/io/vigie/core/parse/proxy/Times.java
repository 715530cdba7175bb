package io.vigie.core.parse.proxy;

import io.vigie.core.parse.internal.ExternalTimes;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;

/**
 * The timestamps proxy vendors write: ISO-8601 with or without zone, {@code yyyy-MM-dd HH:mm:ss}, epoch
 * seconds, milliseconds or nanoseconds (FortiProxy's {@code eventtime}), Squid's {@code seconds.millis}.
 * Times without a zone are read in the zone the operator configured for the proxy. Null when unreadable.
 */
final class Times {

    private static final DateTimeFormatter DAY_FIRST = DateTimeFormatter.ofPattern("dd/MM/uuuu HH:mm:ss",
            Locale.ROOT);
    /** Zscaler's audit and CASB feeds write ctime: {@code Mon Aug 28 08:04:30 2023}. */
    private static final List<DateTimeFormatter> LOCAL_FORMATS = List.of(ExternalTimes.LOCAL, DAY_FIRST,
            ExternalTimes.CTIME);

    private static final long MAX_SECONDS = 100_000_000_000L;
    private static final long MAX_MILLIS = MAX_SECONDS * 1000;
    private static final long MAX_MICROS = MAX_MILLIS * 1000;

    private Times() {
    }

    static Instant parse(final String text, final ZoneId zone) {
        final String t = Values.orNull(text);
        if (t == null || t.length() > 64) {
            return null;
        }
        if (Character.isDigit(t.charAt(0)) && t.chars().allMatch(c -> Character.isDigit(c) || c == '.')) {
            return epoch(t);
        }
        final Instant withOffset = ExternalTimes.withOffset(t);
        if (withOffset != null) {
            return withOffset;
        }
        return ExternalTimes.inZone(t.replaceAll(" +", " "), LOCAL_FORMATS, zone);
    }

    /** Epoch seconds (with optional fraction), milliseconds, microseconds or nanoseconds, by magnitude. */
    static Instant epoch(final String text) {
        final int dot = text.indexOf('.');
        final String whole = dot < 0 ? text : text.substring(0, dot);
        final long n = Values.toLong(whole, -1);
        if (n < 0 || dot >= 0 && text.indexOf('.', dot + 1) >= 0) {
            return null;
        }
        if (n < MAX_SECONDS) {
            long nanos = 0;
            if (dot >= 0) {
                final String frac = (text.substring(dot + 1) + "000000000").substring(0, 9);
                nanos = Values.toLong(frac, 0);
            }
            return Instant.ofEpochSecond(n, nanos);
        }
        if (n < MAX_MILLIS) {
            return Instant.ofEpochMilli(n);
        }
        if (n < MAX_MICROS) {
            return Instant.ofEpochSecond(n / 1_000_000, n % 1_000_000 * 1000);
        }
        return Instant.ofEpochSecond(n / 1_000_000_000, n % 1_000_000_000);
    }
}
