package io.vigie.app.shippers;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.vigie.rules.DetectorTopology;
import io.vigie.rules.config.RulesConfig;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Properties;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TopologyTestDriver;

/**
 * The whole detection topology ({@link DetectorTopology#build}, default settings) without a broker: what a
 * shipper wrote to the raw topics goes in as it is, and what the engine made of it comes out. A shipper's
 * output is accepted when nothing reaches the dead-letter topic.
 */
final class RawTopicsEngine {

    /** The engine's clock: the samples are of 28 November 2026, whose BSD syslog lines have no year. */
    static final Instant NOW = Instant.parse("2026-11-28T12:00:00Z");

    private static final ObjectMapper JSON = new ObjectMapper();

    private RawTopicsEngine() {}

    /** One record as a shipper produced it. */
    record RawRecord(String topic, String key, String value) {}

    /** What came out: the dead letters (JSON envelopes) and the alerts' rule ids. */
    record Outcome(List<String> deadLetters, List<String> alertRules) {}

    static Outcome run(final List<RawRecord> records, final Path stateDir) {
        final RulesConfig config = RulesConfig.defaults().withClock(Clock.fixed(NOW, ZoneOffset.UTC));
        final Properties props = new Properties();
        props.put(StreamsConfig.APPLICATION_ID_CONFIG, "shippers");
        props.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "dummy:9092");
        props.put(StreamsConfig.STATE_DIR_CONFIG, stateDir.toString());
        try (TopologyTestDriver driver = new TopologyTestDriver(DetectorTopology.build(config), props, NOW)) {
            for (final RawRecord r : records) {
                driver.createInputTopic(r.topic(), new StringSerializer(), new StringSerializer())
                        .pipeInput(r.key(), r.value(), NOW);
            }
            final List<String> deadLetters = driver.createOutputTopic(
                            config.topics().dlq(), new StringDeserializer(), new StringDeserializer())
                    .readValuesToList();
            final List<String> rules = driver
                    .createOutputTopic(config.topics().alerts(), new StringDeserializer(), new StringDeserializer())
                    .readKeyValuesToList()
                    .stream()
                    .map(RawTopicsEngine::ruleId)
                    .toList();
            return new Outcome(deadLetters, rules);
        }
    }

    private static String ruleId(final KeyValue<String, String> alert) {
        try {
            final JsonNode root = JSON.readTree(alert.value);
            return root.path("rule").path("id").asText();
        } catch (final IOException e) {
            throw new UncheckedIOException("alert is not JSON: " + alert.value, e);
        }
    }
}
