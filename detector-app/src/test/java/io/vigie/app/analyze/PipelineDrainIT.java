package io.vigie.app.analyze;

import static org.assertj.core.api.Assertions.assertThat;

import io.vigie.app.KafkaTestClients;
import io.vigie.app.broker.EmbeddedKafkaBroker;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * When the analysis may stop reading: a topic it wrote itself, without a transaction, must be processed to its last
 * record; only a topic the engine writes in its transactions may stay one offset behind (the commit marker).
 */
@Timeout(120)
class PipelineDrainIT {

    private static final String APP = "drain-test";

    @TempDir
    Path dataDir;

    @Test
    void shouldWaitForTheLastRecordOfATopicWrittenWithoutATransaction() throws Exception {
        try (EmbeddedKafkaBroker broker = new EmbeddedKafkaBroker(dataDir, "127.0.0.1", 0, 0).start();
                Admin admin =
                        Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers()))) {
            admin.createTopics(List.of(new NewTopic("plain", 1, (short) 1), new NewTopic("read-back", 1, (short) 1)))
                    .all()
                    .get();
            for (final String topic : List.of("plain", "read-back")) {
                KafkaTestClients.produce(broker.bootstrapServers(), topic, "k", "first");
                KafkaTestClients.produce(broker.bootstrapServers(), topic, "k", "last");
            }
            // the group has processed everything but the last offset of each topic
            admin.alterConsumerGroupOffsets(
                            APP,
                            Map.of(
                                    new TopicPartition("plain", 0), new OffsetAndMetadata(1),
                                    new TopicPartition("read-back", 0), new OffsetAndMetadata(1)))
                    .all()
                    .get();
            final PipelineDrain drain =
                    new PipelineDrain(admin, APP, Set.of("plain"), Set.of("read-back"), Duration.ofMillis(10));
            assertThat(drain.progress().caughtUp())
                    .as("the last record of a plain topic is unread")
                    .isFalse();

            admin.alterConsumerGroupOffsets(APP, Map.of(new TopicPartition("plain", 0), new OffsetAndMetadata(2)))
                    .all()
                    .get();
            assertThat(drain.progress().caughtUp())
                    .as("one offset behind on a read-back topic may be its commit marker")
                    .isTrue();
        }
    }
}
