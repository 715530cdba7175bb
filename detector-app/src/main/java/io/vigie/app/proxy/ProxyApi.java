package io.vigie.app.proxy;

import io.vigie.app.http.BadRequestException;
import io.vigie.app.http.HttpApiServer;
import io.vigie.app.http.JsonResponse;
import io.vigie.core.model.Indicator;
import io.vigie.core.net.UrlNormalizer;
import io.vigie.rules.proxy.Contact;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The proxy figures over HTTP.
 * <ul>
 *   <li>{@code GET /api/proxy/contacts?host=&days=30}: who contacted a host (client, first and last time, requests,
 *       blocked requests, users), and whether the host is a known indicator: the "who else went there" of the
 *       response sheet.</li>
 *   <li>{@code GET /api/proxy/top-blocked?limit=10}: the destinations the proxy blocked most on the latest day.</li>
 * </ul>
 * Contacts and blocked counts are partitioned by host: with several instances, each answers for its hosts.
 */
public final class ProxyApi {

    static final int MAX_DAYS = 400;
    static final int MAX_LIMIT = 1000;

    private final ProxyState state;
    private final Clock clock;

    public ProxyApi(final ProxyState state, final Clock clock) {
        this.state = state;
        this.clock = clock;
    }

    public void register(final HttpApiServer http) {
        http.route("/api/proxy/contacts", this::contacts);
        http.route("/api/proxy/top-blocked", this::topBlocked);
    }

    JsonResponse contacts(final Map<String, String> params) {
        final String host = UrlNormalizer.host(params.get("host"));
        if (host == null) {
            throw new BadRequestException("host must be a host name or an IP address");
        }
        final int days = integer(params, "days", 30, MAX_DAYS);
        if (!state.ready()) {
            return JsonResponse.of(503, Map.of("note", "the engine is starting: contacts are not readable yet"));
        }
        final List<Map<String, Object>> clients = new ArrayList<>();
        for (final Contact c : state.contacts(host, clock.instant().minus(Duration.ofDays(days)))) {
            final Map<String, Object> row = new LinkedHashMap<>();
            row.put("client", c.client());
            row.put("first_seen", c.first().toString());
            row.put("last_seen", c.last().toString());
            row.put("requests", c.requests());
            row.put("blocked", c.blocked());
            row.put("users", c.users());
            clients.add(row);
        }
        final Map<String, Object> body = new LinkedHashMap<>();
        body.put("host", host);
        body.put("days", days);
        final Indicator listed = state.indicator(Indicator.Kind.HOST.key(host)) != null
                ? state.indicator(Indicator.Kind.HOST.key(host))
                : state.indicator(Indicator.Kind.IP.key(host));
        body.put("indicator", listed);
        body.put("clients", clients);
        return JsonResponse.ok(body);
    }

    JsonResponse topBlocked(final Map<String, String> params) {
        final int limit = integer(params, "limit", 10, MAX_LIMIT);
        if (!state.ready()) {
            return JsonResponse.of(503, Map.of("note", "the engine is starting: figures are not readable yet"));
        }
        final List<Map<String, Object>> rows = new ArrayList<>();
        int rank = 1;
        for (final Map.Entry<String, Long> e : state.topBlocked(limit)) {
            rows.add(Map.of("rank", rank++, "host", e.getKey(), "requests", e.getValue()));
        }
        return JsonResponse.ok(Map.of("destinations", rows));
    }

    private static int integer(final Map<String, String> params, final String name, final int fallback, final int max) {
        final String raw = params.get(name);
        if (raw == null || raw.isBlank()) {
            return fallback;
        }
        try {
            final int value = Integer.parseInt(raw.strip());
            if (value < 1 || value > max) {
                throw new BadRequestException(name + " must be between 1 and " + max);
            }
            return value;
        } catch (final NumberFormatException e) {
            throw new BadRequestException(name + " must be a whole number");
        }
    }
}
