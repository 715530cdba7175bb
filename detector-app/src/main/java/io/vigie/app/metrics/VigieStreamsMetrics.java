package io.vigie.app.metrics;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tag;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.common.Metric;
import org.apache.kafka.common.MetricName;
import org.apache.kafka.streams.KafkaStreams;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Exports the detections' own Kafka Streams metrics (groups {@code vigie-*}: dead letters,
 * throttled alerts, future-stamped events, late counts) as Prometheus counters named after them:
 * {@code dead-letter-total} becomes {@code vigie_dead_letter_total{source,reason}}. Micrometer's
 * Kafka binder does not pick these up, and a sensor created on the first dead letter appears
 * later, so the registry is refreshed periodically.
 */
public final class VigieStreamsMetrics implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(VigieStreamsMetrics.class);
    private static final String GROUP_PREFIX = "vigie-";
    private static final String TOTAL_SUFFIX = "-total";

    private final KafkaStreams streams;
    private final MeterRegistry registry;
    private final Set<MetricName> bound = new HashSet<>();
    private final ScheduledExecutorService refresher = Executors.newSingleThreadScheduledExecutor(runnable -> {
        final Thread thread = new Thread(runnable, "vigie-streams-metrics");
        thread.setDaemon(true);
        return thread;
    });

    public VigieStreamsMetrics(final KafkaStreams streams, final MeterRegistry registry) {
        this.streams = streams;
        this.registry = registry;
    }

    public VigieStreamsMetrics start(final long periodSeconds) {
        refresher.scheduleWithFixedDelay(this::bindNewQuietly, 0, periodSeconds, TimeUnit.SECONDS);
        return this;
    }

    /** A scheduled task that throws is never run again: a failure is logged and the next round retries. */
    private void bindNewQuietly() {
        try {
            bindNew();
        } catch (final RuntimeException e) {
            LOG.warn("Vigie Streams metrics not exported this round: {}", e.toString());
        }
    }

    /** Registers the counters of the {@code vigie-*} metrics that appeared since the last call. */
    public synchronized void bindNew() {
        for (final Map.Entry<MetricName, ? extends Metric> entry :
                streams.metrics().entrySet()) {
            final MetricName name = entry.getKey();
            if (!name.group().startsWith(GROUP_PREFIX) || !name.name().endsWith(TOTAL_SUFFIX) || bound.contains(name)) {
                continue;
            }
            final Metric metric = entry.getValue();
            final List<Tag> tags = new ArrayList<>();
            name.tags().forEach((key, value) -> tags.add(Tag.of(key, value)));
            final String base = name.name().substring(0, name.name().length() - TOTAL_SUFFIX.length());
            FunctionCounter.builder(
                            "vigie." + base.replace('-', '.'), metric, m -> ((Number) m.metricValue()).doubleValue())
                    .description(name.description())
                    .tags(tags)
                    .register(registry);
            bound.add(name);
        }
    }

    @Override
    public void close() {
        refresher.shutdownNow();
    }
}
