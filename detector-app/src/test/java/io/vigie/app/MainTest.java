package io.vigie.app;

import static io.vigie.app.KafkaTestClients.consume;
import static org.assertj.core.api.Assertions.assertThat;

import io.vigie.app.broker.EmbeddedKafkaBroker;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
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
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import picocli.CommandLine;

@Timeout(180)
class MainTest {

    @TempDir
    Path dir;

    /** Exit code and captured output of one invocation. */
    record Result(int code, String out, String err) {
    }

    private static Result run(final Map<String, String> env, final String... args) {
        final StringWriter out = new StringWriter();
        final StringWriter err = new StringWriter();
        final CommandLine cli = new CommandLine(new Main(env));
        cli.setOut(new PrintWriter(out, true));
        cli.setErr(new PrintWriter(err, true));
        final int code = cli.execute(args);
        return new Result(code, out.toString(), err.toString());
    }

    private static Result run(final String... args) {
        return run(Map.of(), args);
    }

    @Test
    void shouldListSubcommandsInHelp() {
        final Result result = run("--help");

        assertThat(result.code()).isZero();
        assertThat(result.out()).contains("run", "ingest", "analyze", "topics", "evidence");
    }

    @ParameterizedTest
    @ValueSource(strings = {"run", "ingest", "analyze", "topics", "evidence"})
    void shouldPrintHelpWithConfigOptionForEachSubcommand(final String command) {
        final Result result = run(command, "--help");

        assertThat(result.code()).isZero();
        assertThat(result.out()).contains("Usage: vigie " + command).contains("--help");
        if (!"topics".equals(command)) {
            assertThat(result.out()).contains("--config");
        }
    }

    @Test
    void shouldDescribeTopicsSubcommands() {
        final Result topics = run("topics", "--help");
        assertThat(topics.out()).contains("create", "list");
        final Result create = run("topics", "create", "--help");
        assertThat(create.code()).isZero();
        assertThat(create.out()).contains("--config", "--bootstrap-servers");
    }

    @Test
    void shouldExitWithUsageCodeWithoutCommandOrWithUnknownOne() {
        assertThat(run().code()).isEqualTo(2);
        assertThat(run("topics").code()).isEqualTo(2);
        final Result unknown = run("serve");
        assertThat(unknown.code()).isEqualTo(2);
        assertThat(unknown.err()).contains("serve");
    }

    @Test
    void shouldExitWithUsageCodeOnBadOptions() {
        final Result missingSource = run("ingest", "some.log");
        assertThat(missingSource.code()).isEqualTo(2);
        assertThat(missingSource.err()).contains("--source");

        final Result badSource = run("ingest", "--source", "smtp", "some.log");
        assertThat(badSource.code()).isEqualTo(2);
        assertThat(badSource.err()).contains("smtp");

        final Result missingFile = run(Map.of("VIGIE_KAFKA_BOOTSTRAP_SERVERS", "127.0.0.1:1"),
                "ingest", "--source", "postfix", dir.resolve("absent.log").toString());
        assertThat(missingFile.code()).isEqualTo(2);
        assertThat(missingFile.err()).contains("absent.log");
    }

    @Test
    void shouldExitWithUsageCodeAndOneLineMessageOnConfigurationError() {
        final Result missing = run("run", "--config", dir.resolve("nope.yaml").toString());
        assertThat(missing.code()).isEqualTo(2);
        assertThat(missing.err()).contains("nope.yaml").doesNotContain("\tat ");

        final Result badEnv = run(Map.of("VIGIE_HTTP_PORT", "eighty"), "topics", "list");
        assertThat(badEnv.code()).isEqualTo(2);
        assertThat(badEnv.err()).contains("http.port", "VIGIE_HTTP_PORT").doesNotContain("\tat ");

        final Result unknownEnv = run(Map.of("VIGIE_HTTP_PROT", "80"), "run");
        assertThat(unknownEnv.code()).isEqualTo(2);
        assertThat(unknownEnv.err()).contains("VIGIE_HTTP_PROT");
    }

    @Test
    void shouldReadConfigFileNamedByEnvironment() throws IOException {
        final Path file = dir.resolve("bad.yaml");
        Files.writeString(file, "mail: { top: { size: 0 } }\n", StandardCharsets.UTF_8);

        final Result result = run(Map.of("VIGIE_CONFIG", file.toString()), "topics", "list");

        assertThat(result.code()).isEqualTo(2);
        assertThat(result.err()).contains("mail.top.size");
    }

    @Test
    void shouldRefuseToAnalyzeVpnLogsAndPointToIngestWhenTheSourceIsAuth() {
        final Result result = run("analyze", "--source", "openvpn", dir.resolve("openvpn.log").toString());

        assertThat(result.code()).isEqualTo(2);
        assertThat(result.err()).contains("--source openvpn is not supported", "vigie ingest --source openvpn");
    }

    @Test
    void shouldRequireSourceAndFilesForAnalyze() {
        final Result noSource = run("analyze", "mail.log");
        assertThat(noSource.code()).isEqualTo(2);
        assertThat(noSource.err()).contains("--source");
        final Result noFile = run("analyze", "--source", "postfix");
        assertThat(noFile.code()).isEqualTo(2);
        assertThat(noFile.err()).contains("FILE");
    }

    @Test
    void shouldCreateListAndIngestAgainstAGivenCluster() throws Exception {
        final Path plain = dir.resolve("mail.log");
        Files.writeString(plain, "line one\n\nline two\r\n", StandardCharsets.UTF_8);
        final Path gzipped = dir.resolve("mail.log.1.gz");
        try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(gzipped))) {
            out.write("old line\nlast line without newline".getBytes(StandardCharsets.UTF_8));
        }
        final Path snapshot = dir.resolve("postqueue-relay1.json");
        Files.writeString(snapshot, "{\"queue_name\":\"deferred\"}\n{\"queue_name\":\"active\"}\n",
                StandardCharsets.UTF_8);

        try (EmbeddedKafkaBroker broker = new EmbeddedKafkaBroker(dir.resolve("broker"), "127.0.0.1", 0, 0).start()) {
            final Map<String, String> env = Map.of("VIGIE_KAFKA_BOOTSTRAP_SERVERS", broker.bootstrapServers());

            final Result create = run(env, "topics", "create");
            assertThat(create.code()).as(create.err()).isZero();
            assertThat(create.out()).contains("created raw.postfix", "created alerts", "created dlq");
            assertThat(run(env, "topics", "create").out()).contains("exists  raw.postfix").doesNotContain("created");

            final Result ingest = run(env, "ingest", "--source", "postfix", plain.toString(), gzipped.toString());
            assertThat(ingest.code()).as(ingest.err()).isZero();
            assertThat(ingest.out()).contains("ingested 4 lines (2 records)", "into raw.postfix",
                    "1 empty line(s) skipped");

            // Postfix lines travel batched, one record per file here, LF-separated (README: many lines per record)
            final List<ConsumerRecord<String, String>> lines = consume(broker.bootstrapServers(), "raw.postfix", 2);
            assertThat(lines).extracting(ConsumerRecord::value)
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
                    .filter(r -> r.key().equals("huge.log")).map(r -> r.value().length()))
                    .containsExactly("before".length(), 1024 * 1024, "after".length());

            final Result queue = run(env, "ingest", "--source", "postqueue", snapshot.toString());
            assertThat(queue.code()).as(queue.err()).isZero();
            assertThat(queue.out()).contains("ingested 1 records");
            assertThat(consume(broker.bootstrapServers(), "raw.postqueue", 1)).singleElement()
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
