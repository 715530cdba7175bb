package io.vigie.rules.mail;

import io.vigie.core.model.QueueStatus;
import io.vigie.rules.alert.Alert;
import io.vigie.rules.config.QueueConfig;
import io.vigie.rules.store.JsonStores;
import io.vigie.rules.store.KeyedState;
import java.time.Instant;
import java.util.List;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.StoreBuilder;

/**
 * Queue congestion: too many deferred messages, a deferred backlog growing fast, or a message
 * stuck in the queue for too long. Mail that cannot leave is the first sign of an outgoing spam
 * wave getting the hospital blocklisted, or of an outage of a partner's mail server.
 *
 * <p>Input: {@link QueueStatus} keyed by host, from the logs and from {@code postqueue -j}
 * snapshots. State: {@code queue-history-store}, the deferred counts over the growth window per
 * host and source. Output: alerts (throttled downstream per rule and host). The decision is
 * {@link QueueCongestion}'s; this processor keeps its state in the store.
 */
public final class QueueCongestionDetection implements Processor<String, QueueStatus, String, Alert> {

    public static final String STORE = "queue-history-store";

    private final QueueCongestion congestion;
    private ProcessorContext<String, Alert> context;
    private KeyedState<History> state;

    public QueueCongestionDetection(final QueueConfig config) {
        this.congestion = new QueueCongestion(config);
    }

    /** Deferred counts seen within the growth window, oldest first. */
    public record History(List<Sample> samples) {
    }

    /** One observation of the deferred backlog. */
    public record Sample(Instant time, long deferred) {
    }

    public static StoreBuilder<KeyValueStore<String, History>> storeBuilder() {
        return JsonStores.keyValue(STORE, History.class);
    }

    @Override
    public void init(final ProcessorContext<String, Alert> ctx) {
        this.context = ctx;
        this.state = KeyedState.of(ctx.getStateStore(STORE));
    }

    @Override
    public void process(final Record<String, QueueStatus> statusRecord) {
        final QueueStatus status = statusRecord.value();
        for (final Alert alert : congestion.observe(state, status)) {
            context.forward(new Record<>(status.host(), alert, statusRecord.timestamp()));
        }
    }
}
