package io.vigie.app.status;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.vigie.app.http.BadRequestException;
import io.vigie.core.model.QueueStatus;
import io.vigie.core.serde.JsonSerde;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

/** The alerts ring and the queue states behind {@code /api/alerts/latest} and {@code /api/queue}, without a broker. */
class StatusPageApiTest {

    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private final LatestRecords latest =
            new LatestRecords(new Properties(), "alerts", "events.mail-queue", 3, registry);
    private final StatusApi api = new StatusApi(latest);

    private static ConsumerRecord<byte[], byte[]> record(
            final String topic, final int partition, final long offset, final long timestamp, final String value) {
        return new ConsumerRecord<>(
                topic,
                partition,
                offset,
                timestamp,
                org.apache.kafka.common.record.TimestampType.CREATE_TIME,
                0,
                value.length(),
                null,
                value.getBytes(StandardCharsets.UTF_8),
                new org.apache.kafka.common.header.internals.RecordHeaders(),
                java.util.Optional.empty());
    }

    private static String alert(final String id) {
        return "{\"event\": {\"id\": \"" + id + "\"}, \"message\": \"<script>alert(1)</script>\"}";
    }

    @Test
    void shouldKeepTheNewestAlertsByRecordTimeWhenMoreThanTheCapacityArrive() {
        latest.accept(record("alerts", 0, 0, 1000, alert("a")));
        latest.accept(record("alerts", 1, 0, 4000, alert("d")));
        latest.accept(record("alerts", 0, 1, 2000, alert("b")));
        latest.accept(record("alerts", 2, 0, 3000, alert("c")));
        latest.accept(record("alerts", 2, 1, 5000, "not json"));

        final JsonNode body = JsonSerde.MAPPER.valueToTree(api.alerts(Map.of()).body());
        assertThat(body.path("limit").asInt()).isEqualTo(3);
        assertThat(body.path("alerts").findValuesAsText("id")).containsExactly("d", "c", "b");
        assertThat(body.path("alerts").get(0).path("message").asText()).isEqualTo("<script>alert(1)</script>");
        assertThat(JsonSerde.MAPPER
                        .valueToTree(api.alerts(Map.of("limit", "1")).body())
                        .path("alerts")
                        .findValuesAsText("id"))
                .containsExactly("d");
        assertThat(registry.counter("vigie.status.records.unreadable").count()).isEqualTo(1.0);
    }

    @Test
    void shouldRefuseALimitOutsideTheAlertsKept() {
        assertThatThrownBy(() -> api.alerts(Map.of("limit", "4")))
                .isInstanceOf(BadRequestException.class)
                .hasMessageContaining("between 1 and 3");
        assertThatThrownBy(() -> api.alerts(Map.of("limit", "0"))).isInstanceOf(BadRequestException.class);
        assertThatThrownBy(() -> api.alerts(Map.of("limit", "many"))).isInstanceOf(BadRequestException.class);
    }

    @Test
    void shouldAnswerTheLatestQueueStateOfEachHostAndSource() throws Exception {
        assertThat(JsonSerde.MAPPER
                        .valueToTree(api.queue(Map.of()).body())
                        .path("note")
                        .asText())
                .isEqualTo("the engine is starting");
        for (final QueueStatus q : List.of(
                queue("mx1", "logs", 10, 4),
                queue("mx1", "logs", 20, 9),
                queue("mx1", "logs", 15, 7),
                queue("mx1", "postqueue", 12, 3),
                queue("mx0", "logs", 1, 0))) {
            latest.accept(record("events.mail-queue", 0, 0, 0, JsonSerde.MAPPER.writeValueAsString(q)));
        }
        final JsonNode hosts =
                JsonSerde.MAPPER.valueToTree(api.queue(Map.of()).body()).path("hosts");
        assertThat(hosts).hasSize(3);
        assertThat(hosts.get(0).path("host").asText()).isEqualTo("mx0");
        assertThat(hosts.get(1).path("source").asText()).isEqualTo("logs");
        assertThat(hosts.get(1).path("deferred").asLong()).isEqualTo(9);
        assertThat(hosts.get(1).path("deferred_by_domain").path("example.org").asLong())
                .isEqualTo(9);
        assertThat(hosts.get(2).path("source").asText()).isEqualTo("postqueue");
    }

    private static QueueStatus queue(final String host, final String source, final int minute, final long deferred) {
        return new QueueStatus(
                host,
                source,
                Instant.parse("2026-11-28T05:00:00Z").plusSeconds(60L * minute),
                deferred + 2,
                deferred,
                0,
                0,
                60,
                Map.of("example.org", deferred),
                Map.of(),
                Map.of(),
                Map.of(),
                0,
                List.of());
    }
}
