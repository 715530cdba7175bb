package io.vigie.rules.mail;

import static org.assertj.core.api.Assertions.assertThat;

import io.vigie.core.model.Indicator;
import io.vigie.core.model.MailMessage;
import io.vigie.rules.TestDrivers;
import io.vigie.rules.alert.Alert;
import io.vigie.rules.alert.AlertThrottle;
import io.vigie.rules.config.RulesConfig;
import io.vigie.rules.intel.IntelFeeds;
import io.vigie.rules.mail.LookalikeSenderDetection.Seen;
import java.nio.file.Path;
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

/** The look-alike part alone: messages read from their topic, keyed by domain, to alerts and indicators. */
class LookalikeSendersTest {

    @TempDir
    Path stateDir;

    private TopologyTestDriver driver;
    private TestInputTopic<String, MailMessage> messages;
    private TestOutputTopic<String, Alert> alerts;
    private TestOutputTopic<String, Indicator> indicators;

    @BeforeEach
    void setUp() {
        final RulesConfig config = LookalikeSenderDetectionTest.config();
        driver = TestDrivers.part(
                builder -> LookalikeSenders.addTo(builder, config)
                        .to("alerts", Produced.with(Serdes.String(), AlertThrottle.serde())),
                stateDir,
                LookalikeSenderTest.T0);
        messages = driver.createInputTopic(
                config.topics().mailMessages(), new StringSerializer(), PostfixMailFlow.MESSAGE_SERDE.serializer());
        alerts = driver.createOutputTopic(
                "alerts", new StringDeserializer(), AlertThrottle.serde().deserializer());
        indicators = driver.createOutputTopic(
                config.topics().indicators(), new StringDeserializer(), IntelFeeds.INDICATOR_SERDE.deserializer());
    }

    @AfterEach
    void tearDown() {
        driver.close();
    }

    @Test
    void shouldKeyTheAlertByDomainAndPublishTheIndicatorOnce() {
        messages.pipeInput(
                "mx|4F9D21C0A1", LookalikeSenderTest.inbound(LookalikeSenderTest.T0), LookalikeSenderTest.T0);
        messages.pipeInput(
                "mx|4F9D21C0A2",
                LookalikeSenderTest.inbound(LookalikeSenderTest.T0.plusSeconds(60)),
                LookalikeSenderTest.T0.plusSeconds(60));

        final List<KeyValue<String, Alert>> out = alerts.readKeyValuesToList();
        assertThat(out).extracting(kv -> kv.key).containsExactly(LookalikeSenderTest.DOMAIN);
        assertThat(indicators.readValuesToList())
                .extracting(Indicator::value)
                .containsExactly(LookalikeSenderTest.DOMAIN);
        final KeyValueStore<String, Seen> store = driver.getKeyValueStore(LookalikeSenderDetection.STORE);
        assertThat(store.get(LookalikeSenderTest.DOMAIN).messages()).isEqualTo(2);
    }
}
