package io.vigie.rules.incident;

import io.vigie.core.net.InternalNetworks;
import io.vigie.core.serde.JsonSerde;
import io.vigie.rules.alert.Alert;
import io.vigie.rules.config.RulesConfig;
import io.vigie.rules.config.TopicNames;
import io.vigie.rules.store.JsonStores;
import io.vigie.rules.store.QueryableStores;
import java.util.function.UnaryOperator;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.KStream;
import org.apache.kafka.streams.kstream.Materialized;
import org.apache.kafka.streams.kstream.Named;
import org.apache.kafka.streams.kstream.Produced;
import org.apache.kafka.streams.kstream.Repartitioned;

/**
 * Alerts grouped into incidents, with the containment checklist analysts tick.
 *
 * <ol>
 *   <li>Input: the alerts as they go out (after throttling), and {@code incidents.steps} (JSON {@link StepUpdate},
 *       keyed by incident id, written by the API).</li>
 *   <li>Both go to one partition (of {@code incident-alerts} and {@code incident-steps}): incidents are few, and
 *       an alert may join any of them whichever key it has; one task holding them all needs no distributed
 *       grouping.</li>
 *   <li>{@link IncidentProcessor} keeps {@value #STORE} (incidents by id) and {@value #INDEX_STORE} (entity token
 *       to incident id) and {@value #FLEET_STORE} (the recent server detections, listed in every checklist) and
 *       writes each change to the compacted {@code incidents} topic, keyed by id.</li>
 *   <li>Every instance reads that topic back as the global store {@value QueryableStores#INCIDENTS}, for the API.</li>
 * </ol>
 */
public final class Incidents {

    public static final JsonSerde<Incident> SERDE = JsonSerde.of(Incident.class);
    public static final JsonSerde<StepUpdate> STEP_SERDE = JsonSerde.of(StepUpdate.class);
    static final String STORE = "incident-store";
    static final String INDEX_STORE = "incident-index";
    static final String FLEET_STORE = "incident-server-detections";
    private static final JsonSerde<IncidentInput> INPUT_SERDE = JsonSerde.internal(IncidentInput.class);
    private static final String ONE_KEY = "incidents";

    private Incidents() {}

    /**
     * @param alerts    the alerts as they go out to the alerts topic
     * @param accountOf       a mail address or logon to the organisation's account name, null for none
     * @param identitiesStore the global store of who used which address and machine when; null for none
     */
    public static void addTo(
            final StreamsBuilder builder,
            final RulesConfig config,
            final KStream<String, Alert> alerts,
            final UnaryOperator<String> accountOf,
            final String identitiesStore) {
        final TopicNames topics = config.topics();
        builder.addStateStore(JsonStores.keyValue(STORE, Incident.class));
        builder.addStateStore(JsonStores.keyValue(INDEX_STORE, String.class));
        builder.addStateStore(JsonStores.keyValue(FLEET_STORE, ServerDetections.class));
        // Each input crosses its own repartition: merged before, the ticks (stamped with the wall clock) would share
        // a task, and so a stream time, with the alert throttle, whose purge a replayed backlog's alerts rely on.
        final KStream<String, IncidentInput> fromAlerts = alerts.mapValues(
                        IncidentInput::of, Named.as("incident-input-alert"))
                .selectKey((key, input) -> ONE_KEY, Named.as("incident-key-alert"))
                .repartition(Repartitioned.with(Serdes.String(), INPUT_SERDE)
                        .withName("incident-alerts")
                        .withNumberOfPartitions(1));
        final KStream<String, IncidentInput> fromSteps = builder.stream(
                        topics.incidentSteps(),
                        Consumed.with(Serdes.String(), STEP_SERDE).withName("incident-steps-source"))
                .mapValues(IncidentInput::of, Named.as("incident-input-step"))
                .selectKey((key, input) -> ONE_KEY, Named.as("incident-key-step"))
                .repartition(Repartitioned.with(Serdes.String(), INPUT_SERDE)
                        .withName("incident-steps")
                        .withNumberOfPartitions(1));
        final InternalNetworks internal = InternalNetworks.of(config.internalNetworks());
        fromAlerts
                .merge(fromSteps, Named.as("incident-inputs-merge"))
                .process(
                        () -> new IncidentProcessor(
                                accountsAt -> new IncidentBook(config.incidents(), accountOf, internal, accountsAt),
                                config.incidents(),
                                identitiesStore),
                        Named.as("incident-builder"),
                        STORE,
                        INDEX_STORE,
                        FLEET_STORE)
                .to(topics.incidents(), Produced.with(Serdes.String(), SERDE).withName("incidents-sink"));
        builder.globalTable(
                topics.incidents(),
                Consumed.with(Serdes.String(), SERDE).withName("incidents-state-source"),
                Materialized.as(QueryableStores.INCIDENTS));
    }
}
