package io.vigie.rules.mail;

import io.vigie.core.model.TopEntry;
import io.vigie.core.model.TopLists;
import io.vigie.core.model.TopSnapshot;
import io.vigie.core.serde.JsonSerde;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.serialization.Serdes;
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
 * the candidates of each list (at most partitions × K entries each). Output: a {@link TopSnapshot}
 * per changed window every publish interval (wall clock), and a final, closed snapshot once the
 * window's end plus grace is behind stream time; an hour window's key is then tombstoned (value
 * null) since nobody reviews an old rolling hour, while a closed day is kept for the daily review.
 */
public final class TopMerge implements Processor<String, TopCandidate, String, TopSnapshot> {

    public static final String STORE = "top20-merge-store";
    private static final String[] ROLES = {"S", "R"};

    private final int size;
    private final Duration grace;
    private final Duration publishInterval;
    private ProcessorContext<String, TopSnapshot> context;
    private KeyValueStore<String, WindowCandidates> store;

    public TopMerge(final int size, final Duration grace, final Duration publishInterval) {
        this.size = size;
        this.grace = grace;
        this.publishInterval = publishInterval;
    }

    /** Candidates of every list of one window, and whether they changed since the last publication. */
    public record WindowCandidates(TopWindows.Window window, Map<String, Map<String, TopEntry>> lists,
                                   boolean dirty, Instant updated) {
    }

    public static StoreBuilder<KeyValueStore<String, WindowCandidates>> storeBuilder() {
        return Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(STORE), Serdes.String(),
                JsonSerde.of(WindowCandidates.class));
    }

    @Override
    public void init(final ProcessorContext<String, TopSnapshot> ctx) {
        this.context = ctx;
        this.store = ctx.getStateStore(STORE);
        ctx.schedule(publishInterval, PunctuationType.WALL_CLOCK_TIME, now -> publish());
    }

    @Override
    public void process(final Record<String, TopCandidate> candidateRecord) {
        final TopCandidate candidate = candidateRecord.value();
        final TopWindows.Window window = new TopWindows.Window(candidate.window(), candidate.kind(),
                candidate.start(), candidate.end());
        if (window.closesBefore(context.currentStreamTimeMs(), grace) && store.get(window.id()) == null) {
            return; // the window was already closed and published: a straggler from a slow partition
        }
        final WindowCandidates previous = store.get(window.id());
        final Map<String, Map<String, TopEntry>> lists = new HashMap<>();
        if (previous != null) {
            previous.lists().forEach((list, entries) -> lists.put(list, new HashMap<>(entries)));
        }
        final Map<String, TopEntry> entries = lists.computeIfAbsent(candidate.list(), list -> new HashMap<>());
        entries.put(candidate.entry().address(), candidate.entry());
        if (candidate.evicted() != null) {
            entries.remove(candidate.evicted());
        }
        final Instant updated = previous == null || candidate.time().isAfter(previous.updated())
                ? candidate.time() : previous.updated();
        store.put(window.id(), new WindowCandidates(window, lists, true, updated));
    }

    private void publish() {
        final long streamTime = context.currentStreamTimeMs();
        final List<KeyValue<String, WindowCandidates>> changed = new ArrayList<>();
        try (KeyValueIterator<String, WindowCandidates> all = store.all()) {
            all.forEachRemaining(changed::add);
        }
        for (final KeyValue<String, WindowCandidates> entry : changed) {
            final WindowCandidates candidates = entry.value;
            final boolean closed = candidates.window().closesBefore(streamTime, grace);
            if (closed) {
                context.forward(new Record<>(entry.key, snapshot(candidates, true), streamTime));
                if ("hour".equals(candidates.window().kind())) {
                    context.forward(new Record<>(entry.key, null, streamTime));
                }
                store.delete(entry.key);
            } else if (candidates.dirty()) {
                context.forward(new Record<>(entry.key, snapshot(candidates, false), streamTime));
                store.put(entry.key, new WindowCandidates(candidates.window(), candidates.lists(), false,
                        candidates.updated()));
            }
        }
    }

    private TopSnapshot snapshot(final WindowCandidates candidates, final boolean closed) {
        final TopWindows.Window window = candidates.window();
        return new TopSnapshot(window.id(), window.kind(), window.start(), window.end(), closed,
                lists(candidates, 'A'), lists(candidates, 'I'), lists(candidates, 'O'), candidates.updated());
    }

    private TopLists lists(final WindowCandidates candidates, final char direction) {
        final List<List<TopEntry>> ranked = new ArrayList<>(4);
        for (final String role : ROLES) {
            for (final char metric : new char[] {'C', 'B'}) {
                final String list = role + '|' + direction + '|' + metric;
                final Map<String, TopEntry> entries = candidates.lists().getOrDefault(list, Map.of());
                ranked.add(entries.values().stream().sorted(TopOrdering.forList(list)).limit(size).toList());
            }
        }
        return new TopLists(ranked.get(0), ranked.get(1), ranked.get(2), ranked.get(3));
    }
}
