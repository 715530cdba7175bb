package io.vigie.rules.mail;

import io.vigie.core.model.Direction;
import io.vigie.core.model.MailCount;
import io.vigie.core.model.TopEntry;
import io.vigie.rules.store.CachedStore;
import io.vigie.rules.store.JsonStores;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.MetricName;
import org.apache.kafka.common.metrics.Sensor;
import org.apache.kafka.common.metrics.stats.CumulativeSum;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.StoreBuilder;

/**
 * First stage of the exact distributed top-N: per address counts, and this partition's top-K of
 * every list of every window.
 *
 * <p>Input: {@link MailCount} keyed by address, so that each address lives in exactly one
 * partition; then the global top-N is contained in the union of the partitions' top-Ns, and
 * counts only grow within a window, so a partition's top-K is maintained exactly by insertion
 * and eviction. State: {@code top20-counts-store} (window|role|direction|address → counts) and
 * {@code top20-windows-store} (open windows); the top-K lists live in memory and are rebuilt from
 * the counts after a restart. A window's entries are deleted once it is closed
 * (end + grace behind stream time), so state is bounded by the addresses of the open windows.
 * Output: {@link TopCandidate}s keyed by window id.
 */
public final class TopCandidates implements Processor<String, MailCount, String, TopCandidate> {

    public static final String COUNTS_STORE = "top20-counts-store";
    public static final String WINDOWS_STORE = "top20-windows-store";
    private static final int CACHE_ENTRIES = 200_000;

    private final TopWindows windows;
    private final int size;
    private final Duration grace;
    private ProcessorContext<String, TopCandidate> context;
    private CachedStore<long[]> counts;
    /** This partition's top-K per list, rebuilt from the counts store when first needed after a (re)start. */
    private final Map<String, List<TopEntry>> tops = new java.util.HashMap<>();
    private KeyValueStore<String, TopWindows.Window> openWindows;
    private Sensor late;
    private long recordTime;

    public TopCandidates(final TopWindows windows, final int size, final Duration grace) {
        this.windows = windows;
        this.size = size;
        this.grace = grace;
    }

    public static List<StoreBuilder<?>> storeBuilders() {
        return List.of(
                JsonStores.keyValue(COUNTS_STORE, long[].class),
                JsonStores.keyValue(WINDOWS_STORE, TopWindows.Window.class));
    }

    @Override
    public void init(final ProcessorContext<String, TopCandidate> ctx) {
        this.context = ctx;
        this.counts = new CachedStore<>(ctx.getStateStore(COUNTS_STORE), CACHE_ENTRIES);
        tops.clear();
        this.openWindows = ctx.getStateStore(WINDOWS_STORE);
        this.late = ctx.metrics().addSensor("vigie-top20-late-counts", Sensor.RecordingLevel.INFO);
        late.add(new MetricName("late-counts-total", "vigie-top20",
                "Mail counts that arrived after their window closed and were left out of it", Map.of()),
                new CumulativeSum());
        ctx.schedule(Duration.ofMinutes(1), PunctuationType.WALL_CLOCK_TIME, now -> closeWindows());
    }

    @Override
    public void process(final Record<String, MailCount> countRecord) {
        final MailCount count = countRecord.value();
        recordTime = countRecord.timestamp();
        final long streamTime = context.currentStreamTimeMs();
        final char role = count.role() == MailCount.Role.SENDER ? 'S' : 'R';
        for (final TopWindows.Window window : windows.windowsOf(count.time())) {
            if (window.closesBefore(streamTime, grace)) {
                late.record(1);
                continue;
            }
            if (openWindows.get(window.id()) == null) {
                openWindows.put(window.id(), window);
            }
            add(window, role, 'A', count);
            if (count.direction() == Direction.INBOUND) {
                add(window, role, 'I', count);
            } else if (count.direction() == Direction.OUTBOUND) {
                add(window, role, 'O', count);
            }
        }
    }

