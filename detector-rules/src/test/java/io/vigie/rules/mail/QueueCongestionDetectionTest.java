package io.vigie.rules.mail;

import static org.assertj.core.api.Assertions.assertThat;

import io.vigie.core.model.QueueStatus;
import io.vigie.rules.TestDrivers;
import io.vigie.rules.alert.Alert;
import io.vigie.rules.alert.AlertThrottle;
import io.vigie.rules.config.QueueConfig;
import io.vigie.rules.mail.QueueCongestionDetection.History;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.kstream.Produced;
import org.apache.kafka.streams.state.KeyValueStore;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The queue-congestion part alone: statuses read from their topic, the history in its store, alerts by host. */
class QueueCongestionDetectionTest {

    private static final Instant T0 = Instant.parse("2026-11-28T09:00:00Z");

    @TempDir
    Path stateDir;

    private TopologyTestDriver driver;
    private TestInputTopic<String, QueueStatus> statuses;
    private TestOutputTopic<String, Alert> alerts;

    @BeforeEach
    void setUp() {
        driver = TestDrivers.part(
                builder -> QueueCongestionDetection.addTo(builder, QueueConfig.defaults(), "queue")
                        .to("alerts", Produced.with(Serdes.String(), AlertThrottle.serde())),
                stateDir,
                T0);
        statuses = driver.createInputTopic("queue", new StringSerializer(), PostfixMailFlow.QUEUE_SERDE.serializer());
        alerts = driver.createOutputTopic(
                "alerts", new StringDeserializer(), AlertThrottle.serde().deserializer());
    }

    @AfterEach
    void tearDown() {
        driver.close();
    }

    @Test
    void shouldKeyTheAlertsByHostAndKeepOneHistoryPerHostAndSource() {
        statuses.pipeInput("mx1", QueueCongestionTest.status(T0, 250, 60), T0);

        final List<KeyValue<String, Alert>> out = alerts.readKeyValuesToList();
        assertThat(out).extracting(kv -> kv.key).containsExactly("mx1");
        assertThat(out.get(0).value.ruleId()).isEqualTo(QueueCongestion.BACKLOG.id());
        final KeyValueStore<String, History> store = driver.getKeyValueStore(QueueCongestionDetection.STORE);
        assertThat(store.get("mx1|log").samples()).hasSize(1);
    }

    @Test
    void shouldRaiseNothingOnAQuietQueue() {
        statuses.pipeInput("mx1", QueueCongestionTest.status(T0, 10, 60), T0);

        assertThat(alerts.isEmpty()).isTrue();
    }
}
