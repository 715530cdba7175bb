package io.vigie.app.incident;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.vigie.app.Cli;
import io.vigie.app.EngineHttp;
import io.vigie.app.KafkaTestClients;
import io.vigie.app.LoopbackEngine;
import io.vigie.app.config.VigieConfig;
import io.vigie.app.engine.Engine;
import io.vigie.app.evidence.EvidenceZips;
import io.vigie.app.report.ReportModule;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The response sheet's case end to end on the embedded broker: a user reports a phishing mail, the proxy logs her
 * click on its link, the antivirus finds the payload in her Downloads. One incident must hold the three, with her
 * account and workstation, the time she opened it, and a checklist an analyst ticks over HTTP.
 */
class IncidentIntegrationIT {

    private static final String TOKEN = "incident-t0ken";
    private static final String LURE = "portail-rh.example";
    /** A beacon-like path: reached with no Referer it is a "complex URL" for the proxy rules. */
    private static final String LINK = "http://" + LURE + "/c/aGVsbG8gd29ybGQgdGhpcyBpcyBhIGJlYWNvbiBwYXlsb2Fk/"
            + "Zm9vYmFyYmF6cXV4cXV1eF9yYW5kb21fZGF0YQ?id=8f3e2a1c9b7d6e5f4a3b2c1d0e9f8a7b";

    @TempDir
    java.nio.file.Path dataDir;

