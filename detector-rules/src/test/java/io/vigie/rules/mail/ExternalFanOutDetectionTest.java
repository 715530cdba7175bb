package io.vigie.rules.mail;

import static org.assertj.core.api.Assertions.assertThat;

import io.vigie.core.model.Direction;
import io.vigie.core.model.MailCount;
import io.vigie.core.serde.PostfixSerdes;
import io.vigie.rules.TestDrivers;
import io.vigie.rules.alert.Alert;
import io.vigie.rules.alert.AlertThrottle;
import io.vigie.rules.config.FlowAnomalyConfig;
import io.vigie.rules.mail.ExternalFanOutDetection.Recipients;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.Produced;
import org.apache.kafka.streams.state.KeyValueStore;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The fan-out part alone: mail counts in, through its repartition and its store, alerts out. */
class ExternalFanOutDetectionTest {

    private static final Instant T0 = Instant.parse("2026-11-28T05:20:00Z");
    private static final String SENDER = "eric.barre@free.fr";

    @TempDir
    Path stateDir;

    private TopologyTestDriver driver;
    private TestInputTopic<String, MailCount> counts;
    private TestOutputTopic<String, Alert> alerts;

    @BeforeEach
    void setUp() {
        final FlowAnomalyConfig config = FlowAnomalyConfig.defaults().toBuilder()
                .spikeMinimumMessages(50)
                .spikeFactor(10)
                .baselineHours(24)
                .learningPeriod(Duration.ofDays(7))
                .fanOutRecipients(3)
                .fanOutWindow(Duration.ofMinutes(15))
                .build();
        driver = TestDrivers.part(
                builder -> ExternalFanOutDetection.addTo(
                                builder,
                                config,
                                builder.stream("counts", Consumed.with(Serdes.String(), PostfixSerdes.COUNT)))
                        .to("alerts", Produced.with(Serdes.String(), AlertThrottle.serde())),
                stateDir,
                T0);
        counts = driver.createInputTopic("counts", new StringSerializer(), PostfixSerdes.COUNT.serializer());
        alerts = driver.createOutputTopic(
                "alerts", new StringDeserializer(), AlertThrottle.serde().deserializer());
    }

    @AfterEach
    void tearDown() {
        driver.close();
    }

    @Test
    void shouldEmitOneAlertKeyedBySenderWhenItReachesTheThresholdWhateverTheInputKeys() {
        counts.pipeInput("a@chu-exemple.fr", ExternalFanOutTest.delivery("a@chu-exemple.fr", T0), T0);
        counts.pipeInput(null, ExternalFanOutTest.delivery("b@chu-exemple.fr", T0.plusSeconds(1)), T0.plusSeconds(1));
        counts.pipeInput(
                "c@chu-exemple.fr",
                ExternalFanOutTest.delivery("c@chu-exemple.fr", T0.plusSeconds(2)),
                T0.plusSeconds(2));
        counts.pipeInput(
                "d@chu-exemple.fr",
                ExternalFanOutTest.delivery("d@chu-exemple.fr", T0.plusSeconds(3)),
                T0.plusSeconds(3));

        final List<KeyValue<String, Alert>> out = alerts.readKeyValuesToList();
        assertThat(out).hasSize(1);
        assertThat(out.get(0).key).isEqualTo(SENDER);
        assertThat(out.get(0).value.vigie().observed()).containsEntry("recipients", 3);
        final KeyValueStore<String, Recipients> store = driver.getKeyValueStore(ExternalFanOutDetection.STORE);
        assertThat(store.get(SENDER).lastDelivery()).hasSize(4);
        assertThat(store.get(SENDER).alerted()).isTrue();
    }

    @Test
    void shouldEmitNothingBelowThresholdNorForOutboundMail() {
        counts.pipeInput(null, ExternalFanOutTest.delivery("a@chu-exemple.fr", T0), T0);
        counts.pipeInput(null, ExternalFanOutTest.delivery("b@chu-exemple.fr", T0), T0);
        for (final String to : new String[] {"x@gmail.com", "y@gmail.com", "z@gmail.com"}) {
            counts.pipeInput(
                    null,
                    new MailCount(T0, MailCount.Role.RECIPIENT, to, Direction.OUTBOUND, 1, 10, "a@chu-exemple.fr"),
                    T0);
        }

        assertThat(alerts.isEmpty()).isTrue();
        final KeyValueStore<String, Recipients> store = driver.getKeyValueStore(ExternalFanOutDetection.STORE);
        assertThat(store.get(SENDER).lastDelivery()).hasSize(2);
        assertThat(store.get("a@chu-exemple.fr")).isNull();
    }
}
