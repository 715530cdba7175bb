package io.vigie.rules.mail;

import io.vigie.core.model.TopEntry;
import io.vigie.core.model.TopLists;
import io.vigie.core.model.TopSnapshot;
import io.vigie.rules.store.JsonStores;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.StoreBuilder;

/**
 * Second stage of the exact top-N: merges the partitions' top-K candidates of one window and
 * publishes the window's top-N lists.
 *
 * <p>Input: {@link TopCandidate} keyed by window id, each a partition's whole top-K of one list. State:
 * {@code top20-merge-store}, the latest top-K per window, list and partition (a candidate replaces it);
 * {@code top20-merge-windows-store}, the windows. Output: a {@link TopSnapshot} per changed window every publish
 * interval (wall clock), and a closed snapshot once the window's end plus grace is behind
 * stream time; an hour window's key is then tombstoned (value null) since nobody reviews an old
 * rolling hour, while a closed day is kept for the daily review. A closed day's lists stay for one more day
 * ({@link #keptClosed}): a partition's lists that arrive after the close (a replayed backlog) still count, and the
 * day's closed snapshot is sent again, corrected; the last one per day is the final one.
 */
final class TopMerge implements Processor<String, TopCandidate, String, TopSnapshot> {

    public static final String STORE = "top20-merge-store";
    public static final String WINDOWS_STORE = "top20-merge-windows-store";
    private static final String[] ROLES = {"S", "R"};
    private static final char[] METRICS = {'C', 'B'};
    private static final Duration KEEP_CLOSED_DAY = Duration.ofDays(1);

    private final int size;
    private final Duration grace;
    private final Duration publishInterval;
    private ProcessorContext<String, TopSnapshot> context;
    private KeyValueStore<String, PartitionTop> entries;
    private KeyValueStore<String, TopWindows.Window> windowStore;
    /** Open windows, mirrored from their store; after a restart every one is republished once. */
    private Map<String, TopWindows.Window> windows;

    private final Set<String> dirty = new HashSet<>();
    /** Closed windows kept for late lists whose closed snapshot was sent (memory: sent again after a restart). */
    private final Set<String> publishedClosed = new HashSet<>();

    private final Map<String, Instant> updated = new HashMap<>();

    public TopMerge(final int size, final Duration grace, final Duration publishInterval) {
        this.size = size;
        this.grace = grace;
        this.publishInterval = publishInterval;
    }

    public static List<StoreBuilder<?>> storeBuilders() {
        return List.of(
                JsonStores.keyValue(STORE, PartitionTop.class),
                JsonStores.keyValue(WINDOWS_STORE, TopWindows.Window.class));
    }

    @Override
    public void init(final ProcessorContext<String, TopSnapshot> ctx) {
        this.context = ctx;
        this.entries = ctx.getStateStore(STORE);
        this.windowStore = ctx.getStateStore(WINDOWS_STORE);
        this.windows = null;
        dirty.clear();
        updated.clear();
        publishedClosed.clear();
        ctx.schedule(publishInterval, PunctuationType.WALL_CLOCK_TIME, now -> publish());
    }

    private Map<String, TopWindows.Window> windows() {
        if (windows == null) {
            windows = new HashMap<>();
            try (KeyValueIterator<String, TopWindows.Window> all = windowStore.all()) {
                all.forEachRemaining(kv -> {
                    windows.put(kv.key, kv.value);
                    dirty.add(kv.key);
                });
            }
        }
        return windows;
    }

    @Override
    public void process(final Record<String, TopCandidate> candidateRecord) {
        final TopCandidate candidate = candidateRecord.value();
        final Map<String, TopWindows.Window> known = windows();
        final TopWindows.Window window =
                new TopWindows.Window(candidate.window(), candidate.kind(), candidate.start(), candidate.end());
        if (!known.containsKey(window.id())) {
            if (window.closesBefore(context.currentStreamTimeMs(), grace.plus(keptClosed(window)))) {
                return; // the window was closed and forgotten: a straggler from a partition far behind
            }
            known.put(window.id(), window);
            windowStore.put(window.id(), window);
        }
        entries.put(
                window.id() + '|' + candidate.list() + '|' + candidate.partition(),
                new PartitionTop(candidate.entries()));
        dirty.add(window.id());
        updated.merge(window.id(), candidate.time(), (a, b) -> b.isAfter(a) ? b : a);
    }

