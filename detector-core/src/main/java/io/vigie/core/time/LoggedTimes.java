package io.vigie.core.time;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoField;
import java.util.List;
import java.util.Locale;

/**
 * The timestamps security products write, and the ways of reading them: with an offset, without one in a zone the
 * caller chose, or as an epoch number whose unit its magnitude tells. The forms each family accepts are named here
 * ({@link #proxy}, {@link #antivirus}) so that every time rule of the parsers is in this package; the caller has
 * already turned its products' placeholders ({@code -}, {@code None}) into null. Null when unreadable.
 */
public final class LoggedTimes {

    /** {@code yyyy-MM-dd HH:mm:ss}, with {@code T} or a space, and an optional fraction. */
    public static final DateTimeFormatter LOCAL = new DateTimeFormatterBuilder()
            .appendPattern("uuuu-MM-dd")
            .optionalStart()
            .appendLiteral('T')
            .optionalEnd()
            .optionalStart()
            .appendLiteral(' ')
            .optionalEnd()
            .appendPattern("HH:mm:ss")
            .optionalStart()
            .appendFraction(ChronoField.NANO_OF_SECOND, 0, 9, true)
            .optionalEnd()
            .toFormatter(Locale.ROOT);
    /**
     * CEF's own form for {@code rt}, {@code end} and {@code start}: {@code Jan 17 2019 03:38:06}, with an optional
     * fraction ({@code .123}). The day may have one digit ({@code Jan 7 2019}): devices write both. A padded day
     * ({@code Jan  7}) must have its spaces collapsed first, as {@link #collapseSpaces} does.
     */
    public static final DateTimeFormatter CEF = new DateTimeFormatterBuilder()
            .appendPattern("MMM d uuuu HH:mm:ss")
            .optionalStart()
            .appendFraction(ChronoField.NANO_OF_SECOND, 0, 9, true)
            .optionalEnd()
            .toFormatter(Locale.ENGLISH);
    /** ctime: {@code Sat Nov 28 05:29:32 2026}. */
    public static final DateTimeFormatter CTIME =
            DateTimeFormatter.ofPattern("EEE MMM d HH:mm:ss uuuu", Locale.ENGLISH);

    /** ESET PROTECT: {@code 07-May-2024 08:21:10}. */
    private static final DateTimeFormatter ESET = DateTimeFormatter.ofPattern("dd-MMM-uuuu HH:mm:ss", Locale.ENGLISH);
    /** Windows US locale: {@code 9/27/2013 2:42:26 PM}. */
    public static final DateTimeFormatter US = DateTimeFormatter.ofPattern("M/d/uuuu h:mm:ss a", Locale.ENGLISH);

    private static final DateTimeFormatter DAY_FIRST = DateTimeFormatter.ofPattern("dd/MM/uuuu HH:mm:ss", Locale.ROOT);

    /** Zscaler's audit and CASB feeds write ctime: {@code Mon Aug 28 08:04:30 2023}. */
    private static final List<DateTimeFormatter> PROXY_LOCAL_FORMATS = List.of(LOCAL, DAY_FIRST, CTIME);

    private static final List<DateTimeFormatter> ANTIVIRUS_LOCAL_FORMATS = List.of(LOCAL, CEF, CTIME, ESET, US);

    /** Epoch numbers below this are seconds (up to the year 5138). */
    private static final long MAX_SECONDS = 100_000_000_000L;

    private static final long MAX_MILLIS = MAX_SECONDS * 1000;
    private static final long MAX_MICROS = MAX_MILLIS * 1000;

    private LoggedTimes() {}

    /**
     * The timestamps proxy vendors write: ISO-8601 with or without zone, {@code yyyy-MM-dd HH:mm:ss},
     * {@code dd/MM/yyyy HH:mm:ss}, ctime, epoch seconds, milliseconds or nanoseconds (FortiProxy's
     * {@code eventtime}), Squid's {@code seconds.millis}. Times without a zone are read in {@code zone}.
     *
     * @param text the field, stripped of the vendor's placeholders (null for none)
     */
    public static Instant proxy(final String text, final ZoneId zone) {
        if (text == null || text.length() > 64) {
            return null;
        }
        if (Character.isDigit(text.charAt(0)) && text.chars().allMatch(c -> Character.isDigit(c) || c == '.')) {
            return epochByMagnitude(text);
        }
        final Instant withOffset = withOffset(text);
        if (withOffset != null) {
            return withOffset;
        }
        return inZone(text.replaceAll(" +", " "), PROXY_LOCAL_FORMATS, zone);
    }

