package io.vigie.app.proxy;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.MultiGauge;
import io.micrometer.core.instrument.Tags;
import io.vigie.app.metrics.PeriodicRefresh;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

/**
 * {@code vigie_proxy_top_blocked_requests{rank,host}}: the {@value #TOP} destinations the proxy blocked most on
 * the latest day (only these carry a host label), and {@code vigie_intel_indicators}: how many indicators the
 * threat-intelligence table holds.
 */
public final class ProxyGauges implements AutoCloseable {

    static final int TOP = 10;

    private final ProxyState state;
    private final MultiGauge topBlocked;
    private final AtomicLong indicators = new AtomicLong();
    private PeriodicRefresh refresher;

    public ProxyGauges(final ProxyState state, final MeterRegistry registry) {
        this.state = state;
        this.topBlocked = MultiGauge.builder("vigie.proxy.top.blocked.requests")
                .description("Requests blocked by the proxy on the latest day, for the most blocked destinations")
                .baseUnit("requests")
                .register(registry);
        Gauge.builder("vigie.intel.indicators", indicators, AtomicLong::get)
                .description("Indicators in the threat-intelligence table (estimate)")
                .register(registry);
    }

    public ProxyGauges start(final long periodSeconds) {
        refresher = PeriodicRefresh.every(periodSeconds, "vigie-proxy-gauges", this::refresh);
        return this;
    }

    /**
     * The indicator count comes first and on its own: the global intel table stays readable while Streams
     * rebalances, when the partitioned blocked counts are not, and a failed query of those must not freeze it.
     */
    public void refresh() {
        if (state.intelReadable()) {
            indicators.set(state.indicatorCount());
        }
        if (state.ready()) {
            refreshTopBlocked();
        }
    }

    private void refreshTopBlocked() {
        final List<MultiGauge.Row<?>> rows = new ArrayList<>();
        int rank = 1;
        for (final Map.Entry<String, Long> e : state.topBlocked(TOP)) {
            rows.add(MultiGauge.Row.of(Tags.of("rank", Integer.toString(rank++), "host", e.getKey()), e.getValue()));
        }
        topBlocked.register(rows, true);
    }

    @Override
    public void close() {
        if (refresher != null) {
            refresher.close();
        }
    }
}
