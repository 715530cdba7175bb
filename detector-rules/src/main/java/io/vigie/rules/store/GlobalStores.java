package io.vigie.rules.store;

import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.Stores;

/**
 * A compacted topic loaded on every instance into a plain key-value store that processors read. Not
 * {@code builder.globalTable}: that materialises timestamped values, which a processor's {@code getStateStore}
 * hands back wrapped, and the readers here want the values themselves.
 */
public final class GlobalStores {

    private GlobalStores() {}

    /**
     * @param store      the global store's name
     * @param sourceName the name of its source node
     */
    public static <V> void keyValue(
            final StreamsBuilder builder,
            final String store,
            final String topic,
            final Serde<V> serde,
            final String sourceName) {
        builder.addGlobalStore(
                Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(store), Serdes.String(), serde)
                        .withLoggingDisabled(),
                topic,
                Consumed.with(Serdes.String(), serde).withName(sourceName),
                () -> new Update<V>(store));
    }

    /** Loads a change into the store: a tombstone removes the key. */
    private static final class Update<V> implements Processor<String, V, Void, Void> {
        private final String storeName;
        private KeyValueStore<String, V> store;

        Update(final String storeName) {
            this.storeName = storeName;
        }

        @Override
        public void init(final ProcessorContext<Void, Void> context) {
            this.store = context.getStateStore(storeName);
        }

        @Override
        public void process(final Record<String, V> change) {
            if (change.value() == null) {
                store.delete(change.key());
            } else {
                store.put(change.key(), change.value());
            }
        }
    }
}
