package io.vigie.rules.metrics;

import java.util.HashMap;
import java.util.Map;
import org.apache.kafka.common.MetricName;
import org.apache.kafka.common.metrics.Sensor;
import org.apache.kafka.common.metrics.stats.CumulativeSum;
import org.apache.kafka.streams.StreamsMetrics;

/**
 * Counters of one detection group as Kafka Streams metrics. The application exports every {@code vigie-*}
 * group's {@code *-total} metrics to Prometheus ({@code dmarc-rows-total} in any group becomes
 * {@code vigie_dmarc_rows_total}), so a detection needs no registry of its own. One instance per processor;
 * sensors are shared by name across the tasks of a thread.
 */
public final class CounterSensors {

    private final StreamsMetrics metrics;
    private final String group;
    private final Map<Key, Sensor> sensors = new HashMap<>();

    /** @param group the metric group, starting with {@code vigie-} */
    public CounterSensors(final StreamsMetrics metrics, final String group) {
        this.metrics = metrics;
        this.group = group;
    }

    /**
     * Adds {@code amount} to the counter {@code metric} with these tags.
     *
     * @param metric ends with {@code -total}
     */
    public void add(
            final String metric, final String description, final Map<String, String> tags, final double amount) {
        // Keyed by metric and tags as they are: called per record on busy inputs, so no name is built per call.
        sensors.computeIfAbsent(new Key(metric, tags), key -> {
                    final Sensor sensor = metrics.addSensor(group + "-" + metric + tags, Sensor.RecordingLevel.INFO);
                    sensor.add(new MetricName(metric, group, description, tags), new CumulativeSum());
                    return sensor;
                })
                .record(amount);
    }

    private record Key(String metric, Map<String, String> tags) {}
}