    /**
     * The timestamps AV products write: ISO-8601 with or without offset, {@code yyyy-MM-dd HH:mm:ss}, epoch
     * seconds or milliseconds, CEF's {@link #CEF} (with an optional {@code GMT+hh:mm}), ctime, ESET's
     * {@code dd-MMM-yyyy}, the US Windows form. Times without a zone are read in {@code zone}.
     *
     * @param text the field, stripped of the console's placeholders (null for none)
     */
    public static Instant antivirus(final String text, final ZoneId zone) {
        if (text == null || text.length() > 64) {
            return null;
        }
        if (text.chars().allMatch(Character::isDigit)) {
            if (text.length() > 15) {
                return null;
            }
            final long n = Long.parseLong(text);
            return n < MAX_SECONDS ? Instant.ofEpochSecond(n) : Instant.ofEpochMilli(n);
        }
        final Instant offset = withOffset(text);
        if (offset != null) {
            return offset;
        }
        String local = collapseSpaces(text);
        ZoneId z = zone;
        final int gmt = local.indexOf(" GMT");
        if (gmt > 0) {
            final String suffix = local.substring(gmt + 4).strip();
            local = local.substring(0, gmt);
            try {
                z = suffix.isEmpty() ? ZoneId.of("UTC") : ZoneId.of("GMT" + suffix);
            } catch (final DateTimeException e) {
                return null;
            }
        }
        return inZone(local, ANTIVIRUS_LOCAL_FORMATS, z);
    }

    /**
     * A traditional syslog timestamp ({@code Nov 28 08:12:44}, day possibly space-padded) as ClamAV's syslog lines
     * carry it, in {@code zone}: the clock's year, or the year before when that puts the time more than a day
     * ahead of now (a December line read in January). This is coarser than {@link SyslogYearResolver}, which
     * compares dates and also moves a January 1st line read on December 31st to the next year; the antivirus
     * parser keeps its rule so that its readings do not change. Null when the text is not such a timestamp.
     */
    public static Instant syslogWithoutYear(final String text, final Clock clock, final ZoneId zone) {
        try {
            final LocalDateTime now = LocalDateTime.now(clock.withZone(zone));
            final DateTimeFormatter f = new DateTimeFormatterBuilder()
                    .appendPattern("MMM d HH:mm:ss")
                    .parseDefaulting(ChronoField.YEAR, now.getYear())
                    .toFormatter(Locale.ENGLISH);
            LocalDateTime t = LocalDateTime.parse(text.replaceAll(" +", " "), f);
            if (t.isAfter(now.plusDays(1))) {
                t = t.minusYears(1);
            }
            return t.atZone(zone).toInstant();
        } catch (final DateTimeException e) {
            return null;
        }
    }

