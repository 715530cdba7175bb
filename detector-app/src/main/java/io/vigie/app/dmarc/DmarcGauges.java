package io.vigie.app.dmarc;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.MultiGauge;
import io.micrometer.core.instrument.Tags;
import io.vigie.app.metrics.PeriodicRefresh;
import io.vigie.rules.dmarc.DmarcDayStats;
import io.vigie.rules.dmarc.DmarcSourceStats;
import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * DMARC gauges computed from the global stores over the last {@value #DAYS} report days, so that they hold
 * the same figures on every instance and survive restarts (the {@code vigie_dmarc_messages_total} counters
 * start again from zero):
 * <ul>
 *   <li>{@code vigie_dmarc_recent_messages{domain,result}}: messages passing / failing DMARC, and
 *       {@code result="fail_unknown"} for the failing ones from sources that are not legitimate senders;</li>
 *   <li>{@code vigie_dmarc_top_failing_source_messages{domain,rank,source_ip}}: the {@value #TOP_SOURCES} sources
 *       failing most that are not legitimate senders (only these carry an address label);</li>
 *   <li>{@code vigie_dmarc_legitimate_sources{domain}}: how many legitimate senders are known.</li>
 * </ul>
 * Labels are bounded: protected domains only, at most {@value #TOP_SOURCES} addresses per domain.
 */
public final class DmarcGauges implements AutoCloseable {

    static final int DAYS = 7;
    static final int TOP_SOURCES = 10;

    private final DmarcState state;
    private final Clock clock;
    private final MultiGauge recent;
    private final MultiGauge topFailing;
    private final MultiGauge legitimate;
    private PeriodicRefresh refresher;

    public DmarcGauges(final DmarcState state, final Clock clock, final MeterRegistry registry) {
        this.state = state;
        this.clock = clock;
        this.recent = MultiGauge.builder("vigie.dmarc.recent.messages")
                .description("Messages reported in DMARC reports over the last 7 report days, by result")
                .baseUnit("messages")
                .register(registry);
        this.topFailing = MultiGauge.builder("vigie.dmarc.top.failing.source.messages")
                .description("Messages failing DMARC over the last 7 report days from the sources failing most "
                        + "that are not legitimate senders")
                .baseUnit("messages")
                .register(registry);
        this.legitimate = MultiGauge.builder("vigie.dmarc.legitimate.sources")
                .description("Legitimate senders known for the domain (configured or learned)")
                .register(registry);
    }

    public DmarcGauges start(final long periodSeconds) {
        refresher = PeriodicRefresh.every(periodSeconds, "vigie-dmarc-gauges", () -> {
            if (state.ready()) {
                refresh();
            }
        });
        return this;
    }

    public void refresh() {
        final LocalDate to = LocalDate.now(clock);
        final LocalDate from = to.minusDays(DAYS - 1L);
        final List<MultiGauge.Row<?>> recentRows = new ArrayList<>();
        final List<MultiGauge.Row<?>> topRows = new ArrayList<>();
        final List<MultiGauge.Row<?>> legitimateRows = new ArrayList<>();
        for (final String domain : state.domains(true)) {
            final DmarcDayStats total = state.days(domain, from, to).stream()
                    .reduce(DmarcDayStats::add)
                    .orElse(null);
            recentRows.add(MultiGauge.Row.of(
                    Tags.of("domain", domain, "result", "pass"), total == null ? 0 : total.dmarcPass()));
            recentRows.add(MultiGauge.Row.of(
                    Tags.of("domain", domain, "result", "fail"), total == null ? 0 : total.dmarcFail()));
            recentRows.add(MultiGauge.Row.of(
                    Tags.of("domain", domain, "result", "fail_unknown"),
                    total == null ? 0 : total.failingFromUnknown()));
            final List<DmarcSourceStats> sources = state.sources(domain);
            legitimateRows.add(MultiGauge.Row.of(
                    Tags.of("domain", domain),
                    sources.stream().filter(DmarcSourceStats::legitimate).count()));
            final List<DmarcSourceStats> failing = sources.stream()
                    .filter(s -> !s.legitimate() && s.since(from).fail() > 0)
                    .sorted(Comparator.comparingLong(
                                    (DmarcSourceStats s) -> s.since(from).fail())
                            .reversed()
                            .thenComparing(DmarcSourceStats::sourceIp))
                    .limit(TOP_SOURCES)
                    .toList();
            int rank = 1;
            for (final DmarcSourceStats s : failing) {
                topRows.add(MultiGauge.Row.of(
                        Tags.of("domain", domain, "rank", Integer.toString(rank++), "source_ip", s.sourceIp()),
                        s.since(from).fail()));
            }
        }
        recent.register(recentRows, true);
        topFailing.register(topRows, true);
        legitimate.register(legitimateRows, true);
    }

    @Override
    public void close() {
        if (refresher != null) {
            refresher.close();
        }
    }
}
