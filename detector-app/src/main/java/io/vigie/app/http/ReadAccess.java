package io.vigie.app.http;

import com.sun.net.httpserver.HttpExchange;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Who may read: the API, the metrics and the top lists carry the hospital's mail addresses and alerts, personal data.
 * With {@code http.read-token} set, every route but {@code /health} and the status page's own files (which hold no
 * data) needs {@code Authorization: Bearer <token>}; the write routes keep their own token ({@code http.api-token}).
 * Without a read token the server listens on loopback only (checked when the configuration is read), so that only
 * the machine itself reads. Every refused request is counted ({@code vigie_http_auth_failures_total}) and logged,
 * never with what was sent as a token.
 */
final class ReadAccess {

    private static final Logger LOG = LoggerFactory.getLogger(ReadAccess.class);
    private static final String BEARER = "Bearer ";

    private final byte[] token;
    private final MeterRegistry registry;

    ReadAccess(final String token, final MeterRegistry registry) {
        this.token = token == null ? new byte[0] : token.strip().getBytes(StandardCharsets.UTF_8);
        this.registry = registry;
    }

    boolean required() {
        return token.length > 0;
    }

    /** The answer to send when the request may not read, or empty when it may. */
    Optional<JsonResponse> refusal(final HttpExchange exchange) {
        if (!required()) {
            return Optional.empty();
        }
        final String header = exchange.getRequestHeaders().getFirst("Authorization");
        if (header == null || !header.regionMatches(true, 0, BEARER, 0, BEARER.length())) {
            return Optional.of(refuse(exchange, "read", "missing"));
        }
        final byte[] given = header.substring(BEARER.length()).strip().getBytes(StandardCharsets.UTF_8);
        // Constant-time comparison: the time taken says nothing about how much of the token was right.
        if (!MessageDigest.isEqual(token, given)) {
            return Optional.of(refuse(exchange, "read", "wrong"));
        }
        return Optional.empty();
    }

    /** Counts and logs a write route's refusal (its own token, {@code http.api-token}). */
    void writeRefused(final HttpExchange exchange) {
        count(exchange, "write", "missing or wrong");
    }

    private JsonResponse refuse(final HttpExchange exchange, final String access, final String reason) {
        count(exchange, access, reason);
        exchange.getResponseHeaders().set("WWW-Authenticate", "Bearer realm=\"vigie\"");
        return JsonResponse.error(401, "missing or wrong bearer token (http.read-token)");
    }

    private void count(final HttpExchange exchange, final String access, final String reason) {
        Counter.builder("vigie.http.auth.failures")
                .description("HTTP requests refused for a missing or wrong bearer token")
                .tag("access", access)
                .tag("reason", reason)
                .register(registry)
                .increment();
        LOG.warn(
                "HTTP {} {} from {} refused: {} bearer token",
                exchange.getRequestMethod(),
                exchange.getRequestURI().getPath(),
                exchange.getRemoteAddress().getAddress().getHostAddress(),
                reason);
    }
}
