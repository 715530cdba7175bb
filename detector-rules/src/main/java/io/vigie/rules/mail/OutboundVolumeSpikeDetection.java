package io.vigie.rules.mail;

import io.vigie.core.model.MailCount;
import io.vigie.rules.alert.Alert;
import io.vigie.rules.config.FlowAnomalyConfig;
import io.vigie.rules.store.JsonStores;
import io.vigie.rules.store.KeyedState;
import java.util.TreeMap;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
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
 * sender and hour at most (throttled downstream too). The decision is {@link OutboundVolumeSpike}'s; this processor
 * keeps its state in the stores.
 */
public final class OutboundVolumeSpikeDetection implements Processor<String, MailCount, String, Alert> {

    /**
     * Renamed from {@code outbound-volume-store} when the rule moved to one partition: a store's changelog keeps the
     * partition count it was made with, so the old one cannot be read by one task. Senders' histories start again.
     */
    public static final String STORE = "outbound-volume-senders-store";
    public static final String ORGANISATION_STORE = "outbound-volume-organisation-store";
    /** The key every outbound sender count takes to reach the one partition of the rule. */
    static final String ORGANISATION_KEY = "organisation";

    private final OutboundVolumeSpike spike;
    private ProcessorContext<String, Alert> context;
    private KeyedState<HourlyCounts> state;
    private KeyedState<SenderHourVolumes> organisation;

    public OutboundVolumeSpikeDetection(final FlowAnomalyConfig config) {
        this.spike = new OutboundVolumeSpike(config);
    }

    /**
     * Messages per hour (hour start, epoch ms → count), the last hour an alert was raised for, and when the sender was
     * first seen (epoch ms of its first hour; 0 in a state stored before it was kept).
     */
    public record HourlyCounts(TreeMap<Long, Long> byHour, long alertedHour, long firstSeen) {
    }

    public static StoreBuilder<KeyValueStore<String, HourlyCounts>> storeBuilder() {
        return JsonStores.keyValue(STORE, HourlyCounts.class);
    }

    public static StoreBuilder<KeyValueStore<String, SenderHourVolumes>> organisationStoreBuilder() {
        return JsonStores.keyValue(ORGANISATION_STORE, SenderHourVolumes.class);
    }

    @Override
    public void init(final ProcessorContext<String, Alert> ctx) {
        this.context = ctx;
        this.state = KeyedState.of(ctx.getStateStore(STORE));
        this.organisation = KeyedState.of(ctx.getStateStore(ORGANISATION_STORE));
    }

    @Override
    public void process(final Record<String, MailCount> countRecord) {
        final MailCount count = countRecord.value();
        spike.observe(state, organisation, count).ifPresent(alert ->
                context.forward(new Record<>(count.address(), alert, countRecord.timestamp())));
    }
}
