package io.vigie.rules.mail;

import io.vigie.core.model.MailCount;
import io.vigie.core.model.TopEntry;
import io.vigie.rules.store.CachedStore;
import io.vigie.rules.store.JsonStores;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.common.MetricName;
import org.apache.kafka.common.metrics.Sensor;
import org.apache.kafka.common.metrics.stats.CumulativeSum;
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
 * First stage of the exact distributed top-N: per address counts, and this partition's top-K of
 * every list of every window.
 *
 * <p>Input: {@link MailCount} keyed by address, so that each address lives in exactly one
 * partition; then the global top-N is contained in the union of the partitions' top-Ns, and
 * counts only grow within a window, so a partition's top-K is maintained exactly by insertion
 * and eviction. State: {@code top20-counts-store} (role|address → {@link AddressCounts}, the address's
 * counts in every open window) and {@code top20-windows-store} (open windows); the top-K lists live in
 * memory and are rebuilt from the counts after a restart. A day stays open one day past its close
 * ({@link TopMerge#keptClosed}): the partitions of the assembly feed this one each at its own pace, and in a replayed
 * backlog one of them can be hours of log ahead, so counts that arrive after the day closed still count and correct
 * its closed lists. A window's counts are dropped from an address's entry when the address is next counted after
 * the window went, and from every entry when a day goes, so state is bounded by the addresses of the open windows.
 *
 * <p>Output: {@link TopCandidate}s keyed by window id, each a list's whole top-K, sent for the lists that
 * changed every {@code flushInterval} (wall clock) rather than on every count: a busy sender moves the same
 * lists of seven windows on each of its messages, and sending each move was most of the records the mail flow
 * wrote. A crash can lose the lists changed since the last flush (they are memory, not state): after any
 * (re)start every list of every open window is sent once, rebuilt from the counts, which are state.
 */
final class TopCandidates implements Processor<String, MailCount, String, TopCandidate> {

    public static final String COUNTS_STORE = "top20-counts-store";
    public static final String WINDOWS_STORE = "top20-windows-store";
    /** The busy addresses; the long tail of one-off senders is read from the store (bytes), not kept as objects. */
    private static final int CACHE_ENTRIES = 25_000;
    /** Every list of a window: role (S/R), direction (A/I/O), metric (C/B). */
    private static final List<String> LISTS = List.of(
            "S|A|C", "S|A|B", "S|I|C", "S|I|B", "S|O|C", "S|O|B", "R|A|C", "R|A|B", "R|I|C", "R|I|B", "R|O|C", "R|O|B");

    private final TopWindows.Memo windows;
    /** The twelve list keys of each window ({@code window|S|A|C}...), built once: built and hashed per count before. */
    private final Map<String, String[]> listKeys = new java.util.HashMap<>();

    private final int size;
    private final Duration grace;
    private final Duration flushInterval;
    private final Comparator<TopEntry> byCount;
    private final Comparator<TopEntry> byBytes;
    /** Lists changed since the last flush, with the latest count time that changed them. */
    private final Map<String, Instant> dirty = new java.util.LinkedHashMap<>();
    /** The open windows by id, mirrored from their store. */
    private final Map<String, TopWindows.Window> open = new java.util.HashMap<>();
    /** Set by {@link #init}: the next flush sends every list of every open window. */
    private boolean republishAll;

    private ProcessorContext<String, TopCandidate> context;
    private CachedStore<AddressCounts> counts;
    /** Whether {@link #tops} holds every list of the open windows (rebuilt from the counts after a start). */
    private boolean topsBuilt;
    /** This partition's top-K per list, rebuilt from the counts store when first needed after a (re)start. */
    private final Map<String, List<TopEntry>> tops = new java.util.HashMap<>();

    private KeyValueStore<String, TopWindows.Window> openWindows;
    private Sensor late;

    public TopCandidates(final TopWindows windows, final int size, final Duration grace, final Duration flushInterval) {
        this.windows = windows.memo();
        this.size = size;
        this.grace = grace;
        this.flushInterval = flushInterval;
        final java.util.function.UnaryOperator<String> sortKeys = TopOrdering.sortKeys();
        this.byCount = TopOrdering.byCount(sortKeys);
        this.byBytes = TopOrdering.byBytes(sortKeys);
    }

    /**
     * How often changed lists are sent: well within the merge's publication interval, so that a publication
     * sees them, and no more than half a second, so that a live list follows the mail closely.
     */
    public static Duration flushInterval(final Duration publishInterval) {
        final Duration half = publishInterval.dividedBy(2);
        return half.compareTo(Duration.ofMillis(500)) < 0 ? half : Duration.ofMillis(500);
    }

    public static List<StoreBuilder<?>> storeBuilders() {
        return List.of(
                Stores.keyValueStoreBuilder(
                                Stores.persistentKeyValueStore(COUNTS_STORE), Serdes.String(), AddressCounts.SERDE)
                        .withCachingEnabled(),
                JsonStores.keyValue(WINDOWS_STORE, TopWindows.Window.class));
    }

    @Override
    public void init(final ProcessorContext<String, TopCandidate> ctx) {
        this.context = ctx;
        this.counts = new CachedStore<>(ctx.getStateStore(COUNTS_STORE), CACHE_ENTRIES);
        tops.clear();
        topsBuilt = false;
        dirty.clear();
        open.clear();
        this.openWindows = ctx.getStateStore(WINDOWS_STORE);
        try (KeyValueIterator<String, TopWindows.Window> all = openWindows.all()) {
            all.forEachRemaining(kv -> open.put(kv.key, kv.value));
        }
        republishAll = true;
        this.late = ctx.metrics().addSensor("vigie-top20-late-counts", Sensor.RecordingLevel.INFO);
        late.add(
                new MetricName(
                        "late-counts-total",
                        "vigie-top20",
                        "Mail counts that arrived after their window closed and were left out of it",
                        Map.of()),
                new CumulativeSum());
        ctx.schedule(flushInterval, PunctuationType.WALL_CLOCK_TIME, now -> flush());
        ctx.schedule(Duration.ofMinutes(1), PunctuationType.WALL_CLOCK_TIME, now -> closeWindows());
    }

    @Override
    public void process(final Record<String, MailCount> countRecord) {
        final MailCount count = countRecord.value();
        final long streamTime = context.currentStreamTimeMs();
        final char role = count.role() == MailCount.Role.SENDER ? 'S' : 'R';
        final String key = role + "|" + count.address();
        final AddressCounts known = counts.get(key);
        final AddressCounts address = known == null ? new AddressCounts() : known;
        final boolean pruned = address.windows.removeIf(w -> !open.containsKey(w.window));
        final int slot = AddressCounts.slotOf(count.direction());
        boolean counted = false;
        for (final TopWindows.Window window : windows.windowsOf(count.time())) {
            if (window.closesBefore(streamTime, grace.plus(TopMerge.keptClosed(window)))) {
                late.record(1);
                continue;
            }
            if (open.putIfAbsent(window.id(), window) == null) {
                openWindows.put(window.id(), window);
            }
            final AddressCounts.WindowCounts inWindow = address.window(window.id());
            inWindow.add(0, count.messages(), count.bytes());
            offer(window.id(), role, 0, count.address(), inWindow, count.time());
            if (slot > 0) {
                inWindow.add(slot, count.messages(), count.bytes());
                offer(window.id(), role, slot, count.address(), inWindow, count.time());
            }
            counted = true;
        }
        if (counted || pruned) {
            if (address.windows.isEmpty()) {
                counts.delete(key);
            } else {
                counts.put(key, address);
            }
        }
    }

    /** Offers an address's new counts in one window and direction to both lists (by count, by bytes). */
    private void offer(
            final String window,
            final char role,
            final int slot,
            final String address,
            final AddressCounts.WindowCounts inWindow,
            final Instant time) {
        final String[] keys = listKeys.computeIfAbsent(window, TopCandidates::listKeysOf);
        final int index = (role == 'S' ? 0 : 6) + slot * 2;
        final TopEntry entry = new TopEntry(address, inWindow.messages(slot), inWindow.bytes(slot));
        offer(keys[index], entry, byCount, time);
        offer(keys[index + 1], entry, byBytes, time);
    }

    /** A window's list keys, in the order of {@link #LISTS}: role, then direction slot, then count before bytes. */
    private static String[] listKeysOf(final String window) {
        final String[] keys = new String[LISTS.size()];
        for (int i = 0; i < keys.length; i++) {
            keys[i] = window + '|' + LISTS.get(i);
        }
        return keys;
    }

    private void offer(
            final String listKey, final TopEntry entry, final Comparator<TopEntry> order, final Instant time) {
        final List<TopEntry> entries = topList(listKey);
        final int existing = indexOf(entries, entry.address());
        if (existing >= 0) {
            entries.remove(existing);
        } else if (entries.size() >= size) {
            if (order.compare(entry, entries.get(entries.size() - 1)) >= 0) {
                return;
            }
            entries.remove(entries.size() - 1);
        }
        insertInOrder(entries, entry, order);
        dirty.merge(listKey, time, (a, b) -> b.isAfter(a) ? b : a);
    }

    /** Sends the lists changed since the last flush (all of them after a restart). */
    private void flush() {
        if (republishAll) {
            republishAll = false;
            for (final String id : open.keySet()) {
                for (final String list : LISTS) {
                    final String listKey = id + '|' + list;
                    topList(listKey);
                    dirty.putIfAbsent(listKey, Instant.ofEpochMilli(Math.max(0, context.currentStreamTimeMs())));
                }
            }
        }
        if (dirty.isEmpty()) {
            return;
        }
        final long timestamp = Math.max(0, context.currentStreamTimeMs());
        final int partition = context.taskId().partition();
        for (final Map.Entry<String, Instant> changed : dirty.entrySet()) {
            final String listKey = changed.getKey();
            final int bar = listKey.indexOf('|');
            final TopWindows.Window window = open.get(listKey.substring(0, bar));
            final List<TopEntry> entries = tops.get(listKey);
            if (window == null || entries == null) {
                continue; // closed since
            }
            context.forward(new Record<>(
                    window.id(),
                    new TopCandidate(
                            window.id(),
                            window.kind(),
                            window.start(),
                            window.end(),
                            listKey.substring(bar + 1),
                            partition,
                            entries,
                            changed.getValue()),
                    timestamp));
        }
        dirty.clear();
    }

    /** The top-K of a list, from memory; after a (re)start, every list is first rebuilt from the counts. */
    private List<TopEntry> topList(final String listKey) {
        if (!topsBuilt) {
            rebuildTops();
        }
        return tops.computeIfAbsent(listKey, k -> new ArrayList<>());
    }

    /**
     * The counts are the state; the top-K lists are derived from them, so they need no store of their own: one
     * pass over the counts after a (re)start rebuilds every list of every open window.
     */
    private void rebuildTops() {
        topsBuilt = true;
        tops.clear();
        try (KeyValueIterator<String, AddressCounts> all = counts.store().all()) {
            rank(all, open.keySet(), size, byCount, byBytes, tops);
        }
    }

    /**
     * Ranks addresses' counts into the top-K of every list of the given windows, keyed {@code window|list}.
     *
     * @param all {@code role|address} → counts, for instance a counts store's iterator
     */
    static void rank(
            final Iterator<KeyValue<String, AddressCounts>> all,
            final Set<String> windowIds,
            final int size,
            final Comparator<TopEntry> byCount,
            final Comparator<TopEntry> byBytes,
            final Map<String, List<TopEntry>> tops) {
        while (all.hasNext()) {
            final KeyValue<String, AddressCounts> kv = all.next();
            final char role = kv.key.charAt(0);
            final String address = kv.key.substring(2);
            for (final AddressCounts.WindowCounts inWindow : kv.value.windows) {
                if (!windowIds.contains(inWindow.window)) {
                    continue;
                }
                for (int slot = 0; slot < AddressCounts.DIRECTIONS.length; slot++) {
                    if (inWindow.messages(slot) == 0 && inWindow.bytes(slot) == 0) {
                        continue;
                    }
                    final String prefix = inWindow.window + '|' + role + '|' + AddressCounts.DIRECTIONS[slot] + '|';
                    final TopEntry entry = new TopEntry(address, inWindow.messages(slot), inWindow.bytes(slot));
                    keepInTop(tops.computeIfAbsent(prefix + 'C', k -> new ArrayList<>()), entry, byCount, size);
                    keepInTop(tops.computeIfAbsent(prefix + 'B', k -> new ArrayList<>()), entry, byBytes, size);
                }
            }
        }
    }

    private static void keepInTop(
            final List<TopEntry> list, final TopEntry candidate, final Comparator<TopEntry> order, final int size) {
        if (list.size() < size) {
            insertInOrder(list, candidate, order);
        } else if (order.compare(candidate, list.get(size - 1)) < 0) {
            list.remove(size - 1);
            insertInOrder(list, candidate, order);
        }
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
        flush(); // the lists' last changes reach the merge before their window goes
        final long streamTime = context.currentStreamTimeMs();
        final List<String> closed = new ArrayList<>();
        for (final TopWindows.Window window : open.values()) {
            if (window.closesBefore(streamTime, grace.plus(TopMerge.keptClosed(window)))) {
                closed.add(window.id());
            }
        }
        boolean dayClosed = false;
        for (final String id : closed) {
            dayClosed |= "day".equals(open.get(id).kind());
            tops.keySet().removeIf(key -> key.startsWith(id + '|'));
            listKeys.remove(id);
            openWindows.delete(id);
            open.remove(id);
        }
        if (dayClosed) {
            dropClosedCounts();
        }
    }

    /** Once a day: addresses not counted since their windows closed still hold them; drop those counts. */
    private void dropClosedCounts() {
        final List<KeyValue<String, AddressCounts>> changed = new ArrayList<>();
        try (KeyValueIterator<String, AddressCounts> all = counts.store().all()) {
            while (all.hasNext()) {
                final KeyValue<String, AddressCounts> kv = all.next();
                if (kv.value.windows.removeIf(w -> !open.containsKey(w.window))) {
                    changed.add(kv);
                }
            }
        }
        for (final KeyValue<String, AddressCounts> kv : changed) {
            if (kv.value.windows.isEmpty()) {
                counts.delete(kv.key);
            } else {
                counts.put(kv.key, kv.value);
            }
        }
    }
}