    @Test
    void shouldMakeOneIncidentOfTheReportTheClickAndTheDownloadWithItsChecklist() throws Exception {
        final Map<String, String> env = LoopbackEngine.env(
                dataDir,
                Map.of(
                        "VIGIE_HTTP_API_TOKEN", TOKEN,
                        "VIGIE_ORGANISATION_INTERNAL_DOMAINS", "chu-exemple.fr",
                        "VIGIE_ORGANISATION_INTERNAL_NETWORKS", "10.0.0.0/8",
                        "VIGIE_ORGANISATION_TIME_ZONE", "UTC"));
        final VigieConfig config = VigieConfig.load(null, env);
        // Delivered an hour ago, clicked 20 minutes later, the payload caught 2 minutes after: all in the past hour,
        // so that no record is stamped ahead of the broker's clock.
        final Instant delivered = Instant.now().truncatedTo(ChronoUnit.SECONDS).minus(Duration.ofMinutes(60));
        final Instant click = delivered.plus(Duration.ofMinutes(20));
        final Instant download = click.plus(Duration.ofMinutes(2));
        try (Engine engine = IncidentModule.install(ReportModule.install(new Engine(config), config), config)
                .start()) {
            final EngineHttp http = new EngineHttp(engine);
            http.awaitStatus("/health", 200, Duration.ofSeconds(90));
            final String bootstrap = engine.bootstrapServers();

            assertThat(report(engine, phishing(delivered)).statusCode()).isEqualTo(202);
            KafkaTestClients.produce(
                    bootstrap,
                    config.topics().names().rawProxy(),
                    "access.log",
                    "10.20.0.5 - a.meyer ["
                            + DateTimeFormatter.ofPattern("dd/MMM/yyyy:HH:mm:ss Z", Locale.ENGLISH)
                                    .withZone(ZoneOffset.UTC)
                                    .format(click)
                            + "] \"GET " + LINK + " HTTP/1.1\" 200 5120 \"-\" "
                            + "\"Mozilla/5.0 (Windows NT 10.0; Win64; x64)\" TCP_MISS:HIER_DIRECT");
            KafkaTestClients.produce(
                    bootstrap,
                    config.topics().names().rawAv(),
                    "pc-ameyer",
                    "{\"@timestamp\":\"" + download + "\",\"host\":{\"name\":\"pc-ameyer\",\"ip\":\"10.20.0.5\"},"
                            + "\"user\":{\"name\":\"CHU\\\\a.meyer\"},\"threat\":{\"name\":\"Trojan.Agent.Phish\"},"
                            + "\"file\":{\"path\":\"C:\\\\Users\\\\a.meyer\\\\Downloads\\\\bulletin-paie.pdf.exe\","
                            + "\"hash\":{\"sha256\":\"" + "ab".repeat(32)
                            + "\"}},\"event\":{\"action\":\"quarantined\"}}");

            final JsonNode list = EngineHttp.poll(
                    () -> http.getJson("/api/incidents"),
                    body -> body.path("incidents").size() == 1
                            && body.path("incidents").get(0).path("alerts").asInt() >= 5,
                    Duration.ofMinutes(3),
                    "one incident with the three alerts and the two correlations' alerts",
                    body -> body + "\nalert rules: "
                            + KafkaTestClients.values(KafkaTestClients.consumeAll(
                                            bootstrap, config.topics().names().alerts()))
                                    .stream()
                                    .map(a -> EngineHttp.json(a)
                                            .path("rule")
                                            .path("id")
                                            .asText())
                                    .toList());
            final String id = list.path("incidents").get(0).path("id").asText();
            final JsonNode incident = http.getJson("/api/incidents/" + id);
            // The click is a complex URL for the proxy rules, and her reaching the reported mail's link for the
            // mail-to-click correlation. The antivirus detection makes the machine's rare destinations around it
            // indicators (antivirus to network): the lure's host is one, and the retro-hunt finds her click on it.
            assertThat(rules(incident))
                    .as(incident.path("timeline").toString())
                    .containsExactlyInAnyOrder(
                            "vigie.proxy.complex-url-no-referer",
                            "vigie.correlation.mail-click",
                            "vigie.av.malware-from-internet",
                            "vigie.mail.user-report",
                            "vigie.proxy.retro-hunt");
            assertThat(texts(incident.path("entities").path("users"))).containsExactly("a.meyer");
            assertThat(texts(incident.path("entities").path("hosts"))).containsExactly("pc-ameyer");
            assertThat(texts(incident.path("entities").path("domains"))).contains(LURE);
            assertThat(incident.path("report_ids")).hasSize(1);
            assertThat(incident.path("first_sign").path("source").asText()).isIn("proxy", "correlation");
            assertThat(Instant.parse(incident.path("first_sign").path("time").asText()))
                    .isEqualTo(click);
            assertThat(Instant.parse(
                            incident.path("first_sign").path("delivered_at").asText()))
                    .isEqualTo(delivered);
            assertThat(incident.path("severity").asText()).isEqualTo("high");
            assertThat(texts(incident.path("checklist"), "id"))
                    .contains(
                            "isolate:pc-ameyer",
                            "disable:a.meyer",
                            "sessions:a.meyer",
                            "purge-mail",
                            "third-parties",
                            "backups");

            // the analyst ticks a step: refused without the write token, for an unknown step, kept with who and when
            assertThat(tick(engine, id, "{\"step\":\"isolate:pc-ameyer\",\"by\":\"soc\"}", null)
                            .statusCode())
                    .isEqualTo(401);
            assertThat(tick(engine, id, "{\"step\":\"no-such-step\",\"by\":\"soc\"}", TOKEN)
                            .statusCode())
                    .isEqualTo(400);
            assertThat(tick(engine, "INC-000000000000", "{\"step\":\"backups\",\"by\":\"soc\"}", TOKEN)
                            .statusCode())
                    .isEqualTo(404);
            final HttpResponse<String> ticked = tick(
                    engine,
                    id,
                    "{\"step\":\"isolate:pc-ameyer\",\"by\":\"night analyst\",\"note\":\"port 12 shut\"}",
                    TOKEN);
            assertThat(ticked.statusCode()).as(ticked.body()).isEqualTo(202);
            final JsonNode step = EngineHttp.poll(
                    () -> stepOf(http.getJson("/api/incidents/" + id), "isolate:pc-ameyer"),
                    s -> s.path("done").asBoolean(),
                    Duration.ofMinutes(1),
                    "the tick never reached the incident");
            assertThat(step.path("by").asText()).isEqualTo("night analyst");
            assertThat(step.path("note").asText()).isEqualTo("port 12 shut");
            assertThat(KafkaTestClients.values(KafkaTestClients.consumeAll(
                            bootstrap, config.topics().names().incidentSteps())))
                    .singleElement()
                    .asString()
                    .contains("night analyst");
            assertThat(http.get("/api/incidents/INC-UNKNOWN").statusCode()).isEqualTo(404);

            // the evidence for the CERT: the mail byte for byte, her click, the antivirus record, the incident with
            // its tick, the abuse drafts, and a manifest that verifies
            final HttpResponse<byte[]> evidence = HttpClient.newHttpClient()
                    .send(
                            HttpRequest.newBuilder(URI.create("http://127.0.0.1:"
                                            + engine.http().port() + "/api/incidents/" + id + "/evidence"))
                                    .timeout(Duration.ofMinutes(5))
                                    .build(),
                            HttpResponse.BodyHandlers.ofByteArray());
            assertThat(evidence.statusCode())
                    .as(new String(evidence.body(), StandardCharsets.UTF_8))
                    .isEqualTo(200);
            assertThat(evidence.headers().firstValue("content-type")).hasValue("application/zip");
            final Map<String, byte[]> files = EvidenceZips.read(evidence.body());
            final String reportId = incident.path("report_ids").get(0).asText();
            assertThat(files.get("mail/" + reportId + ".eml")).isEqualTo(phishing(delivered));
            assertThat(new String(files.get("proxy/lines.log"), StandardCharsets.UTF_8))
                    .contains(LINK)
                    .contains("10.20.0.5 - a.meyer");
            assertThat(new String(files.get("antivirus/lines.log"), StandardCharsets.UTF_8))
                    .contains("bulletin-paie.pdf.exe");
            assertThat(EngineHttp.json(new String(files.get("incident.json"), StandardCharsets.UTF_8))
                            .path("id")
                            .asText())
                    .isEqualTo(id);
            assertThat(files.keySet()).anyMatch(name -> name.startsWith("abuse/") && name.endsWith("arf.eml"));
            EvidenceZips.assertManifestVerifies(files, dataDir.resolve("unzipped"));
            assertThat(http.get("/api/incidents/INC-000000000000/evidence").statusCode())
                    .isEqualTo(404);

            // the same archive from the command line, against the running engine's broker
            final java.nio.file.Path zip = dataDir.resolve(id + ".zip");
            final String said = Cli.run(
                    env, "evidence", "--incident", id, "--bootstrap-servers", bootstrap, "--out", zip.toString());
            assertThat(said).contains(id);
            final Map<String, byte[]> fromCli = EvidenceZips.read(java.nio.file.Files.readAllBytes(zip));
            assertThat(fromCli.get("mail/" + reportId + ".eml")).isEqualTo(phishing(delivered));
            EvidenceZips.assertManifestVerifies(fromCli, dataDir.resolve("unzipped-cli"));
            assertThat(http.get("/api/incidents/" + id + "/evidence?since=forever")
                            .statusCode())
                    .isEqualTo(400);
        }
    }

