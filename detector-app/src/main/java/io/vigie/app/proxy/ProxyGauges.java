package io.vigie.app.proxy;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.MultiGauge;
import io.micrometer.core.instrument.Tags;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code vigie_proxy_top_blocked_requests{rank,host}}: the {@value #TOP} destinations the proxy blocked most on
 * the latest day (only these carry a host label), and {@code vigie_intel_indicators}: how many indicators the
 * threat-intelligence table holds.
 */
public final class ProxyGauges implements AutoCloseable {

    static final int TOP = 10;
    private static final Logger LOG = LoggerFactory.getLogger(ProxyGauges.class);

    private final ProxyState state;
    private final MultiGauge topBlocked;
    private final AtomicLong indicators = new AtomicLong();
    private final ScheduledExecutorService refresher = Executors.newSingleThreadScheduledExecutor(runnable -> {
        final Thread thread = new Thread(runnable, "vigie-proxy-gauges");
        thread.setDaemon(true);
        return thread;
    });

    public ProxyGauges(final ProxyState state, final MeterRegistry registry) {
        this.state = state;
        this.topBlocked = MultiGauge.builder("vigie.proxy.top.blocked.requests")
                .description("Requests blocked by the proxy on the latest day, for the most blocked destinations")
                .baseUnit("requests").register(registry);
        Gauge.builder("vigie.intel.indicators", indicators, AtomicLong::get)
                .description("Indicators in the threat-intelligence table (estimate)").register(registry);
    }

    public ProxyGauges start(final long periodSeconds) {
        refresher.scheduleWithFixedDelay(this::refreshQuietly, 0, periodSeconds, TimeUnit.SECONDS);
        return this;
    }

    private void refreshQuietly() {
        try {
            if (state.ready()) {
                refresh();
            }
        } catch (final RuntimeException e) {
            // The stores are unavailable while Streams rebalances: keep the last values until the next round.
            LOG.debug("proxy gauges not refreshed: {}", e.toString());
        }
    }

    public void refresh() {
        final List<MultiGauge.Row<?>> rows = new ArrayList<>();
        int rank = 1;
        for (final Map.Entry<String, Long> e : state.topBlocked(TOP)) {
            rows.add(MultiGauge.Row.of(Tags.of("rank", Integer.toString(rank++), "host", e.getKey()), e.getValue()));
        }
        topBlocked.register(rows, true);
        indicators.set(state.indicatorCount());
    }

    @Override
    public void close() {
        refresher.shutdownNow();
    }
}
