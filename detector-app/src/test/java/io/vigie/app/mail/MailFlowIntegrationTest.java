package io.vigie.app.mail;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.vigie.app.Engine;
import io.vigie.app.KafkaTestClients;
import io.vigie.app.analyze.SourceFiles;
import io.vigie.app.config.VigieConfig;
import io.vigie.app.pflogsumm.PflogsummCorpus;
import io.vigie.app.pflogsumm.PflogsummReport;
import io.vigie.core.serde.JsonSerde;
import java.io.BufferedReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * End to end on the embedded broker, as {@code vigie run} works: the realgen Postfix log (a
 * hospital gateway with a compromised account's burst) goes into {@code raw.postfix}; the HTTP
 * top-20, the Prometheus gauges and the alert topic must show what pflogsumm and the scenario say.
 */
class MailFlowIntegrationTest {

    @TempDir
    Path dataDir;
    private final HttpClient http = HttpClient.newHttpClient();

    @Test
    void shouldServeTopSendersMetricsAndAlertsWhenARealLogIsStreamedThroughTheEngine() throws Exception {
        final PflogsummCorpus.Case realgen = PflogsummCorpus.byName("realgen_mail");
        final Path log = realgen.log().orElseThrow();
        final VigieConfig config = VigieConfig.load(null, Map.of(
                "VIGIE_DATA_DIR", dataDir.toString(),
                "VIGIE_KAFKA_EMBEDDED_LISTENER", "127.0.0.1:0",
                "VIGIE_KAFKA_EMBEDDED_CONTROLLER_PORT", "0",
                "VIGIE_HTTP_BIND", "127.0.0.1",
                "VIGIE_HTTP_PORT", "0",
                "VIGIE_ORGANISATION_TIME_ZONE", "UTC",
                "VIGIE_ORGANISATION_INTERNAL_DOMAINS", "chu-exemple.fr",
                "VIGIE_ORGANISATION_INTERNAL_NETWORKS", "127.10.0.0/16"));

        try (Engine engine = MailApi.install(new Engine(config)).start()) {
            awaitHttp(engine, "/health", 200, Duration.ofSeconds(90));
            final long lines = produce(engine.bootstrapServers(), config.topics().names().rawPostfix(), log);
            KafkaTestClients.produce(engine.bootstrapServers(), config.topics().names().rawPostfix(), null,
                    "this is not a syslog line");
            assertThat(lines).isGreaterThan(20_000);

            // the day's top senders converge on pflogsumm's list once every line is processed
            final List<String> expected = realgen.expected().sendersByCount().stream()
                    .map(e -> e.address() + "=" + e.value()).toList();
            final JsonNode top = awaitTop(engine, expected, Duration.ofMinutes(4));
            assertThat(top.path("entries")).hasSize(20);
            final PflogsummReport.Entry expectedFirst = realgen.expected().sendersByCount().get(0);

            // labels come out sorted: address, application, direction, rank, role, window
            final String gauge = "vigie_mail_top_messages{address=\"" + expectedFirst.address()
                    + "\",application=\"vigie\",direction=\"all\",rank=\"1\",role=\"sender\",window=\"day\"} "
                    + expectedFirst.value() + ".0";
            final String metrics = awaitMetric(engine, gauge, Duration.ofSeconds(30));
            assertThat(metrics).contains("kafka_stream_");
            awaitMetric(engine, "vigie_dead_letter_total{application=\"vigie\",reason=\"not syslog\",source=\"postfix\"} 1.0",
                    Duration.ofSeconds(30));
            final List<JsonNode> letters = KafkaTestClients.values(KafkaTestClients.consume(engine.bootstrapServers(),
                    config.topics().names().dlq(), 1)).stream().map(MailFlowIntegrationTest::json).toList();
            assertThat(letters).singleElement().satisfies(letter -> {
                assertThat(letter.path("reason").asText()).isEqualTo("not syslog");
                assertThat(letter.path("topic").asText()).isEqualTo("raw.postfix");
                assertThat(letter.path("offset").asLong()).isNotNegative();
            });

            final List<JsonNode> alerts = KafkaTestClients.values(KafkaTestClients.consume(engine.bootstrapServers(),
                            config.topics().names().alerts(), 1)).stream().map(MailFlowIntegrationTest::json).toList();
            assertThat(alerts).anySatisfy(alert -> {
                assertThat(alert.path("rule").path("id").asText()).isEqualTo("vigie.mail.outbound-volume-spike");
                assertThat(alert.path("vigie").path("entity").asText()).isEqualTo("m.leroy@chu-exemple.fr");
                assertThat(alert.path("event").path("kind").asText()).isEqualTo("alert");
                assertThat(alert.path("event").path("id").asText()).hasSize(32);
            });

            final HttpResponse<String> bad = get(engine, "/api/top?direction=sideways");
            assertThat(bad.statusCode()).isEqualTo(400);
            assertThat(bad.body()).contains("direction");
        }
    }

    private static JsonNode json(final String text) {
        try {
            return JsonSerde.MAPPER.readTree(text);
        } catch (final Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static long produce(final String bootstrap, final String topic, final Path log) throws Exception {
        final Properties props = new Properties();
        props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        props.put(ProducerConfig.LINGER_MS_CONFIG, 5);
        long count = 0;
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(props, new StringSerializer(),
                new StringSerializer()); BufferedReader reader = SourceFiles.open(log)) {
            String line;
            while ((line = reader.readLine()) != null) {
                // null keys, as most shippers send them: lines of one message land on different partitions
                producer.send(new ProducerRecord<>(topic, null, line));
                count++;
            }
            producer.flush();
        }
        return count;
    }

    /** A value fetched until it satisfies the condition, or an AssertionError with the last one seen. */
    private interface Probe<T> {
        T fetch() throws Exception;
    }

    private static <T> T poll(final Probe<T> probe, final java.util.function.Predicate<T> done,
                              final Duration timeout, final String what) throws Exception {
        final long deadline = System.nanoTime() + timeout.toNanos();
        T last = null;
        while (System.nanoTime() < deadline) {
            last = probe.fetch();
            if (done.test(last)) {
                return last;
            }
            TimeUnit.MILLISECONDS.sleep(250);
        }
        final String seen = String.valueOf(last);
        throw new AssertionError(what + " within " + timeout + "; last seen: "
                + (seen.length() > 2000 ? seen.substring(0, 2000) + "..." : seen));
    }

    private JsonNode awaitTop(final Engine engine, final List<String> expected, final Duration timeout)
            throws Exception {
        return poll(() -> json(get(engine, "/api/top?direction=all&by=sender&metric=count&window=day").body()),
                top -> entries(top).equals(expected), timeout, "the day's top senders never became " + expected);
    }

    private static List<String> entries(final JsonNode top) {
        final List<String> entries = new java.util.ArrayList<>();
        top.path("entries").forEach(e -> entries.add(e.path("address").asText() + "=" + e.path("messages")));
        return entries;
    }

    private String awaitMetric(final Engine engine, final String line, final Duration timeout) throws Exception {
        return poll(() -> get(engine, "/metrics").body(), body -> body.contains(line), timeout,
                "never appeared in /metrics: " + line);
    }

    private void awaitHttp(final Engine engine, final String path, final int status, final Duration timeout)
            throws Exception {
        poll(() -> get(engine, path).statusCode(), code -> code == status, timeout, path + " never answered " + status);
    }

    private HttpResponse<String> get(final Engine engine, final String path) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + engine.http().port() + path))
                .timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
    }
}