    /** A phishing mail as the user forwards it, its last Received hop at {@code delivered}. */
    private static byte[] phishing(final Instant delivered) {
        final String date =
                DateTimeFormatter.RFC_1123_DATE_TIME.withZone(ZoneOffset.UTC).format(delivered);
        return ("Received: from mx1.chu-exemple.fr by imap.chu-exemple.fr; " + date + "\r\n"
                        + "Received: from mail.portail-rh.example [203.0.113.5] by mx1.chu-exemple.fr; " + date + "\r\n"
                        + "From: \"Service RH\" <rh@" + LURE + ">\r\nTo: a.meyer@chu-exemple.fr\r\n"
                        + "Subject: Votre bulletin de paie\r\nMessage-ID: <paie-42@" + LURE + ">\r\nDate: " + date
                        + "\r\n"
                        + "MIME-Version: 1.0\r\nContent-Type: text/html\r\n\r\n<a href=\"" + LINK
                        + "\">https://intranet.chu-exemple.fr/</a>\r\n")
                .getBytes(StandardCharsets.US_ASCII);
    }

    private static HttpResponse<String> report(final Engine engine, final byte[] mail) throws Exception {
        return send(engine, "/api/report?reporter=a.meyer@chu-exemple.fr", "message/rfc822", mail, TOKEN);
    }

    private static HttpResponse<String> tick(
            final Engine engine, final String id, final String body, final String token) throws Exception {
        return send(
                engine,
                "/api/incidents/" + id + "/steps",
                "application/json",
                body.getBytes(StandardCharsets.UTF_8),
                token);
    }

    private static HttpResponse<String> send(
            final Engine engine, final String path, final String type, final byte[] body, final String token)
            throws Exception {
        final HttpRequest.Builder request = HttpRequest.newBuilder(
                        URI.create("http://127.0.0.1:" + engine.http().port() + path))
                .timeout(Duration.ofSeconds(30))
                .header("Content-Type", type)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body));
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        return HttpClient.newHttpClient().send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static List<String> rules(final JsonNode incident) {
        return texts(incident.path("timeline"), "rule");
    }

    private static JsonNode stepOf(final JsonNode incident, final String id) {
        return StreamSupport.stream(incident.path("checklist").spliterator(), false)
                .filter(s -> id.equals(s.path("id").asText()))
                .findFirst()
                .orElseThrow();
    }

    private static List<String> texts(final JsonNode array) {
        final List<String> out = new ArrayList<>();
        array.forEach(n -> out.add(n.asText()));
        return out;
    }

    private static List<String> texts(final JsonNode array, final String field) {
        final List<String> out = new ArrayList<>();
        array.forEach(n -> out.add(n.path(field).asText()));
        return out;
    }
}
