package io.vigie.app.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import org.apache.kafka.streams.KafkaStreams;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** {@code http.read-token}: a real server and a real client, with no token, a wrong one and the right one. */
@Timeout(30)
class HttpReadAccessTest {

    private static final String READ_TOKEN = "r3ad-t0ken-0123456789abcdef";
    private static final String WRITE_TOKEN = "wr1te-t0ken-fedcba9876543210";

    private final HttpClient client =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private PrometheusMeterRegistry registry;
    private HttpApiServer server;

    @BeforeEach
    void start() {
        registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        server = new HttpApiServer("127.0.0.1", 0, READ_TOKEN, null, registry, () -> KafkaStreams.State.RUNNING);
        server.route("/api/top", params -> JsonResponse.ok(Map.of("entries", "a@chu-exemple.fr")));
        final ApiToken writeToken = new ApiToken(WRITE_TOKEN);
        server.postRoute("/api/report", 1024, request -> {
            final JsonResponse refusal = writeToken.refusal(request);
            return refusal != null ? refusal : JsonResponse.of(202, Map.of("accepted", true));
        });
        server.start();
    }

    @AfterEach
    void stop() {
        server.close();
        registry.close();
    }

    private HttpResponse<String> get(final String path, final String authorization)
            throws IOException, InterruptedException {
        final HttpRequest.Builder request = HttpRequest.newBuilder(
                        URI.create("http://127.0.0.1:" + server.port() + path))
                .timeout(Duration.ofSeconds(10))
                .GET();
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        return client.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> post(final String authorization) throws IOException, InterruptedException {
        final HttpRequest.Builder request = HttpRequest.newBuilder(
                        URI.create("http://127.0.0.1:" + server.port() + "/api/report"))
                .timeout(Duration.ofSeconds(10))
                .POST(HttpRequest.BodyPublishers.ofString("{}"))
                .header("Content-Type", "application/json");
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        return client.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private String failures(final String access, final String reason) {
        return registry.scrape()
                .lines()
                .filter(line -> line.startsWith("vigie_http_auth_failures_total{")
                        && line.contains("access=\"" + access + "\"")
                        && line.contains("reason=\"" + reason + "\""))
                .findFirst()
                .map(line -> line.substring(line.lastIndexOf(' ') + 1))
                .orElse("none");
    }

    @Test
    void shouldRefuseTheApiAndTheMetricsWithoutTheReadToken() throws Exception {
        for (final String path : new String[] {"/api/top", "/metrics", "/api/no-such-route"}) {
            final HttpResponse<String> refused = get(path, null);
            assertThat(refused.statusCode()).as(path).isEqualTo(401);
            assertThat(refused.headers().firstValue("WWW-Authenticate")).hasValue("Bearer realm=\"vigie\"");
            assertThat(refused.body()).doesNotContain("chu-exemple.fr");
        }
        assertThat(failures("read", "missing")).isEqualTo("3.0");
    }

    @Test
    void shouldRefuseAWrongTokenAndCountIt() throws Exception {
        assertThat(get("/api/top", "Bearer " + READ_TOKEN + "x").statusCode()).isEqualTo(401);
        assertThat(get("/api/top", "Bearer " + WRITE_TOKEN).statusCode()).isEqualTo(401);
        assertThat(get("/api/top", "Basic " + READ_TOKEN).statusCode()).isEqualTo(401);

        assertThat(failures("read", "wrong")).isEqualTo("2.0");
        assertThat(failures("read", "missing")).isEqualTo("1.0");
    }

    @Test
    void shouldAnswerWithTheRightToken() throws Exception {
        final HttpResponse<String> top = get("/api/top", "Bearer " + READ_TOKEN);
        assertThat(top.statusCode()).isEqualTo(200);
        assertThat(top.body()).contains("a@chu-exemple.fr");
        assertThat(get("/metrics", "bearer " + READ_TOKEN).statusCode()).isEqualTo(200);
        assertThat(failures("read", "missing")).isEqualTo("none");
    }

    @Test
    void shouldLeaveHealthAndTheStatusPagesFilesOpen() throws Exception {
        // a load balancer probes /health; the page's files hold no data and ask for the token themselves
        assertThat(get("/health", null).statusCode()).isEqualTo(200);
        assertThat(get("/", null).statusCode()).isEqualTo(200);
        assertThat(get("/status/status.js", null).body()).contains("Authorization");
    }

    @Test
    void shouldKeepTheWriteTokenSeparate() throws Exception {
        assertThat(post("Bearer " + READ_TOKEN).statusCode()).isEqualTo(401);
        assertThat(post("Bearer " + WRITE_TOKEN).statusCode()).isEqualTo(202);
        assertThat(failures("write", "missing or wrong")).isEqualTo("1.0");
    }

    @Test
    void shouldSendTheSecurityHeadersOnEveryAnswer() throws Exception {
        for (final HttpResponse<String> answer : new HttpResponse[] {
            get("/health", null), get("/api/top", null), get("/api/top", "Bearer " + READ_TOKEN), get("/", null)
        }) {
            assertThat(answer.headers().firstValue("X-Content-Type-Options")).hasValue("nosniff");
            assertThat(answer.headers().firstValue("X-Frame-Options")).hasValue("DENY");
            assertThat(answer.headers().firstValue("Referrer-Policy")).hasValue("no-referrer");
            assertThat(answer.headers().firstValue("Content-Security-Policy")).isPresent();
        }
        assertThat(get("/api/top", "Bearer " + READ_TOKEN).headers().firstValue("Cache-Control"))
                .hasValue("no-store");
    }

    @Test
    void shouldNotEchoTheRequestedPathInA404() throws Exception {
        final HttpResponse<String> missing = get("/api/%3Cscript%3E", "Bearer " + READ_TOKEN);
        assertThat(missing.statusCode()).isEqualTo(404);
        assertThat(missing.body()).doesNotContain("script");
    }
}
