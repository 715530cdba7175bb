package io.vigie.rules.av;

import static org.assertj.core.api.Assertions.assertThat;

import io.vigie.rules.TestDrivers;
import io.vigie.rules.alert.Alert;
import io.vigie.rules.alert.AlertThrottle;
import io.vigie.rules.av.OutbreakDetection.Spread;
import io.vigie.rules.config.AntivirusConfig;
import io.vigie.rules.config.RulesConfig;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
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

/** The antivirus part alone, without the rest of the detector: its outbreak wiring through its repartition. */
class AntivirusPartTest {

    private static final Instant NOW = Instant.parse("2026-11-28T12:00:00Z");
    private static final String ROOT = "/var/tmp/realgen/clamav/root/home/";

    @TempDir
    Path stateDir;

    private TopologyTestDriver driver;
    private TestInputTopic<String, String> av;
    private TestOutputTopic<String, Alert> alerts;

    @BeforeEach
    void start() {
        final RulesConfig config = RulesConfig.defaults()
                .withAntivirus(AntivirusConfig.defaults().toBuilder()
                        .format("auto")
                        .serverHosts(List.of())
                        .serverNetworks(List.of())
                        .servers(List.of())
                        .internetPaths(List.of())
                        .outbreakHosts(3)
                        .outbreakWindow(Duration.ofHours(1))
                        .build())
                .withClock(Clock.fixed(NOW, ZoneOffset.UTC));
        driver = TestDrivers.part(
                builder -> Antivirus.addTo(builder, config)
                        .alerts()
                        .to("alerts", Produced.with(Serdes.String(), AlertThrottle.serde())),
                stateDir,
                NOW);
        av = driver.createInputTopic(config.topics().rawAv(), new StringSerializer(), new StringSerializer());
        alerts = driver.createOutputTopic(
                "alerts", new StringDeserializer(), AlertThrottle.serde().deserializer());
    }

    @AfterEach
    void stop() {
        driver.close();
    }

    @Test
    void shouldKeyTheOutbreakAlertByThreatAndKeepTheHostsInTheStore() {
        for (final String host : new String[] {"pc-1", "pc-2", "pc-3"}) {
            av.pipeInput(host, "Sat Nov 28 10:00:00 2026 -> " + ROOT + "u/notes.txt: Eicar-Signature FOUND", NOW);
        }

        final List<KeyValue<String, Alert>> outbreaks = alerts.readKeyValuesToList().stream()
                .filter(alert -> alert.value.ruleId().equals(OutbreakDetection.RULE.id()))
                .toList();
        assertThat(outbreaks).singleElement().satisfies(alert -> {
            assertThat(alert.key).isEqualTo("threat:Eicar-Signature");
            assertThat(alert.value.vigie().observed()).containsEntry("hosts", 3);
        });
        final KeyValueStore<String, Spread> store = driver.getKeyValueStore(OutbreakDetection.STORE);
        assertThat(store.get("threat:Eicar-Signature").hosts()).containsOnlyKeys("pc-1", "pc-2", "pc-3");
    }

    @Test
    void shouldRaiseNoOutbreakBelowTheThreshold() {
        for (final String host : new String[] {"pc-1", "pc-2"}) {
            av.pipeInput(host, "Sat Nov 28 10:00:00 2026 -> " + ROOT + "u/notes.txt: Eicar-Signature FOUND", NOW);
        }

        assertThat(alerts.readValuesToList()).noneMatch(alert -> alert.ruleId().equals(OutbreakDetection.RULE.id()));
    }
}
