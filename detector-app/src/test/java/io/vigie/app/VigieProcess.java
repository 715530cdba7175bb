package io.vigie.app;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;

/**
 * One {@code vigie run} child process (its own JVM) on a data directory, pointed with {@code --bootstrap-servers}
 * at a Kafka cluster it does not own, its HTTP on a loopback port. For the tests of issue 14 that kill processes:
 * the broker ({@code BrokerRestartIT}) or one of two instances ({@code TwoInstancesFailoverIT}).
 */
public final class VigieProcess implements AutoCloseable {

    public static final String APPLICATION_ID = "vigie";
    public static final String RAW_POSTFIX = "raw.postfix";
    /** The four lists compared: {@code /api/top} queries (day window, both directions). */
    public static final List<String> LISTS = List.of(
            "by=sender&metric=count",
            "by=recipient&metric=count",
            "by=sender&metric=bytes",
            "by=recipient&metric=bytes");

    private static final Duration START = Duration.ofMinutes(3);

    private final String name;
    private final Process process;
    private final Path dataDir;
    private final String bootstrap;
    private final Map<String, String> extraEnv;
    private final int httpPort;
    private final Path output;

    private VigieProcess(
            final String name,
            final Process process,
            final Path dataDir,
            final String bootstrap,
            final Map<String, String> extraEnv,
            final int httpPort,
            final Path output) {
        this.name = name;
        this.process = process;
        this.dataDir = dataDir;
        this.bootstrap = bootstrap;
        this.extraEnv = extraEnv;
        this.httpPort = httpPort;
        this.output = output;
    }

