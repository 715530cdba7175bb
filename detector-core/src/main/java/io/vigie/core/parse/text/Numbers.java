package io.vigie.core.parse.text;

/**
 * Numbers as logs write them, read without {@code NumberFormatException}: a strict reading for fields that must be
 * a count ({@link #digits}), and a lenient one for vendor fields that are sometimes words or placeholders
 * ({@link #toLong}, {@link #toInt}, {@link #port}).
 */
public final class Numbers {

    /** Returned by {@link #digits} for anything but a non-negative decimal number. */
    public static final long NOT_A_NUMBER = Long.MIN_VALUE;

    private Numbers() {}

    /** At most 18 ASCII digits, else {@link #NOT_A_NUMBER}: a sign, a blank or an overflow is not a count. */
    public static long digits(final String text) {
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

    /**
     * A non-negative decimal integer, surrounding blanks ignored, or {@code fallback} (also for a placeholder such
     * as {@code -} or {@code None}, and when it does not fit in a long).
     */
    public static long toLong(final String value, final long fallback) {
        if (value == null) {
            return fallback;
        }
        final String v = value.trim();
        if (v.isEmpty() || v.length() > 19) {
            return fallback;
        }
        for (int i = 0; i < v.length(); i++) {
            if (v.charAt(i) < '0' || v.charAt(i) > '9') {
                return fallback;
            }
        }
        // 19 digits may overflow: the only case where parsing can fail after the check above
        return v.length() < 19 || v.compareTo(String.valueOf(Long.MAX_VALUE)) <= 0 ? Long.parseLong(v) : fallback;
    }

    /** As {@link #toLong}, {@code fallback} also above {@link Integer#MAX_VALUE}. */
    public static int toInt(final String value, final int fallback) {
        final long l = toLong(value, fallback);
        return l > Integer.MAX_VALUE ? fallback : (int) l;
    }

    /** A TCP port, -1 when not a number in range. */
    public static int port(final String value) {
        final int p = toInt(value, -1);
        return p > 65_535 ? -1 : p;
    }
}
