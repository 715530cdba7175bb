package io.vigie.rules.dmarc;

import io.vigie.core.model.DmarcEvent;
import io.vigie.core.net.InternalNetworks;
import io.vigie.rules.alert.Alert;
import io.vigie.rules.config.DmarcConfig;
import io.vigie.rules.store.JsonStores;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
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
 * Counts each report row once and keeps the figures the API and the alerts need. Input: rows keyed by the
 * domain they are accounted to, so that a domain's days and sources live in one task.
 *
 * <ul>
 *   <li>{@value #SEEN_STORE}: row identity (reporter, report id, row) → when first seen (wall clock). A report
 *       re-sent (by the reporter, or read twice from the mailbox) is recognised and not counted again.</li>
 *   <li>{@value #DAYS_STORE}: {@code domain|day} → {@link DmarcDayStats}.</li>
 *   <li>{@value #SOURCES_STORE}: {@code domain|ip} → {@link DmarcSourceStats}, with the learned legitimate
 *       senders.</li>
 * </ul>
 * Every change goes out (rows to {@code events.dmarc}, figures to the compacted state topics), and the two
 * DMARC alerts fire when their threshold is crossed. Old entries are forgotten hourly (wall clock).
 */
final class DmarcLedger implements Processor<String, DmarcEvent, String, DmarcOutput> {

    static final String SEEN_STORE = "dmarc-seen-rows";
    static final String DAYS_STORE = "dmarc-day-stats";
    static final String SOURCES_STORE = "dmarc-source-stats";
    private static final Duration PURGE_INTERVAL = Duration.ofHours(1);

    private final DmarcConfig config;
    private final ZoneId zone;
    private final InternalNetworks knownSenders;
    private final DomainSpoofingDetection spoofing;
    private final SenderFailingDetection senderFailing;
    private ProcessorContext<String, DmarcOutput> context;
    private KeyValueStore<String, Long> seen;
    private KeyValueStore<String, DmarcDayStats> days;
    private KeyValueStore<String, DmarcSourceStats> sources;
    private DmarcSensors sensors;

    DmarcLedger(final DmarcConfig config, final ZoneId zone) {
        this.config = config;
        this.zone = zone;
        this.knownSenders = InternalNetworks.of(config.knownSenders());
        this.spoofing = new DomainSpoofingDetection(config.spoofingMinMessages(), zone);
        this.senderFailing = new SenderFailingDetection(config.senderFailingMinMessages(), zone);
    }

    static List<StoreBuilder<?>> storeBuilders() {
        return List.of(
                JsonStores.keyValue(SEEN_STORE, Long.class),
                JsonStores.keyValue(DAYS_STORE, DmarcDayStats.class),
                JsonStores.keyValue(SOURCES_STORE, DmarcSourceStats.class));
    }

    @Override
    public void init(final ProcessorContext<String, DmarcOutput> ctx) {
        this.context = ctx;
        this.seen = ctx.getStateStore(SEEN_STORE);
        this.days = ctx.getStateStore(DAYS_STORE);
        this.sources = ctx.getStateStore(SOURCES_STORE);
        this.sensors = new DmarcSensors(ctx.metrics());
        ctx.schedule(PURGE_INTERVAL, PunctuationType.WALL_CLOCK_TIME, this::forgetOld);
    }

    @Override
    public void process(final Record<String, DmarcEvent> row) {
        final DmarcEvent e = row.value();
        final String identity = e.rowIdentity();
        if (seen.get(identity) != null) {
            sensors.row(true);
            return;
        }
        seen.put(identity, context.currentSystemTimeMs());
        sensors.row(false);
        sensors.messages(e.protectedDomain(), e.dmarcPass(), e.disposition(), e.count());

        final String domain = e.accountedDomain();
        final String sourceKey = DmarcSourceStats.key(domain, e.sourceIp());
        final DmarcSourceStats before = orFirst(sources.get(sourceKey), domain, e);
        final DmarcSourceStats after = before.plus(e, config.learnAfterMessages());
        sources.put(sourceKey, after);

        final String dayKey = DmarcDayStats.key(domain, e.day());
        final DmarcDayStats dayBefore = days.get(dayKey);
        final DmarcDayStats day = (dayBefore != null
                        ? dayBefore
                        : DmarcDayStats.empty(domain, e.protectedDomain() != null, e.day()))
                .plus(e, before.legitimate());
        days.put(dayKey, day);

        context.forward(row.withKey(domain).withValue(DmarcOutput.event(e)));
        // The figures are state in processing order, whatever period the report covered: stamped now, so
        // that the global tables do not see a report about last week as an out-of-order update.
        final long now = context.currentSystemTimeMs();
        context.forward(row.withKey(dayKey).withValue(DmarcOutput.day(day)).withTimestamp(now));
        context.forward(
                row.withKey(sourceKey).withValue(DmarcOutput.source(after)).withTimestamp(now));
        if (e.protectedDomain() != null && !e.dmarcPass()) {
            raiseAlerts(row, e, before, after, dayBefore == null ? 0 : dayBefore.failingFromUnknown(), day);
        }
    }

    private void raiseAlerts(
            final Record<String, DmarcEvent> row,
            final DmarcEvent e,
            final DmarcSourceStats before,
            final DmarcSourceStats after,
            final long unknownFailingBefore,
            final DmarcDayStats day) {
        final Instant time = Instant.ofEpochMilli(row.timestamp());
        // The alert says when (its time is the report's); its record is stamped now, as the figures are: a report
        // covers days past, often more than the alerts topic's retention (90 days) for a late or replayed one, and a
        // record stamped then is deleted by the broker at its next retention check, before the SIEM reads it.
        final long now = context.currentSystemTimeMs();
        if (!before.legitimate() && spoofing.crosses(unknownFailingBefore, day.failingFromUnknown())) {
            final Alert alert = spoofing.alert(day, unknownFailingSources(day.domain(), e.day()), e.policy(), time);
            sensors.alert(alert.ruleId());
            context.forward(row.withKey(alert.entity())
                    .withValue(DmarcOutput.alert(alert))
                    .withTimestamp(now));
        }
        if (before.legitimate() && senderFailing.crosses(before.failOn(e.day()), after.failOn(e.day()))) {
            final Alert alert = senderFailing.alert(after, e.day(), time);
            sensors.alert(alert.ruleId());
            context.forward(row.withKey(alert.entity())
                    .withValue(DmarcOutput.alert(alert))
                    .withTimestamp(now));
        }
    }

    private DmarcSourceStats orFirst(final DmarcSourceStats known, final String domain, final DmarcEvent e) {
        return known != null
                ? known
                : DmarcSourceStats.first(domain, e.sourceIp(), knownSenders.contains(e.sourceIp()), e.day());
    }

    /** The day's failing sources that are not legitimate senders, most failing messages first. */
    private List<DmarcSourceStats> unknownFailingSources(final String domain, final LocalDate day) {
        final List<DmarcSourceStats> failing = new ArrayList<>();
        try (KeyValueIterator<String, DmarcSourceStats> it = sources.prefixScan(domain + '|', new StringSerializer())) {
            it.forEachRemaining(kv -> {
                if (!kv.value.legitimate() && kv.value.failOn(day) > 0) {
                    failing.add(kv.value);
                }
            });
        }
        failing.sort(Comparator.comparingLong((DmarcSourceStats s) -> s.failOn(day))
                .reversed()
                .thenComparing(DmarcSourceStats::sourceIp));
        return failing;
    }

    /** Forgets rows, days and sources past their retention; the state topics get tombstones. */
    private void forgetOld(final long now) {
        final long seenLimit = now - config.dedupRetention().toMillis();
        final LocalDate oldestDay =
                LocalDate.ofInstant(Instant.ofEpochMilli(now).minus(config.statsRetention()), zone);
        final List<String> expiredRows = new ArrayList<>();
        try (KeyValueIterator<String, Long> it = seen.all()) {
            it.forEachRemaining(kv -> {
                if (kv.value < seenLimit) {
                    expiredRows.add(kv.key);
                }
            });
        }
        expiredRows.forEach(seen::delete);
        final List<KeyValue<String, DmarcOutput>> forgotten = new ArrayList<>();
        try (KeyValueIterator<String, DmarcDayStats> it = days.all()) {
            it.forEachRemaining(kv -> {
                if (kv.value.day().isBefore(oldestDay)) {
                    forgotten.add(KeyValue.pair(kv.key, DmarcOutput.day(null)));
                }
            });
        }
        try (KeyValueIterator<String, DmarcSourceStats> it = sources.all()) {
            it.forEachRemaining(kv -> {
                if (kv.value.lastDay().isBefore(oldestDay)) {
                    forgotten.add(KeyValue.pair(kv.key, DmarcOutput.source(null)));
                }
            });
        }
        for (final KeyValue<String, DmarcOutput> f : forgotten) {
            if (f.value.kind() == DmarcOutput.Kind.DAY) {
                days.delete(f.key);
            } else {
                sources.delete(f.key);
            }
            context.forward(new Record<>(f.key, f.value, now));
        }
    }
}
