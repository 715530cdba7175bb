package io.vigie.core.net;

import java.util.Locale;

/**
 * The parts of a URL as a proxy logs it, split without any network access and without failing: proxies log
 * what clients sent, and clients send anything. {@code CONNECT} requests log {@code host:port}.
 *
 * @param scheme lower case; {@code https} for a CONNECT to 443, {@code tunnel} for a CONNECT to another port
 * @param host   lower case, IPv6 without brackets, no trailing dot; null when there is none
 * @param port   explicit port, else the scheme's default, else -1
 * @param path   {@code /} when empty; null for CONNECT
 * @param query  without {@code ?}; null when none
 */
public record UrlParts(String scheme, String host, int port, String path, String query) {

    /**
     * Squid logs {@code error:invalid-request}, {@code error:method-not-allowed},
     * {@code error:transaction-end-before-headers}... when there was no usable request: not a host.
     */
    private static final String SQUID_ERROR_PREFIX = "error:";

    private static final UrlParts NONE = new UrlParts(null, null, -1, null, null);

    /**
     * @param url    as logged
     * @param method the request method: {@code CONNECT} means {@code url} is {@code host:port}
     * @return the parts; the host is null when the URL has none (e.g. {@code error:invalid-request})
     */
    public static UrlParts of(final String url, final String method) {
        if (url == null || url.isEmpty() || url.startsWith(SQUID_ERROR_PREFIX)) {
            return NONE;
        }
        if ("CONNECT".equalsIgnoreCase(method)) {
            return authorityOnly(withoutSchemeAndPath(url));
        }
        if (!url.contains("/") && !url.contains("?")) {
            return authorityOnly(url);
        }
        final int schemeEnd = url.indexOf("://");
        final String scheme;
        final int authorityStart;
        if (schemeEnd > 0
                && url.substring(0, schemeEnd)
                        .chars()
                        .allMatch(c -> Character.isLetterOrDigit(c) || c == '+' || c == '-' || c == '.')) {
            scheme = url.substring(0, schemeEnd).toLowerCase(Locale.ROOT);
            authorityStart = schemeEnd + 3;
        } else if (url.startsWith("/")) {
            // origin-form ("GET /path"): a transparent proxy's log, the host is not in the URL
            return new UrlParts(null, null, -1, pathOf(url), queryOf(url));
        } else {
            scheme = "http";
            authorityStart = 0;
        }
        int authorityEnd = url.length();
        for (int i = authorityStart; i < url.length(); i++) {
            final char c = url.charAt(i);
            if (c == '/' || c == '?' || c == '#') {
                authorityEnd = i;
                break;
            }
        }
        final UrlParts authority = authority(url.substring(authorityStart, authorityEnd), scheme);
        final String rest = url.substring(authorityEnd);
        return new UrlParts(scheme, authority.host, authority.port, pathOf(rest), queryOf(rest));
    }

    /** The default port of a scheme, -1 when unknown. */
    public static int defaultPort(final String scheme) {
        if (scheme == null) {
            return -1;
        }
        return switch (scheme) {
            case "http", "ws" -> 80;
            case "https", "wss" -> 443;
            case "ftp" -> 21;
            default -> -1;
        };
    }

    /** Whether the host is an IPv4 or IPv6 literal. */
    public boolean hostIsIp() {
        return host != null && IpLiterals.parse(host) != null;
    }

    /**
     * {@code host:port}: a CONNECT target, or a bare host. No port means 443 (what browsers CONNECT to); a
     * port that is given but unreadable (out of range, not digits) stays unknown rather than becoming 443.
     */
    private static UrlParts authorityOnly(final String url) {
        final Authority authority = authority(url);
        if (authority.portGiven) {
            final String scheme = authority.port == 443 ? "https" : "tunnel";
            return new UrlParts(scheme, authority.host, authority.port, null, null);
        }
        return new UrlParts("https", authority.host, 443, null, null);
    }

    /** Some clients (and Squid's error pages) log a CONNECT target as {@code https://host:443/}. */
    private static String withoutSchemeAndPath(final String url) {
        final int schemeEnd = url.indexOf("://");
        final int from = schemeEnd > 0 ? schemeEnd + 3 : 0;
        final int slash = url.indexOf('/', from);
        return url.substring(from, slash < 0 ? url.length() : slash);
    }

    /** {@code [user@]host[:port]} with the scheme's default port when none is given. */
    private static UrlParts authority(final String authority, final String scheme) {
        final Authority a = authority(authority);
        final int port = a.portGiven ? a.port : defaultPort(scheme);
        return new UrlParts(scheme, a.host, port, null, null);
    }

    /** {@code [user@]host[:port]}; the port is -1 when absent or unreadable. */
    private static Authority authority(final String authority) {
        String a = authority;
        final int at = a.lastIndexOf('@');
        if (at >= 0) {
            a = a.substring(at + 1);
        }
        String host;
        int port = -1;
        boolean portGiven = false;
        if (a.startsWith("[")) {
            final int close = a.indexOf(']');
            host = close > 0 ? a.substring(1, close) : a.substring(1);
            if (close > 0 && close + 2 < a.length() && a.charAt(close + 1) == ':') {
                portGiven = true;
                port = port(a.substring(close + 2));
            }
        } else {
            final int colon = a.lastIndexOf(':');
            if (colon >= 0 && a.indexOf(':') == colon) {
                host = a.substring(0, colon);
                // "host:" is the default port (RFC 3986 3.2.3)
                portGiven = colon + 1 < a.length();
                port = port(a.substring(colon + 1));
            } else {
                // no colon, or several: an IPv6 literal without brackets, which has no room for a port
                host = a;
            }
        }
        int end = host.length();
        while (end > 0 && host.charAt(end - 1) == '.') {
            end--;
        }
        host = end == 0 ? null : host.substring(0, end).toLowerCase(Locale.ROOT);
        return new Authority(host, port, portGiven);
    }

    private record Authority(String host, int port, boolean portGiven) {}

    private static int port(final String text) {
        // ASCII digits only: Character.isDigit would let Arabic-Indic digits through
        if (text.isEmpty() || text.length() > 5 || !text.chars().allMatch(c -> c >= '0' && c <= '9')) {
            return -1;
        }
        final int port = Integer.parseInt(text);
        return port >= 1 && port <= 65_535 ? port : -1;
    }

    private static String pathOf(final String rest) {
        int end = rest.length();
        for (int i = 0; i < rest.length(); i++) {
            if (rest.charAt(i) == '?' || rest.charAt(i) == '#') {
                end = i;
                break;
            }
        }
        final String path = rest.substring(0, end);
        return path.isEmpty() ? "/" : path;
    }

    private static String queryOf(final String rest) {
        final int q = rest.indexOf('?');
        if (q < 0) {
            return null;
        }
        final int hash = rest.indexOf('#', q);
        return rest.substring(q + 1, hash < 0 ? rest.length() : hash);
    }
}
