package io.vigie.rules.incident;

import io.vigie.rules.config.IncidentsConfig;
import io.vigie.rules.entity.IdentityLookup;
import io.vigie.rules.entity.IdentityTimeline;
import io.vigie.rules.store.KeyedState;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.common.MetricName;
import org.apache.kafka.common.metrics.Sensor;
import org.apache.kafka.common.metrics.stats.CumulativeSum;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs {@link IncidentBook} on its stores and sends every changed incident, keyed by id, to the compacted
 * {@code incidents} topic. Forgets incidents untouched for {@code incidents.retention} before the newest alert seen,
 * with a tombstone: alert time, not the wall clock (a replayed backlog's incidents are not forgotten for being old),
 * nor the task's stream time (the ticks, stamped with the wall clock, would move it to today).
 */
final class IncidentProcessor implements Processor<String, IncidentInput, String, Incident> {

    private static final Logger LOG = LoggerFactory.getLogger(IncidentProcessor.class);

    private final IncidentsConfig config;
    private final java.util.function.Function<IncidentBook.AccountsAt, IncidentBook> books;
    private final String identitiesStore;
    private IncidentBook book;
    private ProcessorContext<String, Incident> context;
    private KeyValueStore<String, Incident> incidentStore;
    private KeyValueStore<String, String> indexStore;
    private KeyedState<Incident> incidents;
    private KeyedState<String> index;
    private KeyedState<ServerDetections> fleet;
    private Sensor unknownSteps;
    /** The newest alert time seen since this task started; 0 before the first (nothing is forgotten then). */
    private long newestAlert;

    /**
     * @param books           the incident logic, given who used an address or machine when
     * @param identitiesStore the global store of the identities' timelines; null without one (the part alone)
     */
    IncidentProcessor(
            final java.util.function.Function<IncidentBook.AccountsAt, IncidentBook> books,
            final IncidentsConfig config,
            final String identitiesStore) {
        this.books = books;
        this.config = config;
        this.identitiesStore = identitiesStore;
    }

    @Override
    public void init(final ProcessorContext<String, Incident> ctx) {
        this.context = ctx;
        if (identitiesStore == null) {
            this.book = books.apply(IncidentBook.AccountsAt.NOBODY);
        } else {
            final IdentityLookup identities =
                    new IdentityLookup(ctx.<KeyValueStore<String, IdentityTimeline>>getStateStore(identitiesStore));
            this.book = books.apply(new IncidentBook.AccountsAt() {
                @Override
                public List<String> of(final String ipOrHost, final java.time.Instant time) {
                    return identities.accountsAt(ipOrHost, time);
                }

                @Override
                public List<String> during(
                        final String ipOrHost, final java.time.Instant from, final java.time.Instant to) {
                    return identities.accountsOn(ipOrHost, from, to);
                }

                @Override
                public List<VpnSessionSeen> vpnSessions(
                        final String account, final java.time.Instant from, final java.time.Instant to) {
                    return identities.vpnSessionsOf(account, from, to).stream()
                            .map(i -> new VpnSessionSeen(
                                    account,
                                    i.from().toString(),
                                    i.ended() ? i.to().toString() : null,
                                    null,
                                    i.ip(),
                                    null))
                            .toList();
                }
            });
        }
        this.incidentStore = ctx.getStateStore(Incidents.STORE);
        this.indexStore = ctx.getStateStore(Incidents.INDEX_STORE);
        this.incidents = KeyedState.of(incidentStore);
        this.index = KeyedState.of(indexStore);
        this.fleet = KeyedState.of(ctx.getStateStore(Incidents.FLEET_STORE));
        this.unknownSteps = ctx.metrics().addSensor("vigie-incident-steps-refused", Sensor.RecordingLevel.INFO);
        unknownSteps.add(
                new MetricName(
                        "incident-steps-refused-total",
                        "vigie-incidents",
                        "Checklist ticks for an incident or a step the incident task does not know (the API checks both "
                                + "first, so this counts races with a forgotten incident)",
                        Map.of()),
                new CumulativeSum());
        ctx.schedule(Duration.ofMinutes(10), PunctuationType.WALL_CLOCK_TIME, now -> forgetOld());
    }

    @Override
    public void process(final Record<String, IncidentInput> input) {
        final IncidentInput in = input.value();
        final List<Incident> changed;
        if (in.alert() != null) {
            newestAlert = Math.max(newestAlert, in.alert().timestamp().toEpochMilli());
            changed = book.onAlert(in.alert(), incidents, index, fleet);
        } else if (in.step() != null) {
            changed = book.onStep(in.step(), incidents);
            if (changed.isEmpty()) {
                unknownSteps.record(1);
                LOG.warn(
                        "Checklist tick refused: incident {} has no step {}",
                        in.step().incidentId(),
                        in.step().step());
            }
        } else {
            changed = List.of();
        }
        for (final Incident incident : changed) {
            // Stamped now, as the DMARC figures are: an incident is state in processing order, and its alerts'
            // times go back and forth (parts read at their own pace); the global table would warn of each as
            // an out-of-order update.
            context.forward(
                    input.withKey(incident.id()).withValue(incident).withTimestamp(context.currentSystemTimeMs()));
        }
    }

    private void forgetOld() {
        if (newestAlert == 0) {
            return;
        }
        final long limit = newestAlert - config.retention().toMillis();
        final Set<String> forgotten = new HashSet<>();
        try (KeyValueIterator<String, Incident> all = incidentStore.all()) {
            all.forEachRemaining(kv -> {
                if (kv.value.updated().toEpochMilli() < limit) {
                    forgotten.add(kv.key);
                }
            });
        }
        final List<String> staleTokens = new ArrayList<>();
        try (KeyValueIterator<String, String> all = indexStore.all()) {
            all.forEachRemaining(kv -> {
                if (forgotten.contains(kv.value) || incidentStore.get(kv.value) == null) {
                    staleTokens.add(kv.key);
                }
            });
        }
        staleTokens.forEach(indexStore::delete);
        for (final String id : forgotten) {
            incidentStore.delete(id);
            context.forward(new Record<>(id, null, context.currentSystemTimeMs()));
        }
    }
}