    /**
     * How long a closed window's lists are kept after it closed, so that a partition's lists that come late still
     * make it into the window (its closed snapshot is then sent again, corrected). Candidates reach the merge from
     * every partition of the counts, each at its own pace: when a backlog is replayed, one partition can be hours of
     * log ahead of another, and the window closes (stream time is the latest of them) before the partitions behind
     * have sent their last lists. A day is kept one more day; a rolling hour, which nobody reviews once past, is not.
     */
    static Duration keptClosed(final TopWindows.Window window) {
        return "day".equals(window.kind()) ? KEEP_CLOSED_DAY : Duration.ZERO;
    }

    private void publish() {
        final long streamTime = context.currentStreamTimeMs();
        for (final TopWindows.Window window : new ArrayList<>(windows().values())) {
            final boolean closed = window.closesBefore(streamTime, grace);
            final boolean forgotten = window.closesBefore(streamTime, grace.plus(keptClosed(window)));
            final boolean changed = dirty.contains(window.id());
            if (!changed && !forgotten && (!closed || publishedClosed.contains(window.id()))) {
                continue;
            }
            final Map<String, List<TopEntry>> lists = new HashMap<>();
            final List<String> keys = new ArrayList<>();
            try (KeyValueIterator<String, PartitionTop> stored =
                    entries.prefixScan(window.id() + '|', new StringSerializer())) {
                stored.forEachRemaining(kv -> {
                    keys.add(kv.key);
                    final String rest = kv.key.substring(window.id().length() + 1);
                    lists.computeIfAbsent(rest.substring(0, 5), list -> new ArrayList<>())
                            .addAll(kv.value.entries());
                });
            }
            if (changed || !publishedClosed.contains(window.id())) {
                context.forward(new Record<>(window.id(), snapshot(window, closed, lists), streamTime));
            }
            dirty.remove(window.id());
            if (closed) {
                publishedClosed.add(window.id());
            }
            if (forgotten) {
                if ("hour".equals(window.kind())) {
                    context.forward(new Record<>(window.id(), null, streamTime));
                }
                keys.forEach(entries::delete);
                windowStore.delete(window.id());
                windows.remove(window.id());
                updated.remove(window.id());
                publishedClosed.remove(window.id());
            }
        }
    }

    /** One partition's top-K of one list, as its last candidate sent it. */
    record PartitionTop(List<TopEntry> entries) {}

    private TopSnapshot snapshot(
            final TopWindows.Window window, final boolean closed, final Map<String, List<TopEntry>> lists) {
        return snapshot(window, closed, lists, size, updated.get(window.id()));
    }

    /**
     * A window's snapshot from candidate entries per list ({@code S|A|C}...): each list ranked and cut to
     * {@code size}.
     */
    static TopSnapshot snapshot(
            final TopWindows.Window window,
            final boolean closed,
            final Map<String, List<TopEntry>> lists,
            final int size,
            final Instant updated) {
        return new TopSnapshot(
                window.id(),
                window.kind(),
                window.start(),
                window.end(),
                closed,
                lists(lists, 'A', size),
                lists(lists, 'I', size),
                lists(lists, 'O', size),
                updated);
    }

    private static TopLists lists(final Map<String, List<TopEntry>> candidates, final char direction, final int size) {
        final List<List<TopEntry>> ranked = new ArrayList<>(4);
        for (final String role : ROLES) {
            for (final char metric : METRICS) {
                final String list = role + '|' + direction + '|' + metric;
                ranked.add(candidates.getOrDefault(list, List.of()).stream()
                        .sorted(TopOrdering.forList(list))
                        .limit(size)
                        .toList());
            }
        }
        return new TopLists(ranked.get(0), ranked.get(1), ranked.get(2), ranked.get(3));
    }
}
