package io.vigie.app.identity;

import io.vigie.app.http.BadRequestException;
import io.vigie.app.http.HttpApiServer;
import io.vigie.app.http.JsonResponse;
import io.vigie.rules.entity.IdentityFact;
import io.vigie.rules.entity.IdentityLookup;
import io.vigie.rules.entity.IdentityTimeline;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * Who is who over HTTP, from the global identities store (every instance answers for all).
 * <ul>
 *   <li>{@code GET /api/identities?address=10.1.2.3&at=2026-12-01T14:02:00Z}: the accounts that used an address or
 *       a host ({@code address=pc-0042}) at that time (now when {@code at} is left out), and its timeline.</li>
 *   <li>{@code GET /api/identities?account=alice&from=...&to=...}: the hosts and addresses the account used in that
 *       period (the last 31 days by default), and its timeline.</li>
 * </ul>
 * Behind the read token like every other route: it answers with personal data.
 */
public final class IdentityApi {

    static final Duration DEFAULT_PERIOD = Duration.ofDays(31);

    private final Supplier<IdentityLookup> lookup;
    private final Clock clock;

    /** @param lookup the lookup, or null while the store cannot be read (the engine starting) */
    public IdentityApi(final Supplier<IdentityLookup> lookup, final Clock clock) {
        this.lookup = lookup;
        this.clock = clock;
    }

    public void register(final HttpApiServer http) {
        http.route("/api/identities", this::identities);
    }

    JsonResponse identities(final Map<String, String> params) {
        final String address = blankToNull(params.get("address"));
        final String account = blankToNull(params.get("account"));
        if ((address == null) == (account == null)) {
            throw new BadRequestException("give either address (an IP address or a host name) or account");
        }
        final IdentityLookup who = lookup.get();
        if (who == null) {
            return JsonResponse.of(503, Map.of("note", "the engine is starting: identities are not readable yet"));
        }
        final Map<String, Object> body = new LinkedHashMap<>();
        if (address != null) {
            if (address.length() > 255 || !address.matches("[A-Za-z0-9.:_\\[\\]-]+")) {
                throw new BadRequestException("address must be an IP address or a host name");
            }
            final Instant at = instant(params, "at", clock.instant());
            body.put("address", address);
            body.put("at", at.toString());
            body.put("accounts", who.accountsAt(address, at));
            body.put("timeline", intervals(who.timeline(IdentityLookup.keyOf(address))));
            return JsonResponse.ok(body);
        }
        if (account.length() > 255 || account.contains(":")) {
            throw new BadRequestException("account must be an account name such as alice");
        }
        final Instant to = instant(params, "to", clock.instant());
        final Instant from = instant(params, "from", to.minus(DEFAULT_PERIOD));
        if (from.isAfter(to)) {
            throw new BadRequestException("from must not be after to");
        }
        body.put("account", account.strip().toLowerCase(java.util.Locale.ROOT));
        body.put("from", from.toString());
        body.put("to", to.toString());
        body.put("hosts", who.hostsOf(account, from, to));
        body.put("addresses", who.addressesOf(account, from, to));
        body.put("timeline", intervals(who.timeline(IdentityFact.accountKey(account))));
        return JsonResponse.ok(body);
    }

    private static List<Map<String, Object>> intervals(final IdentityTimeline timeline) {
        final List<Map<String, Object>> rows = new ArrayList<>();
        if (timeline == null) {
            return rows;
        }
        for (final IdentityTimeline.Interval i : timeline.intervals()) {
            final Map<String, Object> row = new LinkedHashMap<>();
            row.put("account", i.account());
            row.put("host", i.host());
            row.put("ip", i.ip());
            row.put("from", i.from().toString());
            row.put("to", i.to().toString());
            row.put("ended", i.ended());
            row.put("source", i.source());
            rows.add(row);
        }
        return rows;
    }

    private static Instant instant(final Map<String, String> params, final String name, final Instant fallback) {
        final String raw = blankToNull(params.get(name));
        if (raw == null) {
            return fallback;
        }
        try {
            return Instant.parse(raw);
        } catch (final DateTimeParseException e) {
            throw new BadRequestException(name + " must be an ISO-8601 instant such as 2026-12-01T14:02:00Z");
        }
    }

    private static String blankToNull(final String s) {
        return s == null || s.isBlank() ? null : s.strip();
    }
}
