package io.vigie.app.dmarc;

import io.vigie.app.http.BadRequestException;
import io.vigie.app.http.HttpApiServer;
import io.vigie.app.http.JsonResponse;
import io.vigie.rules.dmarc.DmarcDayStats;
import io.vigie.rules.dmarc.DmarcSourceStats;
import java.time.Clock;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The DMARC figures over HTTP.
 * <ul>
 *   <li>{@code GET /api/dmarc/summary?domain=&days=7&to=}: per protected domain (or the one asked), the
 *       totals and per-day figures of the {@code days} days ending {@code to} (default today), the top
 *       sources failing DMARC that are not legitimate senders, and the legitimate senders that failed.</li>
 *   <li>{@code GET /api/dmarc/sources?domain=&days=30&status=all|legitimate|unknown|failing&limit=100}: the
 *       sending addresses reported for the domain(s), with their pass/fail counts over the period, whether
 *       they are legitimate senders (configured or learned) and the evidence of their last failure.</li>
 * </ul>
 * Days are report days: a receiver's report on yesterday's mail arrives today, so today fills in late.
 */
public final class DmarcApi {

    static final int DEFAULT_SUMMARY_DAYS = 7;
    static final int MAX_SUMMARY_DAYS = 400;
    static final int DEFAULT_SOURCE_DAYS = 30;
    static final int TOP_SOURCES = 10;
    static final int DEFAULT_LIMIT = 100;
    static final int MAX_LIMIT = 10_000;
    private static final Pattern DOMAIN = Pattern.compile("[a-z0-9]([a-z0-9.-]{0,251}[a-z0-9])?");
    private static final Set<String> STATUSES = Set.of("all", "legitimate", "unknown", "failing");

    private final DmarcState state;
    private final Clock clock;

    /** @param clock in the organisation's zone: "today" is its date */
    public DmarcApi(final DmarcState state, final Clock clock) {
        this.state = state;
        this.clock = clock;
    }

    public void register(final HttpApiServer http) {
        http.route("/api/dmarc/summary", this::summary);
        http.route("/api/dmarc/sources", this::sources);
    }

    JsonResponse summary(final Map<String, String> params) {
        final Period period = Period.from(params, DEFAULT_SUMMARY_DAYS, MAX_SUMMARY_DAYS, clock);
        final String asked = domain(params);
        final Map<String, Object> body = new LinkedHashMap<>();
        body.put("from", period.from().toString());
        body.put("to", period.to().toString());
        body.put("days", period.days());
        if (!state.ready()) {
            return notReady(body, "domains");
        }
        final List<Map<String, Object>> domains = new ArrayList<>();
        for (final String domain : domainsFor(asked)) {
            domains.add(domainSummary(domain, period));
        }
        body.put("domains", domains);
        if (domains.isEmpty()) {
            body.put("note", "no DMARC report counted yet");
        }
        return JsonResponse.ok(body);
    }

    JsonResponse sources(final Map<String, String> params) {
        final Period period = Period.from(params, DEFAULT_SOURCE_DAYS, DmarcSourceStats.HISTORY_DAYS, clock);
        final String asked = domain(params);
        final String status = params.getOrDefault("status", "all").toLowerCase(Locale.ROOT);
        if (!STATUSES.contains(status)) {
            throw new BadRequestException(
                    "status must be one of " + STATUSES.stream().sorted().toList());
        }
        final int limit = integer(params, "limit", DEFAULT_LIMIT, 1, MAX_LIMIT);
        final Map<String, Object> body = new LinkedHashMap<>();
        body.put("from", period.from().toString());
        body.put("to", period.to().toString());
        body.put("status", status);
        if (!state.ready()) {
            return notReady(body, "sources");
        }
        final List<SourceInPeriod> selected = new ArrayList<>();
        for (final String domain : domainsFor(asked)) {
            for (final DmarcSourceStats s : state.sources(domain)) {
                final SourceInPeriod source = SourceInPeriod.of(s, period);
                if (source.pass() + source.fail() > 0 && source.matches(status)) {
                    selected.add(source);
                }
            }
        }
        selected.sort(SourceInPeriod.MOST_FAILING);
        body.put("total", selected.size());
        body.put(
                "sources",
                selected.stream().limit(limit).map(SourceInPeriod::json).toList());
        return JsonResponse.ok(body);
    }

    private Map<String, Object> domainSummary(final String domain, final Period period) {
        final List<DmarcDayStats> days = state.days(domain, period.from(), period.to());
        final Map<String, Object> node = new LinkedHashMap<>();
        node.put("domain", domain);
        final DmarcDayStats total = days.stream().reduce(DmarcDayStats::add).orElse(null);
        node.put("totals", total == null ? figures(null) : figures(total));
        node.put("reporters", total == null ? Map.of() : total.reporters());
        final List<Map<String, Object>> perDay = new ArrayList<>();
        for (final DmarcDayStats d : days) {
            final Map<String, Object> day = new LinkedHashMap<>();
            day.put("day", d.day().toString());
            day.putAll(figures(d));
            perDay.add(day);
        }
        node.put("by_day", perDay);
        final List<SourceInPeriod> sources = state.sources(domain).stream()
                .map(s -> SourceInPeriod.of(s, period))
                .toList();
        node.put(
                "legitimate_sources",
                sources.stream().filter(s -> s.stats().legitimate()).count());
        node.put(
                "top_failing_unknown_sources",
                sources.stream()
                        .filter(s -> !s.stats().legitimate() && s.fail() > 0)
                        .sorted(SourceInPeriod.MOST_FAILING)
                        .limit(TOP_SOURCES)
                        .map(SourceInPeriod::json)
                        .toList());
        node.put(
                "failing_legitimate_sources",
                sources.stream()
                        .filter(s -> s.stats().legitimate() && s.fail() > 0)
                        .sorted(SourceInPeriod.MOST_FAILING)
                        .limit(TOP_SOURCES)
                        .map(SourceInPeriod::json)
                        .toList());
        return node;
    }

