package io.vigie.rules.quarantine;

import static org.assertj.core.api.Assertions.assertThat;

import io.vigie.core.model.PostfixEvent;
import io.vigie.core.parse.PostfixParser;
import io.vigie.rules.TestDrivers;
import io.vigie.rules.alert.Alert;
import io.vigie.rules.alert.AlertThrottle;
import io.vigie.rules.config.RulesConfig;
import io.vigie.rules.intel.IntelFeeds;
import io.vigie.rules.store.GlobalStores;
import io.vigie.rules.store.QueryableStores;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.KStream;
import org.apache.kafka.streams.kstream.Produced;
import org.apache.kafka.streams.state.KeyValueStore;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The quarantine campaigns part alone, with an empty intel store of its own: gateway lines to campaigns kept by trait,
 * and alerts keyed by trait.
 */
class QuarantineCampaignsPartTest {

    private static final Instant NOW = Instant.parse("2026-11-28T12:00:00Z");
    private static final String SUBJECT_TRAIT = "subject:mot de passe expire aujourd'hui";

    @TempDir
    Path stateDir;

    private TopologyTestDriver driver;
    private TestInputTopic<String, String> quarantine;
    private TestOutputTopic<String, Alert> alerts;

    @BeforeEach
    void setUp() {
        final RulesConfig config = RulesConfig.defaults()
                .withInternalDomains(List.of("chu-exemple.fr"))
                .withClock(Clock.fixed(NOW, ZoneOffset.UTC));
        driver = TestDrivers.part(
                builder -> {
                    GlobalStores.keyValue(
                            builder, "intel-test-store", "intel-test", IntelFeeds.INDICATOR_SERDE, "intel-test-source");
                    QuarantineCampaigns.addTo(builder, config, postfixLines(builder, config), "intel-test-store")
                            .to("alerts", Produced.with(Serdes.String(), AlertThrottle.serde()));
                },
                stateDir,
                NOW);
        quarantine = driver.createInputTopic(
                config.topics().rawQuarantine(), new StringSerializer(), new StringSerializer());
        alerts = driver.createOutputTopic(
                "alerts", new StringDeserializer(), AlertThrottle.serde().deserializer());
    }

    private static KStream<String, PostfixEvent> postfixLines(final StreamsBuilder builder, final RulesConfig config) {
        final PostfixParser parser = new PostfixParser(config.clock(), config.zone());
        return builder.stream("postfix-lines", Consumed.with(Serdes.String(), Serdes.String()))
                .flatMapValues(line ->
                        parser.parse(line).isOk() ? List.of(parser.parse(line).value()) : List.of());
    }

    @AfterEach
    void tearDown() {
        driver.close();
    }

    @Test
    void shouldKeyTheCampaignAlertByTraitAndKeepTheCampaignInTheStore() {
        for (int i = 1; i <= 5; i++) {
            quarantine.pipeInput(
                    "mx",
                    QuarantineCampaignsTest.amavisLine(
                            i,
                            "a@evil-campaign.example",
                            "user" + i + "@chu-exemple.fr",
                            "Mot de passe expire aujourd'hui",
                            "SPAM"),
                    NOW);
        }

        final List<KeyValue<String, Alert>> out = alerts.readKeyValuesToList();
        assertThat(out).extracting(kv -> kv.key).contains(SUBJECT_TRAIT);
        assertThat(out).allSatisfy(kv -> assertThat(kv.value.vigie().observed()).containsEntry("trait", kv.key));
        final KeyValueStore<String, Campaign> store = driver.getKeyValueStore(QueryableStores.QUARANTINE_CAMPAIGNS);
        assertThat(store.get(SUBJECT_TRAIT).messages()).hasSize(5);
        assertThat(store.get(SUBJECT_TRAIT).alertedAt()).isEqualTo(5);
    }

    @Test
    void shouldRaiseNothingBelowTheThreshold() {
        for (int i = 1; i <= 4; i++) {
            quarantine.pipeInput(
                    "mx",
                    QuarantineCampaignsTest.amavisLine(
                            i,
                            "a@evil-campaign.example",
                            "user" + i + "@chu-exemple.fr",
                            "Mot de passe expire aujourd'hui",
                            "SPAM"),
                    NOW);
        }

        assertThat(alerts.isEmpty()).isTrue();
    }
}
