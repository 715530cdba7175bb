package io.vigie.app.analyze;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ListOffsetsResult;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;

/**
 * Knows when a Streams application has processed everything written to its input: the group's
 * committed offsets reach the end of every input and repartition topic, and stay there across
 * several checks spaced by more than the publication and commit intervals (so that wall-clock
 * punctuators, which publish the top lists, have run on the final state).
 */
final class PipelineDrain {

    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(PipelineDrain.class);

    private final Admin admin;
    private final String applicationId;
    private final Set<String> plainInputs;
    private final Set<String> engineInputs;
    private final Duration settle;

    /**
     * @param plainInputs  topics written without a transaction (the analysis's own producer): their last offset is a
     *                     record, which must be processed
     * @param engineInputs topics the engine writes and reads back, in its transactions: their last offset may be a
     *                     commit marker, which is never committed as processed
     */
    PipelineDrain(
            final Admin admin,
            final String applicationId,
            final Set<String> plainInputs,
            final Set<String> engineInputs,
            final Duration settle) {
        this.admin = admin;
        this.applicationId = applicationId;
        this.plainInputs = Set.copyOf(plainInputs);
        this.engineInputs = Set.copyOf(engineInputs);
        this.settle = settle;
    }

    /** Blocks until drained; throws when the deadline passes first. */
    void await(final Duration timeout, final java.util.function.BooleanSupplier engineAlive)
            throws InterruptedException {
        final long deadline = System.nanoTime() + timeout.toNanos();
        int stableChecks = 0;
        Map<TopicPartition, Long> previous = null;
        Progress progress = null;
        while (System.nanoTime() < deadline) {
            if (!engineAlive.getAsBoolean()) {
                throw new IllegalStateException("the engine stopped before the end of the input (see the log above)");
            }
            progress = progress();
            LOG.debug(
                    "pipeline progress: caught up {}, committed {}",
                    progress.caughtUp(),
                    progress.committed().values().stream()
                            .mapToLong(Long::longValue)
                            .sum());
            if (progress.caughtUp() && progress.committed().equals(previous)) {
                stableChecks++;
                if (stableChecks >= 3) {
                    return;
                }
            } else {
                stableChecks = 0;
            }
            previous = progress.committed();
            Thread.sleep(settle.toMillis());
        }
        throw new IllegalStateException(
                "the pipeline did not finish within " + timeout + " (last progress: " + progress + ")");
    }

    /**
     * Committed offsets of the application over its inputs and repartition topics, and whether each is at its end.
     * A topic written in the engine's transactions (repartition topics, the topics it reads back) may stay one offset
     * behind: the last offset of a partition written in a transaction is its commit marker, which is never committed
     * as processed. A topic written without a transaction must be read to its end: allowing it one offset too let a
     * slow engine's last record go unread (a DMARC report missing from an analysis under load).
     */
    Progress progress() throws InterruptedException {
        try {
            final Set<String> topics = admin.listTopics().names().get().stream()
                    .filter(name -> plainInputs.contains(name)
                            || engineInputs.contains(name)
                            || name.startsWith(applicationId + "-") && name.endsWith("-repartition"))
                    .collect(Collectors.toSet());
            final Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
            for (final TopicDescription topic :
                    admin.describeTopics(topics).allTopicNames().get().values()) {
                topic.partitions()
                        .forEach(p -> latest.put(new TopicPartition(topic.name(), p.partition()), OffsetSpec.latest()));
            }
            final Map<TopicPartition, ListOffsetsResult.ListOffsetsResultInfo> ends =
                    admin.listOffsets(latest).all().get();
            final Map<TopicPartition, OffsetAndMetadata> committed = admin.listConsumerGroupOffsets(applicationId)
                    .partitionsToOffsetAndMetadata()
                    .get();
            boolean caughtUp = true;
            final Map<TopicPartition, Long> positions = new HashMap<>();
            for (final Map.Entry<TopicPartition, ListOffsetsResult.ListOffsetsResultInfo> end : ends.entrySet()) {
                final long endOffset = end.getValue().offset();
                final OffsetAndMetadata done = committed.get(end.getKey());
                final long position = done == null ? 0 : done.offset();
                positions.put(end.getKey(), position);
                final long markerAllowed = plainInputs.contains(end.getKey().topic()) ? 0 : 1;
                caughtUp &= endOffset - position <= markerAllowed && (done != null || endOffset == 0);
            }
            return new Progress(caughtUp, positions);
        } catch (final ExecutionException e) {
            throw new IllegalStateException(
                    "cannot read the pipeline's progress: " + e.getCause().getMessage(), e.getCause());
        }
    }

    /** Committed positions and whether they are at the end. */
    record Progress(boolean caughtUp, Map<TopicPartition, Long> committed) {}
}
