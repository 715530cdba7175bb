package io.vigie.app.mail;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.vigie.app.EngineHttp;
import io.vigie.app.KafkaTestClients;
import io.vigie.app.LoopbackEngine;
import io.vigie.app.analyze.SourceFiles;
import io.vigie.app.config.VigieConfig;
import io.vigie.app.engine.Engine;
import io.vigie.app.pflogsumm.PflogsummCorpus;
import io.vigie.app.pflogsumm.PflogsummReport;
import java.io.BufferedReader;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;
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
class MailFlowIntegrationIT {

    @TempDir
    Path dataDir;

    @Test
    void shouldServeTopSendersMetricsAndAlertsWhenARealLogIsStreamedThroughTheEngine() throws Exception {
        final PflogsummCorpus.Case realgen = PflogsummCorpus.byName("realgen_mail");
        final Path log = realgen.log().orElseThrow();
        final VigieConfig config = VigieConfig.load(
                null,
                LoopbackEngine.env(
                        dataDir,
                        Map.of(
                                "VIGIE_ORGANISATION_TIME_ZONE", "UTC",
                                "VIGIE_ORGANISATION_INTERNAL_DOMAINS", "chu-exemple.fr",
                                "VIGIE_ORGANISATION_INTERNAL_NETWORKS", "127.10.0.0/16")));

        try (Engine engine = MailApi.install(new Engine(config)).start()) {
            final EngineHttp http = new EngineHttp(engine);
            http.awaitStatus("/health", 200, Duration.ofSeconds(90));
            final long lines =
                    produce(engine.bootstrapServers(), config.topics().names().rawPostfix(), log);
            KafkaTestClients.produce(
                    engine.bootstrapServers(), config.topics().names().rawPostfix(), null, "this is not a syslog line");
            assertThat(lines).isGreaterThan(20_000);

            // the day's top senders converge on pflogsumm's list once every line is processed
            final List<String> expected = realgen.expected().sendersByCount().stream()
                    .map(e -> e.address() + "=" + e.value())
                    .toList();
            final JsonNode top = awaitTop(engine, expected, Duration.ofMinutes(4));
            assertThat(top.path("entries")).hasSize(20);
            final PflogsummReport.Entry expectedFirst =
                    realgen.expected().sendersByCount().get(0);

            // labels come out sorted: address, application, direction, rank, role, window
            final String gauge = "vigie_mail_top_messages{address=\"" + expectedFirst.address()
                    + "\",application=\"vigie\",direction=\"all\",rank=\"1\",role=\"sender\",window=\"day\"} "
                    + expectedFirst.value() + ".0";
            final String metrics = http.awaitMetric(gauge, Duration.ofSeconds(30));
            assertThat(metrics).contains("kafka_stream_");
            http.awaitMetric(
                    "vigie_dead_letter_total{application=\"vigie\",reason=\"not syslog\",source=\"postfix\"} 1.0",
                    Duration.ofSeconds(30));
            final List<JsonNode> letters = KafkaTestClients.values(KafkaTestClients.consume(
                            engine.bootstrapServers(), config.topics().names().dlq(), 1))
                    .stream()
                    .map(EngineHttp::json)
                    .toList();
            assertThat(letters).singleElement().satisfies(letter -> {
                assertThat(letter.path("reason").asText()).isEqualTo("not syslog");
                assertThat(letter.path("topic").asText()).isEqualTo("raw.postfix");
                assertThat(letter.path("offset").asLong()).isNotNegative();
            });

            // The log spans three minutes of a fresh install: the spike rule, still learning every sender, knows no
            // completed hour of the organisation (only 500 messages in an hour would fire). The compromise shows as the
            // takeover of the account the sprayers guessed; other rules alert earlier: wait for that one.
            final List<JsonNode> alerts = EngineHttp.poll(
                    () -> KafkaTestClients.values(KafkaTestClients.consumeAll(
                                    engine.bootstrapServers(),
                                    config.topics().names().alerts()))
                            .stream()
                            .map(EngineHttp::json)
                            .toList(),
                    all -> all.stream()
                            .anyMatch(alert -> "vigie.mail.account-takeover"
                                    .equals(alert.path("rule").path("id").asText())),
                    Duration.ofMinutes(2),
                    "no takeover alert");
            assertThat(alerts).anySatisfy(alert -> {
                assertThat(alert.path("rule").path("id").asText()).isEqualTo("vigie.mail.account-takeover");
                assertThat(alert.path("vigie").path("entity").asText())
                        .isEqualTo("secretariat.pediatrie@chu-exemple.fr");
                assertThat(alert.path("event").path("kind").asText()).isEqualTo("alert");
                assertThat(alert.path("event").path("id").asText()).hasSize(32);
            });

            final HttpResponse<String> bad = http.get("/api/top?direction=sideways");
            assertThat(bad.statusCode()).isEqualTo(400);
            assertThat(bad.body()).contains("direction").doesNotContain("sideways"); // the input is not echoed
        }
    }

    private static long produce(final String bootstrap, final String topic, final Path log) throws Exception {
        final Properties props = new Properties();
        props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        props.put(ProducerConfig.LINGER_MS_CONFIG, 5);
        long count = 0;
        try (KafkaProducer<String, String> producer =
                        new KafkaProducer<>(props, new StringSerializer(), new StringSerializer());
                BufferedReader reader = SourceFiles.open(log)) {
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

    private JsonNode awaitTop(final Engine engine, final List<String> expected, final Duration timeout)
            throws Exception {
        final EngineHttp http = new EngineHttp(engine);
        return EngineHttp.poll(
                () -> http.getJson("/api/top?direction=all&by=sender&metric=count&window=day"),
                top -> entries(top).equals(expected),
                timeout,
                "the day's top senders never became " + expected);
    }

    private static List<String> entries(final JsonNode top) {
        final List<String> entries = new java.util.ArrayList<>();
        top.path("entries").forEach(e -> entries.add(e.path("address").asText() + "=" + e.path("messages")));
        return entries;
    }
}
