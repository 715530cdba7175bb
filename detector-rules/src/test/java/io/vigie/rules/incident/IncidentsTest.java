package io.vigie.rules.incident;

import static io.vigie.rules.incident.IncidentAlerts.DELIVERED;
import static org.assertj.core.api.Assertions.assertThat;

import io.vigie.rules.alert.Alert;
import io.vigie.rules.alert.AlertThrottle;
import io.vigie.rules.config.RulesConfig;
import io.vigie.rules.config.TopicNames;
import io.vigie.rules.entity.UserMapping;
import io.vigie.rules.store.QueryableStores;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Properties;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.ValueAndTimestamp;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The incidents part alone, on a driver: alerts and ticks in, incidents out and in the queryable store. */
class IncidentsTest {

    private static final String ALERTS = "alerts-sent";
    private final RulesConfig config = RulesConfig.defaults().withInternalDomains(List.of("chu-exemple.fr"));
    private final TopicNames topics = config.topics();
    private TopologyTestDriver driver;
    private TestInputTopic<String, Alert> alerts;
    private TestInputTopic<String, StepUpdate> steps;
    private TestOutputTopic<String, Incident> incidents;

    @BeforeEach
    void start() {
        final StreamsBuilder builder = new StreamsBuilder();
        final var sent = builder.stream(ALERTS, Consumed.with(Serdes.String(), AlertThrottle.serde()));
        Incidents.addTo(builder, config, sent, UserMapping.of(config.internalDomains())::accountOf, null);
        final Properties props = new Properties();
        props.put(StreamsConfig.APPLICATION_ID_CONFIG, "incidents-test");
        props.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "unused:9092");
        driver = new TopologyTestDriver(builder.build(), props);
        alerts = driver.createInputTopic(
                ALERTS, new StringSerializer(), AlertThrottle.serde().serializer());
        steps = driver.createInputTopic(
                topics.incidentSteps(), new StringSerializer(), Incidents.STEP_SERDE.serializer());
        incidents =
                driver.createOutputTopic(topics.incidents(), new StringDeserializer(), Incidents.SERDE.deserializer());
    }

    @AfterEach
    void stop() {
        driver.close();
    }

    private void send(final Alert alert) {
        alerts.pipeInput(alert.entity(), alert, alert.timestamp());
    }

    @Test
    void shouldPublishOneIncidentForTheReportTheClickAndTheDownloadAndTickItsSteps() {
        send(IncidentAlerts.reportedMail("alice@chu-exemple.fr", DELIVERED.plus(Duration.ofHours(1))));
        send(IncidentAlerts.click("alice", "10.1.2.3", DELIVERED.plus(Duration.ofMinutes(30))));
        send(IncidentAlerts.download("pc-alice", "10.1.2.3", "CHU\\alice", DELIVERED.plus(Duration.ofMinutes(35))));

        final List<KeyValue<String, Incident>> out = incidents.readKeyValuesToList();
        assertThat(out).hasSize(3).extracting(kv -> kv.key).containsOnly(out.get(0).key);
        final Incident incident = out.get(2).value;
        assertThat(incident.id()).isEqualTo(out.get(0).key);
        assertThat(incident.timeline()).extracting(TimelineEntry::source).containsExactly("proxy", "antivirus", "mail");
        assertThat(incident.firstSign().source()).isEqualTo("proxy");

        final KeyValueStore<String, ValueAndTimestamp<Incident>> queryable =
                driver.getTimestampedKeyValueStore(QueryableStores.INCIDENTS);
        assertThat(queryable.get(incident.id()).value()).isEqualTo(incident);

        final Instant at = Instant.parse("2026-12-01T11:00:00Z");
        steps.pipeInput(
                incident.id(), new StepUpdate(incident.id(), "isolate:pc-alice", true, "soc-nuit", at, null), at);
        final Incident ticked = incidents.readValue();
        assertThat(ticked.checklist())
                .filteredOn(ChecklistStep::done)
                .singleElement()
                .extracting(ChecklistStep::id, ChecklistStep::by)
                .containsExactly("isolate:pc-alice", "soc-nuit");
        assertThat(queryable.get(incident.id()).value()).isEqualTo(ticked);
        assertThat(incidents.isEmpty()).isTrue();
    }

    @Test
    void shouldPublishNothingForAnInfrastructureAlertOrAnUnknownStep() {
        send(IncidentAlerts.spoofing(DELIVERED));
        steps.pipeInput("INC-NONE", new StepUpdate("INC-NONE", "backups", true, "x", DELIVERED, null), DELIVERED);

        assertThat(incidents.isEmpty()).isTrue();
        assertThat(driver.metrics().entrySet())
                .filteredOn(e -> e.getKey().name().equals("incident-steps-refused-total"))
                .singleElement()
                .satisfies(e -> assertThat(e.getValue().metricValue()).isEqualTo(1.0));
    }

    @Test
    void shouldForgetAnIncidentPastItsRetentionWithATombstone() {
        send(IncidentAlerts.takeover("alice", DELIVERED));
        final String id = incidents.readValue().id();

        // a tick (stamped now) moves nothing; an alert 91 days later puts the first incident past its retention
        steps.pipeInput(id, new StepUpdate(id, "backups", true, "soc", Instant.now(), null), Instant.now());
        driver.advanceWallClockTime(Duration.ofMinutes(10));
        assertThat(incidents.readKeyValuesToList()).extracting(kv -> kv.value).doesNotContainNull();
        send(IncidentAlerts.takeover("bob", DELIVERED.plus(Duration.ofDays(91))));
        driver.advanceWallClockTime(Duration.ofMinutes(10));

        final List<KeyValue<String, Incident>> out = incidents.readKeyValuesToList();
        assertThat(out).anySatisfy(kv -> assertThat(kv).isEqualTo(KeyValue.pair(id, null)));
        assertThat(driver.getTimestampedKeyValueStore(QueryableStores.INCIDENTS).get(id))
                .isNull();
    }
}
