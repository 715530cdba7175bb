package io.vigie.app.dmarc;

import io.vigie.rules.dmarc.DmarcDayStats;
import io.vigie.rules.dmarc.DmarcSourceStats;
import io.vigie.rules.store.QueryableStores;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.function.Supplier;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StoreQueryParameters;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.QueryableStoreTypes;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;

/**
 * Reads the DMARC figures from the global stores every instance keeps of {@code state.dmarc-days} and
 * {@code state.dmarc-sources}, so that any instance answers for all partitions.
 */
public final class DmarcState {

    private final Supplier<KafkaStreams> streams;

    public DmarcState(final Supplier<KafkaStreams> streams) {
        this.streams = streams;
    }

    /** Whether the stores can be read (Kafka Streams RUNNING). */
    public boolean ready() {
        final KafkaStreams client = streams.get();
        return client != null && client.state() == KafkaStreams.State.RUNNING;
    }

    /** Every domain with figures; protected ones only when {@code protectedOnly}. */
    public SortedSet<String> domains(final boolean protectedOnly) {
        final SortedSet<String> domains = new TreeSet<>();
        try (KeyValueIterator<String, DmarcDayStats> all = daysStore().all()) {
            all.forEachRemaining(kv -> {
                if (kv.value != null && (!protectedOnly || kv.value.protectedDomain())) {
                    domains.add(kv.value.domain());
                }
            });
        }
        return domains;
    }

    /** The domain's figures for each day from {@code from} to {@code to} inclusive that has any, oldest first. */
    public List<DmarcDayStats> days(final String domain, final LocalDate from, final LocalDate to) {
        final List<DmarcDayStats> days = new ArrayList<>();
        try (KeyValueIterator<String, DmarcDayStats> range =
                daysStore().range(DmarcDayStats.key(domain, from), DmarcDayStats.key(domain, to))) {
            range.forEachRemaining(kv -> {
                if (kv.value != null) {
                    days.add(kv.value);
                }
            });
        }
        return days;
    }

    /** Every source reported for the domain. */
    public List<DmarcSourceStats> sources(final String domain) {
        final List<DmarcSourceStats> sources = new ArrayList<>();
        try (KeyValueIterator<String, DmarcSourceStats> prefix =
                sourcesStore().prefixScan(domain + '|', new StringSerializer())) {
            prefix.forEachRemaining(kv -> {
                if (kv.value != null) {
                    sources.add(kv.value);
                }
            });
        }
        return sources;
    }

    /** The latest day any figure exists for, across domains. */
    public Optional<LocalDate> latestDay() {
        LocalDate latest = null;
        try (KeyValueIterator<String, DmarcDayStats> all = daysStore().all()) {
            while (all.hasNext()) {
                final DmarcDayStats d = all.next().value;
                if (d != null && (latest == null || d.day().isAfter(latest))) {
                    latest = d.day();
                }
            }
        }
        return Optional.ofNullable(latest);
    }

    private ReadOnlyKeyValueStore<String, DmarcDayStats> daysStore() {
        return streams.get()
                .store(StoreQueryParameters.fromNameAndType(
                        QueryableStores.DMARC_DAYS, QueryableStoreTypes.<String, DmarcDayStats>keyValueStore()));
    }

    private ReadOnlyKeyValueStore<String, DmarcSourceStats> sourcesStore() {
        return streams.get()
                .store(StoreQueryParameters.fromNameAndType(
                        QueryableStores.DMARC_SOURCES, QueryableStoreTypes.<String, DmarcSourceStats>keyValueStore()));
    }
}
