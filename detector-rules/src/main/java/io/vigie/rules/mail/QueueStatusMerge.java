package io.vigie.rules.mail;

import io.vigie.core.model.QueueStatus;
import io.vigie.rules.store.JsonStores;
import io.vigie.rules.store.KeyedState;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.StoreBuilder;

/**
 * Sums the assembly partitions' shares of one host's queue into a {@link QueueStatus}.
 *
 * <p>Input: {@link QueuePartial}, keyed by host. State: {@code queue-shares-store}, the latest
 * share of each partition per host. Output: {@link QueueStatus} keyed by host, one per share received.
 */
final class QueueStatusMerge implements Processor<String, QueuePartial, String, QueueStatus> {

    public static final String STORE = "queue-shares-store";
    /** Per-domain and per-reason maps keep this many entries, largest first: bounded labels downstream. */
    static final int TOP_ENTRIES = 20;

    private ProcessorContext<String, QueueStatus> context;
    private KeyedState<Shares> state;

    /** The latest share of each partition for one host. */
    public record Shares(Map<Integer, QueuePartial> byPartition) {}

    public static StoreBuilder<KeyValueStore<String, Shares>> storeBuilder() {
        return JsonStores.keyValue(STORE, Shares.class);
    }

    @Override
    public void init(final ProcessorContext<String, QueueStatus> ctx) {
        this.context = ctx;
        this.state = KeyedState.of(ctx.getStateStore(STORE));
    }

    @Override
    public void process(final Record<String, QueuePartial> shareRecord) {
        final QueuePartial share = shareRecord.value();
        context.forward(new Record<>(share.host(), merge(state, share), shareRecord.timestamp()));
    }

    /**
     * Keeps a partition's latest share of a host's queue and returns the host's queue summed over the partitions.
     * Pure but for the state, so that an in-memory run ({@link OfflineMailFlow}) sums the same way.
     */
    static QueueStatus merge(final KeyedState<Shares> state, final QueuePartial share) {
        final Shares previous = state.get(share.host());
        final Map<Integer, QueuePartial> shares =
                previous == null ? new HashMap<>() : new HashMap<>(previous.byPartition());
        // Each partition re-sends its share when it changes (a moved task sends it on its first sweep):
        // the latest share of every partition is current.
        shares.put(share.partition(), share);
        state.put(share.host(), new Shares(shares));

        long queued = 0;
        long deferred = 0;
        Long oldest = null;
        final Map<String, Long> byDomain = new HashMap<>();
        final Map<String, Long> byReason = new HashMap<>();
        final Map<String, Long> oldestByDomain = new HashMap<>();
        final long[] delays = DelayHistogram.empty();
        for (final QueuePartial s : shares.values()) {
            queued += s.queued();
            deferred += s.deferred();
            if (s.oldestQueuedAt() != null) {
                final long at = s.oldestQueuedAt().toEpochMilli();
                oldest = oldest == null ? at : Math.min(oldest, at);
            }
            s.deferredByDomain().forEach((k, v) -> byDomain.merge(k, v, Long::sum));
            s.deferredByReason().forEach((k, v) -> byReason.merge(k, v, Long::sum));
            s.oldestByDomain().forEach((k, v) -> oldestByDomain.merge(k, v, Math::min));
        }
        // Only the share just received carries deliveries not reported yet.
        for (int i = 0; i < delays.length && i < share.delayBuckets().length; i++) {
            delays[i] += share.delayBuckets()[i];
        }
        final long now = share.time().toEpochMilli();
        final Map<String, Long> ageByDomain = new HashMap<>();
        oldestByDomain.forEach((domain, at) -> ageByDomain.put(domain, Math.max(0, (now - at) / 1000)));
        return new QueueStatus(
                share.host(),
                "logs",
                share.time(),
                queued,
                deferred,
                0,
                0,
                oldest == null ? 0 : Math.max(0, (now - oldest) / 1000),
                largest(byDomain),
                largest(byReason),
                largest(ageByDomain),
                DelayHistogram.percentiles(delays),
                DelayHistogram.total(delays),
                List.of());
    }

    static Map<String, Long> largest(final Map<String, Long> counts) {
        final Map<String, Long> top = new LinkedHashMap<>();
        counts.entrySet().stream()
                .sorted(Map.Entry.<String, Long>comparingByValue(Comparator.reverseOrder())
                        .thenComparing(Map.Entry.comparingByKey()))
                .limit(TOP_ENTRIES)
                .forEach(e -> top.put(e.getKey(), e.getValue()));
        return top;
    }
}
