package io.vigie.rules.store;

import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * A write-through cache of deserialized values in front of a task's state store. The store stays
 * the source of truth (changelogged, exactly-once); the cache only saves deserializing a value
 * that this processor itself wrote, which dominated the profile of the mail flow. A new cache is
 * made in each {@code init()}, so a revived or migrated task starts from its restored store.
 *
 * <p>It keeps the most recently used entries, up to {@code maxEntries}: the hot keys (a busy sender, a message whose
 * lines are coming in) stay, the long tail goes. It used to forget everything when full, so it was full most of
 * the time: with a million distinct senders in a day, the caches of three tasks filled a 1 GiB heap.
 */
public final class CachedStore<V> implements KeyedState<V> {

    private final KeyValueStore<String, V> store;
    private final Map<String, V> cache;

    public CachedStore(final KeyValueStore<String, V> store, final int maxEntries) {
        this.store = store;
        this.cache = new LinkedHashMap<>(Math.min(maxEntries, 1024), 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(final Map.Entry<String, V> eldest) {
                return size() > maxEntries;
            }
        };
    }

    @Override
    public V get(final String key) {
        final V cached = cache.get(key);
        if (cached != null) {
            return cached;
        }
        final V stored = store.get(key);
        if (stored != null) {
            remember(key, stored);
        }
        return stored;
    }

    /** Values put here must not be mutated afterwards unless put again. */
    @Override
    public void put(final String key, final V value) {
        store.put(key, value);
        remember(key, value);
    }

    @Override
    public void delete(final String key) {
        store.delete(key);
        cache.remove(key);
    }

    public KeyValueStore<String, V> store() {
        return store;
    }

    private void remember(final String key, final V value) {
        cache.put(key, value);
    }
}
