package io.vigie.core.model;

import java.time.Instant;

/**
 * One web proxy access record, normalised from whatever format the proxy writes (Squid native or combined,
 * W3C/ELFF, vendor key=value, CEF, CSV or JSON). Fields a format does not carry are null: a null
 * {@code referer} means "the format has no Referer", an empty one means "the request had none", and the
 * no-Referer detection must tell them apart.
 *
 * @param time        when the request ended (Squid) or was logged
 * @param format      the parser that read it: {@code squid}, {@code combined}, {@code w3c}, {@code json}, ...
 * @param clientIp    the requesting host's address
 * @param user        the authenticated user, null when none ({@code -} in the logs)
 * @param method      HTTP method, upper case ({@code CONNECT} for TLS tunnels)
 * @param url         the URL as logged ({@code host:443} for CONNECT)
 * @param scheme      {@code http}, {@code https} (CONNECT tunnels), {@code ftp}..., lower case
 * @param host        destination host name or IP literal, lower case, no brackets, no trailing dot
 * @param port        destination port, the scheme's default when the URL has none, -1 when unknown
 * @param path        path, {@code /} when empty; null for CONNECT
 * @param query       query string without {@code ?}, null when none
 * @param status      HTTP status the proxy returned, 0 when none (aborted)
 * @param action      the proxy's result code: {@code TCP_MISS}, {@code TCP_DENIED}, {@code TCP_TUNNEL},
 *                    {@code OBSERVED}, {@code blocked}..., as logged
 * @param blocked     whether the proxy refused the request (denied by policy), as far as the format tells
 * @param bytes       bytes sent to the client, -1 when unknown
 * @param contentType the response's content type as logged, lower case, without parameters; null when unknown
 * @param referer     the Referer header; {@code ""} when the request had none; null when the format has no Referer
 * @param userAgent   the User-Agent header, null when unknown
 * @param durationMs  time taken, -1 when unknown
 */
public record ProxyEvent(
        Instant time,
        String format,
        String clientIp,
        String user,
        String method,
        String url,
        String scheme,
        String host,
        int port,
        String path,
        String query,
        int status,
        String action,
        boolean blocked,
        long bytes,
        String contentType,
        String referer,
        String userAgent,
        long durationMs) {

    /** Whether the format records the Referer at all (Squid's native format does not). */
    public boolean refererKnown() {
        return referer != null;
    }

    /** Whether the request carried no Referer, as far as the format tells. */
    public boolean withoutReferer() {
        return referer != null && referer.isEmpty();
    }
}
