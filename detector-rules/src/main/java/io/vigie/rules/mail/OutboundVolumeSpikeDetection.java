package io.vigie.rules.mail;

import io.vigie.core.model.MailCount;
import io.vigie.rules.alert.Alert;
import io.vigie.rules.config.FlowAnomalyConfig;
import io.vigie.rules.store.JsonStores;
import io.vigie.rules.store.KeyedState;
import java.util.TreeMap;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.StoreBuilder;

/**
 * A compromised mailbox sending spam: an internal sender whose outbound messages in the current
 * hour are at least the minimum and at least {@code spike-factor} times its own mean hourly
 * volume over the previous {@code baseline-hours} (a sender with no history has a baseline of 0,
 * so only the minimum applies).
 *
 * <p>Input: sender {@link MailCount}s keyed by address (outbound ones are used). State:
 * {@code outbound-volume-store}, hourly counts per sender for the baseline period plus the
 * current hour. Output: one alert per sender and hour at most (throttled downstream too). The decision is
 * {@link OutboundVolumeSpike}'s; this processor keeps its state in the store.
 */
public final class OutboundVolumeSpikeDetection implements Processor<String, MailCount, String, Alert> {

    public static final String STORE = "outbound-volume-store";

    private final OutboundVolumeSpike spike;
    private ProcessorContext<String, Alert> context;
    private KeyedState<HourlyCounts> state;

    public OutboundVolumeSpikeDetection(final FlowAnomalyConfig config) {
        this.spike = new OutboundVolumeSpike(config);
    }

    /** Messages per hour (hour start, epoch ms → count) and the last hour an alert was raised for. */
    public record HourlyCounts(TreeMap<Long, Long> byHour, long alertedHour) {
    }

    public static StoreBuilder<KeyValueStore<String, HourlyCounts>> storeBuilder() {
        return JsonStores.keyValue(STORE, HourlyCounts.class);
    }

    @Override
    public void init(final ProcessorContext<String, Alert> ctx) {
        this.context = ctx;
        this.state = KeyedState.of(ctx.getStateStore(STORE));
    }

    @Override
    public void process(final Record<String, MailCount> countRecord) {
        final MailCount count = countRecord.value();
        spike.observe(state, count).ifPresent(alert ->
                context.forward(new Record<>(count.address(), alert, countRecord.timestamp())));
    }
}
