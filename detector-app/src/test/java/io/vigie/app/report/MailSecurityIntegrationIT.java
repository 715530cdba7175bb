package io.vigie.app.report;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.vigie.app.Cli;
import io.vigie.app.EngineHttp;
import io.vigie.app.KafkaTestClients;
import io.vigie.app.LoopbackEngine;
import io.vigie.app.config.VigieConfig;
import io.vigie.app.engine.Engine;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * End to end on the embedded broker, as {@code vigie run} works: a user reports a mail through
 * {@code POST /api/report}, real ClamAV output and Amavis decisions are fed with {@code vigie ingest}; the
 * analysis, the alerts, the original bytes and the metrics must show them.
 */
class MailSecurityIntegrationIT {

    static final Path CLAMDSCAN = Path.of("../detector-core/src/test/resources/samples/av/realgen/clamdscan.log");
    private static final String TOKEN = "report-t0ken";

    @TempDir
    Path dataDir;

    static String phishing(final String subject) {
        return "From: \"Service RH\" <rh@portail-rh.example>\r\nReply-To: rh.paie@gmail.com\r\n"
                + "To: a.meyer@chu-exemple.fr\r\nSubject: " + subject
                + "\r\nMessage-ID: <paie-42@portail-rh.example>\r\n"
                + "Date: Fri, 27 Nov 2026 09:00:00 +0100\r\nMIME-Version: 1.0\r\nContent-Type: text/html\r\n\r\n"
                + "<a href=\"http://portail-rh.example/login\">https://intranet.chu-exemple.fr/</a>\r\n";
    }

    @Test
    void shouldTakeAReportedMailAndTheAntivirusAndQuarantineLogsToAlerts() throws Exception {
        final Map<String, String> env = LoopbackEngine.env(
                dataDir,
                Map.of(
                        "VIGIE_HTTP_API_TOKEN", TOKEN,
                        "VIGIE_REPORTS_MAX_BYTES", "65536",
                        "VIGIE_ORGANISATION_INTERNAL_DOMAINS", "chu-exemple.fr",
                        "VIGIE_ORGANISATION_TIME_ZONE", "UTC"));
        final VigieConfig config = VigieConfig.load(null, env);
        try (Engine engine = ReportModule.install(new Engine(config), config).start()) {
            final EngineHttp http = new EngineHttp(engine);
            http.awaitStatus("/health", 200, Duration.ofSeconds(90));

            final byte[] mail = phishing("Votre bulletin de paie").getBytes(StandardCharsets.US_ASCII);
            assertThat(post(engine, mail, "message/rfc822", null).statusCode()).isEqualTo(401);
            assertThat(post(engine, new byte[100_000], "message/rfc822", TOKEN).statusCode())
                    .isEqualTo(413);
            assertThat(post(engine, "just text".getBytes(StandardCharsets.US_ASCII), "message/rfc822", TOKEN)
                            .statusCode())
                    .isEqualTo(400);
            assertThat(post(engine, mail, "application/json", TOKEN).statusCode())
                    .isEqualTo(415);
            final HttpResponse<String> accepted = post(engine, mail, "message/rfc822", TOKEN);
            assertThat(accepted.statusCode()).as(accepted.body()).isEqualTo(202);
            final String reportId =
                    EngineHttp.json(accepted.body()).path("report_id").asText();
            assertThat(reportId)
                    .isEqualTo(HexFormat.of()
                            .formatHex(MessageDigest.getInstance("SHA-256").digest(mail)));

            // the original is kept byte for byte, keyed by the reporter
            final var originals = KafkaTestClients.consume(
                    engine.bootstrapServers(), config.topics().names().rawReports(), 1);
            assertThat(originals).singleElement().satisfies(r -> {
                assertThat(r.key()).isEqualTo("a.meyer@chu-exemple.fr");
                assertThat(r.value()).isEqualTo(new String(mail, StandardCharsets.UTF_8));
            });
            final JsonNode analysis = EngineHttp.json(KafkaTestClients.values(KafkaTestClients.consume(
                            engine.bootstrapServers(), config.topics().names().reports(), 1))
                    .get(0));
            assertThat(analysis.path("reportId").asText()).isEqualTo(reportId);
            assertThat(analysis.path("findings").toString())
                    .contains("reply-to differs from from")
                    .contains("link text shows another host");

            assertThat(Cli.run(
                            env,
                            "ingest",
                            "--source",
                            "clamav",
                            "--host",
                            "pc-mleroy",
                            "--bootstrap-servers",
                            engine.bootstrapServers(),
                            CLAMDSCAN.toString()))
                    .contains("ingested");
            final Path amavis = dataDir.resolve("amavis.log");
            final StringBuilder lines = new StringBuilder();
            // Stamped in the last half hour: syslog lines carry no year, and a time ahead would not be "now".
            final java.time.format.DateTimeFormatter syslogTime = java.time.format.DateTimeFormatter.ofPattern(
                            "MMM ppd HH:mm:ss", java.util.Locale.ENGLISH)
                    .withZone(java.time.ZoneOffset.UTC);
            for (int i = 1; i <= 5; i++) {
                lines.append(String.format(
                        "%s mx amavis[1234]: (01234-%02d) Blocked SPAM {Discarded"
                                + "Inbound,Quarantined}, [203.0.113.5]:4242 [203.0.113.5] <c%d@factures-%d.example> -> "
                                + "<user%d@chu-exemple.fr>, quarantine: spam-q%d, Queue-ID: 4B2C81A0%02d, Message-ID: "
                                + "<m%d@f.example>, Hits: 12.5, size: 2345, Subject: \"Votre facture n°%d est disponible\", "
                                + "1523 ms%n",
                        syslogTime.format(java.time.Instant.now().minusSeconds(1800 - 60L * i)),
                        i,
                        i,
                        i,
                        i,
                        i,
                        i,
                        i,
                        4000 + i));
            }
            Files.writeString(amavis, lines);
            assertThat(Cli.run(
                            env,
                            "ingest",
                            "--source",
                            "amavis",
                            "--bootstrap-servers",
                            engine.bootstrapServers(),
                            amavis.toString()))
                    .contains("ingested 5 lines (1 record)");

            final List<String> rules = EngineHttp.poll(
                    () -> KafkaTestClients.values(KafkaTestClients.consume(
                                    engine.bootstrapServers(),
                                    config.topics().names().alerts(),
                                    4))
                            .stream()
                            .map(a -> EngineHttp.json(a).path("rule").path("id").asText())
                            .toList(),
                    r -> r.contains("vigie.mail.user-report")
                            && r.contains("vigie.av.malware-from-internet")
                            && r.contains("vigie.mail.quarantine-campaign"),
                    Duration.ofMinutes(2),
                    "the three kinds of alerts never all arrived");
            assertThat(rules).doesNotContain("vigie.av.detection-on-server");

            http.awaitMetric(
                    "vigie_quarantine_messages_total{application=\"vigie\",reason=\"SPAM\"} 5.0",
                    Duration.ofSeconds(30));
            http.awaitMetric("vigie_quarantine_campaigns_open{application=\"vigie\"} 1.0", Duration.ofSeconds(30));
        }
    }

    private static HttpResponse<String> post(
            final Engine engine, final byte[] body, final String contentType, final String token) throws Exception {
        final HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(
                        "http://127.0.0.1:" + engine.http().port() + "/api/report?reporter=a.meyer@chu-exemple.fr"))
                .timeout(Duration.ofSeconds(30))
                .header("Content-Type", contentType)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body));
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        return HttpClient.newHttpClient().send(request.build(), HttpResponse.BodyHandlers.ofString());
    }
}
