package io.vigie.rules.mail;

import io.vigie.core.model.MailCount;
import io.vigie.core.serde.PostfixSerdes;
import io.vigie.rules.alert.Alert;
import io.vigie.rules.config.FlowAnomalyConfig;
import io.vigie.rules.detection.DecisionProcessor;
import io.vigie.rules.store.JsonStores;
import io.vigie.rules.store.KeyedState;
import java.util.TreeMap;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.kstream.KStream;
import org.apache.kafka.streams.kstream.Named;
import org.apache.kafka.streams.kstream.Repartitioned;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.StoreBuilder;

/**
 * A compromised mailbox sending spam: an internal sender whose outbound messages in the current
 * hour are at least the minimum and at least {@code spike-factor} times its baseline: its own mean hourly
 * volume over the previous {@code baseline-hours}, or, while its history is younger than {@code learning-period},
 * a busy sender's hour in the organisation (see {@link OutboundVolumeSpike}).
 *
 * <p>Input: outbound sender {@link MailCount}s, all under one key in a one-partition topic. State:
 * {@code outbound-volume-senders-store}, per sender its hourly counts for the baseline period plus the current hour
 * and the time it was first seen (kept across restarts, as every store); {@code outbound-volume-organisation-store},
 * per hour of the learning period, the distribution of the organisation's senders' volumes in that hour. Output: one alert per
 * sender and hour at most (throttled downstream too), keyed by the sender. The decision is
 * {@link OutboundVolumeSpike}'s; a {@link DecisionProcessor} keeps its state in the stores ({@link SpikeState}).
 */
final class OutboundVolumeSpikeDetection {

    /**
     * Renamed from {@code outbound-volume-store} when the rule moved to one partition: a store's changelog keeps the
     * partition count it was made with, so the old one cannot be read by one task. Senders' histories start again.
     */
    public static final String STORE = "outbound-volume-senders-store";

    public static final String ORGANISATION_STORE = "outbound-volume-organisation-store";
    /** The key every outbound sender count takes to reach the one partition of the rule. */
    static final String ORGANISATION_KEY = "organisation";

    private OutboundVolumeSpikeDetection() {}

    /**
     * Messages per hour (hour start, epoch ms → count), the last hour an alert was raised for, and when the sender was
     * first seen (epoch ms of its first hour; 0 in a state stored before it was kept).
     */
    public record HourlyCounts(TreeMap<Long, Long> byHour, long alertedHour, long firstSeen) {}

    public static StoreBuilder<KeyValueStore<String, HourlyCounts>> storeBuilder() {
        return JsonStores.keyValue(STORE, HourlyCounts.class);
    }

    public static StoreBuilder<KeyValueStore<String, SenderHourVolumes>> organisationStoreBuilder() {
        return JsonStores.keyValue(ORGANISATION_STORE, SenderHourVolumes.class);
    }

    /**
     * Adds the rule over the mail counts to the builder. It judges a sender still being learnt against the whole
     * organisation's senders: their outbound counts (one per outbound message, a small stream) meet in one
     * partition, where that distribution is whole.
     *
     * @param counts every {@link MailCount} of the mail flow, whatever its key
     * @return the alerts, keyed by sender (not yet throttled)
     */
    static KStream<String, Alert> addTo(
            final StreamsBuilder builder, final FlowAnomalyConfig config, final KStream<String, MailCount> counts) {
        final OutboundVolumeSpike spike = new OutboundVolumeSpike(config);
        builder.addStateStore(storeBuilder());
        builder.addStateStore(organisationStoreBuilder());
        return counts.filter((address, count) -> OutboundVolumeSpike.reads(count), Named.as("outbound-sender-counts"))
                .selectKey((address, count) -> ORGANISATION_KEY, Named.as("outbound-sender-counts-as-one"))
                .repartition(Repartitioned.with(Serdes.String(), PostfixSerdes.COUNT)
                        .withName("outbound-sender-counts-one-partition")
                        .withNumberOfPartitions(1))
                .process(
                        () -> new DecisionProcessor<>(
                                context -> SpikeState.keptIn(
                                        KeyedState.of(context.getStateStore(STORE)),
                                        KeyedState.of(context.getStateStore(ORGANISATION_STORE))),
                                (key, count) -> count.address(),
                                (key, count) -> count.address(),
                                spike),
                        Named.as("outbound-volume-spike"),
                        STORE,
                        ORGANISATION_STORE);
    }
}
