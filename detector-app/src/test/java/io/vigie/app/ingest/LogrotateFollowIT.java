package io.vigie.app.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import io.vigie.app.EngineHttp;
import io.vigie.app.RequiredTool;
import io.vigie.app.broker.EmbeddedKafkaBroker;
import io.vigie.app.broker.TopicProvisioner;
import io.vigie.app.broker.TopicSpec;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.IntStream;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The real logrotate (Debian package {@code logrotate}) rotating a file that a writer keeps appending to
 * while a {@link Follower} follows it: rename-and-create with compress and delaycompress (the writer reopens
 * the file when postrotate tells it to, as rsyslog does on SIGHUP), and copytruncate.
 */
@Timeout(180)
class LogrotateFollowIT {

    private static final Path LOGROTATE = Path.of("/usr/sbin/logrotate");
    private static final String REQUIRE_ENV = "VIGIE_REQUIRE_LOGROTATE";
    private static final int LINES = 3000;
    private static final AtomicInteger SEQUENCE = new AtomicInteger();

    @TempDir
    static Path brokerDir;

    private static EmbeddedKafkaBroker broker;

    @TempDir
    Path dir;

    @BeforeAll
    static void startBroker() {
        RequiredTool.require(LOGROTATE, REQUIRE_ENV, "logrotate");
        broker = new EmbeddedKafkaBroker(brokerDir, "127.0.0.1", 0, 0).start();
    }

    @AfterAll
    static void stopBroker() {
        if (broker != null) {
            broker.close();
        }
    }

    @Test
    void shouldSendEveryLineOnceInOrderWhenLogrotateRenamesAndCreates() throws Exception {
        final Path log = dir.resolve("mail.log");
        final Path reopen = dir.resolve("reopen");
        final Path conf = config(
                log,
                "create 0640\n    compress\n    delaycompress\n    postrotate\n        touch " + reopen
                        + "\n    endscript");

        final List<String> received = followWhileWriting(log, conf, reopen);

        assertThat(received).containsExactlyElementsOf(expected());
        assertThat(dir.resolve("mail.log.2.gz")).exists();
    }

    @Test
    void shouldSendNoLineTwiceWhenLogrotateCopiesAndTruncates() throws Exception {
        final Path log = dir.resolve("mail.log");
        final Path conf = config(log, "copytruncate\n    compress\n    delaycompress");

        final List<String> received = followWhileWriting(log, conf, null);

        // The writer waits for logrotate here: no line is written between its copy and its truncation, the
        // window in which copytruncate itself loses lines. What was not read before the truncation is read from
        // the copy, mail.log.1 (delaycompress).
        assertThat(received).as("missing: %s", missing(received)).containsExactlyElementsOf(expected());
    }

    private Path config(final Path log, final String directives) throws IOException {
        final Path conf = dir.resolve("logrotate.conf");
        Files.writeString(
                conf, log + " {\n    rotate 5\n    missingok\n    " + directives + "\n}\n", StandardCharsets.UTF_8);
        return conf;
    }

    /** Writes {@link #LINES} lines, rotating after a third and two thirds; returns what reached the topic. */
    private List<String> followWhileWriting(final Path log, final Path conf, final Path reopen) throws Exception {
        final int n = SEQUENCE.incrementAndGet();
        final String topic = "raw.logrotate" + n;
        final String positions = "ingest.positions.logrotate" + n;
        try (Admin admin = Admin.create(client())) {
            new TopicProvisioner(admin)
                    .provision(List.of(
                            new TopicSpec(topic, 1, (short) 1, Map.of()),
                            new TopicSpec(
                                    positions,
                                    1,
                                    (short) 1,
                                    Map.of(TopicConfig.CLEANUP_POLICY_CONFIG, TopicConfig.CLEANUP_POLICY_COMPACT))));
        }
        Files.writeString(log, "", StandardCharsets.UTF_8);
        final StringWriter output = new StringWriter();
        final Follower follower = new Follower(FollowSettings.defaults(
                        "logrotate-" + n,
                        List.of(log),
                        topic,
                        positions,
                        p -> "mail.log",
                        client(),
                        Duration.ofMillis(20),
                        1024 * 1024,
                        new PrintWriter(output, true))
                .withRotatedQuiet(Duration.ofMillis(500)));
        final AtomicReference<Throwable> failure = new AtomicReference<>();
        final Thread following = new Thread(
                () -> {
                    try {
                        follower.run();
                    } catch (final Throwable e) {
                        failure.set(e);
                    }
                },
                "follower");
        following.start();
        // A file rotated before the follower first saw it is not its business: start writing once it follows.
        EngineHttp.poll(
                output::toString,
                text -> text.contains("caught up"),
                Duration.ofSeconds(60),
                "follower not ready",
                text -> text + "; failure: " + failure.get());
        final Path state = dir.resolve("logrotate.state");
        try (Writer writer = new Writer(log, reopen)) {
            for (int i = 0; i < LINES; i++) {
                writer.write(line(i) + "\n");
                if (i == LINES / 3 || i == 2 * LINES / 3) {
                    logrotate(conf, state);
                }
                if (i % 10 == 0) {
                    Thread.sleep(1);
                }
            }
        }
        final List<String> received = await(topic);
        follower.stop();
        following.join(TimeUnit.SECONDS.toMillis(60));
        assertThat(failure.get()).isNull();
        return received;
    }

