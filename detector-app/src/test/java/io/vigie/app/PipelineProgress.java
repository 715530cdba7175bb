package io.vigie.app;

import io.vigie.app.engine.Engine;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;

/**
 * Waits until a running engine has processed everything written so far to some input topics and to its own
 * repartition topics: the group's committed offsets reach their ends (under exactly-once the last offset of a
 * partition may be a commit marker, never committed as processed) and stay there over three checks.
 *
 * <p>Tests that feed sources whose event times are days apart need this between the sources: a task's stream
 * time is the highest timestamp it has seen on any of its partitions, and several detections share tasks. Fed
 * all at once, the recent records of a fast source can overtake the old ones of a source with more stages (mail
 * goes through two repartitions before the top lists) and make them late; that happens only when the machine is
 * slow, so such a test would pass or fail with the load.
 */
public final class PipelineProgress {

    private PipelineProgress() {}

    /** @throws AssertionError naming the partitions still behind and where Kafka Streams stands */
    public static void awaitDrained(final Engine engine, final Set<String> inputTopics, final Duration timeout)
            throws Exception {
        awaitDrained(
                engine.config().clientProperties(engine.bootstrapServers()),
                engine.config().applicationId(),
                inputTopics,
                timeout,
                () -> new EngineHttp(engine).streamsState());
    }

    /**
     * The same for an engine in another process: {@code admin} configures the Kafka admin client, {@code state}
     * tells where the engine stands when it failed.
     *
     * @throws AssertionError naming the partitions still behind and the engine's state
     */
    public static void awaitDrained(
            final Properties admin,
            final String applicationId,
            final Set<String> inputTopics,
            final Duration timeout,
            final Supplier<String> state)
            throws Exception {
        final long deadline = System.nanoTime() + timeout.toNanos();
        Map<TopicPartition, long[]> last = Map.of();
        Map<TopicPartition, long[]> previous = null;
        int stable = 0;
        try (Admin client = Admin.create(admin)) {
            while (System.nanoTime() < deadline) {
                last = positions(client, applicationId, inputTopics);
                final boolean caughtUp = last.values().stream().allMatch(PipelineProgress::caughtUp);
                if (caughtUp && previous != null && same(previous, last)) {
                    if (++stable >= 3) {
                        return;
                    }
                } else {
                    stable = 0;
                }
                previous = last;
                TimeUnit.MILLISECONDS.sleep(500);
            }
        }
        final String behind = last.entrySet().stream()
                .filter(e -> !caughtUp(e.getValue()))
                .map(e -> e.getKey() + " committed=" + e.getValue()[0] + " end=" + e.getValue()[1])
                .collect(Collectors.joining(", "));
        throw new AssertionError("the engine did not process " + inputTopics + " and its repartition topics within "
                + timeout + "; behind: " + (behind.isEmpty() ? "none, but still moving" : behind) + "; "
                + state.get());
    }

    /** Nothing written, or at most the last offset (a commit marker) left unprocessed. */
    private static boolean caughtUp(final long[] committedAndEnd) {
        return committedAndEnd[1] == 0 || committedAndEnd[0] >= 0 && committedAndEnd[1] - committedAndEnd[0] <= 1;
    }

    /** Per partition: the group's committed offset (-1 when none) and the end offset. */
    private static Map<TopicPartition, long[]> positions(
            final Admin admin, final String applicationId, final Set<String> inputTopics) throws Exception {
        final Set<String> topics = admin.listTopics().names().get(60, TimeUnit.SECONDS).stream()
                .filter(name -> inputTopics.contains(name)
                        || name.startsWith(applicationId + "-") && name.endsWith("-repartition"))
                .collect(Collectors.toSet());
        final Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
        for (final TopicDescription topic : admin.describeTopics(topics)
                .allTopicNames()
                .get(60, TimeUnit.SECONDS)
                .values()) {
            topic.partitions()
                    .forEach(p -> latest.put(new TopicPartition(topic.name(), p.partition()), OffsetSpec.latest()));
        }
        final Map<TopicPartition, OffsetAndMetadata> committed = admin.listConsumerGroupOffsets(applicationId)
                .partitionsToOffsetAndMetadata()
                .get(60, TimeUnit.SECONDS);
        final Map<TopicPartition, long[]> positions =
                new TreeMap<>(java.util.Comparator.comparing(TopicPartition::toString));
        admin.listOffsets(latest).all().get(60, TimeUnit.SECONDS).forEach((partition, end) -> {
            final OffsetAndMetadata done = committed.get(partition);
            positions.put(partition, new long[] {done == null ? -1 : done.offset(), end.offset()});
        });
        return positions;
    }

    private static boolean same(final Map<TopicPartition, long[]> a, final Map<TopicPartition, long[]> b) {
        return a.keySet().equals(b.keySet())
                && a.entrySet().stream().allMatch(e -> java.util.Arrays.equals(e.getValue(), b.get(e.getKey())));
    }
}
