package io.vigie.rules.mail;

import io.vigie.core.model.TopEntry;
import io.vigie.core.model.TopLists;
import io.vigie.core.model.TopSnapshot;
import io.vigie.core.serde.JsonSerde;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.StoreBuilder;
import org.apache.kafka.streams.state.Stores;

/**
 * Second stage of the exact top-N: merges the partitions' top-K candidates of one window and
 * publishes the window's top-N lists.
 *
 * <p>Input: {@link TopCandidate} keyed by window id. State: {@code top20-merge-store}, per window
 * and list the candidates (at most partitions × K entries), so that a candidate rewrites one small
 * list, not the whole window. Output: a {@link TopSnapshot} per changed window every publish
 * interval (wall clock), and a final, closed snapshot once the window's end plus grace is behind
 * stream time; an hour window's key is then tombstoned (value null) since nobody reviews an old
 * rolling hour, while a closed day is kept for the daily review.
 */
public final class TopMerge implements Processor<String, TopCandidate, String, TopSnapshot> {

    public static final String STORE = "top20-merge-store";
    private static final String[] ROLES = {"S", "R"};
    private static final char[] METRICS = {'C', 'B'};

    private final int size;
    private final Duration grace;
    private final Duration publishInterval;
    private ProcessorContext<String, TopSnapshot> context;
    private KeyValueStore<String, ListCandidates> store;
    /** Windows with candidates in the store; rebuilt from the store after a restart. */
    private Map<String, TopWindows.Window> windows;
    private final Set<String> dirty = new HashSet<>();
    private final Map<String, Instant> updated = new HashMap<>();

    public TopMerge(final int size, final Duration grace, final Duration publishInterval) {
        this.size = size;
        this.grace = grace;
        this.publishInterval = publishInterval;
    }

    /** Candidates of one list of one window: address → entry. */
    public record ListCandidates(TopWindows.Window window, Map<String, TopEntry> entries, Instant updated) {
    }

    public static StoreBuilder<KeyValueStore<String, ListCandidates>> storeBuilder() {
        return Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(STORE), Serdes.String(),
                JsonSerde.of(ListCandidates.class));
    }

    @Override
    public void init(final ProcessorContext<String, TopSnapshot> ctx) {
        this.context = ctx;
        this.store = ctx.getStateStore(STORE);
        ctx.schedule(publishInterval, PunctuationType.WALL_CLOCK_TIME, now -> publish());
    }

    private Map<String, TopWindows.Window> windows() {
        if (windows == null) {
            // After a restart every stored window is republished once: what was dirty before is not known.
            windows = new HashMap<>();
            try (KeyValueIterator<String, ListCandidates> all = store.all()) {
                all.forEachRemaining(kv -> {
                    windows.put(kv.value.window().id(), kv.value.window());
                    dirty.add(kv.value.window().id());
                    updated.merge(kv.value.window().id(), kv.value.updated(), TopMerge::later);
                });
            }
        }
        return windows;
    }

    @Override
    public void process(final Record<String, TopCandidate> candidateRecord) {
        final TopCandidate candidate = candidateRecord.value();
        final Map<String, TopWindows.Window> known = windows();
        final TopWindows.Window window = new TopWindows.Window(candidate.window(), candidate.kind(),
                candidate.start(), candidate.end());
        if (!known.containsKey(window.id()) && window.closesBefore(context.currentStreamTimeMs(), grace)) {
            return; // the window was already closed and published: a straggler from a slow partition
        }
        known.putIfAbsent(window.id(), window);
        final String key = window.id() + '|' + candidate.list();
        final ListCandidates previous = store.get(key);
        final Map<String, TopEntry> entries = previous == null ? new HashMap<>() : new HashMap<>(previous.entries());
        entries.put(candidate.entry().address(), candidate.entry());
        if (candidate.evicted() != null) {
            entries.remove(candidate.evicted());
        }
        final Instant latest = previous == null ? candidate.time() : later(previous.updated(), candidate.time());
        store.put(key, new ListCandidates(window, entries, latest));
        dirty.add(window.id());
        updated.merge(window.id(), candidate.time(), TopMerge::later);
    }

    private static Instant later(final Instant a, final Instant b) {
        return a == null || b != null && b.isAfter(a) ? b : a;
    }

    private void publish() {
        final long streamTime = context.currentStreamTimeMs();
        final List<TopWindows.Window> all = new ArrayList<>(windows().values());
        for (final TopWindows.Window window : all) {
            final boolean closed = window.closesBefore(streamTime, grace);
            if (!closed && !dirty.contains(window.id())) {
                continue;
            }
            context.forward(new Record<>(window.id(), snapshot(window, closed), streamTime));
            dirty.remove(window.id());
            if (closed) {
                if ("hour".equals(window.kind())) {
                    context.forward(new Record<>(window.id(), null, streamTime));
                }
                deleteWindow(window.id());
            }
        }
    }

    private void deleteWindow(final String windowId) {
        final List<String> keys = new ArrayList<>();
        try (KeyValueIterator<String, ListCandidates> lists = store.prefixScan(windowId + '|', new StringSerializer())) {
            lists.forEachRemaining(kv -> keys.add(kv.key));
        }
        keys.forEach(store::delete);
        windows.remove(windowId);
        updated.remove(windowId);
    }

    private TopSnapshot snapshot(final TopWindows.Window window, final boolean closed) {
        final Map<String, Map<String, TopEntry>> lists = new HashMap<>();
        try (KeyValueIterator<String, ListCandidates> stored = store.prefixScan(window.id() + '|',
                new StringSerializer())) {
            stored.forEachRemaining(kv -> lists.put(kv.key.substring(window.id().length() + 1), kv.value.entries()));
        }
        return new TopSnapshot(window.id(), window.kind(), window.start(), window.end(), closed,
                lists(lists, 'A'), lists(lists, 'I'), lists(lists, 'O'), updated.get(window.id()));
    }

    private TopLists lists(final Map<String, Map<String, TopEntry>> candidates, final char direction) {
        final List<List<TopEntry>> ranked = new ArrayList<>(4);
        for (final String role : ROLES) {
            for (final char metric : METRICS) {
                final String list = role + '|' + direction + '|' + metric;
                final Map<String, TopEntry> entries = candidates.getOrDefault(list, Map.of());
                ranked.add(entries.values().stream().sorted(TopOrdering.forList(list)).limit(size).toList());
            }
        }
        return new TopLists(ranked.get(0), ranked.get(1), ranked.get(2), ranked.get(3));
    }
}