    /** Epoch seconds (with optional fraction), milliseconds, microseconds or nanoseconds, by magnitude. */
    public static Instant epochByMagnitude(final String text) {
        final int dot = text.indexOf('.');
        final String whole = dot < 0 ? text : text.substring(0, dot);
        final long n = nonNegative(whole, -1);
        if (n < 0 || dot >= 0 && text.indexOf('.', dot + 1) >= 0) {
            return null;
        }
        if (n < MAX_SECONDS) {
            long nanos = 0;
            if (dot >= 0) {
                final String frac = (text.substring(dot + 1) + "000000000").substring(0, 9);
                nanos = nonNegative(frac, 0);
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

    /**
     * A positive epoch number of seconds (with a fraction) or, from {@link #MAX_SECONDS} on, milliseconds; null
     * when zero, negative or beyond milliseconds.
     */
    public static Instant epochSecondsOrMillis(final BigDecimal value) {
        if (value.signum() <= 0 || value.compareTo(BigDecimal.valueOf(MAX_MILLIS)) >= 0) {
            return null;
        }
        if (value.compareTo(BigDecimal.valueOf(MAX_SECONDS)) >= 0) {
            return Instant.ofEpochMilli(value.longValue());
        }
        final long seconds = value.longValue();
        final long nanos =
                value.subtract(BigDecimal.valueOf(seconds)).movePointRight(9).longValue();
        return Instant.ofEpochSecond(seconds, nanos);
    }

    /**
     * The times mail filters and quarantine exports write: an epoch number ({@link #epochSecondsOrMillis(double)}),
     * ISO-8601 with an offset, or with an offset without its colon (Proofpoint's {@code -0700}); null otherwise.
     */
    public static Instant mailFilter(final String text) {
        if (text == null || text.isBlank()) {
            return null;
        }
        final String t = text.strip();
        try {
            return epochSecondsOrMillis(Double.parseDouble(t));
        } catch (final NumberFormatException e) {
            // not a number: try a date
        }
        try {
            return OffsetDateTime.parse(t).toInstant();
        } catch (final DateTimeParseException e) {
            // Proofpoint writes -0700 without the colon
        }
        if (t.length() > 5) {
            final char sign = t.charAt(t.length() - 5);
            if ((sign == '+' || sign == '-') && t.charAt(t.length() - 3) != ':') {
                try {
                    return OffsetDateTime.parse(t.substring(0, t.length() - 2) + ":" + t.substring(t.length() - 2))
                            .toInstant();
                } catch (final DateTimeParseException e) {
                    return null;
                }
            }
        }
        return null;
    }

    /**
     * Epoch seconds, or milliseconds when the number is too large to be seconds (above 1e11); null when not
     * positive, not a number or above 1e14.
     */
    public static Instant epochSecondsOrMillis(final double value) {
        if (Double.isNaN(value) || value <= 0 || value > 1e14) {
            return null;
        }
        if (value > 1e11) {
            return Instant.ofEpochMilli((long) value);
        }
        final long seconds = (long) value;
        return Instant.ofEpochSecond(seconds, (long) ((value - seconds) * 1e9));
    }

    /**
     * Squid's {@code seconds.fraction} (exactly one dot, at most 11 digits of seconds: the year 5138, and 9 of
     * fraction); null otherwise.
     */
    public static Instant epochSecondsWithFraction(final String text) {
        final int dot = text.indexOf('.');
        if (dot <= 0 || dot == text.length() - 1) {
            return null;
        }
        final long seconds = digits(text.substring(0, dot));
        final String fraction = text.substring(dot + 1);
        final long fractionValue = digits(fraction);
        if (seconds < 0 || dot > 11 || fractionValue < 0 || fraction.length() > 9) {
            return null;
        }
        long nanos = fractionValue;
        for (int i = fraction.length(); i < 9; i++) {
            nanos *= 10;
        }
        return Instant.ofEpochSecond(seconds, nanos);
    }

    /** ISO-8601 with an offset, a space allowed for the {@code T}; null when the text is not that. */
    public static Instant withOffset(final String text) {
        try {
            return OffsetDateTime.parse(text.replace(' ', 'T')).toInstant();
        } catch (final DateTimeException e) {
            return null;
        }
    }

    /** Runs of spaces as one: syslog-style dates pad a one-digit day ({@code Jan  7}). */
    public static String collapseSpaces(final String text) {
        return text.strip().replaceAll(" +", " ");
    }

    /** The text read with the first of the zone-less formats that fits, in {@code zone}; null when none does. */
    public static Instant inZone(final String text, final List<DateTimeFormatter> formats, final ZoneId zone) {
        for (final DateTimeFormatter f : formats) {
            try {
                return LocalDateTime.parse(text, f).atZone(zone).toInstant();
            } catch (final DateTimeException e) {
                // next format
            }
        }
        return null;
    }

    /** A non-negative decimal number of at most 19 digits that fits a long, else {@code fallback}. */
    private static long nonNegative(final String text, final long fallback) {
        final String v = text.trim();
        if (v.isEmpty() || v.length() > 19 || !v.chars().allMatch(c -> c >= '0' && c <= '9')) {
            return fallback;
        }
        return v.length() < 19 || v.compareTo(String.valueOf(Long.MAX_VALUE)) <= 0 ? Long.parseLong(v) : fallback;
    }

    /** At most 18 ASCII digits, else -1. */
    private static long digits(final String text) {
        if (text.isEmpty() || text.length() > 18 || !text.chars().allMatch(c -> c >= '0' && c <= '9')) {
            return -1;
        }
        return Long.parseLong(text);
    }
}
