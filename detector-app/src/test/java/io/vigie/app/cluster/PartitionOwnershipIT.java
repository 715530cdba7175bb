package io.vigie.app.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import io.vigie.app.EngineHttp;
import io.vigie.app.broker.EmbeddedKafkaBroker;
import io.vigie.app.config.VigieConfig;
import io.vigie.app.engine.Engine;
import io.vigie.rules.config.RulesConfig;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.kstream.Consumed;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two real Kafka Streams instances of one application on the embedded broker: exactly one of them owns
 * {@code raw.dmarc}'s partition 0, and when it leaves the other takes it over.
 */
@Timeout(240)
class PartitionOwnershipIT {

    @TempDir
    Path dataDir;

    /** Reads raw.dmarc and nothing else: the ownership depends on the assignment, not on the detections. */
    private static Topology readsRawDmarc(final RulesConfig rules) {
        final StreamsBuilder builder = new StreamsBuilder();
        builder.stream(rules.topics().rawDmarc(), Consumed.with(Serdes.String(), Serdes.String()))
                .foreach((key, value) -> {});
        return builder.build();
    }

    @Test
    void shouldGiveTheDutyToOneInstanceAndMoveItWhenThatOneLeaves() throws Exception {
        assertThat(new PartitionOwnership(() -> null, "raw.dmarc").get())
                .as("no Streams client yet")
                .isEqualTo(Turn.NOT_KNOWN_YET);

        // A broker of its own: the instance that leaves must not take the cluster with it.
        try (EmbeddedKafkaBroker broker = new EmbeddedKafkaBroker(dataDir.resolve("kafka"), "127.0.0.1", 0, 0).start();
                Engine one = new Engine(instance(broker, "one"), PartitionOwnershipIT::readsRawDmarc).start()) {
            final String topic = instance(broker, "one").topics().names().rawDmarc();
            final PartitionOwnership ofOne = new PartitionOwnership(one::streams, topic);
            EngineHttp.poll(
                    ofOne::get,
                    turn -> turn == Turn.MINE,
                    Duration.ofSeconds(90),
                    "the only instance never owned " + topic + "-0");

            try (Engine two = new Engine(instance(broker, "two"), PartitionOwnershipIT::readsRawDmarc).start()) {
                final PartitionOwnership ofTwo = new PartitionOwnership(two::streams, topic);
                final List<Turn> turns = EngineHttp.poll(
                        () -> bothRunning(one, two) ? List.of(ofOne.get(), ofTwo.get()) : List.of(),
                        t -> t.size() == 2 && t.contains(Turn.MINE) && t.contains(Turn.ANOTHER_INSTANCE),
                        Duration.ofSeconds(120),
                        "not exactly one owner of " + topic + "-0 once both run");
                final Engine owner = turns.get(0) == Turn.MINE ? one : two;
                final PartitionOwnership ofOther = owner == one ? ofTwo : ofOne;
                final Engine other = owner == one ? two : one;

                owner.close();
                EngineHttp.poll(
                        ofOther::get,
                        turn -> turn == Turn.MINE,
                        Duration.ofSeconds(120),
                        "the remaining instance never took " + topic + "-0 over");
                assertThat(other.streams().state()).isEqualTo(KafkaStreams.State.RUNNING);
            }
        }
    }

    /** One instance of the application: same application id (the default), its own state directory. */
    private VigieConfig instance(final EmbeddedKafkaBroker broker, final String name) {
        return VigieConfig.load(
                null,
                Map.of(
                        "VIGIE_KAFKA_BOOTSTRAP_SERVERS",
                        broker.bootstrapServers(),
                        "VIGIE_DATA_DIR",
                        dataDir.resolve(name).toString(),
                        "VIGIE_HTTP_BIND",
                        "127.0.0.1",
                        "VIGIE_HTTP_PORT",
                        "0"));
    }

    private static boolean bothRunning(final Engine one, final Engine two) {
        return one.streams().state() == KafkaStreams.State.RUNNING
                && two.streams().state() == KafkaStreams.State.RUNNING;
    }
}
