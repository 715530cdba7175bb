package io.vigie.core.parse.proxy;

import io.vigie.core.parse.internal.GuardedParser;
import java.util.Locale;

/**
 * The small conversions every proxy format shares: the line guard, {@code -} as "none", numbers without
 * {@code NumberFormatException}, content types, denied actions. One place, so the three parsers agree.
 */
final class ProxyValues {

    /** Lines longer than this many chars are refused: no proxy writes them, and they cost memory downstream. */
    static final int MAX_LINE_LENGTH = 64 * 1024;

    static final String EMPTY_LINE = GuardedParser.EMPTY_LINE;
    static final String LINE_TOO_LONG = GuardedParser.LINE_TOO_LONG;
    static final String NUL_BYTE = GuardedParser.NUL_BYTE;
    static final String TRUNCATED = "truncated";
    static final String BAD_TIMESTAMP = "bad timestamp";
    static final String BAD_STATUS = "bad status";
    static final String BAD_BYTE_COUNT = "bad byte count";
    static final String BAD_DURATION = "bad duration";

    /** Returned by {@link #digits} for anything but a non-negative decimal number. */
    static final long NOT_A_NUMBER = Long.MIN_VALUE;

    private ProxyValues() {
    }

    /**
     * Why a line is refused before any format looks at it, or null when it may be read. A NUL never appears in
     * a text log: it comes from a file preallocated and cut short by a crash, and it would corrupt the fields.
     */
    static String guard(final String line) {
        final String refused = refusal(line);
        if (refused != null) {
            return refused;
        }
        if (line.indexOf('\0') >= 0) {
            return NUL_BYTE;
        }
        return null;
    }

    /** {@link #EMPTY_LINE} or {@link #LINE_TOO_LONG}, the refusals every proxy format shares, else null. */
    static String refusal(final String line) {
        if (line == null || line.isBlank()) {
            return EMPTY_LINE;
        }
        if (line.length() > MAX_LINE_LENGTH) {
            return LINE_TOO_LONG;
        }
        return null;
    }

    /** {@code -} (and a missing value) means "none" in every format here. */
    static String dashToNull(final String value) {
        return value == null || value.isEmpty() || "-".equals(value) ? null : value;
    }

    /** At most 18 ASCII digits, else {@link #NOT_A_NUMBER}: a sign, a blank or an overflow is not a count. */
    static long digits(final String text) {
        if (text == null || text.isEmpty() || text.length() > 18) {
            return NOT_A_NUMBER;
        }
        long value = 0;
        for (int i = 0; i < text.length(); i++) {
            final char c = text.charAt(i);
            if (c < '0' || c > '9') {
                return NOT_A_NUMBER;
            }
            value = value * 10 + (c - '0');
        }
        return value;
    }

    /** An HTTP status: three digits, or 0 (Squid's "no reply", e.g. {@code TCP_MISS_ABORTED/000}); else -1. */
    static int status(final String text) {
        final long value = digits(text);
        return value == NOT_A_NUMBER || value > 999 || value != 0 && value < 100 ? -1 : (int) value;
    }

    /**
     * {@code text/html; charset=UTF-8} → {@code text/html}. ProxySG URL-encodes the space ({@code %20}), which the
     * cut at {@code ;} removes as well.
     */
    static String contentType(final String logged) {
        final String value = dashToNull(logged);
        if (value == null) {
            return null;
        }
        final int semicolon = value.indexOf(';');
        final String type = (semicolon < 0 ? value : value.substring(0, semicolon)).trim();
        return type.isEmpty() ? null : type.toLowerCase(Locale.ROOT);
    }

    /** Squid's and ProxySG's result codes for a refusal: {@code TCP_DENIED}, {@code TCP_DENIED_REPLY}, ... */
    static boolean deniedAction(final String action) {
        return action != null && action.toUpperCase(Locale.ROOT).contains("DENIED");
    }

    /** The method as logged, upper case; null for Squid's {@code -} (no request was read). */
    static String method(final String logged) {
        final String value = dashToNull(logged);
        return value == null ? null : value.toUpperCase(Locale.ROOT);
    }

    /** Days since 1970-01-01 (proleptic Gregorian); -1 when the date does not exist. */
    static long epochDay(final int year, final int month, final int day) {
        if (year < 1 || year > 9999 || month < 1 || month > 12 || day < 1 || day > lengthOfMonth(year, month)) {
            return -1;
        }
        final long y = month <= 2 ? year - 1 : year;
        final long era = Math.floorDiv(y, 400);
        final long yoe = y - era * 400;
        final long doy = (153L * (month + (month > 2 ? -3 : 9)) + 2) / 5 + day - 1;
        final long doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
        return era * 146_097 + doe - 719_468;
    }

    /** Seconds of the day for {@code hh:mm:ss} at {@code from}, or -1. */
    static int timeOfDay(final String s, final int from) {
        if (from + 8 > s.length() || s.charAt(from + 2) != ':' || s.charAt(from + 5) != ':') {
            return -1;
        }
        final int h = twoDigits(s, from);
        final int m = twoDigits(s, from + 3);
        final int sec = twoDigits(s, from + 6);
        if (h < 0 || h > 23 || m < 0 || m > 59 || sec < 0 || sec > 60) {
            return -1;
        }
        // a leap second (:60) is logged by some hosts; it is read as the next second
        return h * 3_600 + m * 60 + sec;
    }

    /** Two ASCII digits at {@code i}, or -1. */
    static int twoDigits(final String s, final int i) {
        if (i + 2 > s.length()) {
            return -1;
        }
        final char a = s.charAt(i);
        final char b = s.charAt(i + 1);
        if (a < '0' || a > '9' || b < '0' || b > '9') {
            return -1;
        }
        return (a - '0') * 10 + (b - '0');
    }

    /** Four ASCII digits at {@code i}, or -1. */
    static int fourDigits(final String s, final int i) {
        final int hi = twoDigits(s, i);
        final int lo = twoDigits(s, i + 2);
        return hi < 0 || lo < 0 ? -1 : hi * 100 + lo;
    }

    private static int lengthOfMonth(final int year, final int month) {
        return switch (month) {
            case 2 -> year % 4 == 0 && (year % 100 != 0 || year % 400 == 0) ? 29 : 28;
            case 4, 6, 9, 11 -> 30;
            default -> 31;
        };
    }
}
