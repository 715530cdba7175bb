package io.vigie.rules.proxy;

import io.vigie.rules.metrics.CounterSensors;
import java.util.Map;
import org.apache.kafka.streams.StreamsMetrics;

/**
 * Proxy counters as Kafka Streams metrics (group {@code vigie-proxy}), exported to Prometheus as
 * {@code vigie_proxy_detections_total{rule}} (alerts raised before throttling) and
 * {@code vigie_proxy_ignored_lines_total{reason}} (valid lines that are not access records).
 */
final class ProxySensors {

    static final String GROUP = "vigie-proxy";

    private final CounterSensors counters;

    ProxySensors(final StreamsMetrics metrics) {
        this.counters = new CounterSensors(metrics, GROUP);
    }

    void detection(final String ruleId) {
        counters.add("proxy-detections-total", "Proxy detections raised, before throttling", Map.of("rule", ruleId), 1);
    }

    void ignoredLine(final String reason) {
        counters.add(
                "proxy-ignored-lines-total",
                "Proxy log lines read that are not access records (directives, other record types)",
                Map.of("reason", reason),
                1);
    }
}
