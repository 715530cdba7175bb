package io.vigie.rules.mail;

import io.vigie.core.model.DeadLetter;
import io.vigie.core.model.MailMessage;
import io.vigie.core.model.QueueStatus;
import io.vigie.core.model.TopSnapshot;
import io.vigie.rules.TestDrivers;
import io.vigie.rules.alert.Alert;
import io.vigie.rules.alert.AlertThrottle;
import io.vigie.rules.alert.PartAlerts;
import io.vigie.rules.config.RulesConfig;
import io.vigie.rules.dlq.ParsingStep;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;

/**
 * A {@link TopologyTestDriver} over the mail flow and the postqueue snapshots, the mail alerts through the throttle as
 * in the whole detector (or over the whole detector, for the tests that follow mail into other parts), with typed
 * access to their topics.
 */
final class MailFlowDriver implements AutoCloseable {

    static final Instant NOW = Instant.parse("2026-11-28T12:00:00Z");

    final RulesConfig config;
    final TopologyTestDriver driver;
    final TestInputTopic<String, String> rawPostfix;
    final TestInputTopic<String, String> rawPostqueue;
    final TestOutputTopic<String, TopSnapshot> top20;
    final TestOutputTopic<String, TopSnapshot> reports;
    final TestOutputTopic<String, MailMessage> messages;
    final TestOutputTopic<String, QueueStatus> queue;
    final TestOutputTopic<String, Alert> alerts;
    final TestOutputTopic<String, DeadLetter> dlq;

    /** The mail flow alone, with the postqueue snapshots that feed its queue status topic. */
    MailFlowDriver(final RulesConfig base, final Path stateDir) {
        this(base, stateDir, false);
    }

    /** The whole detector: for the tests that follow mail into the other parts (reports, proxy, intel). */
    static MailFlowDriver wholeDetector(final RulesConfig base, final Path stateDir) {
        return new MailFlowDriver(base, stateDir, true);
    }

    private MailFlowDriver(final RulesConfig base, final Path stateDir, final boolean wholeDetector) {
        this.config = base.withClock(Clock.fixed(NOW, ZoneOffset.UTC));
        driver = wholeDetector
                ? TestDrivers.detector(config, stateDir, NOW)
                : TestDrivers.part(builder -> addMailFlow(builder, config), stateDir, NOW);
        final var topics = config.topics();
        rawPostfix = driver.createInputTopic(topics.rawPostfix(), new StringSerializer(), new StringSerializer());
        rawPostqueue = driver.createInputTopic(topics.rawPostqueue(), new StringSerializer(), new StringSerializer());
        top20 = driver.createOutputTopic(
                topics.top20State(), new StringDeserializer(), PostfixMailFlow.SNAPSHOT_SERDE.deserializer());
        reports = driver.createOutputTopic(
                topics.top20Reports(), new StringDeserializer(), PostfixMailFlow.SNAPSHOT_SERDE.deserializer());
        messages = driver.createOutputTopic(
                topics.mailMessages(), new StringDeserializer(), PostfixMailFlow.MESSAGE_SERDE.deserializer());
        queue = driver.createOutputTopic(
                topics.queueStatus(), new StringDeserializer(), PostfixMailFlow.QUEUE_SERDE.deserializer());
        alerts = driver.createOutputTopic(
                topics.alerts(), new StringDeserializer(), AlertThrottle.serde().deserializer());
        dlq = driver.createOutputTopic(
                topics.dlq(), new StringDeserializer(), ParsingStep.DEAD_LETTER_SERDE.deserializer());
    }

    private static void addMailFlow(final StreamsBuilder builder, final RulesConfig config) {
        final PostfixMailFlow.Output mail = PostfixMailFlow.addTo(builder, config);
        PostqueueSnapshots.addTo(builder, config, mail.queueStatusTopic());
        TestDrivers.throttled(builder, config, new PartAlerts("mail", mail.alerts()));
    }

    void lines(final String... lines) {
        linesAt(NOW, lines);
    }

    /**
     * The driver runs its topology as one task, so the raw records' timestamps count in every
     * stage's stream time: tests about stream time pipe lines stamped near their own time.
     */
    void linesAt(final java.time.Instant recordTime, final String... lines) {
        for (final String line : lines) {
            rawPostfix.pipeInput(null, line, recordTime);
        }
    }

    /**
     * Lets the wall-clock punctuators (publication, queue sweep) run. The partitions' top lists reach the merge
     * on one punctuation and are published on a later one (the driver may run the merge's punctuator first), so
     * the clock moves on once more by a publication interval.
     */
    void tick(final Duration duration) {
        driver.advanceWallClockTime(duration);
        driver.advanceWallClockTime(config.top().publishInterval());
    }

    /** The latest snapshot per window published so far. */
    Map<String, TopSnapshot> latestSnapshots() {
        final Map<String, TopSnapshot> latest = new LinkedHashMap<>();
        for (final KeyValue<String, TopSnapshot> kv : top20.readKeyValuesToList()) {
            if (kv.value == null) {
                latest.remove(kv.key);
            } else {
                latest.put(kv.key, kv.value);
            }
        }
        return latest;
    }

    List<Alert> alertsList() {
        return new ArrayList<>(alerts.readValuesToList());
    }

    @Override
    public void close() {
        driver.close();
    }
}
