package io.vigie.rules.mail;

import static org.assertj.core.api.Assertions.assertThat;

import io.vigie.core.model.MailCount;
import io.vigie.core.serde.PostfixSerdes;
import io.vigie.rules.TestDrivers;
import io.vigie.rules.alert.Alert;
import io.vigie.rules.alert.AlertThrottle;
import io.vigie.rules.config.FlowAnomalyConfig;
import io.vigie.rules.mail.OutboundVolumeSpikeDetection.HourlyCounts;
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

/** The outbound-spike part alone: mail counts in, through its one-partition topic and its two stores, alerts out. */
class OutboundVolumeSpikeDetectionTest {

    private static final Instant T0 = Instant.parse("2026-11-28T10:15:00Z");
    private static final String SENDER = "compta@chu-exemple.fr";
    private static final String THIS_HOUR =
            Long.toString(Instant.parse("2026-11-28T10:00:00Z").toEpochMilli());

    @TempDir
    Path stateDir;

    private TopologyTestDriver driver;
    private TestInputTopic<String, MailCount> counts;
    private TestOutputTopic<String, Alert> alerts;

    @BeforeEach
    void setUp() {
        final FlowAnomalyConfig config = FlowAnomalyConfig.defaults().toBuilder()
                .spikeMinimumMessages(5)
                .spikeFactor(2)
                .baselineHours(24)
                .learningPeriod(Duration.ofHours(2))
                .fanOutRecipients(30)
                .fanOutWindow(Duration.ofMinutes(15))
                .build();
        driver = TestDrivers.part(
                builder -> OutboundVolumeSpikeDetection.addTo(
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
    void shouldEmitOneAlertKeyedBySenderAndKeepBothStores() {
        for (int i = 0; i < 12; i++) {
            final Instant time = T0.plusSeconds(i);
            counts.pipeInput(SENDER, OutboundVolumeSpikeTest.sent(time), time);
        }

        final List<KeyValue<String, Alert>> out = alerts.readKeyValuesToList();
        assertThat(out).hasSize(1);
        assertThat(out.get(0).key).isEqualTo(SENDER);
        assertThat(out.get(0).value.vigie().observed()).containsEntry("messages_this_hour", 10);
        final KeyValueStore<String, HourlyCounts> senders = driver.getKeyValueStore(OutboundVolumeSpikeDetection.STORE);
        assertThat(senders.get(SENDER).byHour()).containsValue(12L);
        final KeyValueStore<String, SenderHourVolumes> organisation =
                driver.getKeyValueStore(OutboundVolumeSpikeDetection.ORGANISATION_STORE);
        assertThat(organisation.get(THIS_HOUR).senderHours()).isEqualTo(1);
    }

    @Test
    void shouldEmitNothingBelowTheMinimum() {
        for (int i = 0; i < 9; i++) {
            final Instant time = T0.plusSeconds(i);
            counts.pipeInput(SENDER, OutboundVolumeSpikeTest.sent(time), time);
        }

        assertThat(alerts.isEmpty()).isTrue();
    }
}
