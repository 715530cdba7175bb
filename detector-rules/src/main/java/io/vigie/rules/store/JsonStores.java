package io.vigie.rules.store;

import io.vigie.core.serde.JsonSerde;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.StoreBuilder;
import org.apache.kafka.streams.state.Stores;

/**
 * The one kind of state store the detections use: persistent (RocksDB, changelogged), string keys,
 * values as compact JSON, with Streams' record cache so that repeated updates of a key between two
 * commits reach the changelog once.
 */
public final class JsonStores {

    private JsonStores() {}

    public static <V> StoreBuilder<KeyValueStore<String, V>> keyValue(final String name, final Class<V> type) {
        return Stores.keyValueStoreBuilder(
                        Stores.persistentKeyValueStore(name), Serdes.String(), JsonSerde.internal(type))
                .withCachingEnabled();
    }
}
