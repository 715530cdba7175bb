package io.vigie.core.model;

import java.time.Instant;
import java.util.List;

/**
 * The whole content of a Postfix host's queues at one moment, from one {@code postqueue -j} run.
 *
 * @param takenAt  when the snapshot was taken
 * @param host     the Postfix host
 * @param messages every queued message, never null
 */
public record QueueSnapshot(Instant takenAt, String host, List<QueuedMessage> messages) {

    public QueueSnapshot {
        messages = messages == null ? List.of() : List.copyOf(messages);
    }

    /** Counts per queue, bytes, and backlog per destination domain. */
    public QueueSnapshotSummary summary() {
        return QueueSnapshotSummary.of(this);
    }
}
