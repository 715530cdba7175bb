package io.vigie.app.incident;

import io.vigie.rules.incident.Incident;
import io.vigie.rules.store.QueryableStores;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StoreQueryParameters;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.QueryableStoreTypes;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;

/** Reads the incidents from the global store every instance keeps of the {@code incidents} topic. */
public final class IncidentState {

    private final Supplier<KafkaStreams> streams;

    public IncidentState(final Supplier<KafkaStreams> streams) {
        this.streams = streams;
    }

    /** Whether the store can be read (Kafka Streams RUNNING). */
    public boolean ready() {
        final KafkaStreams client = streams.get();
        return client != null && client.state() == KafkaStreams.State.RUNNING;
    }

    public Optional<Incident> get(final String id) {
        return Optional.ofNullable(store().get(id));
    }

    /** Every incident kept, in no particular order. */
    public List<Incident> all() {
        final List<Incident> all = new ArrayList<>();
        try (KeyValueIterator<String, Incident> it = store().all()) {
            it.forEachRemaining(kv -> {
                if (kv.value != null) {
                    all.add(kv.value);
                }
            });
        }
        return all;
    }

    private ReadOnlyKeyValueStore<String, Incident> store() {
        return streams.get()
                .store(StoreQueryParameters.fromNameAndType(
                        QueryableStores.INCIDENTS, QueryableStoreTypes.<String, Incident>keyValueStore()));
    }
}