    /**
     * Starts {@code vigie run --bootstrap-servers bootstrap} on {@code dataDir}; returns at once.
     *
     * @param extraEnv {@code VIGIE_*} variables besides the data directory, HTTP and organisation ones
     */
    public static VigieProcess start(
            final String name,
            final Path dataDir,
            final String bootstrap,
            final Map<String, String> extraEnv,
            final Path output)
            throws IOException {
        final int httpPort = LoopbackServers.freePort();
        final List<String> command = List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx512m",
                "-cp",
                System.getProperty("java.class.path"),
                Main.class.getName(),
                "run",
                "--bootstrap-servers",
                bootstrap);
        final ProcessBuilder builder =
                new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(output.toFile());
        builder.environment().keySet().removeIf(key -> key.startsWith("VIGIE_") || key.startsWith("KAFKA_"));
        builder.environment().putAll(env(dataDir, extraEnv));
        builder.environment().put("VIGIE_HTTP_PORT", Integer.toString(httpPort));
        return new VigieProcess(name, builder.start(), dataDir, bootstrap, Map.copyOf(extraEnv), httpPort, output);
    }

    /** A new process on this one's data directory and settings, once this one is gone. */
    public VigieProcess restart(final String newName, final Path newOutput) throws IOException {
        if (process.isAlive()) {
            throw new IllegalStateException(name + " is still running");
        }
        return start(newName, dataDir, bootstrap, extraEnv, newOutput);
    }

    /** The settings of these tests' engines, which {@code vigie analyze} is given too for the expected results. */
    public static Map<String, String> env(final Path dataDir, final Map<String, String> extra) {
        final Map<String, String> env = LoopbackEngine.env(
                dataDir,
                Map.of(
                        "VIGIE_ORGANISATION_TIME_ZONE", "UTC",
                        "VIGIE_ORGANISATION_INTERNAL_DOMAINS", "chu-exemple.fr",
                        "VIGIE_ORGANISATION_INTERNAL_NETWORKS", "127.10.0.0/16"));
        env.putAll(extra);
        return env;
    }

    public String name() {
        return name;
    }

    public boolean isAlive() {
        return process.isAlive();
    }

    public void awaitHealthy() throws Exception {
        EngineHttp.poll(
                () -> status("/health"),
                code -> code == 200,
                START,
                name + ": /health never answered 200",
                code -> code + "\n" + outputTail());
    }

    /** Waits until the group has processed all of {@code raw.postfix} and the top lists stopped changing. */
    public MailResults awaitResult(final Duration timeout) throws Exception {
        awaitHealthy();
        final Properties admin = new Properties();
        admin.put("bootstrap.servers", bootstrap);
        PipelineProgress.awaitDrained(
                admin,
                APPLICATION_ID,
                Set.of(RAW_POSTFIX),
                timeout,
                () -> (process.isAlive() ? "" : "vigie run exited with " + process.exitValue() + "; ") + outputTail());
        // the top lists are published from the stores on a schedule: read them until two reads agree
        final Map<String, List<String>> top = EngineHttp.poll(
                this::topLists,
                new Predicate<>() {
                    private Map<String, List<String>> previous;

                    @Override
                    public boolean test(final Map<String, List<String>> current) {
                        final boolean same = current.equals(previous)
                                && current.values().stream().allMatch(list -> list.size() == 20);
                        previous = current;
                        return same;
                    }
                },
                timeout,
                name + ": the top lists never settled");
        return new MailResults(top, MailResults.alertsOn(bootstrap));
    }

    /** The day's four top lists as this instance answers them, each entry as "address messages bytes". */
    public Map<String, List<String>> topLists() throws Exception {
        final Map<String, List<String>> lists = new LinkedHashMap<>();
        for (final String query : LISTS) {
            final List<String> entries = new ArrayList<>();
            EngineHttp.json(get("/api/top?direction=all&window=day&" + query).body())
                    .path("entries")
                    .forEach(e -> entries.add(MailResults.entry(e)));
            lists.put(query, entries);
        }
        return lists;
    }

    public JsonNode getJson(final String path) throws IOException, InterruptedException {
        return EngineHttp.json(get(path).body());
    }

    /** A series' value on {@code /metrics} ({@code name{application="vigie"...}}), -1 when absent. */
    public double metric(final String series) throws IOException, InterruptedException {
        final Matcher m = Pattern.compile("(?m)^" + Pattern.quote(series) + " (\\S+)$")
                .matcher(get("/metrics").body());
        return m.find() ? Double.parseDouble(m.group(1)) : -1;
    }

    /**
     * Waits until the group's committed offsets on {@code raw.postfix} reach {@code lines} in all, polling without
     * pause (the engine commits every 100 ms and reads thousands of lines a second).
     *
     * @return the committed lines seen
     */
    public static long awaitCommitted(
            final String bootstrap, final long lines, final Duration timeout, final List<VigieProcess> running)
            throws Exception {
        final long deadline = System.nanoTime() + timeout.toNanos();
        long seen = -1;
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap))) {
            while (seen < lines) {
                for (final VigieProcess vigie : running) {
                    vigie.assertAlive();
                }
                if (System.nanoTime() > deadline) {
                    throw new AssertionError(RAW_POSTFIX + " never committed " + lines + " lines within " + timeout
                            + "; last seen " + seen);
                }
                seen = committedLines(admin);
                TimeUnit.MILLISECONDS.sleep(10);
            }
        }
        return seen;
    }

    /** The group's committed offsets on raw.postfix, summed; -1 while the broker does not answer. */
    private static long committedLines(final Admin admin) throws InterruptedException {
        try {
            final Map<TopicPartition, OffsetAndMetadata> committed = admin.listConsumerGroupOffsets(APPLICATION_ID)
                    .partitionsToOffsetAndMetadata()
                    .get(10, TimeUnit.SECONDS);
            return committed.entrySet().stream()
                    .filter(e -> RAW_POSTFIX.equals(e.getKey().topic()))
                    .mapToLong(e -> e.getValue() == null ? 0 : e.getValue().offset())
                    .sum();
        } catch (final ExecutionException | TimeoutException e) {
            return -1;
        }
    }

    public void assertAlive() {
        if (!process.isAlive()) {
            throw new AssertionError(name + ": vigie run exited with " + process.exitValue() + ":\n" + outputTail());
        }
    }

    private int status(final String path) {
        assertAlive();
        try {
            return get(path).statusCode();
        } catch (final IOException e) {
            return -1;
        } catch (final InterruptedException e) {
            Thread.currentThread().interrupt();
            return -1;
        }
    }

    public HttpResponse<String> get(final String path) throws IOException, InterruptedException {
        return HttpClient.newHttpClient()
                .send(
                        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + httpPort + path))
                                .timeout(Duration.ofSeconds(10))
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
    }

    public String outputTail() {
        try {
            final String all = Files.readString(output, StandardCharsets.UTF_8);
            return name + " output:\n" + (all.length() > 6000 ? all.substring(all.length() - 6000) : all);
        } catch (final IOException e) {
            return "(no output: " + e + ")";
        }
    }

    /** The whole output, for what it logged (never more than a few MiB at the test's log level). */
    public String output() throws IOException {
        return Files.readString(output, StandardCharsets.UTF_8);
    }

    /** SIGKILL, and waits until it is gone. */
    public void kill() throws InterruptedException {
        process.destroyForcibly();
        if (!process.waitFor(60, TimeUnit.SECONDS)) {
            throw new IllegalStateException(name + " survived SIGKILL for 60 s");
        }
    }

    @Override
    public void close() throws InterruptedException {
        kill();
    }
}
