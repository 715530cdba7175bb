package io.vigie.core.time;

/**
 * Calendar arithmetic on numbers read from a log line, without allocating {@code java.time} objects on the hot
 * paths (Postfix and Squid read several hundred thousand lines a second): days since the epoch, month lengths,
 * {@code hh:mm:ss}, two- and four-digit fields. The one place for it: the syslog, proxy and W3C readers use it.
 */
public final class CivilTime {

    private CivilTime() {}

    /**
     * Days since 1970-01-01 (proleptic Gregorian), as {@code LocalDate.toEpochDay} but without the object; the
     * caller has checked the date exists.
     */
    public static long epochDay(final int year, final int month, final int day) {
        final long y = month <= 2 ? year - 1 : year;
        final long era = Math.floorDiv(y, 400);
        final long yoe = y - era * 400;
        final long doy = (153L * (month + (month > 2 ? -3 : 9)) + 2) / 5 + day - 1;
        final long doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
        return era * 146_097 + doe - 719_468;
    }

    /** {@link #epochDay} of a date read from a log, -1 when the date does not exist (or the year is not 1-9999). */
    public static long epochDayIfValid(final int year, final int month, final int day) {
        if (year < 1 || year > 9999 || month < 1 || month > 12 || day < 1 || day > lengthOfMonth(year, month)) {
            return -1;
        }
        return epochDay(year, month, day);
    }

    /** Days in the month (1-12) of the year, leap years by the Gregorian rule. */
    public static int lengthOfMonth(final int year, final int month) {
        return switch (month) {
            case 2 -> year % 4 == 0 && (year % 100 != 0 || year % 400 == 0) ? 29 : 28;
            case 4, 6, 9, 11 -> 30;
            default -> 31;
        };
    }

    /** Seconds of the day for {@code hh:mm:ss} at {@code from}, or -1. */
    public static int timeOfDay(final String s, final int from) {
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

    /** Two ASCII digits at {@code i}, or -1 (also when the text ends before them). */
    public static int twoDigits(final String s, final int i) {
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
    public static int fourDigits(final String s, final int i) {
        final int hi = twoDigits(s, i);
        final int lo = twoDigits(s, i + 2);
        return hi < 0 || lo < 0 ? -1 : hi * 100 + lo;
    }
}
