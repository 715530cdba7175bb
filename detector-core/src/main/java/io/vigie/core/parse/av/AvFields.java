package io.vigie.core.parse.av;

import io.vigie.core.parse.internal.GuardedParser;
import io.vigie.core.time.LoggedTimes;
import java.time.Instant;
import java.time.ZoneId;
import java.util.Locale;
import java.util.Map;

/**
 * What antivirus fields mean: the line limit and reasons, the words consoles write for "nothing", action words,
 * host names and Windows paths. The generic readings (hashes, quoted names, numbers) are in
 * {@code io.vigie.core.parse.text}, the timestamp forms in {@code io.vigie.core.time.LoggedTimes}.
 */
final class AvFields {

    /** Longer lines are refused: Microsoft 365 Defender records reach a few tens of KB, nothing else comes close. */
    static final int MAX_LINE_LENGTH = 256 * 1024;

    static final String EMPTY_LINE = GuardedParser.EMPTY_LINE;
    static final String LINE_TOO_LONG = GuardedParser.LINE_TOO_LONG;
    static final String NUL_BYTE = GuardedParser.NUL_BYTE;
    static final String BLANK = "blank line";
    static final String NOT_DETECTION = "not a detection";

    private AvFields() {}

    /** Null for absent, blank, {@code -} and the "nothing" words consoles write ({@code NULL}, {@code n/a}). */
    static String orNull(final String value) {
        if (value == null) {
            return null;
        }
        final String v = value.strip();
        if (v.isEmpty()
                || "-".equals(v)
                || "_".equals(v)
                || "null".equalsIgnoreCase(v)
                || "n/a".equalsIgnoreCase(v)
                || "none".equalsIgnoreCase(v)
                || v.startsWith("%%")) {
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
        if (a.contains("block")
                || a.contains("deny")
                || a.contains("denied")
                || a.contains("prevent")
                || a.contains("terminat")) {
            return a.contains("would") ? "none" : "blocked";
        }
        if (a.startsWith("allow") || a.equals("pass") || a.equals("continue")) {
            return "allowed";
        }
        if (a.equals("no action")
                || a.equals("detected")
                || a.equals("left alone")
                || a.equals("leave alone")
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

    /** A console's timestamp ({@link LoggedTimes#antivirus}), its placeholders read as none. */
    static Instant time(final String text, final ZoneId zone) {
        return LoggedTimes.antivirus(orNull(text), zone);
    }
}
