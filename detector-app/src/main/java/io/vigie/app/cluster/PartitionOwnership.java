package io.vigie.app.cluster;

import java.util.function.Supplier;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.TaskMetadata;
import org.apache.kafka.streams.ThreadMetadata;

/**
 * Whether this instance runs the active task that reads partition 0 of a topic: a duty that must run on one
 * instance of the group at a time (polling one mailbox) follows that partition. Kafka Streams already moves
 * the partition to a live instance when its owner leaves, so the duty fails over with no election of its own.
 *
 * <p>While Streams rebalances the last answer stands: the duty neither stops on every rebalance nor starts on
 * an instance that has not been given the partition; before the first assignment the answer is
 * {@link Turn#NOT_KNOWN_YET}. Two instances may both hold the duty for the length of a
 * rebalance; the duties that use this are safe to repeat (a mailbox message is sent again under the same key).
 */
public final class PartitionOwnership implements Supplier<Turn> {

    private final Supplier<KafkaStreams> streams;
    private final TopicPartition partition;
    private volatile Turn last = Turn.NOT_KNOWN_YET;

    public PartitionOwnership(final Supplier<KafkaStreams> streams, final String topic) {
        this.streams = streams;
        this.partition = new TopicPartition(topic, 0);
    }

    @Override
    public Turn get() {
        final KafkaStreams client = streams.get();
        if (client == null || client.state() != KafkaStreams.State.RUNNING) {
            return last;
        }
        boolean found = false;
        for (final ThreadMetadata thread : client.metadataForLocalThreads()) {
            for (final TaskMetadata task : thread.activeTasks()) {
                found |= task.topicPartitions().contains(partition);
            }
        }
        last = found ? Turn.MINE : Turn.ANOTHER_INSTANCE;
        return last;
    }
}
