package io.vigie.app;

import com.fasterxml.jackson.databind.JsonNode;
import io.vigie.app.engine.Engine;
import io.vigie.core.serde.JsonSerde;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.TaskMetadata;
import org.apache.kafka.streams.ThreadMetadata;

/** Real HTTP calls to a running engine, and waiting for what it serves to reach an expected state. */
public final class EngineHttp {

    private final HttpClient http = HttpClient.newHttpClient();
    private final Engine engine;

    public EngineHttp(final Engine engine) {
        this.engine = engine;
    }

    public HttpResponse<String> get(final String path) throws IOException, InterruptedException {
        return http.send(
                HttpRequest.newBuilder(
                                URI.create("http://127.0.0.1:" + engine.http().port() + path))
                        .timeout(Duration.ofSeconds(10))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }

    public JsonNode getJson(final String path) throws IOException, InterruptedException {
        return json(get(path).body());
    }

    public void awaitStatus(final String path, final int status, final Duration timeout) throws Exception {
        poll(
                () -> get(path).statusCode(),
                code -> code == status,
                timeout,
                path + " never answered " + status,
                code -> code + "; " + streamsState());
    }

    /** Waits for a series line; on failure shows the lines of the same metric (or of all vigie_ ones). */
    public String awaitMetric(final String line, final Duration timeout) throws Exception {
        final String name = line.contains("{") ? line.substring(0, line.indexOf('{')) : line.split(" ")[0];
        return poll(
                () -> get("/metrics").body(),
                body -> body.contains(line),
                timeout,
                "never appeared in /metrics: " + line,
                body -> streamsState() + "\n" + seriesOf(body, name));
    }

    /**
     * Where Kafka Streams stands, for a failure message: the client state, each thread's state and, per active
     * task, the input partitions whose committed offset is behind their end (a task stuck on its input shows here).
     */
    public String streamsState() {
        final KafkaStreams streams = engine.streams();
        if (streams == null) {
            return "streams: not created";
        }
        final StringBuilder state = new StringBuilder("streams: ").append(streams.state());
        try {
            for (final ThreadMetadata thread : streams.metadataForLocalThreads()) {
                state.append("; ")
                        .append(thread.threadName().replaceAll(".*-(StreamThread-\\d+)$", "$1"))
                        .append(' ')
                        .append(thread.threadState());
                for (final TaskMetadata task : thread.activeTasks()) {
                    task.endOffsets().forEach((partition, end) -> {
                        final Long committed = task.committedOffsets().get(partition);
                        if (committed == null || committed < end) {
                            state.append(' ')
                                    .append(task.taskId())
                                    .append(':')
                                    .append(partition)
                                    .append(" committed=")
                                    .append(committed)
                                    .append(" end=")
                                    .append(end);
                        }
                    });
                }
            }
        } catch (final RuntimeException e) {
            state.append("; threads unknown: ").append(e);
        }
        return state.toString();
    }

    private static String seriesOf(final String body, final String name) {
        final String own =
                body.lines().filter(l -> l.startsWith(name)).collect(java.util.stream.Collectors.joining("\n"));
        return own.isEmpty()
                ? body.lines().filter(l -> l.startsWith("vigie_")).collect(java.util.stream.Collectors.joining("\n"))
                : own;
    }

    public static JsonNode json(final String text) {
        try {
            return JsonSerde.MAPPER.readTree(text);
        } catch (final IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A value fetched until it satisfies the condition. */
    public interface Probe<T> {
        T fetch() throws Exception;
    }

    /** @throws AssertionError with the last value seen when {@code done} never held within {@code timeout} */
    public static <T> T poll(final Probe<T> probe, final Predicate<T> done, final Duration timeout, final String what)
            throws Exception {
        return poll(probe, done, timeout, what, String::valueOf);
    }

    /** @param show what of the last value the error message shows */
    public static <T> T poll(
            final Probe<T> probe,
            final Predicate<T> done,
            final Duration timeout,
            final String what,
            final java.util.function.Function<T, String> show)
            throws Exception {
        final long deadline = System.nanoTime() + timeout.toNanos();
        T last = null;
        IOException lastFailure = null;
        while (System.nanoTime() < deadline) {
            try {
                last = probe.fetch();
                lastFailure = null;
                if (done.test(last)) {
                    return last;
                }
            } catch (final IOException e) {
                // a connection refused or reset while an engine starts or is loaded is "not yet", not the answer
                lastFailure = e;
            }
            TimeUnit.MILLISECONDS.sleep(250);
        }
        final String seen = last == null ? "nothing" : show.apply(last);
        throw new AssertionError(what + " within " + timeout + "; last seen: "
                + (seen.length() > 2000 ? seen.substring(0, 2000) + "..." : seen)
                + (lastFailure == null ? "" : "; last probe failed: " + lastFailure));
    }
}
