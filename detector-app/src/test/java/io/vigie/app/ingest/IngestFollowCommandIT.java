package io.vigie.app.ingest;

import static io.vigie.app.KafkaTestClients.consume;
import static io.vigie.app.KafkaTestClients.values;
import static io.vigie.app.ingest.IngestFollowCommandTest.execute;
import static org.assertj.core.api.Assertions.assertThat;

import io.vigie.app.EngineHttp;
import io.vigie.app.Main;
import io.vigie.app.broker.EmbeddedKafkaBroker;
import java.io.IOException;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.config.TopicConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code vigie ingest --follow} through the real command line, against an embedded broker, in this JVM and in a JVM
 * of its own (SIGTERM, SIGKILL). What it refuses before it connects is {@link IngestFollowCommandTest}.
 */
@Timeout(180)
class IngestFollowCommandIT {

    @TempDir
    Path dir;

    @Test
    void shouldFollowUntilInterruptedAndResumeAfterTheLastLineSent() throws Exception {
        final Path log = dir.resolve("mail.log");
        Files.writeString(log, "one\ntwo\n", StandardCharsets.UTF_8);
        try (EmbeddedKafkaBroker broker = new EmbeddedKafkaBroker(dir.resolve("broker"), "127.0.0.1", 0, 0).start()) {
            final Map<String, String> env = Map.of("VIGIE_KAFKA_BOOTSTRAP_SERVERS", broker.bootstrapServers());
            final String[] args = {
                "ingest",
                "--follow",
                "--source",
                "postfix",
                "--name",
                "cli-test",
                "--poll-interval",
                "100ms",
                log.toString()
            };

            final StringWriter first = new StringWriter();
            final Thread run = runInThread(env, first, args);
            // The command creates raw.postfix: consume once it said it is following.
            awaitText(first, "caught up, following files=1 topic=raw.postfix sent=2");
            assertThat(values(consume(broker.bootstrapServers(), "raw.postfix", 2)))
                    .containsExactly("one", "two");
            run.interrupt();
            run.join(TimeUnit.SECONDS.toMillis(60));
            assertThat(run.isAlive()).isFalse();
            assertThat(first.toString()).contains("stopped sent=2 cut=0").endsWith("exit=0\n");

            Files.writeString(log, "three\n", StandardCharsets.UTF_8, StandardOpenOption.APPEND);
            final StringWriter second = new StringWriter();
            final Thread rerun = runInThread(env, second, args);
            awaitText(second, "caught up, following files=1 topic=raw.postfix sent=1");
            rerun.interrupt();
            rerun.join(TimeUnit.SECONDS.toMillis(60));
            assertThat(values(consume(broker.bootstrapServers(), "raw.postfix", 3)))
                    .containsExactly("one", "two", "three");

            try (Admin admin = Admin.create(Map.of("bootstrap.servers", broker.bootstrapServers()))) {
                final ConfigResource positions = new ConfigResource(ConfigResource.Type.TOPIC, "ingest.positions");
                final Config config = admin.describeConfigs(List.of(positions))
                        .all()
                        .get(30, TimeUnit.SECONDS)
                        .get(positions);
                assertThat(config.get(TopicConfig.CLEANUP_POLICY_CONFIG).value())
                        .isEqualTo(TopicConfig.CLEANUP_POLICY_COMPACT);
            }
        }
    }

    @Test
    void shouldExitWithCode3WhenAnotherFollowerOfTheSameNameStarts() throws Exception {
        final Path log = dir.resolve("mail.log");
        Files.writeString(log, "one\n", StandardCharsets.UTF_8);
        try (EmbeddedKafkaBroker broker = new EmbeddedKafkaBroker(dir.resolve("broker"), "127.0.0.1", 0, 0).start()) {
            final Map<String, String> env = Map.of("VIGIE_KAFKA_BOOTSTRAP_SERVERS", broker.bootstrapServers());
            final String[] args = {"ingest", "--follow", "--source", "postfix", "--name", "twin", log.toString()};
            final StringWriter first = new StringWriter();
            final Thread firstRun = runInThread(env, first, args);
            awaitText(first, "caught up");
            final StringWriter second = new StringWriter();
            final Thread secondRun = runInThread(env, second, args);
            awaitText(second, "caught up");

            Files.writeString(log, "two\n", StandardCharsets.UTF_8, StandardOpenOption.APPEND);

            awaitText(first, "exit=3");
            assertThat(first.toString()).contains("another follower named 'twin' started");
            assertThat(values(consume(broker.bootstrapServers(), "raw.postfix", 2)))
                    .containsExactly("one", "two");
            secondRun.interrupt();
            secondRun.join(TimeUnit.SECONDS.toMillis(60));
            firstRun.join(TimeUnit.SECONDS.toMillis(60));
        }
    }

