package io.vigie.rules.proxy;

import io.vigie.core.model.ProxyEvent;
import io.vigie.core.net.UrlParts;
import java.time.Instant;

/** Builds the {@link ProxyEvent}s the scorer tests need, with the URL split the way the parsers split it. */
final class Requests {

    static final Instant T0 = Instant.parse("2026-11-28T05:27:26Z");
    static final DestinationContext RARE = new DestinationContext(1, T0);
    static final DestinationContext POPULAR = new DestinationContext(40, T0);

    private Requests() {}

    /** A GET answered 200 with the given content type (null: unknown) and Referer (null: format has none). */
    static ProxyEvent get(final String url, final String contentType, final String referer) {
        return request("GET", url, 200, false, contentType, referer);
    }

    static ProxyEvent request(
            final String method,
            final String url,
            final int status,
            final boolean blocked,
            final String contentType,
            final String referer) {
        final UrlParts parts = UrlParts.of(url, method);
        return new ProxyEvent(
                T0,
                "combined",
                "10.1.2.3",
                "jdupont",
                method,
                url,
                parts.scheme(),
                parts.host(),
                parts.port(),
                parts.path(),
                parts.query(),
                status,
                blocked ? "TCP_DENIED" : "TCP_MISS",
                blocked,
                1234,
                contentType,
                referer,
                "Mozilla/5.0",
                12);
    }
}