    static Map<String, Object> figures(final DmarcDayStats s) {
        final Map<String, Object> f = new LinkedHashMap<>();
        f.put("messages", s == null ? 0 : s.messages());
        f.put("pass", s == null ? 0 : s.dmarcPass());
        f.put("fail", s == null ? 0 : s.dmarcFail());
        f.put("dkim_aligned_pass", s == null ? 0 : s.dkimAlignedPass());
        f.put("spf_aligned_pass", s == null ? 0 : s.spfAlignedPass());
        f.put(
                "disposition",
                Map.of(
                        "none",
                        s == null ? 0 : s.dispositionNone(),
                        "quarantine",
                        s == null ? 0 : s.dispositionQuarantine(),
                        "reject",
                        s == null ? 0 : s.dispositionReject()));
        f.put("failing_from_unknown", s == null ? 0 : s.failingFromUnknown());
        f.put("failing_from_legitimate", s == null ? 0 : s.failingFromLegitimate());
        return f;
    }

    /** The asked domain, else the protected ones, else (none configured nor seen) every domain reported. */
    private List<String> domainsFor(final String asked) {
        if (asked != null) {
            return List.of(asked);
        }
        final var protectedDomains = state.domains(true);
        return List.copyOf(protectedDomains.isEmpty() ? state.domains(false) : protectedDomains);
    }

    private static JsonResponse notReady(final Map<String, Object> body, final String listName) {
        body.put(listName, List.of());
        body.put("note", "the engine is starting: figures are not readable yet");
        return JsonResponse.of(503, body);
    }

    private static String domain(final Map<String, String> params) {
        final String raw = params.get("domain");
        if (raw == null || raw.isBlank()) {
            return null;
        }
        final String domain = raw.strip().toLowerCase(Locale.ROOT);
        if (!DOMAIN.matcher(domain).matches()) {
            throw new BadRequestException("domain must be a domain name such as chu-exemple.fr");
        }
        return domain;
    }

    static int integer(
            final Map<String, String> params, final String name, final int fallback, final int min, final int max) {
        final String raw = params.get(name);
        if (raw == null || raw.isBlank()) {
            return fallback;
        }
        try {
            final int value = Integer.parseInt(raw.strip());
            if (value < min || value > max) {
                throw new BadRequestException(name + " must be between " + min + " and " + max);
            }
            return value;
        } catch (final NumberFormatException e) {
            throw new BadRequestException(name + " must be a whole number");
        }
    }

    /** The report days asked for: {@code days} days ending on {@code to} (default today). */
    record Period(LocalDate from, LocalDate to, int days) {

        static Period from(
                final Map<String, String> params, final int defaultDays, final int maxDays, final Clock clock) {
            final int days = integer(params, "days", defaultDays, 1, maxDays);
            final String rawTo = params.get("to");
            final LocalDate to;
            try {
                to = rawTo == null || rawTo.isBlank() ? LocalDate.now(clock) : LocalDate.parse(rawTo.strip());
            } catch (final DateTimeParseException e) {
                throw new BadRequestException("to must be a date such as 2026-11-27");
            }
            return new Period(to.minusDays(days - 1L), to, days);
        }
    }

    /** A source's counts within the period. */
    record SourceInPeriod(DmarcSourceStats stats, long pass, long fail) {

        static final Comparator<SourceInPeriod> MOST_FAILING = Comparator.comparingLong(SourceInPeriod::fail)
                .reversed()
                .thenComparing(Comparator.comparingLong(SourceInPeriod::pass).reversed())
                .thenComparing(s -> s.stats().sourceIp());

        static SourceInPeriod of(final DmarcSourceStats s, final Period period) {
            long pass = 0;
            long fail = 0;
            for (final var day :
                    s.days().subMap(period.from(), true, period.to(), true).values()) {
                pass += day.pass();
                fail += day.fail();
            }
            return new SourceInPeriod(s, pass, fail);
        }

        boolean matches(final String status) {
            return switch (status) {
                case "legitimate" -> stats.legitimate();
                case "unknown" -> !stats.legitimate();
                case "failing" -> fail > 0;
                default -> true;
            };
        }

        Map<String, Object> json() {
            final Map<String, Object> node = new LinkedHashMap<>();
            node.put("domain", stats.domain());
            node.put("ip", stats.sourceIp());
            node.put("pass", pass);
            node.put("fail", fail);
            node.put(
                    "legitimate",
                    stats.configured() ? "configured" : stats.legitimateSince() != null ? "learned" : "no");
            node.put(
                    "legitimate_since",
                    stats.legitimateSince() == null
                            ? null
                            : stats.legitimateSince().toString());
            node.put("first_day", stats.firstDay().toString());
            node.put("last_day", stats.lastDay().toString());
            node.put("pass_total", stats.passMessages());
            node.put("fail_total", stats.failMessages());
            node.put("last_failure", stats.lastFailure());
            return node;
        }
    }
}
