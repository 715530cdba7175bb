package io.vigie.rules.proxy;

import java.util.HashMap;
import java.util.Map;
import org.apache.kafka.common.MetricName;
import org.apache.kafka.common.metrics.Sensor;
import org.apache.kafka.common.metrics.stats.CumulativeSum;
import org.apache.kafka.streams.StreamsMetrics;

/**
 * Proxy counters as Kafka Streams metrics (group {@code vigie-proxy}), exported to Prometheus as
 * {@code vigie_proxy_detections_total{rule}} (alerts raised before throttling) and
 * {@code vigie_proxy_ignored_lines_total{reason}} (valid lines that are not access records).
 */
final class ProxySensors {

    static final String GROUP = "vigie-proxy";

    private final StreamsMetrics metrics;
    private final Map<String, Sensor> sensors = new HashMap<>();

    ProxySensors(final StreamsMetrics metrics) {
        this.metrics = metrics;
    }

    void detection(final String ruleId) {
        sensor("detections|" + ruleId, "proxy-detections-total", "Proxy detections raised, before throttling",
                Map.of("rule", ruleId)).record(1);
    }

    void ignoredLine(final String reason) {
        sensor("ignored|" + reason, "proxy-ignored-lines-total",
                "Proxy log lines read that are not access records (directives, other record types)",
                Map.of("reason", reason)).record(1);
    }

    private Sensor sensor(final String id, final String metric, final String description,
                          final Map<String, String> tags) {
        return sensors.computeIfAbsent(id, key -> {
            final Sensor sensor = metrics.addSensor("vigie-proxy-" + key, Sensor.RecordingLevel.INFO);
            sensor.add(new MetricName(metric, GROUP, description, tags), new CumulativeSum());
            return sensor;
        });
    }
}
