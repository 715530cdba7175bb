package io.vigie.rules.intel;

import io.vigie.core.model.Indicator;
import io.vigie.rules.store.JsonStores;
import java.util.Objects;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.StoreBuilder;

/**
 * Keeps every indicator known, keyed by {@link Indicator#key()}, and tells what is new. Input: indicators
 * keyed by their key (one feed may send the same one daily). Output: {@link Change}s: a new indicator
 * (which starts a retro-hunt), or a known one whose status, threat or tags changed (the table is updated,
 * nothing is hunted again). An unchanged indicator gives nothing.
 */
final class IndicatorRegistry implements Processor<String, Indicator, String, IndicatorRegistry.Change> {

    static final String STORE = "intel-registry";

    private ProcessorContext<String, Change> context;
    private KeyValueStore<String, Indicator> known;

    static StoreBuilder<KeyValueStore<String, Indicator>> storeBuilder() {
        return JsonStores.keyValue(STORE, Indicator.class);
    }

    /** An indicator to publish, and whether it is new. */
    record Change(Indicator indicator, boolean isNew) {}

    @Override
    public void init(final ProcessorContext<String, Change> ctx) {
        this.context = ctx;
        this.known = ctx.getStateStore(STORE);
    }

    @Override
    public void process(final Record<String, Indicator> indicatorRecord) {
        final Indicator incoming = indicatorRecord.value();
        if (incoming == null) {
            return;
        }
        final Indicator previous = known.get(incoming.key());
        if (previous == null) {
            known.put(incoming.key(), incoming);
            context.forward(indicatorRecord.withKey(incoming.key()).withValue(new Change(incoming, true)));
            return;
        }
        // The first source and date stay: "added" is when we first knew it. What a feed updates is kept.
        final Indicator merged = new Indicator(
                previous.kind(),
                previous.value(),
                previous.source(),
                previous.reference() != null ? previous.reference() : incoming.reference(),
                incoming.threat() != null ? incoming.threat() : previous.threat(),
                incoming.tags().isEmpty() ? previous.tags() : incoming.tags(),
                incoming.status() != null ? incoming.status() : previous.status(),
                previous.added(),
                previous.seenBy());
        if (!Objects.equals(merged, previous)) {
            known.put(incoming.key(), merged);
            context.forward(indicatorRecord.withKey(incoming.key()).withValue(new Change(merged, false)));
        }
    }
}
