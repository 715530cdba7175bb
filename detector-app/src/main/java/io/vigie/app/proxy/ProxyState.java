package io.vigie.app.proxy;

import io.vigie.core.model.Indicator;
import io.vigie.core.net.UrlNormalizer;
import io.vigie.rules.proxy.Contact;
import io.vigie.rules.proxy.ProxyStores;
import io.vigie.rules.store.QueryableStores;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Supplier;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.StoreQueryParameters;
import org.apache.kafka.streams.kstream.Windowed;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.QueryableStoreTypes;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;
import org.apache.kafka.streams.state.ReadOnlyWindowStore;

/**
 * Reads the proxy stores of this instance: the contacts window store and today's blocked counts (both
 * partitioned by destination host: with several instances, each answers for the hosts it owns), and the
 * global threat-intelligence store (the same on every instance).
 */
public final class ProxyState {

    private final Supplier<KafkaStreams> streams;

    public ProxyState(final Supplier<KafkaStreams> streams) {
        this.streams = streams;
    }

    public boolean ready() {
        final KafkaStreams client = streams.get();
        return client != null && client.state() == KafkaStreams.State.RUNNING;
    }

    /** The global intel store can be queried: running, or rebalancing (global stores are not reassigned). */
    public boolean intelReadable() {
        final KafkaStreams client = streams.get();
        return client != null && client.state().isRunningOrRebalancing();
    }

    /** Each client that contacted the host since {@code from}, its days merged, most recent first. */
    public List<Contact> contacts(final String host, final Instant from) {
        final String h = UrlNormalizer.host(host);
        if (h == null) {
            return List.of();
        }
        final ReadOnlyWindowStore<String, Contact> store = streams.get()
                .store(StoreQueryParameters.fromNameAndType(
                        QueryableStores.PROXY_CONTACTS, QueryableStoreTypes.<String, Contact>windowStore()));
        final Map<String, Contact> byClient = new TreeMap<>();
        try (KeyValueIterator<Windowed<String>, Contact> it = store.fetch(
                ProxyStores.contactsFrom(h), ProxyStores.contactsTo(h), from, Instant.ofEpochMilli(Long.MAX_VALUE))) {
            while (it.hasNext()) {
                final KeyValue<Windowed<String>, Contact> kv = it.next();
                byClient.merge(kv.value.client(), kv.value, Contact::merge);
            }
        }
        final List<Contact> contacts = new ArrayList<>(byClient.values());
        contacts.sort(Comparator.comparing(Contact::last).reversed());
        return contacts;
    }

    /** Hosts with their blocked requests on the latest day any was blocked, most blocked first. */
    public List<Map.Entry<String, Long>> topBlocked(final int limit) {
        final ReadOnlyKeyValueStore<String, ProxyStores.BlockedToday> store = streams.get()
                .store(StoreQueryParameters.fromNameAndType(
                        QueryableStores.PROXY_BLOCKED,
                        QueryableStoreTypes.<String, ProxyStores.BlockedToday>keyValueStore()));
        final Map<String, Map<String, Long>> byDay = new TreeMap<>();
        try (KeyValueIterator<String, ProxyStores.BlockedToday> all = store.all()) {
            all.forEachRemaining(kv ->
                    byDay.computeIfAbsent(kv.value.day(), d -> new TreeMap<>()).put(kv.key, kv.value.requests()));
        }
        if (byDay.isEmpty()) {
            return List.of();
        }
        return ((TreeMap<String, Map<String, Long>>) byDay)
                .lastEntry().getValue().entrySet().stream()
                        .sorted(Map.Entry.<String, Long>comparingByValue()
                                .reversed()
                                .thenComparing(Map.Entry.comparingByKey()))
                        .limit(limit)
                        .toList();
    }

    /** The indicator under this key ({@code url:...}, {@code host:...}, {@code ip:...}), or null. */
    public Indicator indicator(final String key) {
        return intelStore().get(key);
    }

    /**
     * How many indicators the table holds, counted. Not RocksDB's estimate: with transactional state stores the
     * global table's writes wait in its transaction buffer, which the estimate does not see (it read 0 for 300
     * indicators); a read goes through the buffer. The table is tens of thousands of entries for URLhaus's recent
     * feed, a few milliseconds every gauge refresh.
     */
    public long indicatorCount() {
        long count = 0;
        try (KeyValueIterator<String, Indicator> all = intelStore().all()) {
            while (all.hasNext()) {
                all.next();
                count++;
            }
        }
        return count;
    }

    private ReadOnlyKeyValueStore<String, Indicator> intelStore() {
        return streams.get()
                .store(StoreQueryParameters.fromNameAndType(
                        QueryableStores.INTEL, QueryableStoreTypes.<String, Indicator>keyValueStore()));
    }
}
