package io.vigie.rules.dmarc;

import io.vigie.core.model.DeadLetter;
import io.vigie.core.model.DmarcEvent;
import io.vigie.rules.TestDrivers;
import io.vigie.rules.alert.Alert;
import io.vigie.rules.alert.AlertThrottle;
import io.vigie.rules.alert.PartAlerts;
import io.vigie.rules.config.RulesConfig;
import io.vigie.rules.dlq.ParsingStep;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;

/**
 * The DMARC part alone, its alerts through the throttle as in the whole detector, under {@link TopologyTestDriver},
 * with typed access to the DMARC topics.
 */
final class DmarcDriver implements AutoCloseable {

    static final Instant NOW = Instant.parse("2026-11-28T12:00:00Z");

    final TopologyTestDriver driver;
    final TestInputTopic<String, byte[]> raw;
    final TestOutputTopic<String, DmarcEvent> events;
    final TestOutputTopic<String, DmarcDayStats> days;
    final TestOutputTopic<String, DmarcSourceStats> sources;
    final TestOutputTopic<String, Alert> alerts;
    final TestOutputTopic<String, DeadLetter> dlq;
    private final Map<String, DmarcDayStats> latestDays = new LinkedHashMap<>();
    private final Map<String, DmarcSourceStats> latestSources = new LinkedHashMap<>();

    DmarcDriver(final RulesConfig base, final Path stateDir) {
        final RulesConfig config = base.withClock(Clock.fixed(NOW, ZoneOffset.UTC));
        driver = TestDrivers.part(
                builder -> TestDrivers.throttled(
                        builder, config, new PartAlerts(DmarcStatistics.NAME, DmarcStatistics.addTo(builder, config))),
                stateDir,
                NOW);
        final var topics = config.topics();
        raw = driver.createInputTopic(topics.rawDmarc(), new StringSerializer(), new ByteArraySerializer());
        events = driver.createOutputTopic(
                topics.dmarcEvents(), new StringDeserializer(), DmarcStatistics.EVENT_SERDE.deserializer());
        days = driver.createOutputTopic(
                topics.dmarcDays(), new StringDeserializer(), DmarcStatistics.DAY_SERDE.deserializer());
        sources = driver.createOutputTopic(
                topics.dmarcSources(), new StringDeserializer(), DmarcStatistics.SOURCE_SERDE.deserializer());
        alerts = driver.createOutputTopic(
                topics.alerts(), new StringDeserializer(), AlertThrottle.serde().deserializer());
        dlq = driver.createOutputTopic(
                topics.dlq(), new StringDeserializer(), ParsingStep.DEAD_LETTER_SERDE.deserializer());
    }

    void send(final String name, final byte[] bytes) {
        raw.pipeInput(name, bytes, NOW);
    }

    /** The latest figures per {@code domain|day}, as the compacted state topic would keep them. */
    Map<String, DmarcDayStats> days() {
        days.readKeyValuesToList().forEach(kv -> latestDays.put(kv.key, kv.value));
        return latestDays;
    }

    /** The latest figures per {@code domain|ip}. */
    Map<String, DmarcSourceStats> sources() {
        sources.readKeyValuesToList().forEach(kv -> latestSources.put(kv.key, kv.value));
        return latestSources;
    }

    List<DmarcEvent> newEvents() {
        return events.readValuesToList();
    }

    /** A {@code vigie-dmarc} counter's value for the given tags. */
    double counter(final String metric, final Map<String, String> tags) {
        return driver.metrics().entrySet().stream()
                .filter(e -> e.getKey().group().equals(DmarcSensors.GROUP)
                        && e.getKey().name().equals(metric)
                        && e.getKey().tags().equals(tags))
                .map(Map.Entry::getValue)
                .mapToDouble(m -> ((Number) m.metricValue()).doubleValue())
                .sum();
    }

    @Override
    public void close() {
        driver.close();
    }
}
