package io.vigie.app;

import static io.vigie.app.KafkaTestClients.consume;
import static io.vigie.app.MainTest.run;
import static org.assertj.core.api.Assertions.assertThat;

import io.vigie.app.MainTest.Result;
import io.vigie.app.broker.EmbeddedKafkaBroker;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPOutputStream;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** The command line against a broker: a given cluster, or the embedded one the command starts for itself. */
@Timeout(180)
class MainClusterIT {

    @TempDir
    Path dir;

    @Test
    void shouldCreateListAndIngestAgainstAGivenCluster() throws Exception {
        final Path plain = dir.resolve("mail.log");
        Files.writeString(plain, "line one\n\nline two\r\n", StandardCharsets.UTF_8);
        final Path gzipped = dir.resolve("mail.log.1.gz");
        try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(gzipped))) {
            out.write("old line\nlast line without newline".getBytes(StandardCharsets.UTF_8));
        }
        final Path snapshot = dir.resolve("postqueue-relay1.json");
        Files.writeString(
                snapshot, "{\"queue_name\":\"deferred\"}\n{\"queue_name\":\"active\"}\n", StandardCharsets.UTF_8);

        try (EmbeddedKafkaBroker broker = new EmbeddedKafkaBroker(dir.resolve("broker"), "127.0.0.1", 0, 0).start()) {
            final Map<String, String> env = Map.of("VIGIE_KAFKA_BOOTSTRAP_SERVERS", broker.bootstrapServers());

            final Result create = run(env, "topics", "create");
            assertThat(create.code()).as(create.err()).isZero();
            assertThat(create.out()).contains("created raw.postfix", "created alerts", "created dlq");
            assertThat(run(env, "topics", "create").out())
                    .contains("exists  raw.postfix")
                    .doesNotContain("created");

            final Result ingest = run(env, "ingest", "--source", "postfix", plain.toString(), gzipped.toString());
            assertThat(ingest.code()).as(ingest.err()).isZero();
            assertThat(ingest.out())
                    .contains("ingested 4 lines (2 records)", "into raw.postfix", "1 empty line(s) skipped");

            // Postfix lines travel batched, one record per file here, LF-separated (README: many lines per record)
            final List<ConsumerRecord<String, String>> lines = consume(broker.bootstrapServers(), "raw.postfix", 2);
            assertThat(lines)
                    .extracting(ConsumerRecord::value)
                    .containsExactlyInAnyOrder("line one\nline two", "old line\nlast line without newline");
            assertThat(lines.stream().filter(r -> r.key().equals("mail.log")).map(ConsumerRecord::value))
                    .containsExactly("line one\nline two");

            // a 3 MiB line (over the 1 MiB cut) between two normal ones: sent cut, counted, the ingest goes on
            final Path huge = dir.resolve("huge.log");
            Files.writeString(huge, "before\n" + "x".repeat(3 * 1024 * 1024) + "\nafter\n", StandardCharsets.UTF_8);
            final Result cut = run(env, "ingest", "--source", "postfix", huge.toString());
            assertThat(cut.code()).as(cut.err()).isZero();
            assertThat(cut.out()).contains("ingested 3 records", "1 line(s) over 1.0 MiB sent cut");
            assertThat(consume(broker.bootstrapServers(), "raw.postfix", 5).stream()
                            .filter(r -> r.key().equals("huge.log"))
                            .map(r -> r.value().length()))
                    .containsExactly("before".length(), 1024 * 1024, "after".length());

            final Result queue = run(env, "ingest", "--source", "postqueue", snapshot.toString());
            assertThat(queue.code()).as(queue.err()).isZero();
            assertThat(queue.out()).contains("ingested 1 records");
            assertThat(consume(broker.bootstrapServers(), "raw.postqueue", 1))
                    .singleElement()
                    .satisfies(r -> assertThat(r.value()).contains("deferred", "active"));

            final Result list = run(env, "topics", "list", "--bootstrap-servers", broker.bootstrapServers());
            assertThat(list.code()).as(list.err()).isZero();
            assertThat(list.out()).containsPattern("raw\\.postfix\\s+3\\s+1\\s+yes");
        }
    }

    @Test
    void shouldStartEmbeddedBrokerForTheCommandWhenNoClusterIsConfigured() {
        final Map<String, String> env = new HashMap<>();
        env.put("VIGIE_DATA_DIR", dir.resolve("var").toString());
        env.put("VIGIE_KAFKA_EMBEDDED_LISTENER", "127.0.0.1:0");
        env.put("VIGIE_KAFKA_EMBEDDED_CONTROLLER_PORT", "0");

        final Result create = run(env, "topics", "create");
        assertThat(create.code()).as(create.err()).isZero();
        assertThat(create.out()).contains("created raw.postfix");

        final Result list = run(env, "topics", "list");
        assertThat(list.code()).as(list.err()).isZero();
        assertThat(list.out()).contains("reports.top20").doesNotContain("missing");
    }
}
