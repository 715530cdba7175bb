package io.vigie.rules.store;

import org.apache.kafka.streams.state.KeyValueStore;

/**
 * The state a detection keeps per key, seen from its decision logic: a task's state store when the rule runs in
 * the engine, a map when it replays a file in memory ({@code vigie analyze}). The rule's logic is then one piece
 * of code whichever way it runs.
 */
public interface KeyedState<V> {

    V get(String key);

    void put(String key, V value);

    void delete(String key);

    /** A task's state store, as it is: changelogged, exactly-once. */
    static <V> KeyedState<V> of(final KeyValueStore<String, V> store) {
        return new KeyedState<>() {
            @Override
            public V get(final String key) {
                return store.get(key);
            }

            @Override
            public void put(final String key, final V value) {
                store.put(key, value);
            }

            @Override
            public void delete(final String key) {
                store.delete(key);
            }
        };
    }

    /** A map, for a run that has no Kafka around it. */
    static <V> InMemoryState<V> inMemory() {
        return new InMemoryState<>();
    }
}
