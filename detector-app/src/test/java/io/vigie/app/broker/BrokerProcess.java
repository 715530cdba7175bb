package io.vigie.app.broker;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.DescribeClusterOptions;

/**
 * A test's external Kafka: {@link EmbeddedKafkaBroker} in a JVM of its own, as a site's broker would be, which a
 * test kills and starts again on the same data directory and port. {@link #main} is that JVM's entry point
 * ({@code BrokerProcess DATA_DIR PORT}); the rest is the test's side.
 */
public final class BrokerProcess implements AutoCloseable {

    private static final Duration START = Duration.ofMinutes(2);

    private final Path dataDir;
    private final int port;
    private Process process;
    private Path output;

    private BrokerProcess(final Path dataDir, final int port) {
        this.dataDir = dataDir;
        this.port = port;
    }

    /** The broker JVM: starts the broker on {@code args[0]} and 127.0.0.1:{@code args[1]}, runs until killed. */
    public static void main(final String[] args) throws InterruptedException {
        final EmbeddedKafkaBroker broker =
                new EmbeddedKafkaBroker(Path.of(args[0]), "127.0.0.1", Integer.parseInt(args[1]), 0).start();
        Runtime.getRuntime().addShutdownHook(new Thread(broker::close, "broker-shutdown"));
        new CountDownLatch(1).await();
    }

    /** Starts the broker JVM and returns once the broker answers; its output goes to {@code output}. */
    public static BrokerProcess start(final Path dataDir, final int port, final Path output) throws Exception {
        final BrokerProcess broker = new BrokerProcess(dataDir, port);
        broker.launch(output);
        return broker;
    }

    private void launch(final Path newOutput) throws Exception {
        output = newOutput;
        final List<String> command = List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx384m",
                "-cp",
                System.getProperty("java.class.path"),
                BrokerProcess.class.getName(),
                dataDir.toString(),
                Integer.toString(port));
        process = new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(output.toFile())
                .start();
        awaitReady();
    }

    public String bootstrap() {
        return "127.0.0.1:" + port;
    }

    /** SIGKILL: no controlled shutdown, logs and transactions left as a power cut would leave them. */
    public void kill() throws InterruptedException {
        process.destroyForcibly();
        if (!process.waitFor(60, TimeUnit.SECONDS)) {
            throw new IllegalStateException("the broker process survived SIGKILL for 60 s");
        }
    }

    /** A new broker JVM on the same data directory and port. */
    public void restart(final Path newOutput) throws Exception {
        if (process.isAlive()) {
            throw new IllegalStateException("the broker is still running");
        }
        launch(newOutput);
    }

    private void awaitReady() throws Exception {
        final long deadline = System.nanoTime() + START.toNanos();
        try (Admin admin = Admin.create(Map.of(
                AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG,
                bootstrap(),
                AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG,
                5_000,
                AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG,
                5_000))) {
            while (System.nanoTime() < deadline) {
                if (!process.isAlive()) {
                    throw new IllegalStateException(
                            "the broker exited with " + process.exitValue() + ":\n" + outputTail());
                }
                try {
                    if (!admin.describeCluster(new DescribeClusterOptions().timeoutMs(5_000))
                            .nodes()
                            .get(10, TimeUnit.SECONDS)
                            .isEmpty()) {
                        return;
                    }
                } catch (final java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
                    TimeUnit.MILLISECONDS.sleep(200);
                }
            }
        }
        throw new IllegalStateException("the broker did not answer within " + START + ":\n" + outputTail());
    }

    public String outputTail() {
        try {
            final String all = Files.readString(output, StandardCharsets.UTF_8);
            return all.length() > 4000 ? all.substring(all.length() - 4000) : all;
        } catch (final IOException e) {
            return "(no output: " + e + ")";
        }
    }

    /** Stops it for good (test clean-up). */
    @Override
    public void close() throws InterruptedException {
        if (process != null) {
            kill();
        }
    }
}
