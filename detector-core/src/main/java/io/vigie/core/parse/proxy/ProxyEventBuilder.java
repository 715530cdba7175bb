package io.vigie.core.parse.proxy;

import io.vigie.core.model.ProxyEvent;
import io.vigie.core.net.UrlParts;
import java.time.Instant;
import java.util.Locale;

/**
 * Mutable holder for one {@link ProxyEvent} while a vendor record is mapped. Vendors log either a whole URL
 * or its parts (host, port, path, query) or both; {@link #build()} fills whichever side is missing so that
 * every format yields the same shape. One instance per line, never shared.
 */
final class ProxyEventBuilder {

    Instant time;
    final String format;
    String clientIp;
    String user;
    String method;
    String url;
    String scheme;
    String host;
    int port = -1;
    String path;
    String query;
    int status;
    String action;
    boolean blocked;
    long bytes = -1;
    String contentType;
    String referer;
    String userAgent;
    long durationMs = -1;

    ProxyEventBuilder(final String format) {
        this.format = format;
    }

    ProxyEvent build() {
        final String m = method == null ? null : method.toUpperCase(Locale.ROOT);
        // some CONNECT logs write a full URL ("https://host:443", "tunnel://host:443/"): read it as one
        final boolean connectUrl = "CONNECT".equals(m) && url != null && url.contains("://");
        final UrlParts parts = UrlParts.of(url, connectUrl ? "GET" : m);
        String s = scheme != null ? scheme.toLowerCase(Locale.ROOT) : parts.scheme();
        String h = host != null ? normaliseHost(host) : parts.host();
        int p = port >= 0 ? port : parts.port();
        String pa = path != null ? path : parts.path();
        String q = query != null ? query : parts.query();
        if (s == null && h != null && (p == 443 || p == 80)) {
            s = p == 443 ? "https" : "http";
        }
        if (p < 0) {
            p = UrlParts.defaultPort(s);
        }
        if ("CONNECT".equals(m)) {
            pa = null;
            q = null;
            if (s == null || "tcp".equals(s) || "ssl".equals(s) || "tunnel".equals(s)) {
                s = p == 443 || p < 0 ? "https" : "tunnel";
            }
        } else if (pa == null && h != null) {
            pa = "/";
        }
        String u = url;
        if (u == null && h != null) {
            u = "CONNECT".equals(m) ? h + ":" + p : rebuild(s, h, p, pa, q);
        }
        return new ProxyEvent(
                time,
                format,
                clientIp,
                user,
                m,
                u,
                s,
                h,
                p,
                pa,
                q,
                status,
                action,
                blocked,
                bytes,
                ProxyFields.vendorContentType(contentType),
                referer,
                userAgent,
                durationMs);
    }

    /** A URL for vendors that log only its parts, so detections that match on the URL still see one. */
    private static String rebuild(
            final String scheme, final String host, final int port, final String path, final String query) {
        final String s = scheme == null ? "http" : scheme;
        final StringBuilder b = new StringBuilder(s).append("://");
        b.append(host.indexOf(':') >= 0 ? "[" + host + "]" : host);
        if (port >= 0 && port != UrlParts.defaultPort(s)) {
            b.append(':').append(port);
        }
        b.append(path == null ? "/" : path);
        if (query != null) {
            b.append('?').append(query);
        }
        return b.toString();
    }

    private static String normaliseHost(final String host) {
        String h = host.trim().toLowerCase(Locale.ROOT);
        if (h.startsWith("[") && h.endsWith("]")) {
            h = h.substring(1, h.length() - 1);
        }
        while (h.endsWith(".")) {
            h = h.substring(0, h.length() - 1);
        }
        return h.isEmpty() ? null : h;
    }
}
