package io.vigie.app;

import static org.assertj.core.api.Assertions.assertThat;

import io.vigie.app.cli.ExitCodes;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 14, bad starts: {@code vigie run} as a child process (its real exit code and stderr) on a data directory that
 * cannot be created, cannot be written or is too full, against a cluster that does not answer, and with the embedded
 * broker's port taken. Each must end within seconds with exit code 4 and one line naming the cause, and leave the data
 * directory as it found it, so that the next start, once the cause is fixed, runs.
 */
@Timeout(300)
class EngineBadStartIT {

    /** A refused start: a JVM, the checks, the message. Generous for a loaded CI machine; a refusal takes seconds. */
    private static final Duration REFUSAL = Duration.ofSeconds(90);

    private static final Duration START = Duration.ofMinutes(3);
    private static final String PROBE = ".vigie-write-probe";

    @TempDir
    Path dir;

    @Test
    void shouldRefuseADataDirectoryUnderARegularFile() throws Exception {
        final Path file = Files.writeString(dir.resolve("not-a-dir"), "kept", StandardCharsets.UTF_8);
        final Path dataDir = file.resolve("data");

        final Run run = Run.refused(env(dataDir));

        assertThat(run.exitCode()).as(run.stderr()).isEqualTo(ExitCodes.ENVIRONMENT);
        assertThat(run.stderr())
                .contains("vigie run: data directory " + dataDir + " cannot be created: " + file
                        + " is a file, not a directory");
        assertThat(Files.readString(file, StandardCharsets.UTF_8)).isEqualTo("kept");
    }

    /**
     * A directory where nothing can be written, for root too (root ignores file modes, so a {@code chmod} would prove
     * nothing where CI runs as root): sysfs refuses new files to everyone. On a host that is EACCES ("permission
     * denied"); in a container that mounts {@code /sys} read-only, EROFS ("Read-only file system"). The read-only
     * file system proper is {@link #shouldRefuseAReadOnlyFileSystemThenStartOnceItIsWritable}, where mounts are
     * allowed.
     */
    @Test
    void shouldRefuseADataDirectoryWhereNothingCanBeWritten() throws Exception {
        final Path sysfs = Path.of("/sys/kernel");
        Assumptions.assumeTrue(Files.isDirectory(sysfs), "no /sys/kernel here (not Linux): nothing to test on");

        final Run run = Run.refused(env(sysfs));

        assertThat(run.exitCode()).as(run.stderr()).isEqualTo(ExitCodes.ENVIRONMENT);
        assertThat(run.stderr())
                .containsPattern("vigie run: data directory /sys/kernel is not writable "
                        + "\\((permission denied|Read-only file system|Operation not permitted)\\)");
        assertThat(sysfs.resolve(PROBE)).doesNotExist();
    }

    @Test
    void shouldRefuseToStartWhenTheFileSystemHasLessFreeSpaceThanConfigured() throws Exception {
        final Path dataDir = dir.resolve("data");
        // The floor above what the file system really has: the engine's own check, no mock.
        final long floor = Files.getFileStore(dir).getUsableSpace() + (1L << 40);
        final Map<String, String> env = env(dataDir);
        env.put("VIGIE_DATA_DIR_MIN_FREE_BYTES", Long.toString(floor));

        final Run run = Run.refused(env);

        assertThat(run.exitCode()).as(run.stderr()).isEqualTo(ExitCodes.ENVIRONMENT);
        assertThat(run.stderr())
                .containsPattern("vigie run: data directory " + java.util.regex.Pattern.quote(dataDir.toString())
                        + " has [0-9.]+ [KMGTP]iB \\([0-9]+ bytes\\) free, less than "
                        + "data-dir-min-free-bytes = [0-9.]+ [KMGTP]iB \\(" + floor
                        + " bytes\\): free some space, or lower "
                        + "data-dir-min-free-bytes");
        assertThat(dataDir)
                .as("created for the check, removed with the refusal")
                .doesNotExist();
    }

    /**
     * A closed port and SASL credentials: the start gives up after {@code kafka.startup-timeout}, names the servers and
     * why TCP failed, never the password; it leaves no data directory, and the same directory then runs the embedded
     * broker.
     */
    @Test
    void shouldGiveUpOnAnUnreachableClusterWithinTheStartupTimeoutThenStartEmbeddedOnTheSameDirectory()
            throws Exception {
        final Path dataDir = dir.resolve("data");
        final String closed = "127.0.0.1:" + LoopbackServers.freePort();
        final String password = "canary-" + System.nanoTime();
        final Map<String, String> env = env(dataDir);
        env.put("VIGIE_KAFKA_STARTUP_TIMEOUT", "5s");
        env.put("VIGIE_KAFKA_CLIENT_SECURITY_PROTOCOL", "SASL_PLAINTEXT");
        env.put("VIGIE_KAFKA_CLIENT_SASL_MECHANISM", "PLAIN");
        env.put(
                "VIGIE_KAFKA_CLIENT_SASL_JAAS_CONFIG",
                "org.apache.kafka.common.security.plain.PlainLoginModule " + "required username=\"vigie\" password=\""
                        + password + "\";");

        final Run run = Run.refused(env, "--bootstrap-servers", closed);

        assertThat(run.exitCode()).as(run.stderr()).isEqualTo(ExitCodes.ENVIRONMENT);
        assertThat(run.stderr())
                .contains("vigie run: cannot reach Kafka at " + closed + " within 5 s: ")
                .contains(closed + ": Connection refused")
                .doesNotContain(password);
        assertThat(run.took())
                .as("gave up after the 5 s timeout, not the Admin client's own minute")
                .isLessThan(Duration.ofSeconds(50));
        assertThat(dataDir).as("nothing left by the refused start").doesNotExist();

        startsAndAnswers(dataDir, dir.resolve("embedded.err"));
        assertThat(dataDir.resolve("kafka").resolve("meta.properties")).exists();
    }

