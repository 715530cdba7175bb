package io.vigie.app;

import static io.vigie.app.KafkaTestClients.consume;
import static io.vigie.app.KafkaTestClients.produce;
import static io.vigie.app.KafkaTestClients.values;
import static org.assertj.core.api.Assertions.assertThat;

import io.vigie.app.config.VigieConfig;
import io.vigie.app.engine.Engine;
import io.vigie.app.http.JsonResponse;
import io.vigie.rules.config.RulesConfig;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.Named;
import org.apache.kafka.streams.kstream.Produced;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

@Timeout(180)
class EngineIT {

    @TempDir
    Path dataDir;

    private final HttpClient http = HttpClient.newHttpClient();

    /** raw.postfix upper-cased into alerts: enough to see records flow through the engine. */
    private static Topology upperCase(final RulesConfig rules) {
        final StreamsBuilder builder = new StreamsBuilder();
        builder.stream(rules.topics().rawPostfix(), Consumed.with(Serdes.String(), Serdes.String()))
                .mapValues(v -> v.toUpperCase(Locale.ROOT), Named.as("upper"))
                .to(rules.topics().alerts(), Produced.with(Serdes.String(), Serdes.String()));
        return builder.build();
    }

    /** Fails to write its output: the default production handler then kills the stream thread. */
    private static Topology failingSink(final RulesConfig rules) {
        final Serde<String> broken = Serdes.serdeFrom(
                (topic, value) -> {
                    throw new SerializationException("cannot serialise " + topic);
                },
                Serdes.String().deserializer());
        final StreamsBuilder builder = new StreamsBuilder();
        builder.stream(rules.topics().rawPostfix(), Consumed.with(Serdes.String(), Serdes.String()))
                .to(rules.topics().alerts(), Produced.with(Serdes.String(), broken));
        return builder.build();
    }

    @Test
    void shouldRunTopologyOnEmbeddedBrokerAndStopWithNonZeroCodeWhenAClientDies() throws Exception {
        final VigieConfig config = VigieConfig.load(null, LoopbackEngine.env(dataDir, Map.of()));
        final AtomicBoolean hookRan = new AtomicBoolean();
        final CountDownLatch running = new CountDownLatch(1);

        try (Engine engine = new Engine(config, EngineIT::upperCase)) {
            engine.http().route("/api/ping", p -> JsonResponse.ok(Map.of("pong", true)));
            engine.beforeStart(e -> hookRan.set(e.streams().state() == KafkaStreams.State.CREATED));
            engine.addStateListener((now, before) -> {
                if (now == KafkaStreams.State.RUNNING) {
                    running.countDown();
                }
            });
            engine.start();

            assertThat(hookRan).isTrue();
            assertThat(engine.embeddedBroker()).isPresent();
            assertThat(running.await(60, TimeUnit.SECONDS))
                    .as("Kafka Streams RUNNING within 60 s")
                    .isTrue();
            assertThat(status(engine, "/health")).isEqualTo(200);
            assertThat(status(engine, "/api/ping")).isEqualTo(200);

            produce(engine.bootstrapServers(), config.topics().names().rawPostfix(), "mail.log", "postfix line");
            assertThat(values(consume(
                            engine.bootstrapServers(), config.topics().names().alerts(), 1)))
                    .containsExactly("POSTFIX LINE");
            assertThat(body(engine, "/metrics")).contains("kafka_stream_", "jvm_memory_used_bytes");

            // A second engine on the first one's broker, whose only thread dies on its first record.
            final VigieConfig failing = VigieConfig.load(
                    null,
                    Map.of(
                            "VIGIE_APPLICATION_ID", "vigie-failing",
                            "VIGIE_KAFKA_BOOTSTRAP_SERVERS", engine.bootstrapServers(),
                            "VIGIE_DATA_DIR", dataDir.resolve("failing").toString(),
                            "VIGIE_HTTP_BIND", "127.0.0.1",
                            "VIGIE_HTTP_PORT", "0"));
            try (Engine other = new Engine(failing, EngineIT::failingSink)) {
                other.start();
                assertThat(other.embeddedBroker()).isEmpty();
                assertThat(other.awaitTermination()).isEqualTo(1);
                assertThat(other.streams().state()).isEqualTo(KafkaStreams.State.ERROR);
                assertThat(other.failed()).isTrue();
            }
        }
    }

    private int status(final Engine engine, final String path) throws Exception {
        return http.send(request(engine, path), HttpResponse.BodyHandlers.discarding())
                .statusCode();
    }

    private String body(final Engine engine, final String path) throws Exception {
        return http.send(request(engine, path), HttpResponse.BodyHandlers.ofString())
                .body();
    }

    private static HttpRequest request(final Engine engine, final String path) {
        return HttpRequest.newBuilder(
                        URI.create("http://127.0.0.1:" + engine.http().port() + path))
                .timeout(Duration.ofSeconds(10))
                .build();
    }
}
