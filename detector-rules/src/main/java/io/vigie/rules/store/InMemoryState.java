package io.vigie.rules.store;

import java.util.HashMap;
import java.util.Map;
import java.util.Set;

/** {@link KeyedState} in a map, for a run of the rules without Kafka; a sweep can also walk it. */
public final class InMemoryState<V> implements KeyedState<V> {

    private final Map<String, V> map = new HashMap<>();

    @Override
    public V get(final String key) {
        return map.get(key);
    }

    @Override
    public void put(final String key, final V value) {
        map.put(key, value);
    }

    @Override
    public void delete(final String key) {
        map.remove(key);
    }

    /** Every entry, live: do not change the state while walking it. */
    public Set<Map.Entry<String, V>> entries() {
        return map.entrySet();
    }
}
