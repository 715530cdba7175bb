package io.vigie.core.net;

import java.net.IDN;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Locale;

/**
 * Normalises URLs so that a feed entry and a proxy log line naming the same resource compare equal
 * (RFC 3986 section 6 syntax-based normalisation): scheme and host lower-cased, internationalised host
 * names in punycode, the default port dropped, user info and fragment dropped, percent-encodings of
 * unreserved characters decoded and the others upper-cased, dot segments removed, an empty path made
 * {@code /}. No network access, no exception: what cannot be read gives null.
 */
public final class UrlNormalizer {

    private static final int MAX_URL_CHARS = 8192;

    private UrlNormalizer() {}

    /**
     * @param url absolute ({@code http://...}) or without scheme ({@code evil.example/x}, read as http)
     * @return the normalised URL, or null when there is no host or the URL is unreadable
     */
    public static String normalize(final String url) {
        if (url == null || url.isBlank() || url.length() > MAX_URL_CHARS) {
            return null;
        }
        final String trimmed = url.strip();
        final UrlParts parts = UrlParts.of(trimmed.contains("://") ? trimmed : "http://" + trimmed, "GET");
        final String host = host(parts.host());
        if (host == null || parts.scheme() == null) {
            return null;
        }
        final StringBuilder out = new StringBuilder(trimmed.length());
        out.append(parts.scheme()).append("://");
        out.append(host.contains(":") ? "[" + host + "]" : host);
        if (parts.port() > 0 && parts.port() != UrlParts.defaultPort(parts.scheme())) {
            out.append(':').append(parts.port());
        }
        final String path = percent(removeDotSegments(parts.path() == null ? "/" : parts.path()));
        if (path == null) {
            return null;
        }
        out.append(path);
        if (parts.query() != null) {
            final String query = percent(parts.query());
            if (query == null) {
                return null;
            }
            out.append('?').append(query);
        }
        return out.toString();
    }

    /**
     * A host name as indicators store it: lower case, punycode, no trailing dot; an IPv6 literal without
     * brackets. Null when it is not a host name.
     */
    public static String host(final String raw) {
        if (raw == null || raw.isBlank()) {
            return null;
        }
        String host = raw.strip().toLowerCase(Locale.ROOT);
        if (host.startsWith("[") && host.endsWith("]")) {
            host = host.substring(1, host.length() - 1);
        }
        while (host.endsWith(".")) {
            host = host.substring(0, host.length() - 1);
        }
        if (host.isEmpty()) {
            return null;
        }
        if (IpLiterals.parse(host) != null) {
            return host;
        }
        try {
            host = IDN.toASCII(host, IDN.ALLOW_UNASSIGNED).toLowerCase(Locale.ROOT);
        } catch (final IllegalArgumentException notAHostName) {
            return null;
        }
        for (int i = 0; i < host.length(); i++) {
            final char c = host.charAt(i);
            if (!(c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || c == '-' || c == '.' || c == '_')) {
                return null;
            }
        }
        return host;
    }

    /** RFC 3986 5.2.4. */
    static String removeDotSegments(final String path) {
        if (!path.contains(".")) {
            return path.isEmpty() ? "/" : path;
        }
        final Deque<String> segments = new ArrayDeque<>();
        final String[] parts = path.split("/", -1);
        for (int i = 1; i < parts.length; i++) {
            final String segment = parts[i];
            final boolean last = i == parts.length - 1;
            if (".".equals(segment)) {
                if (last) {
                    segments.addLast("");
                }
            } else if ("..".equals(segment)) {
                segments.pollLast();
                if (last) {
                    segments.addLast("");
                }
            } else {
                segments.addLast(segment);
            }
        }
        return "/" + String.join("/", segments);
    }

    /**
     * Decodes {@code %XX} of unreserved characters, upper-cases the hex of the others, and encodes bytes a
     * URL cannot hold raw (space, controls, non-ASCII as UTF-8). Null for a malformed escape.
     */
    static String percent(final String text) {
        final StringBuilder out = new StringBuilder(text.length());
        for (int i = 0; i < text.length(); i++) {
            final char c = text.charAt(i);
            if (c == '%') {
                if (i + 2 >= text.length() || hex(text.charAt(i + 1)) < 0 || hex(text.charAt(i + 2)) < 0) {
                    return null;
                }
                final int value = hex(text.charAt(i + 1)) * 16 + hex(text.charAt(i + 2));
                if (unreserved((char) value)) {
                    out.append((char) value);
                } else {
                    out.append('%')
                            .append(Character.toUpperCase(text.charAt(i + 1)))
                            .append(Character.toUpperCase(text.charAt(i + 2)));
                }
                i += 2;
            } else if (c <= ' ' || c >= 0x7f) {
                // A character outside ASCII is encoded whole (both halves of a surrogate pair together).
                final int codePoint = text.codePointAt(i);
                for (final byte b :
                        new String(Character.toChars(codePoint)).getBytes(java.nio.charset.StandardCharsets.UTF_8)) {
                    out.append('%').append(String.format(Locale.ROOT, "%02X", b & 0xff));
                }
                i += Character.charCount(codePoint) - 1;
            } else {
                out.append(c);
            }
        }
        return out.toString();
    }

    private static boolean unreserved(final char c) {
        return c >= 'a' && c <= 'z'
                || c >= 'A' && c <= 'Z'
                || c >= '0' && c <= '9'
                || c == '-'
                || c == '.'
                || c == '_'
                || c == '~';
    }

    private static int hex(final char c) {
        if (c >= '0' && c <= '9') {
            return c - '0';
        }
        if (c >= 'a' && c <= 'f') {
            return c - 'a' + 10;
        }
        if (c >= 'A' && c <= 'F') {
            return c - 'A' + 10;
        }
        return -1;
    }
}
