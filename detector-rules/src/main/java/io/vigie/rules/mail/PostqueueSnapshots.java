package io.vigie.rules.mail;

import io.vigie.core.model.QueueSnapshot;
import io.vigie.core.model.QueueSnapshotSummary;
import io.vigie.core.model.QueueStatus;
import io.vigie.core.parse.PostqueueSnapshotParser;
import io.vigie.rules.config.RulesConfig;
import io.vigie.rules.config.TopicNames;
import io.vigie.rules.dlq.ParsingStep;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.Named;
import org.apache.kafka.streams.kstream.Produced;

/**
 * {@code postqueue -j} snapshots: the queue as Postfix itself sees it, more exact than what the
 * logs let us infer (the logs cannot see messages queued before they started).
 *
 * <p>Input: {@code raw.postqueue}, one record per snapshot (the whole output of one run), keyed by
 * host, timestamped when it was taken. Output: {@link QueueStatus} with source {@code postqueue}
 * on {@code events.mail-queue}, where the congestion detection reads it like the status computed
 * from the logs.
 */
public final class PostqueueSnapshots {

    private static final String UNKNOWN_HOST = "unknown";

    private PostqueueSnapshots() {}

    /**
     * @param queueStatusTopic where the snapshots go: the topic the mail flow's congestion rule reads
     *                         ({@link PostfixMailFlow.Output#queueStatusTopic()})
     */
    public static void addTo(final StreamsBuilder builder, final RulesConfig config, final String queueStatusTopic) {
        final TopicNames topics = config.topics();
        final PostqueueSnapshotParser parser = new PostqueueSnapshotParser();
        ParsingStep.parse(
                        builder.stream(
                                topics.rawPostqueue(),
                                Consumed.with(Serdes.String(), Serdes.String()).withName("postqueue-raw-source")),
                        "postqueue",
                        (host, text, timestamp) -> parser.parse(
                                text,
                                Instant.ofEpochMilli(timestamp),
                                host == null || host.isBlank() ? UNKNOWN_HOST : host),
                        QueueSnapshot::takenAt,
                        topics.dlq())
                .map(
                        (key, snapshot) -> KeyValue.pair(snapshot.host(), status(snapshot.summary())),
                        Named.as("postqueue-status"))
                .to(
                        queueStatusTopic,
                        Produced.with(Serdes.String(), PostfixMailFlow.QUEUE_SERDE)
                                .withName("postqueue-status-sink"));
    }

    static QueueStatus status(final QueueSnapshotSummary summary) {
        final long now = summary.takenAt().toEpochMilli();
        final Map<String, Long> deferredByDomain = new HashMap<>();
        final Map<String, Long> oldestByDomain = new HashMap<>();
        summary.byDestinationDomain().forEach((domain, backlog) -> {
            if (backlog.deferred() > 0) {
                deferredByDomain.put(domain, (long) backlog.deferred());
            }
            if (backlog.oldestArrival() != null) {
                oldestByDomain.put(
                        domain, Math.max(0, (now - backlog.oldestArrival().toEpochMilli()) / 1000));
            }
        });
        final Map<String, Integer> byQueue = summary.messagesByQueue();
        return new QueueStatus(
                summary.host(),
                "postqueue",
                summary.takenAt(),
                summary.messages(),
                byQueue.getOrDefault("deferred", 0),
                byQueue.getOrDefault("active", 0),
                byQueue.getOrDefault("hold", 0),
                summary.oldestArrival() == null
                        ? 0
                        : Math.max(0, (now - summary.oldestArrival().toEpochMilli()) / 1000),
                QueueStatusMerge.largest(deferredByDomain),
                Map.of(),
                QueueStatusMerge.largest(oldestByDomain),
                Map.of(),
                0,
                List.of());
    }
}
