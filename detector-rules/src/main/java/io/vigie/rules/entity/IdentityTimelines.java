package io.vigie.rules.entity;

import io.vigie.rules.store.JsonStores;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.StoreBuilder;

/**
 * Folds the facts about one key into its timeline, kept in {@value #STORE}; passes on each timeline that changed,
 * for {@code state.identities}. A fact that changes nothing (a repeat) gives nothing.
 *
 * <p>Every hour of stream time, a key whose last interval ended more than the retention ago is forgotten: deleted
 * here and passed on as a tombstone, so that the compacted topic and every instance's global store forget it too.
 * Who used which address is personal data, kept no longer than the logs it comes from.
 */
final class IdentityTimelines implements Processor<String, IdentityFact, String, IdentityTimeline> {

    static final String STORE = "identity-timelines";
    static final Duration SWEEP_INTERVAL = Duration.ofHours(1);

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
        ctx.schedule(SWEEP_INTERVAL, PunctuationType.STREAM_TIME, this::forgetOlderThanRetention);
    }

    private void forgetOlderThanRetention(final long streamTime) {
        final Instant horizon = Instant.ofEpochMilli(streamTime).minus(retention);
        final List<String> gone = new ArrayList<>();
        try (KeyValueIterator<String, IdentityTimeline> all = timelines.all()) {
            while (all.hasNext()) {
                final KeyValue<String, IdentityTimeline> entry = all.next();
                if (entry.value == null || entry.value.lastSeen().isBefore(horizon)) {
                    gone.add(entry.key);
                }
            }
        }
        for (final String key : gone) {
            timelines.delete(key);
            context.forward(new Record<>(key, null, streamTime));
        }
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
