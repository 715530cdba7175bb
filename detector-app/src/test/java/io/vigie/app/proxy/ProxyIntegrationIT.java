package io.vigie.app.proxy;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.vigie.app.Cli;
import io.vigie.app.EngineHttp;
import io.vigie.app.KafkaTestClients;
import io.vigie.app.LoopbackEngine;
import io.vigie.app.config.VigieConfig;
import io.vigie.app.engine.Engine;
import io.vigie.rules.store.QueryableStores;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * End to end on the embedded broker, as {@code vigie run} works: a URLhaus dump downloaded from an HTTP server,
 * the realgen Squid combined log fed with {@code vigie ingest}, then an analyst posting an indicator: the
 * alerts, the "who else went there" API, the top blocked destinations and the metrics must agree with the log.
 */
public class ProxyIntegrationIT {

    static final Path REALGEN = Path.of("../detector-rules/src/test/resources/realgen/squid/access_combined.log");
    private static final String TOKEN = "t0ken-for-the-test";

    @TempDir
    Path dataDir;

    @TempDir
    Path logs;

    /**
     * The realgen log (all of 28 Nov 2026) restamped to yesterday. The contacts are kept for 30 days of stream time,
     * and the URLhaus rows downloaded now share the destinations' tasks: with the log's own date, the scenario
     * would age out of the contacts a month after it was captured, and the retro-hunt find nothing.
     */
    private Path recentRealgen() throws java.io.IOException {
        final String yesterday = java.time.format.DateTimeFormatter.ofPattern("dd/MMM/yyyy", java.util.Locale.ENGLISH)
                .format(java.time.LocalDate.now(java.time.ZoneOffset.UTC).minusDays(1));
        final Path copy = logs.resolve(REALGEN.getFileName());
        Files.writeString(
                copy,
                Files.readString(REALGEN, java.nio.charset.StandardCharsets.UTF_8)
                        .replace("[28/Nov/2026:", "[" + yesterday + ":"),
                java.nio.charset.StandardCharsets.UTF_8);
        return copy;
    }

