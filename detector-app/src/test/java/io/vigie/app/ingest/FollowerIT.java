package io.vigie.app.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import io.vigie.app.EngineHttp;
import io.vigie.app.broker.EmbeddedKafkaBroker;
import io.vigie.app.broker.TopicProvisioner;
import io.vigie.app.broker.TopicSpec;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.BooleanSupplier;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** {@link Follower} against the embedded broker, on real files rotated as logrotate does. */
@Timeout(180)
class FollowerIT {

    private static final AtomicInteger SEQUENCE = new AtomicInteger();
    private static final Duration POLL = Duration.ofMillis(50);

    @TempDir
    static Path brokerDir;

    private static EmbeddedKafkaBroker broker;

    @TempDir
    Path dir;

    private Path log;
    private String topic;
    private String positions;
    private String name;
    private final StringWriter output = new StringWriter();
    private final List<Running> running = new ArrayList<>();

    @BeforeAll
    static void startBroker() {
        broker = new EmbeddedKafkaBroker(brokerDir, "127.0.0.1", 0, 0).start();
    }

    @AfterAll
    static void stopBroker() {
        broker.close();
    }

    @BeforeEach
    void createTopics() {
        final int n = SEQUENCE.incrementAndGet();
        topic = "raw.follow" + n;
        positions = "ingest.positions" + n;
        name = "test-" + n;
        log = dir.resolve("mail.log");
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
    }

    @AfterEach
    void stopFollowers() throws Exception {
        for (final Running r : running) {
            r.stop();
        }
    }

    @Test
    void shouldSendAppendedLinesInOrderWhenFollowing() throws Exception {
        append(log, "one\ntwo\n");
        final Running follower = start(settings(1024 * 1024));
        awaitValues(2);

        append(log, "three\nfour\r\n\nfive\n");

        assertThat(awaitValues(5)).containsExactly("one", "two", "three", "four", "five");
        assertThat(readAll()).extracting(ConsumerRecord::key).containsOnly("mail.log");
        follower.stop();
        assertThat(output.toString()).contains("caught up, following files=1 topic=" + topic);
    }

    @Test
    void shouldWaitForAFileThatDoesNotExistYet() throws Exception {
        start(settings(1024 * 1024));
        await(() -> output.toString().contains("waiting for file=" + log));

        append(log, "first\n");

        assertThat(awaitValues(1)).containsExactly("first");
    }

    @Test
    void shouldCloseDeletedFileOnceQuietAndWaitForItAgain() throws Exception {
        Assumptions.assumeTrue(Files.isDirectory(Path.of("/proc/self/fd")), "needs /proc/self/fd (Linux)");
        append(log, "one\n");
        start(settings(1024 * 1024));
        awaitValues(1);
        assertThat(openDescriptorsOf(log)).isPositive();

        Files.delete(log);
        await(() -> openDescriptorsOf(log) == 0);
        append(log, "two\n");

        assertThat(awaitValues(2)).containsExactly("one", "two");
    }

