package io.vigie.rules.entity;

import io.vigie.rules.store.JsonStores;
import java.time.Duration;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.StoreBuilder;

/**
 * Folds the facts about one key into its timeline, kept in {@value #STORE}; passes on each timeline that changed,
 * for {@code state.identities}. A fact that changes nothing (a repeat) gives nothing.
 */
final class IdentityTimelines implements Processor<String, IdentityFact, String, IdentityTimeline> {

    static final String STORE = "identity-timelines";

    private final int maxIntervals;
    private final Duration retention;
    private final Duration gap;
    private ProcessorContext<String, IdentityTimeline> context;
    private KeyValueStore<String, IdentityTimeline> timelines;

    IdentityTimelines(final int maxIntervals, final Duration retention, final Duration gap) {
        this.maxIntervals = maxIntervals;
        this.retention = retention;
        this.gap = gap;
    }

    static StoreBuilder<KeyValueStore<String, IdentityTimeline>> storeBuilder() {
        return JsonStores.keyValue(STORE, IdentityTimeline.class);
    }

    @Override
    public void init(final ProcessorContext<String, IdentityTimeline> ctx) {
        this.context = ctx;
        this.timelines = ctx.getStateStore(STORE);
    }

    @Override
    public void process(final Record<String, IdentityFact> fact) {
        if (fact.key() == null || fact.value() == null || fact.value().time() == null) {
            return;
        }
        final IdentityTimeline known = timelines.get(fact.key());
        final IdentityTimeline before = known != null ? known : IdentityTimeline.empty();
        final IdentityTimeline after = before.with(fact.value(), maxIntervals, retention, gap);
        if (after.equals(before)) {
            return;
        }
        timelines.put(fact.key(), after);
        context.forward(fact.withValue(after));
    }
}
