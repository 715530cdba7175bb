package io.vigie.core.parse.proxy;

import io.vigie.core.parse.internal.GuardedParser;
import io.vigie.core.parse.text.FieldValues;
import io.vigie.core.parse.text.Numbers;
import io.vigie.core.time.LoggedTimes;
import java.time.Instant;
import java.time.ZoneId;
import java.util.Locale;
import java.util.Map;

/**
 * What proxy fields mean: the line limit and refusal reasons, the placeholders vendors write for "nothing",
 * statuses, content types, refusal words and methods. The generic readings (numbers, cursor, {@code key=value},
 * percent-escapes) are in {@code io.vigie.core.parse.text}, time arithmetic in {@code io.vigie.core.time}. Two
 * readings of a status and a content type are kept on purpose: the access-log formats (Squid, combined, W3C) are
 * strict, the vendor formats lenient, because one odd vendor field must not cost the record.
 */
final class ProxyFields {

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

    private ProxyFields() {}

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

    /** Null for the placeholders vendors write for "no value" ({@code -}, {@code None}, {@code N/A}...). */
    static String orNull(final String value) {
        if (value == null) {
            return null;
        }
        final String v = value.trim();
        if (v.isEmpty()
                || "-".equals(v)
                || "\"-\"".equals(v)
                || "None".equals(v)
                || "NA".equals(v)
                || "N/A".equals(v)
                || "null".equals(v)) {
            return null;
        }
        return v;
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

    /** A vendor's timestamp ({@link LoggedTimes#proxy}), its placeholders read as none. */
    static Instant time(final String text, final ZoneId zone) {
        return LoggedTimes.proxy(orNull(text), zone);
    }

    /** An access-log HTTP status: three digits, or 0 (Squid's "no reply", {@code TCP_MISS_ABORTED/000}); else -1. */
    static int status(final String text) {
        final long value = Numbers.digits(text);
        return value == Numbers.NOT_A_NUMBER || value > 999 || value != 0 && value < 100 ? -1 : (int) value;
    }

    /** A vendor's HTTP status, 0 when the record has none ({@code -}, {@code NA}, words). */
    static int vendorStatus(final String value) {
        final int s = Numbers.toInt(value, 0);
        return s > 999 ? 0 : s;
    }

    /**
     * An access log's {@code text/html; charset=UTF-8} → {@code text/html}. ProxySG URL-encodes the space
     * ({@code %20}), which the cut at {@code ;} removes as well.
     */
    static String contentType(final String logged) {
        final String value = FieldValues.dashToNull(logged);
        if (value == null) {
            return null;
        }
        final int semicolon = value.indexOf(';');
        final String type = (semicolon < 0 ? value : value.substring(0, semicolon)).trim();
        return type.isEmpty() ? null : type.toLowerCase(Locale.ROOT);
    }

    /** A vendor's content type: lower case, without parameters (also {@code %3B}); null for placeholders. */
    static String vendorContentType(final String value) {
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
        return a.contains("block")
                || a.contains("denied")
                || "deny".equals(a)
                || "drop".equals(a)
                || "dropped".equals(a)
                || "reject".equals(a)
                || "rejected".equals(a);
    }

    /** Squid's and ProxySG's result codes for a refusal: {@code TCP_DENIED}, {@code TCP_DENIED_REPLY}, ... */
    static boolean deniedAction(final String action) {
        return action != null && action.toUpperCase(Locale.ROOT).contains("DENIED");
    }

    /** The method as logged, upper case; null for Squid's {@code -} (no request was read). */
    static String method(final String logged) {
        final String value = FieldValues.dashToNull(logged);
        return value == null ? null : value.toUpperCase(Locale.ROOT);
    }
}