    @Test
    void shouldCommitInFlightLinesAndStopOnSigterm() throws Exception {
        final Path log = dir.resolve("mail.log");
        Files.writeString(log, "one\ntwo\n", StandardCharsets.UTF_8);
        final Path stderr = dir.resolve("stderr.txt");
        try (EmbeddedKafkaBroker broker = new EmbeddedKafkaBroker(dir.resolve("broker"), "127.0.0.1", 0, 0).start()) {
            final Process vigie = startVigie(
                    stderr,
                    "ingest",
                    "--follow",
                    "--source",
                    "postfix",
                    "--name",
                    "process-test",
                    "--poll-interval",
                    "100ms",
                    "--bootstrap-servers",
                    broker.bootstrapServers(),
                    log.toString());
            try {
                awaitFile(stderr, "caught up, following files=1");
                Files.writeString(log, "three\n", StandardCharsets.UTF_8, StandardOpenOption.APPEND);
                assertThat(values(consume(broker.bootstrapServers(), "raw.postfix", 3)))
                        .containsExactly("one", "two", "three");

                vigie.destroy(); // SIGTERM

                assertThat(vigie.waitFor(60, TimeUnit.SECONDS)).isTrue();
                assertThat(Files.readString(stderr, StandardCharsets.UTF_8)).contains("stopped sent=3 cut=0");
            } finally {
                vigie.destroyForcibly();
            }
        }
    }

    @Test
    void shouldSendEveryLineOnceWhenKilledMidBacklogAndRestarted() throws Exception {
        final Path log = dir.resolve("mail.log");
        final int lines = 300_000;
        final StringBuilder text = new StringBuilder();
        for (int i = 0; i < lines; i++) {
            text.append("Nov 28 12:00:00 mx1 postfix/smtpd[42]: line ")
                    .append(i)
                    .append('\n');
        }
        Files.writeString(log, text, StandardCharsets.UTF_8);
        try (EmbeddedKafkaBroker broker = new EmbeddedKafkaBroker(dir.resolve("broker"), "127.0.0.1", 0, 0).start()) {
            final Process killed = startVigie(
                    dir.resolve("killed.txt"),
                    "ingest",
                    "--follow",
                    "--source",
                    "postfix",
                    "--name",
                    "kill-test",
                    "--bootstrap-servers",
                    broker.bootstrapServers(),
                    log.toString());
            try {
                awaitFile(dir.resolve("killed.txt"), "start backlog="); // raw.postfix exists
                assertThat(consume(broker.bootstrapServers(), "raw.postfix", 30_000))
                        .hasSizeGreaterThanOrEqualTo(30_000);
            } finally {
                killed.destroyForcibly(); // SIGKILL: no shutdown hook, a transaction may be open
            }
            assertThat(killed.waitFor(30, TimeUnit.SECONDS)).isTrue();

            final StringWriter out = new StringWriter();
            final Thread restarted = runInThread(
                    Map.of("VIGIE_KAFKA_BOOTSTRAP_SERVERS", broker.bootstrapServers()),
                    out,
                    "ingest",
                    "--follow",
                    "--source",
                    "postfix",
                    "--name",
                    "kill-test",
                    log.toString());
            awaitText(out, "caught up");
            restarted.interrupt();
            restarted.join(TimeUnit.SECONDS.toMillis(60));

            final List<String> sent = values(consume(broker.bootstrapServers(), "raw.postfix", lines));
            assertThat(sent).hasSize(lines);
            for (int i = 0; i < lines; i++) {
                assertThat(sent.get(i)).isEqualTo("Nov 28 12:00:00 mx1 postfix/smtpd[42]: line " + i);
            }
            // The restart had work left: the kill did happen mid-backlog.
            assertThat(out.toString()).containsPattern("caught up, following files=1 topic=raw.postfix sent=[1-9]");
        }
    }

    /**
     * {@code vigie ARGS...} in a JVM of its own, output to {@code output}. Without the test's own {@code VIGIE_*}
     * variables (CI's {@code VIGIE_REQUIRE_*}): Vigie refuses a {@code VIGIE_} variable that is no configuration key.
     */
    private static Process startVigie(final Path output, final String... args) throws IOException {
        final List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp",
                System.getProperty("java.class.path"),
                Main.class.getName()));
        command.addAll(List.of(args));
        final ProcessBuilder builder =
                new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(output.toFile());
        builder.environment().keySet().removeIf(name -> name.startsWith("VIGIE_"));
        return builder.start();
    }

    private static void awaitFile(final Path file, final String text) throws Exception {
        EngineHttp.poll(
                () -> Files.exists(file) ? Files.readString(file, StandardCharsets.UTF_8) : "",
                output -> output.contains(text),
                Duration.ofSeconds(90),
                "'" + text + "' in " + file);
    }

    private static Thread runInThread(final Map<String, String> env, final StringWriter out, final String... args) {
        final AtomicInteger code = new AtomicInteger(-1);
        final Thread thread = new Thread(
                () -> {
                    code.set(execute(env, out, args));
                    out.write("exit=" + code.get() + "\n");
                },
                "vigie-ingest-follow");
        thread.start();
        return thread;
    }

    private static void awaitText(final StringWriter out, final String text) throws Exception {
        EngineHttp.poll(out::toString, output -> output.contains(text), Duration.ofSeconds(60), "'" + text + "'");
    }
}