    @Test
    void shouldDownloadIntelIngestALogAnswerWhoElseWentThereAndAlert() throws Exception {
        final UrlhausFeed feed = UrlhausFeed.serve("/csv_recent/", true);
        final Map<String, String> env = LoopbackEngine.env(
                dataDir,
                Map.of(
                        "VIGIE_HTTP_API_TOKEN",
                        TOKEN,
                        "VIGIE_ORGANISATION_TIME_ZONE",
                        "UTC",
                        "VIGIE_INTEL_URLHAUS_DOWNLOAD_URL",
                        feed.url(),
                        "VIGIE_INTEL_URLHAUS_DOWNLOAD_INTERVAL",
                        "2s"));
        final VigieConfig config = VigieConfig.load(null, env);
        try (Engine engine = ProxyModule.install(new Engine(config), config).start()) {
            final EngineHttp http = new EngineHttp(engine);
            http.awaitStatus("/health", 200, Duration.ofMinutes(3));
            // the 300 URLhaus rows reach the intel table, and later downloads are recognised as unchanged
            http.awaitMetric("vigie_intel_indicators{application=\"vigie\"} 300.0", Duration.ofMinutes(5));
            EngineHttp.poll(
                    () -> http.get("/metrics").body(),
                    body -> metric(body, "vigie_intel_downloads_total{application=\"vigie\",outcome=\"ok\"}") >= 3,
                    Duration.ofMinutes(2),
                    "the dump was not downloaded again");
            assertThat(KafkaTestClients.consumeAll(
                            engine.bootstrapServers(), config.topics().names().rawUrlhaus()))
                    .as("an unchanged dump (same ETag) is not sent again")
                    .hasSize(301);

            assertThat(Cli.run(
                            env,
                            "ingest",
                            "--source",
                            "combined",
                            "--bootstrap-servers",
                            engine.bootstrapServers(),
                            recentRealgen().toString()))
                    .contains("ingested 2594 lines (");

            // stats-collect.site: the infected client's beacon destination in the scenario
            final JsonNode contacts = EngineHttp.poll(
                    () -> http.getJson("/api/proxy/contacts?host=stats-collect.site&days=400"),
                    c -> c.path("clients").size() > 0,
                    Duration.ofMinutes(5),
                    "no contact of stats-collect.site",
                    c -> c + "; " + http.streamsState());
            assertThat(contacts.path("clients").get(0).path("client").asText()).isEqualTo("127.20.1.37");
            assertThat(contacts.path("indicator").isNull()).isTrue();

            // refused: no token, wrong token, too large, not an indicator
            assertThat(post(engine, "/api/indicators", "stats-collect.site", "text/plain", null)
                            .statusCode())
                    .isEqualTo(401);
            assertThat(post(engine, "/api/indicators", "stats-collect.site", "text/plain", "wrong")
                            .statusCode())
                    .isEqualTo(401);
            assertThat(post(engine, "/api/indicators", "x".repeat(2 * 1024 * 1024), "text/plain", TOKEN)
                            .statusCode())
                    .isEqualTo(413);
            assertThat(post(engine, "/api/indicators", "{\"value\": \"<script>\"}", "application/json", TOKEN)
                            .statusCode())
                    .isEqualTo(400);

            final HttpResponse<String> posted = post(
                    engine,
                    "/api/indicators",
                    "{\"indicators\": [{\"value\": \"stats-collect[.]site\", \"reference\": \"ticket-4711\"}]}",
                    "application/json",
                    TOKEN);
            assertThat(posted.statusCode()).as(posted.body()).isEqualTo(202);
            assertThat(EngineHttp.json(posted.body()).path("accepted").get(0).asText())
                    .isEqualTo("host:stats-collect.site");

            // Every alert up to the end of the topic: the retro-hunt comes after many others, in any partition.
            final List<JsonNode> hunt = EngineHttp.poll(
                    () -> KafkaTestClients.values(KafkaTestClients.consumeAll(
                                    engine.bootstrapServers(),
                                    config.topics().names().alerts()))
                            .stream()
                            .map(EngineHttp::json)
                            .filter(a -> a.path("rule").path("id").asText().equals("vigie.proxy.retro-hunt"))
                            .toList(),
                    list -> !list.isEmpty(),
                    Duration.ofMinutes(5),
                    "no retro-hunt alert",
                    list -> list + "; " + http.streamsState());
            assertThat(hunt).singleElement().satisfies(a -> {
                assertThat(a.path("source").path("ip").asText()).isEqualTo("127.20.1.37");
                assertThat(a.path("vigie")
                                .path("observed")
                                .path("indicator")
                                .path("reference")
                                .asText())
                        .isEqualTo("ticket-4711");
            });
            assertThat(http.getJson("/api/proxy/contacts?host=stats-collect.site&days=400")
                            .path("indicator")
                            .path("source")
                            .asText())
                    .isEqualTo("analyst");

            final JsonNode blocked = http.getJson("/api/proxy/top-blocked?limit=3");
            assertThat(blocked.path("destinations")).isNotEmpty();
            final String metrics = http.awaitMetric(
                    "vigie_proxy_top_blocked_requests{application=\"vigie\",host=\""
                            + blocked.path("destinations").get(0).path("host").asText() + "\",rank=\"1\"}",
                    Duration.ofMinutes(2));
            assertThat(metrics)
                    .contains(
                            "vigie_proxy_detections_total{application=\"vigie\",rule=\"vigie.proxy.suspicious-download\"}");
            // The contacts window store's metrics are there beside the key-value stores': one tag layout for both.
            // Micrometer binds new Kafka metrics once a minute, so the stores' appear up to a minute after start.
            final Pattern windowStore =
                    Pattern.compile("kafka_stream_state_num_running_flushes\\{(?:[^}]*,)?state_id=\""
                            + QueryableStores.PROXY_CONTACTS + "\"");
            final Pattern keyValueStore =
                    Pattern.compile("kafka_stream_state_num_running_flushes\\{(?:[^}]*,)?state_id=\""
                            + QueryableStores.PROXY_BLOCKED + "\"");
            EngineHttp.poll(
                    () -> http.get("/metrics").body(),
                    body -> windowStore.matcher(body).find()
                            && keyValueStore.matcher(body).find(),
                    Duration.ofMinutes(3),
                    "no state store metrics for the window and the key-value store",
                    body -> body.lines()
                            .filter(l -> l.startsWith("kafka_stream_state_num_running_flushes"))
                            .collect(Collectors.joining("\n")));
            assertThat(http.get("/api/proxy/contacts?host=").statusCode()).isEqualTo(400);
        } finally {
            feed.close();
        }
    }

    private static HttpResponse<String> post(
            final Engine engine, final String path, final String body, final String contentType, final String token)
            throws Exception {
        final HttpRequest.Builder request = HttpRequest.newBuilder(
                        URI.create("http://127.0.0.1:" + engine.http().port() + path))
                .timeout(Duration.ofSeconds(30))
                .header("Content-Type", contentType)
                .POST(HttpRequest.BodyPublishers.ofString(body));
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        return HttpClient.newHttpClient().send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static double metric(final String body, final String series) {
        return body.lines()
                .filter(l -> l.startsWith(series + " "))
                .mapToDouble(
                        l -> Double.parseDouble(l.substring(series.length() + 1).strip()))
                .findFirst()
                .orElse(-1);
    }
}
