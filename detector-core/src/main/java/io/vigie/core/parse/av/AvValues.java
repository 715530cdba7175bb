package io.vigie.core.parse.av;

import io.vigie.core.parse.internal.ExternalTimes;
import io.vigie.core.parse.internal.GuardedParser;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The small conversions every antivirus format shares: the line guard's limits and reasons, "none" values,
 * hashes, action words, Windows paths and the timestamps AV products write. One place, so the parsers agree.
 */
final class AvValues {

    /** Longer lines are refused: Microsoft 365 Defender records reach a few tens of KB, nothing else comes close. */
    static final int MAX_LINE_LENGTH = 256 * 1024;

    static final String EMPTY_LINE = GuardedParser.EMPTY_LINE;
    static final String LINE_TOO_LONG = GuardedParser.LINE_TOO_LONG;
    static final String NUL_BYTE = GuardedParser.NUL_BYTE;
    static final String BLANK = "blank line";
    static final String NOT_DETECTION = "not a detection";

    /** clamd and ctime: {@code Sat Nov 28 05:29:32 2026}. */
    static final DateTimeFormatter CTIME = ExternalTimes.CTIME;
    /** ESET PROTECT: {@code 07-May-2024 08:21:10}. */
    private static final DateTimeFormatter ESET = DateTimeFormatter.ofPattern("dd-MMM-uuuu HH:mm:ss",
            Locale.ENGLISH);
    /** Windows US locale: {@code 9/27/2013 2:42:26 PM}. */
    static final DateTimeFormatter US = DateTimeFormatter.ofPattern("M/d/uuuu h:mm:ss a", Locale.ENGLISH);
    private static final List<DateTimeFormatter> LOCAL_FORMATS = List.of(ExternalTimes.LOCAL, ExternalTimes.CEF, CTIME,
            ESET, US);

    private AvValues() {
    }

    /** Null for absent, blank, {@code -} and the "nothing" words consoles write ({@code NULL}, {@code n/a}). */
    static String orNull(final String value) {
        if (value == null) {
            return null;
        }
        final String v = value.strip();
        if (v.isEmpty() || "-".equals(v) || "_".equals(v) || "null".equalsIgnoreCase(v)
                || "n/a".equalsIgnoreCase(v) || "none".equalsIgnoreCase(v) || v.startsWith("%%")) {
            // "%%845" is an event-log message id that the shipper did not resolve: not a value
            return null;
        }
        return v;
    }

    static String lower(final String value) {
        final String v = orNull(value);
        return v == null ? null : v.toLowerCase(Locale.ROOT);
    }

    /** The first present value among the keys. */
    static String first(final Map<String, String> map, final String... keys) {
        for (final String key : keys) {
            final String v = orNull(map.get(key));
            if (v != null) {
                return v;
            }
        }
        return null;
    }

    /** Hex of SHA-256 length, lower case; else null. */
    static String sha256(final String value) {
        final String v = hex(value);
        return v != null && v.length() == 64 ? v : null;
    }

    /** Hex of MD5 or SHA-1 length, lower case; else null. */
    static String otherHash(final String value) {
        final String v = hex(value);
        return v != null && (v.length() == 32 || v.length() == 40) ? v : null;
    }

    private static String hex(final String value) {
        final String v = orNull(value);
        if (v == null || v.length() > 128) {
            return null;
        }
        for (int i = 0; i < v.length(); i++) {
            if (Character.digit(v.charAt(i), 16) < 0) {
                return null;
            }
        }
        return v.toLowerCase(Locale.ROOT);
    }

    /**
     * The product's action as one of Vigie's words when it clearly is one ({@code quarantined},
     * {@code removed}, {@code cleaned}, {@code blocked}, {@code allowed}, {@code none}), else the product's
     * word in lower case.
     */
    static String action(final String logged) {
        String a = lower(logged);
        if (a == null) {
            return null;
        }
        if (a.startsWith("file ")) {
            // Trend Micro: "File cleaned", "File quarantined"
            a = a.substring(5);
        }
        if (a.contains("fail")) {
            return a;
        }
        if (a.contains("quarantin") || a.startsWith("moved") || a.equals("move")) {
            return "quarantined";
        }
        if (a.contains("delet") || a.startsWith("remov") || a.equals("cleaned by deletion")) {
            return "removed";
        }
        if (a.startsWith("clean") || a.contains("disinfect") || a.contains("nettoy")) {
            return "cleaned";
        }
        if (a.contains("block") || a.contains("deny") || a.contains("denied") || a.contains("prevent")
                || a.contains("terminat")) {
            return a.contains("would") ? "none" : "blocked";
        }
        if (a.startsWith("allow") || a.equals("pass") || a.equals("continue")) {
            return "allowed";
        }
        if (a.equals("no action") || a.equals("detected") || a.equals("left alone") || a.equals("leave alone")
                || a.equals("not processed")) {
            return "none";
        }
        return a;
    }

    /** Host names are compared in lower case; the console's {@code n/a} is no host. */
    static String host(final String logged) {
        return lower(logged);
    }

    /**
     * Collapses the doubled backslashes some exports leave in Windows paths ({@code C:\\Users\\x}), keeping a
     * leading UNC {@code \\server}.
     */
    static String path(final String logged) {
        final String p = orNull(logged);
        if (p == null || !p.contains("\\\\")) {
            return p;
        }
        final boolean unc = p.startsWith("\\\\") && !p.startsWith("\\\\\\");
        String s = p;
        while (s.contains("\\\\")) {
            s = s.replace("\\\\", "\\");
        }
        return unc ? "\\" + s : s;
    }

    /**
     * The timestamps AV products write: ISO-8601 with or without offset, {@code yyyy-MM-dd HH:mm:ss}, epoch
     * seconds or milliseconds, CEF's {@link ExternalTimes#CEF} (with an optional {@code GMT+hh:mm}), ctime,
     * ESET's {@code dd-MMM-yyyy}, the US Windows form. Times without a zone are read in {@code zone}. Null
     * when unreadable.
     */
    static Instant time(final String text, final ZoneId zone) {
        final String t = orNull(text);
        if (t == null || t.length() > 64) {
            return null;
        }
        if (t.chars().allMatch(Character::isDigit)) {
            if (t.length() > 15) {
                return null;
            }
            final long n = Long.parseLong(t);
            return n < 100_000_000_000L ? Instant.ofEpochSecond(n) : Instant.ofEpochMilli(n);
        }
        final Instant withOffset = ExternalTimes.withOffset(t);
        if (withOffset != null) {
            return withOffset;
        }
        String local = ExternalTimes.collapseSpaces(t);
        ZoneId z = zone;
        final int gmt = local.indexOf(" GMT");
        if (gmt > 0) {
            final String offset = local.substring(gmt + 4).strip();
            local = local.substring(0, gmt);
            try {
                z = offset.isEmpty() ? ZoneId.of("UTC") : ZoneId.of("GMT" + offset);
            } catch (final DateTimeException e) {
                return null;
            }
        }
        return ExternalTimes.inZone(local, LOCAL_FORMATS, z);
    }

    /** The text between the first pair of single quotes, e.g. {@code 'Lodi'} in a title; else null. */
    static String quoted(final String text) {
        if (text == null) {
            return null;
        }
        final int a = text.indexOf('\'');
        final int b = a < 0 ? -1 : text.indexOf('\'', a + 1);
        return b > a + 1 ? text.substring(a + 1, b) : null;
    }
}
