package io.vigie.core.parse.text;

import io.vigie.core.net.IpAddresses;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * Field values every log family reads the same way: {@code -} for "none", addresses, hashes, percent-escapes,
 * single-quoted names. What a family's products write for "nothing" beyond {@code -} stays with the family (its
 * {@code *Fields} class), because the words differ (a proxy's {@code None}, a console's {@code %%845}).
 */
public final class FieldValues {

    private FieldValues() {}

    /** {@code -} (and a missing value) means "none" in every access-log format. */
    public static String dashToNull(final String value) {
        return value == null || value.isEmpty() || "-".equals(value) ? null : value;
    }

    /** The address in its canonical text ({@link IpAddresses#canonical}), null when it is not an address. */
    public static String ip(final String logged) {
        return logged == null ? null : IpAddresses.canonical(logged.strip());
    }

    /**
     * {@code ip:port} as OpenVPN writes a peer (IPv6 without brackets: the port is after the last colon); the
     * canonical address, or null when the text is not that.
     */
    public static String ipOfPeer(final String peer) {
        final int colon = peer.lastIndexOf(':');
        if (colon <= 0 || colon == peer.length() - 1) {
            return null;
        }
        for (int i = colon + 1; i < peer.length(); i++) {
            if (peer.charAt(i) < '0' || peer.charAt(i) > '9' || i - colon > 5) {
                return null;
            }
        }
        return ip(peer.substring(0, colon));
    }

    /** Hex of SHA-256 length, lower case; else null (placeholders included). */
    public static String sha256(final String value) {
        final String v = hex(value);
        return v != null && v.length() == 64 ? v : null;
    }

    /** Hex of MD5 or SHA-1 length, lower case; else null (placeholders included). */
    public static String md5OrSha1(final String value) {
        final String v = hex(value);
        return v != null && (v.length() == 32 || v.length() == 40) ? v : null;
    }

    private static String hex(final String value) {
        if (value == null) {
            return null;
        }
        final String v = value.strip();
        if (v.isEmpty() || v.length() > 128) {
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
     * Decodes {@code %XX} escapes (Zscaler and Blue Coat URL-encode user agents and group names); {@code +}
     * stays a plus, and a malformed escape is kept as written.
     */
    public static String percentDecode(final String value) {
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

    /** The text between the first pair of single quotes, e.g. {@code 'Lodi'} in a title; else null. */
    public static String singleQuoted(final String text) {
        if (text == null) {
            return null;
        }
        final int a = text.indexOf('\'');
        final int b = a < 0 ? -1 : text.indexOf('\'', a + 1);
        return b > a + 1 ? text.substring(a + 1, b) : null;
    }
}