    /** File descriptors of this process open on the file, deleted or not. */
    private static long openDescriptorsOf(final Path file) {
        try (var fds = Files.list(Path.of("/proc/self/fd"))) {
            return fds.filter(fd -> {
                        try {
                            final String target = Files.readSymbolicLink(fd).toString();
                            return target.equals(file.toString()) || target.equals(file + " (deleted)");
                        } catch (final IOException e) {
                            return false;
                        }
                    })
                    .count();
        } catch (final IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    @Test
    void shouldReadRenamedFileToItsEndThenNewFileFromStartWhenRotated() throws Exception {
        append(log, "a1\na2\n");
        final Running follower = start(settings(1024 * 1024));
        awaitValues(2);

        final Path rotated = dir.resolve("mail.log.1");
        Files.move(log, rotated);
        append(rotated, "a3 written after the rename\na4 without newline");
        append(log, "b1\nb2\n");

        assertThat(awaitValues(6))
                .containsExactly("a1", "a2", "a3 written after the rename", "b1", "b2", "a4 without newline");
        append(log, "b3\n");
        assertThat(awaitValues(7)).endsWith("b3").hasSize(7);
        follower.stop();
        assertThat(readAll()).hasSize(7);
    }

    @Test
    void shouldReadAgainFromStartWhenCopiedAndTruncated() throws Exception {
        append(log, "before-1\nbefore-2\nbefore-3\n");
        final Running follower = start(settings(1024 * 1024));
        awaitValues(3);

        Files.copy(log, dir.resolve("mail.log.1"));
        try (FileChannel channel = FileChannel.open(log, StandardOpenOption.WRITE)) {
            channel.truncate(0);
        }
        append(log, "after-truncation-1\n");
        append(log, "after-truncation-2\n");

        assertThat(awaitValues(5))
                .containsExactly("before-1", "before-2", "before-3", "after-truncation-1", "after-truncation-2");
        follower.stop();
        assertThat(values(readAll())).hasSize(5);
    }

    @Test
    void shouldReadRestOfCopyWhenCopiedAndTruncatedWhileStopped() throws Exception {
        append(log, "one\n");
        final Running first = start(settings(1024 * 1024));
        awaitValues(1);
        first.stop();

        append(log, "two, written before the copy\n");
        Files.copy(log, dir.resolve("mail.log.1"));
        try (FileChannel channel = FileChannel.open(log, StandardOpenOption.WRITE)) {
            channel.truncate(0);
        }
        append(log, "three, after the truncation, longer than the first two lines were\n");
        start(settings(1024 * 1024));

        assertThat(awaitValues(3))
                .containsExactly(
                        "one",
                        "two, written before the copy",
                        "three, after the truncation, longer than the first two lines were");
    }

    @Test
    void shouldSendOnlyNewLinesWhenRestartedWithTheSameName() throws Exception {
        append(log, "one\ntwo\n");
        final Running first = start(settings(1024 * 1024));
        awaitValues(2);
        first.stop();

        append(log, "three\nfour\n");
        final Running second = start(settings(1024 * 1024));

        assertThat(awaitValues(4)).containsExactly("one", "two", "three", "four");
        append(log, "five\n");
        assertThat(awaitValues(5)).containsExactly("one", "two", "three", "four", "five");
        second.stop();
        assertThat(second.follower.sent()).isEqualTo(3);
    }

    @Test
    void shouldReadRotatedFileToItsEndWhenRotatedWhileStopped() throws Exception {
        append(log, "one\n");
        final Running first = start(settings(1024 * 1024));
        awaitValues(1);
        first.stop();

        append(log, "two, written before the rotation\n");
        Files.move(log, dir.resolve("mail.log.1"));
        append(log, "three, in the new file\n");
        start(settings(1024 * 1024));

        assertThat(awaitValues(3)).containsExactly("one", "two, written before the rotation", "three, in the new file");
    }

    @Test
    void shouldReadFromStartWhenReplacedByFileOfSameSizeWhileStopped() throws Exception {
        append(log, "aaaa\nbbbb\n");
        final Running first = start(settings(1024 * 1024));
        awaitValues(2);
        first.stop();

        final Path replacement = dir.resolve("replacement");
        append(replacement, "cccc\ndddd\n");
        Files.move(replacement, log, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        final Running second = start(settings(1024 * 1024));
        assertThat(awaitValues(4)).containsExactly("aaaa", "bbbb", "cccc", "dddd");
        second.stop();

        // Same inode, same size, other bytes: only the fingerprint tells the file was rewritten.
        Files.writeString(log, "eeee\nffff\n", StandardCharsets.UTF_8, StandardOpenOption.TRUNCATE_EXISTING);
        start(settings(1024 * 1024));
        assertThat(awaitValues(6)).containsExactly("aaaa", "bbbb", "cccc", "dddd", "eeee", "ffff");
    }

    @Test
    void shouldWaitForNewlineBeforeSendingPartialLastLine() throws Exception {
        append(log, "complete\npart");
        start(settings(1024 * 1024));
        awaitValues(1);
        // A pass that found nothing more to send has looked at the partial line.
        await(() -> output.toString().contains("caught up"));
        assertThat(values(readAll())).containsExactly("complete");

        append(log, "ial\n");

        assertThat(awaitValues(2)).containsExactly("complete", "partial");
    }

    @Test
    void shouldCutOversizeLineAndKeepFollowing() throws Exception {
        final String huge = "x".repeat(5000);
        append(log, "short\n" + huge + "\nafter\n" + "y".repeat(3000));
        final Running follower = start(settings(1024));
        awaitValues(3);
        append(log, "y".repeat(2000) + "\nlast\n");

        assertThat(awaitValues(5)).containsExactly("short", "x".repeat(1024), "after", "y".repeat(1024), "last");
        assertThat(follower.follower.cut()).isEqualTo(2);
        follower.stop();
        assertThat(output.toString()).contains("stopped sent=5 cut=2");
    }

    @Test
    void shouldPrintProgressWhileReadingLargeFile() throws Exception {
        final String line = "Nov 28 11:00:00 mx1 postfix/smtpd[4242]: connect from unknown[192.0.2.1] padding %06d\n";
        final int lines = 20 * 1024 * 1024 / line.length() + 1;
        try (OutputStream out = Files.newOutputStream(log)) {
            final StringBuilder chunk = new StringBuilder();
            for (int i = 0; i < lines; i++) {
                chunk.append(String.format(java.util.Locale.ROOT, line, i));
                if (chunk.length() > 1 << 20) {
                    out.write(chunk.toString().getBytes(StandardCharsets.UTF_8));
                    chunk.setLength(0);
                }
            }
            out.write(chunk.toString().getBytes(StandardCharsets.UTF_8));
        }
        assertThat(Files.size(log)).isGreaterThan(20L * 1024 * 1024);

        final Running follower = start(settings(1024 * 1024)
                .withProgress(FollowSettings.PROGRESS_THRESHOLD, Duration.ofMillis(200), Duration.ofMinutes(1)));
        await(() -> output.toString().contains("caught up"));

        final String printed = output.toString();
        assertThat(printed)
                .contains("start backlog=" + Files.size(log))
                .containsPattern("progress file=" + java.util.regex.Pattern.quote(log.toString()) + " bytes=\\d+/"
                        + Files.size(log) + " percent=\\d+\\.\\d records_per_s=\\d+")
                .contains("bytes=" + Files.size(log) + "/" + Files.size(log) + " percent=100.0")
                .contains("caught up, following files=1 topic=" + topic + " sent=" + lines + " cut=0");
        assertThat(follower.follower.sent()).isEqualTo(lines);
        assertThat(readAll()).hasSize(lines);
    }

    @Test
    void shouldStayQuietForSmallBacklog() throws Exception {
        append(log, "one\n");
        start(settings(1024 * 1024));
        await(() -> output.toString().contains("caught up"));

        assertThat(output.toString()).doesNotContain("progress", "start backlog");
    }

    @Test
    void shouldStopWhenAnotherFollowerTakesTheSameName() throws Exception {
        append(log, "one\n");
        final Running first = start(settings(1024 * 1024));
        awaitValues(1);

        final Running second = start(settings(1024 * 1024));
        // Once the second has started (and so fenced the first), the first's next transaction fails.
        await(() -> output.toString().split("caught up", -1).length == 3);
        append(log, "two\n");

        await(() -> first.failure.get() != null);
        assertThat(first.failure.get())
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("another follower named '" + name + "'");
        assertThat(awaitValues(2)).containsExactly("one", "two");
        second.stop();
    }

    // --- helpers

    private FollowSettings settings(final int maxLineBytes) {
        return FollowSettings.defaults(
                        name,
                        List.of(log),
                        topic,
                        positions,
                        p -> p.getFileName().toString(),
                        client(),
                        POLL,
                        maxLineBytes,
                        new PrintWriter(output, true))
                .withRotatedQuiet(Duration.ofMillis(500));
    }

    private static Properties client() {
        final Properties p = new Properties();
        p.put("bootstrap.servers", broker.bootstrapServers());
        return p;
    }

    private Running start(final FollowSettings settings) {
        final Running r = new Running(new Follower(settings));
        running.add(r);
        r.thread.start();
        return r;
    }

    private static void append(final Path file, final String text) throws IOException {
        try (FileChannel channel = FileChannel.open(
                file, StandardOpenOption.CREATE, StandardOpenOption.WRITE, StandardOpenOption.APPEND)) {
            channel.write(ByteBuffer.wrap(text.getBytes(StandardCharsets.UTF_8)));
        }
    }

    /** The committed values once at least {@code count} are there (more would be a duplicate: the caller checks). */
    private List<String> awaitValues(final int count) throws Exception {
        return EngineHttp.poll(
                () -> values(readAll()),
                values -> values.size() >= count,
                Duration.ofSeconds(60),
                count + " values never committed");
    }

    private static void await(final BooleanSupplier condition) throws Exception {
        EngineHttp.poll(condition::getAsBoolean, met -> met, Duration.ofSeconds(60), "condition met");
    }

    /** Everything committed on the topic, read_committed, up to the last stable offset. */
    private List<ConsumerRecord<String, String>> readAll() {
        final Properties p = client();
        p.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        final List<ConsumerRecord<String, String>> records = new ArrayList<>();
        try (KafkaConsumer<String, String> consumer =
                new KafkaConsumer<>(p, new StringDeserializer(), new StringDeserializer())) {
            final List<TopicPartition> partitions = List.of(new TopicPartition(topic, 0));
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            final long end = consumer.endOffsets(partitions).get(partitions.get(0));
            while (consumer.position(partitions.get(0)) < end) {
                consumer.poll(Duration.ofMillis(100)).forEach(records::add);
            }
        }
        return records;
    }

    private static List<String> values(final List<ConsumerRecord<String, String>> records) {
        return records.stream().map(ConsumerRecord::value).toList();
    }

    /** A follower on its own thread, as the command runs it. */
    private static final class Running {

        private final Follower follower;
        private final Thread thread;
        private final AtomicReference<Throwable> failure = new AtomicReference<>();

        Running(final Follower follower) {
            this.follower = follower;
            this.thread = new Thread(
                    () -> {
                        try {
                            follower.run();
                        } catch (final Throwable e) {
                            failure.set(e);
                        }
                    },
                    "follower");
        }

        void stop() throws InterruptedException {
            follower.stop();
            thread.join(TimeUnit.SECONDS.toMillis(60));
            assertThat(thread.isAlive()).as("follower still running").isFalse();
        }
    }
}