    private void add(final TopWindows.Window window, final char role, final char direction, final MailCount count) {
        final String prefix = window.id() + '|' + role + '|' + direction + '|';
        final String countKey = prefix + count.address();
        final long[] previous = counts.get(countKey);
        final long[] updated = previous == null
                ? new long[] {count.messages(), count.bytes()}
                : new long[] {previous[0] + count.messages(), previous[1] + count.bytes()};
        counts.put(countKey, updated);
        final TopEntry entry = new TopEntry(count.address(), updated[0], updated[1]);
        offer(window, prefix + 'C', entry, TopOrdering.BY_COUNT, count.time());
        offer(window, prefix + 'B', entry, TopOrdering.BY_BYTES, count.time());
    }

    private void offer(final TopWindows.Window window, final String listKey, final TopEntry entry,
                       final Comparator<TopEntry> order, final Instant time) {
        final List<TopEntry> entries = topList(listKey, order);
        String evicted = null;
        final int existing = indexOf(entries, entry.address());
        if (existing >= 0) {
            entries.remove(existing);
        } else if (entries.size() >= size) {
            final TopEntry last = entries.get(entries.size() - 1);
            if (order.compare(entry, last) >= 0) {
                return;
            }
            entries.remove(entries.size() - 1);
            evicted = last.address();
        }
        insertInOrder(entries, entry, order);
        final String list = listKey.substring(window.id().length() + 1);
        context.forward(new Record<>(window.id(),
                new TopCandidate(window.id(), window.kind(), window.start(), window.end(), list, entry, evicted, time),
                recordTime));
    }

    /**
     * The top-K of a list, from memory; after a restart, rebuilt from the counts of that list (the
     * counts are the state; the top-K is derived from them, so it needs no store of its own).
     */
    private List<TopEntry> topList(final String listKey, final Comparator<TopEntry> order) {
        final List<TopEntry> cached = tops.get(listKey);
        if (cached != null) {
            return cached;
        }
        final String countsPrefix = listKey.substring(0, listKey.length() - 1);
        final List<TopEntry> rebuilt = new ArrayList<>();
        try (KeyValueIterator<String, long[]> all = counts.store().prefixScan(countsPrefix, new StringSerializer())) {
            all.forEachRemaining(kv -> {
                final TopEntry candidate = new TopEntry(kv.key.substring(countsPrefix.length()), kv.value[0],
                        kv.value[1]);
                if (rebuilt.size() < size) {
                    insertInOrder(rebuilt, candidate, order);
                } else if (order.compare(candidate, rebuilt.get(size - 1)) < 0) {
                    rebuilt.remove(size - 1);
                    insertInOrder(rebuilt, candidate, order);
                }
            });
        }
        tops.put(listKey, rebuilt);
        return rebuilt;
    }

    private static int indexOf(final List<TopEntry> entries, final String address) {
        for (int i = 0; i < entries.size(); i++) {
            if (entries.get(i).address().equals(address)) {
                return i;
            }
        }
        return -1;
    }

    static void insertInOrder(final List<TopEntry> entries, final TopEntry entry, final Comparator<TopEntry> order) {
        int position = entries.size();
        while (position > 0 && order.compare(entry, entries.get(position - 1)) < 0) {
            position--;
        }
        entries.add(position, entry);
    }

    private void closeWindows() {
        final long streamTime = context.currentStreamTimeMs();
        final List<String> closed = new ArrayList<>();
        try (KeyValueIterator<String, TopWindows.Window> all = openWindows.all()) {
            while (all.hasNext()) {
                final KeyValue<String, TopWindows.Window> window = all.next();
                if (window.value.closesBefore(streamTime, grace)) {
                    closed.add(window.key);
                }
            }
        }
        for (final String id : closed) {
            deletePrefix(counts, id + '|');
            tops.keySet().removeIf(key -> key.startsWith(id + '|'));
            openWindows.delete(id);
        }
    }

    private static <V> void deletePrefix(final CachedStore<V> cached, final String prefix) {
        final List<String> keys = new ArrayList<>();
        try (KeyValueIterator<String, V> range = cached.store().prefixScan(prefix, new StringSerializer())) {
            range.forEachRemaining(kv -> keys.add(kv.key));
        }
        keys.forEach(cached::delete);
    }
}
