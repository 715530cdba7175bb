package io.vigie.app.identity;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.vigie.app.http.HttpApiServer;
import io.vigie.core.serde.JsonSerde;
import io.vigie.rules.entity.IdentityLookup;
import io.vigie.rules.entity.IdentityTimeline;
import io.vigie.rules.entity.IdentityTimeline.Interval;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** {@code GET /api/identities} on a real server, behind the read token, over a store filled by hand. */
@Timeout(30)
class IdentityApiTest {

    private static final String READ_TOKEN = "r3ad-t0ken-0123456789abcdef";
    private static final Instant NOW = Instant.parse("2026-12-01T18:00:00Z");

    private final HttpClient client =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final Map<String, IdentityTimeline> entries = new TreeMap<>();
    private final AtomicBoolean readable = new AtomicBoolean(true);
    private PrometheusMeterRegistry registry;
    private HttpApiServer server;

    private static Instant at(final String time) {
        return Instant.parse("2026-12-01T" + time + ":00Z");
    }

    @BeforeEach
    void start() {
        entries.put(
                "ip:10.8.0.12",
                new IdentityTimeline(List.of(
                        new Interval("alice", null, "10.8.0.12", at("09:00"), at("11:00"), true, "vpn"),
                        new Interval("bob", null, "10.8.0.12", at("11:30"), at("13:00"), true, "vpn"))));
        entries.put(
                "host:pc-0042",
                new IdentityTimeline(
                        List.of(new Interval("alice", "pc-0042", "10.1.2.3", at("14:02"), at("14:02"), false, "av"))));
        entries.put(
                "account:alice",
                new IdentityTimeline(List.of(
                        new Interval("alice", null, "10.8.0.12", at("09:00"), at("11:00"), true, "vpn"),
                        new Interval("alice", "pc-0042", "10.1.2.3", at("14:02"), at("14:02"), false, "av"))));
        registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        server = new HttpApiServer("127.0.0.1", 0, READ_TOKEN, null, registry, () -> KafkaStreams.State.RUNNING);
        new IdentityApi(
                        () -> readable.get() ? new IdentityLookup(new MapStore(entries)) : null,
                        Clock.fixed(NOW, ZoneOffset.UTC))
                .register(server);
        server.start();
    }

    @AfterEach
    void stop() {
        server.close();
        registry.close();
    }

    private HttpResponse<String> get(final String query, final boolean withToken) throws Exception {
        final HttpRequest.Builder request = HttpRequest.newBuilder(
                        URI.create("http://127.0.0.1:" + server.port() + "/api/identities" + query))
                .timeout(Duration.ofSeconds(10))
                .GET();
        if (withToken) {
            request.header("Authorization", "Bearer " + READ_TOKEN);
        }
        return client.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private JsonNode ok(final String query) throws Exception {
        final HttpResponse<String> response = get(query, true);
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return JsonSerde.MAPPER.readTree(response.body());
    }

    @Test
    void shouldTellWhoUsedAnAddressAtEachTime() throws Exception {
        assertThat(ok("?address=10.8.0.12&at=2026-12-01T10:02:00Z")
                        .get("accounts")
                        .toString())
                .isEqualTo("[\"alice\"]");
        assertThat(ok("?address=10.8.0.12&at=2026-12-01T12:00:00Z")
                        .get("accounts")
                        .toString())
                .isEqualTo("[\"bob\"]");
        final JsonNode ended = ok("?address=10.8.0.12&at=2026-12-01T11:15:00Z");
        assertThat(ended.get("accounts").toString()).isEqualTo("[]");
        assertThat(ended.get("timeline").toString())
                .isEqualTo("[{\"account\":\"alice\",\"host\":null,"
                        + "\"ip\":\"10.8.0.12\",\"from\":\"2026-12-01T09:00:00Z\",\"to\":\"2026-12-01T11:00:00Z\","
                        + "\"ended\":true,\"source\":\"vpn\"},{\"account\":\"bob\",\"host\":null,\"ip\":\"10.8.0.12\","
                        + "\"from\":\"2026-12-01T11:30:00Z\",\"to\":\"2026-12-01T13:00:00Z\",\"ended\":true,"
                        + "\"source\":\"vpn\"}]");
        final JsonNode host = ok("?address=PC-0042");
        assertThat(host.get("at").asText()).as("now by default").isEqualTo("2026-12-01T18:00:00Z");
        assertThat(host.get("accounts").toString()).isEqualTo("[\"alice\"]");
        assertThat(ok("?address=10.9.9.9").get("timeline").toString()).isEqualTo("[]");
    }

    @Test
    void shouldListTheHostsAndAddressesOfAnAccountInAPeriod() throws Exception {
        final JsonNode day = ok("?account=Alice");
        assertThat(day.get("account").asText()).isEqualTo("alice");
        assertThat(day.get("from").asText()).isEqualTo("2026-10-31T18:00:00Z");
        assertThat(day.get("hosts").toString()).isEqualTo("[\"pc-0042\"]");
        assertThat(day.get("addresses").toString()).isEqualTo("[\"10.8.0.12\",\"10.1.2.3\"]");
        assertThat(day.get("timeline")).hasSize(2);
        final JsonNode morning = ok("?account=alice&from=2026-12-01T08:00:00Z&to=2026-12-01T12:00:00Z");
        assertThat(morning.get("hosts").toString()).isEqualTo("[]");
        assertThat(morning.get("addresses").toString()).isEqualTo("[\"10.8.0.12\"]");
        assertThat(ok("?account=nobody").get("timeline").toString()).isEqualTo("[]");
    }

    @Test
    void shouldRefuseBadQueriesAnUnauthenticatedOneAndAnswerUnavailableWhileStarting() throws Exception {
        assertThat(get("?address=10.8.0.12", false).statusCode()).isEqualTo(401);
        assertThat(get("", true).statusCode()).isEqualTo(400);
        assertThat(get("?address=10.8.0.12&account=alice", true).statusCode()).isEqualTo(400);
        final HttpResponse<String> badTime = get("?address=10.8.0.12&at=yesterday", true);
        assertThat(badTime.statusCode()).isEqualTo(400);
        assertThat(badTime.body()).contains("at must be an ISO-8601 instant");
        assertThat(get("?account=alice&from=2026-12-02T00:00:00Z&to=2026-12-01T00:00:00Z", true)
                        .statusCode())
                .isEqualTo(400);
        assertThat(get("?address=a%20b", true).statusCode()).isEqualTo(400);
        readable.set(false);
        assertThat(get("?address=10.8.0.12", true).statusCode()).isEqualTo(503);
    }

    /** A read-only store over a map, as the global store answers. */
    private record MapStore(Map<String, IdentityTimeline> map)
            implements ReadOnlyKeyValueStore<String, IdentityTimeline> {

        @Override
        public IdentityTimeline get(final String key) {
            return map.get(key);
        }

        @Override
        public KeyValueIterator<String, IdentityTimeline> range(final String from, final String to) {
            throw new UnsupportedOperationException();
        }

        @Override
        public KeyValueIterator<String, IdentityTimeline> all() {
            throw new UnsupportedOperationException();
        }

        @Override
        public long approximateNumEntries() {
            return map.size();
        }
    }
}
