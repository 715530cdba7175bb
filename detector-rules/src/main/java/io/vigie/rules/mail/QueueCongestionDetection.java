package io.vigie.rules.mail;

import io.vigie.core.model.QueueStatus;
import io.vigie.rules.alert.Alert;
import io.vigie.rules.config.QueueConfig;
import io.vigie.rules.detection.DecisionProcessor;
import io.vigie.rules.store.JsonStores;
import java.time.Instant;
import java.util.List;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.KStream;
import org.apache.kafka.streams.kstream.Named;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.StoreBuilder;

/**
 * Queue congestion: too many deferred messages, a deferred backlog growing fast, or a message
 * stuck in the queue for too long. Mail that cannot leave is the first sign of an outgoing spam
 * wave getting the hospital blocklisted, or of an outage of a partner's mail server.
 *
 * <p>Input: {@link QueueStatus} keyed by host, from the logs and from {@code postqueue -j}
 * snapshots. State: {@code queue-history-store}, the deferred counts over the growth window per
 * host and source. Output: alerts keyed by host (throttled downstream per rule and host). The decision is
 * {@link QueueCongestion}'s; a {@link DecisionProcessor} keeps its state in the store.
 */
final class QueueCongestionDetection {

    public static final String STORE = "queue-history-store";

    private QueueCongestionDetection() {}

    /** Deferred counts seen within the growth window, oldest first. */
    public record History(List<Sample> samples) {}

    /** One observation of the deferred backlog. */
    public record Sample(Instant time, long deferred) {}

    public static StoreBuilder<KeyValueStore<String, History>> storeBuilder() {
        return JsonStores.keyValue(STORE, History.class);
    }

    /**
     * Adds the rule over the queue topic to the builder: it reads the statuses back from the topic, where the mail
     * flow's merge and the {@code postqueue} snapshots both write them.
     *
     * @param queueStatusTopic the topic of the {@link QueueStatus}es, keyed by host
     * @return the alerts, keyed by host (not yet throttled)
     */
    static KStream<String, Alert> addTo(
            final StreamsBuilder builder, final QueueConfig config, final String queueStatusTopic) {
        final QueueCongestion congestion = new QueueCongestion(config);
        builder.addStateStore(storeBuilder());
        return builder.stream(
                        queueStatusTopic,
                        Consumed.with(Serdes.String(), PostfixMailFlow.QUEUE_SERDE)
                                .withName("queue-status-source"))
                .process(
                        () -> DecisionProcessor.inStore(
                                STORE,
                                (host, status) -> QueueCongestion.stateKey(status),
                                (host, status) -> status.host(),
                                congestion),
                        Named.as("queue-congestion"),
                        STORE);
    }
}
