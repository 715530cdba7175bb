package io.vigie.app.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import io.micrometer.core.instrument.Counter;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.vigie.core.serde.JsonSerde;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.streams.KafkaStreams;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(30)
class HttpApiServerTest {

    private final AtomicReference<KafkaStreams.State> state = new AtomicReference<>();
    private final HttpClient client =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private PrometheusMeterRegistry registry;
    private HttpApiServer server;

    record Item(String name, long count) {}

    @BeforeEach
    void start() {
        registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        server = new HttpApiServer("127.0.0.1", 0, registry, state::get);
        server.route("/api/items", params -> {
            final String limit = params.getOrDefault("limit", "10");
            final int n;
            try {
                n = Integer.parseInt(limit);
            } catch (final NumberFormatException e) {
                throw new BadRequestException("limit must be a whole number, got '" + limit + "'");
            }
            return JsonResponse.ok(
                    Map.of("items", List.of(new Item("a@chu-exemple.fr", 3)).subList(0, Math.min(n, 1)), "limit", n));
        });
        server.route("/api/broken", params -> {
            throw new IllegalStateException("boom");
        });
        server.start();
    }

    @AfterEach
    void stop() {
        server.close();
        registry.close();
    }

    private HttpResponse<String> get(final String pathAndQuery) throws IOException, InterruptedException {
        return client.send(
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + pathAndQuery))
                        .timeout(Duration.ofSeconds(10))
                        .GET()
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private static JsonNode json(final HttpResponse<String> response) throws IOException {
        assertThat(response.headers().firstValue("Content-Type"))
                .hasValueSatisfying(ct -> assertThat(ct).startsWith("application/json"));
        return JsonSerde.MAPPER.readTree(response.body());
    }

    @Test
    void shouldReportUnavailableUntilStreamsIsRunning() throws Exception {
        HttpResponse<String> health = get("/health");
        assertThat(health.statusCode()).isEqualTo(503);
        assertThat(json(health).get("status").asText()).isEqualTo("STARTING");

        state.set(KafkaStreams.State.REBALANCING);
        health = get("/health");
        assertThat(health.statusCode()).isEqualTo(503);
        assertThat(json(health).get("status").asText()).isEqualTo("REBALANCING");

        state.set(KafkaStreams.State.RUNNING);
        health = get("/health");
        assertThat(health.statusCode()).isEqualTo(200);
        assertThat(health.body()).isEqualTo("{\"status\":\"RUNNING\"}");

        state.set(KafkaStreams.State.ERROR);
        assertThat(get("/health").statusCode()).isEqualTo(503);
    }

    @Test
    void shouldServePrometheusText() throws Exception {
        Counter.builder("vigie.test.lines")
                .tag("source", "postfix")
                .register(registry)
                .increment(42);

        final HttpResponse<String> metrics = get("/metrics");

        assertThat(metrics.statusCode()).isEqualTo(200);
        assertThat(metrics.headers().firstValue("Content-Type")).contains("text/plain; version=0.0.4; charset=utf-8");
        assertThat(metrics.body()).contains("vigie_test_lines_total{source=\"postfix\"} 42.0");
    }

    @Test
    void shouldAnswerRegisteredRouteWithJson() throws Exception {
        final HttpResponse<String> response = get("/api/items?limit=1&ignored=x%20y");

        assertThat(response.statusCode()).isEqualTo(200);
        final JsonNode body = json(response);
        assertThat(body.get("limit").asInt()).isEqualTo(1);
        assertThat(body.get("items").get(0).get("name").asText()).isEqualTo("a@chu-exemple.fr");
        assertThat(body.get("items").get(0).get("count").asLong()).isEqualTo(3);
    }

    @Test
    void shouldAnswer400WithReasonWhenHandlerRejectsParameter() throws Exception {
        final HttpResponse<String> response = get("/api/items?limit=many");

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(json(response).get("error").asText()).isEqualTo("limit must be a whole number, got 'many'");
    }

    @Test
    void shouldAnswer404JsonForUnknownPath() throws Exception {
        final HttpResponse<String> response = get("/api/nothing");

        assertThat(response.statusCode()).isEqualTo(404);
        // the path is not echoed: an answer repeats nothing of the request it need not
        assertThat(json(response).get("error").asText()).isEqualTo("no such endpoint");
    }

    @Test
    void shouldAnswer500WithoutDetailsWhenHandlerFails() throws Exception {
        final HttpResponse<String> response = get("/api/broken");

        assertThat(response.statusCode()).isEqualTo(500);
        assertThat(response.body()).doesNotContain("boom");
    }

