package io.vigie.app.mail;

import io.vigie.core.model.TopSnapshot;
import io.vigie.rules.DetectorTopology;
import java.util.Optional;
import java.util.function.Supplier;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StoreQueryParameters;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.QueryableStoreTypes;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;

/**
 * Reads the current top-20 snapshots from the global store that every instance keeps of
 * {@code state.top20}, so that any instance answers for all of them.
 */
public final class TopSnapshots {

    private final Supplier<KafkaStreams> streams;

    public TopSnapshots(final Supplier<KafkaStreams> streams) {
        this.streams = streams;
    }

    /** The most recent window of a kind ({@code day}, {@code hour} or {@code period}), by start time. */
    public Optional<TopSnapshot> latest(final String kind) {
        final KafkaStreams client = streams.get();
        if (client == null || client.state() != KafkaStreams.State.RUNNING) {
            return Optional.empty();
        }
        final ReadOnlyKeyValueStore<String, TopSnapshot> store = client.store(StoreQueryParameters.fromNameAndType(
                DetectorTopology.TOP20_SNAPSHOTS_STORE, QueryableStoreTypes.<String, TopSnapshot>keyValueStore()));
        TopSnapshot latest = null;
        try (KeyValueIterator<String, TopSnapshot> all = store.all()) {
            while (all.hasNext()) {
                final TopSnapshot snapshot = all.next().value;
                if (snapshot != null && kind.equals(snapshot.kind()) && isLater(snapshot, latest)) {
                    latest = snapshot;
                }
            }
        }
        return Optional.ofNullable(latest);
    }

    private static boolean isLater(final TopSnapshot candidate, final TopSnapshot current) {
        if (current == null) {
            return true;
        }
        if (candidate.start() == null || current.start() == null) {
            return candidate.start() != null;
        }
        return candidate.start().isAfter(current.start());
    }
}
