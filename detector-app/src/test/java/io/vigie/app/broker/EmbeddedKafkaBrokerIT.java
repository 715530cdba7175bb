package io.vigie.app.broker;

import static io.vigie.app.KafkaTestClients.consume;
import static io.vigie.app.KafkaTestClients.produce;
import static io.vigie.app.KafkaTestClients.values;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vigie.app.EngineHttp;
import io.vigie.app.config.VigieConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.common.config.ConfigResource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

@Timeout(120)
class EmbeddedKafkaBrokerIT {

    @TempDir
    Path dataDir;

    @Test
    void shouldKeepTopicsAndRecordsWhenRestartedOnTheSameDataDirAndRefuseASecondBrokerOnIt() throws Exception {
        final VigieConfig config = VigieConfig.load(null, Map.of("VIGIE_DATA_DIR", dataDir.toString()));
        final List<TopicSpec> specs = TopicProvisioner.specsFor(config);
        final String topic = config.topics().names().rawPostfix();

        try (EmbeddedKafkaBroker broker = new EmbeddedKafkaBroker(dataDir, "127.0.0.1", 0, 0).start()) {
            assertThat(broker.bootstrapServers())
                    .matches("127\\.0\\.0\\.1:\\d+")
                    .doesNotEndWith(":0");
            assertThat(broker.startupTime()).isLessThan(Duration.ofSeconds(60));
            try (Admin admin = admin(broker)) {
                final TopicProvisioner.Outcome first = new TopicProvisioner(admin).provision(specs);
                assertThat(first.created()).hasSize(specs.size());
                final TopicProvisioner.Outcome second = new TopicProvisioner(admin).provision(specs);
                assertThat(second.created()).isEmpty();
                assertThat(second.existing()).hasSize(specs.size());
                assertThat(topicConfig(admin, topic).get("retention.ms").value())
                        .isEqualTo(Long.toString(Duration.ofDays(30).toMillis()));
                assertThat(topicConfig(admin, config.topics().names().top20State())
                                .get("cleanup.policy")
                                .value())
                        .isEqualTo("compact");
                assertThat(admin.describeTopics(List.of(topic))
                                .allTopicNames()
                                .get(30, TimeUnit.SECONDS)
                                .get(topic)
                                .partitions())
                        .hasSize(3);
            }
            assertThatThrownBy(() -> new EmbeddedKafkaBroker(dataDir, "127.0.0.1", 0, 0).start())
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("in use by another process");
            produce(broker.bootstrapServers(), topic, "mail.log", "Jan  1 00:00:00 mx postfix/smtpd[1]: connect");
            assertThat(values(consume(broker.bootstrapServers(), topic, 1)))
                    .containsExactly("Jan  1 00:00:00 mx postfix/smtpd[1]: connect");
        }
        assertThat(Files.exists(dataDir.resolve("kafka").resolve("meta.properties")))
                .isTrue();

        try (EmbeddedKafkaBroker broker = new EmbeddedKafkaBroker(dataDir, "127.0.0.1", 0, 0).start();
                Admin admin = admin(broker)) {
            final Set<String> names = admin.listTopics().names().get(30, TimeUnit.SECONDS);
            assertThat(names)
                    .contains(
                            topic,
                            config.topics().names().alerts(),
                            config.topics().names().dlq());
            assertThat(new TopicProvisioner(admin).provision(specs).created()).isEmpty();
            assertThat(values(consume(broker.bootstrapServers(), topic, 1)))
                    .containsExactly("Jan  1 00:00:00 mx postfix/smtpd[1]: connect");
        }
    }

    private static Admin admin(final EmbeddedKafkaBroker broker) {
        return Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers()));
    }

    /**
     * A topic the controller created may not be in the broker's metadata yet (KRaft propagates it): until it is,
     * its configuration is "unknown topic". Waits for it, with a ceiling sized for a loaded machine.
     */
    private static Config topicConfig(final Admin admin, final String topic) throws Exception {
        final ConfigResource resource = new ConfigResource(ConfigResource.Type.TOPIC, topic);
        return EngineHttp.poll(
                () -> {
                    try {
                        return admin.describeConfigs(List.of(resource))
                                .all()
                                .get(30, TimeUnit.SECONDS)
                                .get(resource);
                    } catch (final java.util.concurrent.ExecutionException e) {
                        if (e.getCause() instanceof org.apache.kafka.common.errors.UnknownTopicOrPartitionException) {
                            return null; // not in the broker's metadata yet
                        }
                        throw e;
                    }
                },
                config -> config != null,
                Duration.ofMinutes(2),
                "topic " + topic + " never reached the broker's metadata");
    }
}
