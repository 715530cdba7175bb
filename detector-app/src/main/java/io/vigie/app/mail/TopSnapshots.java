package io.vigie.app.mail;

import io.vigie.core.model.TopSnapshot;
import io.vigie.rules.store.QueryableStores;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
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

    /**
     * The current window of a kind: for {@code day} the latest day; for {@code hour} the rolling hour,
     * i.e. of the hopping windows that still contain the latest count, the one that started first (it
     * covers the last 50 to 60 minutes; the newest one would cover only the last few); for
     * {@code period} the only one.
     */
    public Optional<TopSnapshot> latest(final String kind) {
        final KafkaStreams client = streams.get();
        if (client == null || client.state() != KafkaStreams.State.RUNNING) {
            return Optional.empty();
        }
        final ReadOnlyKeyValueStore<String, TopSnapshot> store = client.store(StoreQueryParameters.fromNameAndType(
                QueryableStores.TOP20_SNAPSHOTS, QueryableStoreTypes.<String, TopSnapshot>keyValueStore()));
        final List<TopSnapshot> ofKind = new ArrayList<>();
        try (KeyValueIterator<String, TopSnapshot> all = store.all()) {
            all.forEachRemaining(kv -> {
                if (kv.value != null && kind.equals(kv.value.kind())) {
                    ofKind.add(kv.value);
                }
            });
        }
        return "hour".equals(kind) ? rollingHour(ofKind) : ofKind.stream().reduce((a, b) -> isLater(b, a) ? b : a);
    }

    static Optional<TopSnapshot> rollingHour(final List<TopSnapshot> hours) {
        final Optional<Instant> now = hours.stream()
                .map(TopSnapshot::updated)
                .filter(Objects::nonNull)
                .max(Comparator.naturalOrder());
        if (now.isEmpty()) {
            return Optional.empty();
        }
        return hours.stream()
                .filter(h -> h.start() != null
                        && h.end() != null
                        && h.end().isAfter(now.get())
                        && !h.start().isAfter(now.get()))
                .min(Comparator.comparing(TopSnapshot::start));
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