    @Test
    void shouldGiveUpOnAnUnresolvableClusterWithinTheStartupTimeout() throws Exception {
        // .invalid never resolves (RFC 2606)
        final String unknown = "kafka.vigie.invalid:9092";
        final Map<String, String> env = env(dir.resolve("data"));
        env.put("VIGIE_KAFKA_STARTUP_TIMEOUT", "5s");

        final Run run = Run.refused(env, "--bootstrap-servers", unknown);

        assertThat(run.exitCode()).as(run.stderr()).isEqualTo(ExitCodes.ENVIRONMENT);
        assertThat(run.stderr())
                .containsPattern("vigie run: cannot (reach|connect to) Kafka at " + unknown)
                .contains(unknown + ": unknown host");
        assertThat(dir.resolve("data")).doesNotExist();
    }

    @Test
    void shouldNameTheTakenPortOfTheEmbeddedBrokerAndFormatNothing() throws Exception {
        final Path dataDir = dir.resolve("data");
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            final String listener = "127.0.0.1:" + taken.getLocalPort();
            final Map<String, String> env = env(dataDir);
            env.put("VIGIE_KAFKA_EMBEDDED_LISTENER", listener);

            final Run run = Run.refused(env);

            assertThat(run.exitCode()).as(run.stderr()).isEqualTo(ExitCodes.ENVIRONMENT);
            assertThat(run.stderr())
                    .contains("vigie run: the embedded Kafka broker cannot listen on " + listener + " (")
                    .contains("set kafka.embedded.listener to a free port");
        }
        assertThat(dataDir).as("no log directory formatted, no lock file left").doesNotExist();
    }

    /**
     * A real read-only file system (a tmpfs mounted {@code ro}), then the same one remounted read-write: the second
     * start runs. Needs the right to mount (root, as here); skipped elsewhere.
     */
    @Test
    void shouldRefuseAReadOnlyFileSystemThenStartOnceItIsWritable() throws Exception {
        final Path mount = Files.createDirectory(dir.resolve("ro"));
        // A limit, not an allocation: room for the data-dir-min-free-bytes default (1 GiB) and the broker.
        mountTmpfs(mount, "ro,size=2g");
        try {
            final Run run = Run.refused(env(mount));

            assertThat(run.exitCode()).as(run.stderr()).isEqualTo(ExitCodes.ENVIRONMENT);
            assertThat(run.stderr())
                    .contains("vigie run: data directory " + mount + " is not writable (Read-only file system)");

            command("mount", "-o", "remount,rw", mount.toString());
            try (Stream<Path> left = Files.list(mount)) {
                assertThat(left).isEmpty();
            }
            startsAndAnswers(mount, dir.resolve("rw.err"));
        } finally {
            command("umount", "-l", mount.toString());
        }
    }

    /**
     * ENOSPC from the probe itself: a tiny tmpfs filled to the last byte, the free-space floor off. Needs the right to
     * mount; skipped elsewhere.
     */
    @Test
    void shouldSayTheDataDirectoryIsFullWhenTheProbeCannotBeWritten() throws Exception {
        final Path mount = Files.createDirectory(dir.resolve("full"));
        mountTmpfs(mount, "size=1m");
        try {
            final Path filler = mount.resolve("filler");
            try (OutputStream out = Files.newOutputStream(filler)) {
                final byte[] block = new byte[4096];
                while (true) {
                    out.write(block);
                    out.flush();
                }
            } catch (final IOException e) {
                assertThat(e.getMessage()).contains("No space left on device");
            }
            final Map<String, String> env = env(mount);
            env.put("VIGIE_DATA_DIR_MIN_FREE_BYTES", "0");

            final Run run = Run.refused(env);

            assertThat(run.exitCode()).as(run.stderr()).isEqualTo(ExitCodes.ENVIRONMENT);
            assertThat(run.stderr())
                    .contains("vigie run: data directory " + mount
                            + " is full: cannot write to it (No space left on device)");
            try (Stream<Path> left = Files.list(mount)) {
                assertThat(left).containsExactly(filler);
            }
        } finally {
            command("umount", "-l", mount.toString());
        }
    }

    private static void mountTmpfs(final Path at, final String options) throws Exception {
        final List<String> mount = List.of("mount", "-t", "tmpfs", "-o", options, "vigie-test", at.toString());
        final Process process;
        try {
            process = new ProcessBuilder(mount).redirectErrorStream(true).start();
        } catch (final IOException e) {
            Assumptions.abort("no mount command here: " + e.getMessage());
            return;
        }
        final String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(30, TimeUnit.SECONDS)).isTrue();
        Assumptions.assumeTrue(
                process.exitValue() == 0,
                "mounting a tmpfs is not permitted here (needs root or " + "CAP_SYS_ADMIN): " + output.strip());
    }

    private static void command(final String... command) throws Exception {
        final Process process =
                new ProcessBuilder(command).redirectErrorStream(true).start();
        final String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(process.exitValue())
                .as(String.join(" ", command) + ": " + output)
                .isZero();
    }

    private static Map<String, String> env(final Path dataDir) {
        return new HashMap<>(LoopbackEngine.env(dataDir, Map.of("VIGIE_ORGANISATION_TIME_ZONE", "UTC")));
    }

    /** After the cause is fixed: {@code vigie run} on {@code dataDir} starts and answers {@code /health}. */
    private static void startsAndAnswers(final Path dataDir, final Path log) throws Exception {
        final Map<String, String> env = env(dataDir);
        final int httpPort = LoopbackServers.freePort();
        env.put("VIGIE_HTTP_PORT", Integer.toString(httpPort));
        final Process process = Run.start(env, log);
        try {
            awaitHealthy(process, httpPort, log);
        } finally {
            LoopbackServers.stop(process, Duration.ofSeconds(60));
        }
    }

    private static void awaitHealthy(final Process process, final int httpPort, final Path log) throws Exception {
        final HttpClient client = HttpClient.newHttpClient();
        final URI health = new URI("http://127.0.0.1:" + httpPort + "/health");
        EngineHttp.poll(
                () -> {
                    if (!process.isAlive()) {
                        throw new AssertionError("vigie run exited with " + process.exitValue() + ":\n" + tail(log));
                    }
                    try {
                        return client.send(
                                        HttpRequest.newBuilder(health)
                                                .timeout(Duration.ofSeconds(10))
                                                .build(),
                                        HttpResponse.BodyHandlers.discarding())
                                .statusCode();
                    } catch (final IOException e) {
                        return -1;
                    }
                },
                code -> code == 200,
                START,
                "/health never answered 200",
                code -> code + "\n" + tail(log));
    }

    private static String tail(final Path log) {
        try {
            final String all = Files.readString(log, StandardCharsets.UTF_8);
            return all.length() > 4000 ? all.substring(all.length() - 4000) : all;
        } catch (final IOException e) {
            return "(no output: " + e + ")";
        }
    }

    /** A {@code vigie run} that ended by itself: its exit code, its stderr and how long it took. */
    private record Run(int exitCode, String stderr, Duration took) {

        /** Runs {@code vigie run} until it exits, at most {@link #REFUSAL}. */
        static Run refused(final Map<String, String> env, final String... args) throws Exception {
            final Path log = Files.createTempFile("vigie-bad-start", ".err");
            try {
                final long begin = System.nanoTime();
                final Process process = start(env, log, args);
                if (!process.waitFor(REFUSAL.toMillis(), TimeUnit.MILLISECONDS)) {
                    process.destroyForcibly();
                    process.waitFor(30, TimeUnit.SECONDS);
                    throw new AssertionError("vigie run still running after " + REFUSAL + ":\n" + tail(log));
                }
                return new Run(
                        process.exitValue(),
                        Files.readString(log, StandardCharsets.UTF_8),
                        Duration.ofNanos(System.nanoTime() - begin));
            } finally {
                Files.deleteIfExists(log);
            }
        }

        /**
         * {@code vigie run} in its own JVM, stderr to {@code log}. With the production logging configuration (not the
         * tests' WARN one), so that what an operator would see is what is checked for secrets.
         */
        static Process start(final Map<String, String> env, final Path log, final String... args)
                throws IOException, URISyntaxException {
            final Path logback = Path.of(Main.class.getResource("/logback.xml").toURI());
            final List<String> command = new ArrayList<>(List.of(
                    Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "-Xmx512m",
                    "-Dlogback.configurationFile=" + logback,
                    "-cp",
                    System.getProperty("java.class.path"),
                    Main.class.getName(),
                    "run"));
            command.addAll(List.of(args));
            final ProcessBuilder builder = new ProcessBuilder(command)
                    .redirectError(log.toFile())
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD);
            builder.environment().keySet().removeIf(name -> name.startsWith("VIGIE_") || name.startsWith("KAFKA_"));
            builder.environment().putAll(env);
            return builder.start();
        }
    }
}
