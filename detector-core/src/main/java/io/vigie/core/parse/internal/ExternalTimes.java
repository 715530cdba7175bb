package io.vigie.core.parse.internal;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.temporal.ChronoField;
import java.util.List;
import java.util.Locale;

/**
 * The timestamp forms that proxy and antivirus products both write, and the two ways of reading them: with an
 * offset, or without one in a zone the caller chose. Which forms a family accepts, and how it reads epoch
 * numbers, stays with the family. Not API: it lives in {@code internal} because two parser packages need it.
 */
public final class ExternalTimes {

    /** {@code yyyy-MM-dd HH:mm:ss}, with {@code T} or a space, and an optional fraction. */
    public static final DateTimeFormatter LOCAL = new DateTimeFormatterBuilder()
            .appendPattern("uuuu-MM-dd")
            .optionalStart().appendLiteral('T').optionalEnd()
            .optionalStart().appendLiteral(' ').optionalEnd()
            .appendPattern("HH:mm:ss")
            .optionalStart().appendFraction(ChronoField.NANO_OF_SECOND, 0, 9, true).optionalEnd()
            .toFormatter(Locale.ROOT);
    /**
     * CEF's own form for {@code rt}, {@code end} and {@code start}: {@code Jan 17 2019 03:38:06}, with an optional
     * fraction ({@code .123}). The day may have one digit ({@code Jan 7 2019}): devices write both. A padded day
     * ({@code Jan  7}) must have its spaces collapsed first, as {@link #collapseSpaces} does.
     */
    public static final DateTimeFormatter CEF = new DateTimeFormatterBuilder()
            .appendPattern("MMM d uuuu HH:mm:ss")
            .optionalStart().appendFraction(ChronoField.NANO_OF_SECOND, 0, 9, true).optionalEnd()
            .toFormatter(Locale.ENGLISH);
    /** ctime: {@code Sat Nov 28 05:29:32 2026}. */
    public static final DateTimeFormatter CTIME = DateTimeFormatter.ofPattern("EEE MMM d HH:mm:ss uuuu",
            Locale.ENGLISH);

    private ExternalTimes() {
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
}
