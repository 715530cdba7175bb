package io.vigie.rules.dlq;

import java.util.HashMap;
import java.util.Map;
import org.apache.kafka.common.MetricName;
import org.apache.kafka.common.metrics.Sensor;
import org.apache.kafka.common.metrics.stats.CumulativeSum;
import org.apache.kafka.streams.StreamsMetrics;

/**
 * Counts records sent to the dead-letter topic, per source and reason, as Kafka Streams metrics
 * (group {@code vigie-dead-letters}, metric {@code dead-letter-total}). The application exports
 * every Streams metric to Prometheus, so these reach the dashboards without another registry.
 */
final class DeadLetterSensors {

    public static final String GROUP = "vigie-dead-letters";
    public static final String METRIC = "dead-letter-total";

    private final StreamsMetrics metrics;
    private final Map<String, Sensor> byReason = new HashMap<>();

    public DeadLetterSensors(final StreamsMetrics metrics) {
        this.metrics = metrics;
    }

    public void record(final String source, final String reason) {
        byReason.computeIfAbsent(source + '\u0000' + reason, key -> create(source, reason))
                .record(1);
    }

    private Sensor create(final String source, final String reason) {
        final Sensor sensor =
                metrics.addSensor("vigie-dead-letter-" + source + "-" + reason, Sensor.RecordingLevel.INFO);
        sensor.add(
                new MetricName(
                        METRIC,
                        GROUP,
                        "Records refused and sent to the dead-letter topic",
                        Map.of("source", source, "reason", reason)),
                new CumulativeSum());
        return sensor;
    }
}