    @Test
    void shouldRejectNonGetMethods() throws Exception {
        final HttpResponse<String> response = client.send(
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + "/api/items"))
                        .timeout(Duration.ofSeconds(10))
                        .POST(HttpRequest.BodyPublishers.ofString("password=hunter2"))
                        .build(),
                HttpResponse.BodyHandlers.ofString());

        assertThat(response.statusCode()).isEqualTo(405);
        assertThat(response.headers().firstValue("Allow")).contains("GET, HEAD");
    }

    @Test
    void shouldRefuseDuplicateOrReservedRoutes() {
        assertThatThrownBy(() -> server.route("/api/items", p -> JsonResponse.ok(Map.of())))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> server.route("/health", p -> JsonResponse.ok(Map.of())))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void shouldDecodeQueryParametersKeepingFirstValue() {
        assertThat(HttpApiServer.queryParameters("a=1&a=2&b=x%40y&c"))
                .containsEntry("a", "1")
                .containsEntry("b", "x@y")
                .containsEntry("c", "");
        assertThatThrownBy(() -> HttpApiServer.queryParameters("a=%zz")).isInstanceOf(BadRequestException.class);
    }

    @Test
    void shouldServePostRoutesWithABoundedBodyAndTheirHeaders() throws Exception {
        server.postRoute(
                "/api/echo",
                16,
                request -> JsonResponse.of(
                        201,
                        Map.of(
                                "bytes",
                                request.body().length,
                                "type",
                                request.contentType(),
                                "auth",
                                String.valueOf(request.header("Authorization")))));
        final URI echo = URI.create("http://127.0.0.1:" + server.port() + "/api/echo");

        final HttpResponse<String> ok = client.send(
                HttpRequest.newBuilder(echo)
                        .header("Content-Type", "text/plain; charset=utf-8")
                        .header("Authorization", "Bearer x")
                        .POST(HttpRequest.BodyPublishers.ofString("0123456789abcdef"))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(ok.statusCode()).isEqualTo(201);
        assertThat(json(ok).get("bytes").asInt()).isEqualTo(16);
        assertThat(json(ok).get("type").asText()).isEqualTo("text/plain");
        assertThat(json(ok).get("auth").asText()).isEqualTo("Bearer x");

        final HttpResponse<String> declared = client.send(
                HttpRequest.newBuilder(echo)
                        .POST(HttpRequest.BodyPublishers.ofString("0123456789abcdefg"))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(declared.statusCode()).as("Content-Length over the limit").isEqualTo(413);

        // No Content-Length (chunked): the bytes actually read are counted.
        final HttpResponse<String> streamed = client.send(
                HttpRequest.newBuilder(echo)
                        .POST(HttpRequest.BodyPublishers.ofInputStream(
                                () -> new java.io.ByteArrayInputStream(new byte[100_000])))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(streamed.statusCode()).isEqualTo(413);

        final HttpResponse<String> get =
                client.send(HttpRequest.newBuilder(echo).GET().build(), HttpResponse.BodyHandlers.ofString());
        assertThat(get.statusCode()).isEqualTo(405);
        assertThat(get.headers().firstValue("Allow")).hasValue("POST");
        final HttpResponse<String> postOnGetRoute = client.send(
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + "/api/items"))
                        .POST(HttpRequest.BodyPublishers.ofString("x"))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(postOnGetRoute.statusCode()).isEqualTo(405);
    }

    @Test
    void shouldServeTheStatusPageFilesWithTheirContentTypesAndAStrictPolicy() throws Exception {
        for (final String[] file : new String[][] {
            {"/", "text/html; charset=utf-8", "<title>Vigie status</title>"},
            {"/status/index.html", "text/html; charset=utf-8", "/status/status.js"},
            {"/status/status.css", "text/css; charset=utf-8", "border-collapse"},
            {"/status/status.js", "text/javascript; charset=utf-8", "textContent"}
        }) {
            final HttpResponse<String> response = get(file[0]);
            assertThat(response.statusCode()).as(file[0]).isEqualTo(200);
            assertThat(response.headers().firstValue("Content-Type"))
                    .as(file[0])
                    .contains(file[1]);
            assertThat(response.headers().firstValue("Content-Security-Policy"))
                    .as(file[0])
                    .contains(StaticResources.CONTENT_SECURITY_POLICY);
            assertThat(response.headers().firstValue("X-Content-Type-Options")).contains("nosniff");
            assertThat(response.body()).as(file[0]).contains(file[2]);
        }
        assertThat(StaticResources.CONTENT_SECURITY_POLICY)
                .startsWith("default-src 'none';")
                .doesNotContain("unsafe")
                .doesNotContain("http");
    }

    @Test
    void shouldAnswer404ForUnknownStatusFilesAndRefuseTraversal() throws Exception {
        assertThat(get("/status/other.js").statusCode()).isEqualTo(404);
        assertThat(get("/status/").statusCode()).isEqualTo(200);
        for (final String path : List.of(
                "/status/../pom.xml",
                "/status/..%2F..%2Fpom.xml",
                "/status/%2e%2e/logback.xml",
                "/status/../logback.xml",
                "/status//status.js",
                "/status/status.js/..",
                "/logback.xml",
                "/status/io/vigie/app/Main.class")) {
            final String answer = rawGet(path);
            assertThat(answer).as(path).startsWith("HTTP/1.1 404");
            assertThat(answer).as(path).doesNotContain("<configuration").doesNotContain("<project");
        }
    }

    @Test
    void shouldKeepStatusPathsOffTheJsonRoutes() {
        assertThatThrownBy(() -> server.route("/", p -> JsonResponse.ok(Map.of())))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> server.route("/status/x", p -> JsonResponse.ok(Map.of())))
                .isInstanceOf(IllegalArgumentException.class);
    }

    /** A request line sent as is: the JDK client would normalise some of these paths. */
    private String rawGet(final String path) throws IOException {
        try (java.net.Socket socket = new java.net.Socket("127.0.0.1", server.port())) {
            socket.setSoTimeout(10_000);
            socket.getOutputStream()
                    .write(("GET " + path + " HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n")
                            .getBytes(java.nio.charset.StandardCharsets.US_ASCII));
            return new String(socket.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        }
    }
}
