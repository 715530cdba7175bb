package io.vigie.core.parse.proxy;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Map;

/**
 * Field values as vendors write them: {@code -}, {@code None} or empty for "nothing", numbers that are
 * sometimes words. Everything here is lenient by design, because one odd field must not cost the record.
 */
final class Values {

    private Values() {
    }

    /** Null for the placeholders vendors write for "no value". */
    static String orNull(final String value) {
        if (value == null) {
            return null;
        }
        final String v = value.trim();
        if (v.isEmpty() || "-".equals(v) || "\"-\"".equals(v) || "None".equals(v) || "NA".equals(v)
                || "N/A".equals(v) || "null".equals(v)) {
            return null;
        }
        return v;
    }

    /** A non-negative decimal integer, or {@code fallback} (also when it does not fit in a long). */
    static long toLong(final String value, final long fallback) {
        final String v = orNull(value);
        if (v == null || v.length() > 19) {
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

    static int toInt(final String value, final int fallback) {
        final long l = toLong(value, fallback);
        return l > Integer.MAX_VALUE ? fallback : (int) l;
    }

    /** A TCP port, -1 when not a number in range. */
    static int port(final String value) {
        final int p = toInt(value, -1);
        return p > 65_535 ? -1 : p;
    }

    /** An HTTP status, 0 when the record has none ({@code -}, {@code NA}, words). */
    static int status(final String value) {
        final int s = toInt(value, 0);
        return s > 999 ? 0 : s;
    }

    /** Lower case, without parameters ({@code text/html; charset=UTF-8}); null for placeholders. */
    static String contentType(final String value) {
        String v = orNull(value);
        if (v == null) {
            return null;
        }
        final int semi = v.indexOf(';');
        final int encodedSemi = v.indexOf("%3B") >= 0 ? v.indexOf("%3B") : v.indexOf("%3b");
        int end = semi < 0 ? v.length() : semi;
        if (encodedSemi >= 0 && encodedSemi < end) {
            end = encodedSemi;
        }
        v = v.substring(0, end).trim().toLowerCase(Locale.ROOT);
        return v.isEmpty() || "other".equals(v) ? null : v;
    }

    /**
     * The Referer as {@link io.vigie.core.model.ProxyEvent} wants it for formats that do log one: empty when
     * the request had none.
     */
    static String referer(final String value) {
        final String v = orNull(value);
        return v == null ? "" : v;
    }

    /** Whether a vendor's action or verdict word means the request was refused by policy. */
    static boolean meansBlocked(final String action) {
        if (action == null) {
            return false;
        }
        final String a = action.toLowerCase(Locale.ROOT);
        return a.contains("block") || a.contains("denied") || "deny".equals(a) || "drop".equals(a)
                || "dropped".equals(a) || "reject".equals(a) || "rejected".equals(a);
    }

    /** The first of {@code keys} (lower case) that has a value other than a placeholder, else null. */
    static String first(final Map<String, String> fields, final String... keys) {
        for (final String key : keys) {
            final String v = orNull(fields.get(key));
            if (v != null) {
                return v;
            }
        }
        return null;
    }

    /**
     * Decodes {@code %XX} escapes (Zscaler and Blue Coat URL-encode user agents and group names); {@code +}
     * stays a plus, and a malformed escape is kept as written.
     */
    static String percentDecode(final String value) {
        if (value == null || value.indexOf('%') < 0) {
            return value;
        }
        final ByteArrayOutputStream out = new ByteArrayOutputStream(value.length());
        final byte[] bytes = value.getBytes(StandardCharsets.UTF_8);
        for (int i = 0; i < bytes.length; i++) {
            final int hi = i + 2 < bytes.length ? Character.digit(bytes[i + 1], 16) : -1;
            final int lo = i + 2 < bytes.length ? Character.digit(bytes[i + 2], 16) : -1;
            if (bytes[i] == '%' && hi >= 0 && lo >= 0) {
                out.write(hi * 16 + lo);
                i += 2;
            } else {
                out.write(bytes[i]);
            }
        }
        return out.toString(StandardCharsets.UTF_8);
    }
}