    private static void logrotate(final Path conf, final Path state) throws Exception {
        final Process p = new ProcessBuilder(LOGROTATE.toString(), "-f", "-s", state.toString(), conf.toString())
                .redirectErrorStream(true)
                .start();
        final String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as(output).isZero();
    }

    /**
     * Waits until the last line is there, then lets the rotated files' quiet time (500 ms) pass twice before reading
     * everything: a duplicate sent when a rotated file is closed would arrive then, and only waiting can show its
     * absence.
     */
    private static List<String> await(final String topic) throws Exception {
        EngineHttp.poll(
                () -> readAll(topic),
                values -> !values.isEmpty() && values.get(values.size() - 1).equals(line(LINES - 1)),
                Duration.ofSeconds(60),
                "the last line");
        Thread.sleep(1000);
        return readAll(topic);
    }

    private static List<String> readAll(final String topic) {
        final Properties p = client();
        p.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        final List<String> values = new ArrayList<>();
        try (KafkaConsumer<String, String> consumer =
                new KafkaConsumer<>(p, new StringDeserializer(), new StringDeserializer())) {
            final TopicPartition partition = new TopicPartition(topic, 0);
            consumer.assign(List.of(partition));
            consumer.seekToBeginning(List.of(partition));
            final long end = consumer.endOffsets(List.of(partition)).get(partition);
            while (consumer.position(partition) < end) {
                consumer.poll(Duration.ofMillis(100)).forEach(r -> values.add(r.value()));
            }
        }
        return values;
    }

    private static String missing(final List<String> received) {
        final List<String> missing = new ArrayList<>(expected());
        missing.removeAll(received);
        return missing.isEmpty()
                ? "none"
                : missing.size() + " lines from " + missing.get(0) + " to " + missing.get(missing.size() - 1);
    }

    private static List<String> expected() {
        return IntStream.range(0, LINES).mapToObj(LogrotateFollowIT::line).toList();
    }

    private static String line(final int i) {
        return String.format(java.util.Locale.ROOT, "Nov 28 12:00:00 mx1 postfix/smtpd[42]: line %05d", i);
    }

    private static Properties client() {
        final Properties p = new Properties();
        p.put("bootstrap.servers", broker.bootstrapServers());
        return p;
    }

    /** A writer that keeps its file open, and reopens it by name when told to (rsyslog's SIGHUP). */
    private static final class Writer implements AutoCloseable {

        private final Path log;
        private final Path reopen;
        private FileChannel channel;

        Writer(final Path log, final Path reopen) throws IOException {
            this.log = log;
            this.reopen = reopen;
            this.channel = open();
        }

        void write(final String text) throws IOException {
            if (reopen != null && Files.deleteIfExists(reopen)) {
                channel.close();
                channel = open();
            }
            channel.write(ByteBuffer.wrap(text.getBytes(StandardCharsets.UTF_8)));
        }

        private FileChannel open() throws IOException {
            return FileChannel.open(
                    log, StandardOpenOption.CREATE, StandardOpenOption.WRITE, StandardOpenOption.APPEND);
        }

        @Override
        public void close() throws IOException {
            channel.close();
        }
    }
}
