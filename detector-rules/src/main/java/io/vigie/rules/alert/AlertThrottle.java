package io.vigie.rules.alert;

import io.vigie.core.serde.JsonSerde;
import io.vigie.rules.metrics.CounterSensors;
import io.vigie.rules.store.KeyedState;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.MetricName;
import org.apache.kafka.common.metrics.Sensor;
import org.apache.kafka.common.metrics.stats.CumulativeSum;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.kstream.KStream;
import org.apache.kafka.streams.kstream.Named;
import org.apache.kafka.streams.kstream.Produced;
import org.apache.kafka.streams.kstream.Repartitioned;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.FixedKeyProcessor;
import org.apache.kafka.streams.processor.api.FixedKeyProcessorContext;
import org.apache.kafka.streams.processor.api.FixedKeyRecord;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.Stores;

/**
 * Last step before the alert topic: the same rule for the same entity does not fire again within
 * the throttle period (event time), so a SIEM is not flooded while a condition persists.
 *
 * <p>Input: alerts from every detection, any key. Re-keyed by rule and entity so that one task
 * owns each pair. State: {@code alert-throttle-store}, last emission time per rule and entity.
 * Output: the alerts topic, keyed by rule and entity.
 */
public final class AlertThrottle {

    static final String STORE = "alert-throttle-store";
    /** How far apart in time the parts' inputs may be: the raw topics' retention (see forgetExpired). */
    static final Duration PARTS_APART = Duration.ofDays(31);

    private static final JsonSerde<Alert> ALERT_SERDE = JsonSerde.of(Alert.class);

    private AlertThrottle() {}

    /**
     * @param parts each part's alerts (mail, proxy...), in a fixed order. Each part crosses its own repartition
     *                     topic before they meet: merged upstream, every detection would share one task with every
     *                     source topic, and so one stream time, and a recent antivirus record would close the day of
     *                     a Postfix backlog being replayed, making each of its counts late. A rule belongs to one part,
     *                     so the alerts of one rule and entity always come through the same topic.
     * @return the alerts as they go out, for what works on them further (incidents)
     */
    public static KStream<String, Alert> addTo(
            final StreamsBuilder builder,
            final List<PartAlerts> parts,
            final Duration throttle,
            final String alertsTopic) {
        builder.addStateStore(
                Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(STORE), Serdes.String(), Serdes.Long())
                        .withCachingEnabled());
        KStream<String, Alert> merged = null;
        for (final PartAlerts part : parts) {
            final String name = part.part();
            final KStream<String, Alert> byRuleAndEntity = part.alerts()
                    .processValues(FutureCap::new, Named.as("alert-time-cap-" + name))
                    .selectKey(
                            (key, alert) -> ThrottleWindow.keyOf(alert), Named.as("alert-key-by-rule-entity-" + name))
                    .repartition(Repartitioned.with(Serdes.String(), ALERT_SERDE)
                            .withName("alerts-" + name + "-by-rule-entity"));
            merged = merged == null ? byRuleAndEntity : merged.merge(byRuleAndEntity, Named.as("alerts-merge-" + name));
        }
        if (merged == null) {
            throw new IllegalArgumentException("no alert stream to throttle");
        }
        final KStream<String, Alert> sent = merged.processValues(
                () -> new ThrottleProcessor(new ThrottleWindow(throttle)), Named.as("alert-throttle"), STORE);
        sent.to(alertsTopic, Produced.with(Serdes.String(), ALERT_SERDE).withName("alerts-sink"));
        return sent;
    }

    /**
     * Caps an alert record's time at the wall clock plus a few minutes. Detections stamp their records with their
     * bounded input time; this is the last guard: a record stamped more than an hour ahead is refused by the broker
     * (Kafka 4's default), and that refusal would stop the engine.
     */
    private static final class FutureCap implements FixedKeyProcessor<String, Alert, Alert> {
        private static final long MAX_AHEAD_MILLIS = Duration.ofMinutes(5).toMillis();
        private FixedKeyProcessorContext<String, Alert> context;

        @Override
        public void init(final FixedKeyProcessorContext<String, Alert> ctx) {
            this.context = ctx;
        }

        @Override
        public void process(final FixedKeyRecord<String, Alert> alert) {
            final long latest = context.currentSystemTimeMs() + MAX_AHEAD_MILLIS;
            context.forward(alert.timestamp() > latest ? alert.withTimestamp(latest) : alert);
        }
    }

    /** Serde for the alerts topic, for readers of it (tests, the application's API). */
    public static JsonSerde<Alert> serde() {
        return ALERT_SERDE;
    }

    private static final class ThrottleProcessor implements FixedKeyProcessor<String, Alert, Alert> {
        private final ThrottleWindow window;
        private FixedKeyProcessorContext<String, Alert> context;
        private KeyValueStore<String, Long> lastFired;
        private KeyedState<Long> lastFiredState;
        private Sensor suppressed;
        private CounterSensors emitted;

        ThrottleProcessor(final ThrottleWindow window) {
            this.window = window;
        }

        @Override
        public void init(final FixedKeyProcessorContext<String, Alert> ctx) {
            this.context = ctx;
            this.lastFired = ctx.getStateStore(STORE);
            this.lastFiredState = KeyedState.of(lastFired);
            this.suppressed = ctx.metrics().addSensor("vigie-alerts-throttled", Sensor.RecordingLevel.INFO);
            this.emitted = new CounterSensors(ctx.metrics(), "vigie-alerts");
            // Entries that can never suppress anything again are forgotten; see forgetExpired for when.
            ctx.schedule(Duration.ofMinutes(10), PunctuationType.STREAM_TIME, this::forgetExpired);
            suppressed.add(
                    new MetricName(
                            "alerts-throttled-total",
                            "vigie-alerts",
                            "Alerts not emitted because the same rule fired for the same entity within the throttle period",
                            Map.of()),
                    new CumulativeSum());
        }

        /**
         * This task's stream time is the newest alert of every part, and the parts read their sources at their own
         * pace: a Postfix backlog replayed while the proxy is live is days behind it. An entry is forgotten only once
         * even the slowest part is past it, taken as the raw topics' retention (30 days, the furthest a replay goes
         * back), not once the newest part is an hour past it, which let the slow part's next alert through again.
         * One entry per rule and entity that fired in a month stays small.
         */
        private void forgetExpired(final long streamTime) {
            final List<String> expired = new ArrayList<>();
            try (KeyValueIterator<String, Long> all = lastFired.all()) {
                all.forEachRemaining(entry -> {
                    if (entry.value < streamTime - window.millis() - PARTS_APART.toMillis()) {
                        expired.add(entry.key);
                    }
                });
            }
            expired.forEach(lastFired::delete);
        }

        @Override
        public void process(final FixedKeyRecord<String, Alert> alertRecord) {
            if (!window.admits(lastFiredState, alertRecord.value())) {
                suppressed.record(1);
                return;
            }
            // The alert rate of the engine dashboard: what reaches the alerts topic, per rule and level.
            emitted.add(
                    "alerts-total",
                    "Alerts written to the alerts topic (after throttling), by rule and level",
                    Map.of(
                            "rule",
                            alertRecord.value().ruleId(),
                            "level",
                            alertRecord.value().vigie().level()),
                    1);
            context.forward(alertRecord);
        }
    }
}
