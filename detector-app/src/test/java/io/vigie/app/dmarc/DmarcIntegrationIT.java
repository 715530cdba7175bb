package io.vigie.app.dmarc;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.vigie.app.EngineHttp;
import io.vigie.app.KafkaTestClients;
import io.vigie.app.LoopbackEngine;
import io.vigie.app.Main;
import io.vigie.app.config.VigieConfig;
import io.vigie.app.engine.Engine;
import io.vigie.app.mail.MailApi;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * End to end on the embedded broker, as {@code vigie run} works: the real DMARC reports are fed with
 * {@code vigie ingest --source dmarc DIR} (twice: the second time must change nothing), then the HTTP API,
 * the metrics, the alert topic and the dead-letter topic must show what the reports say.
 */
public class DmarcIntegrationIT {

    /** The real reports copied into detector-core's tests (MIT / Apache-2.0, see the README there). */
    static final Path CORPUS = Path.of("../detector-core/src/test/resources/samples/dmarc/real");

    @TempDir
    Path dataDir;

    @Test
    void shouldCountRealReportsOnceServeThemAndAlertOnSpoofing() throws Exception {
        final Map<String, String> env = LoopbackEngine.env(dataDir, Map.of("VIGIE_ORGANISATION_TIME_ZONE", "UTC"));
        final VigieConfig config = VigieConfig.load(null, env);

        try (Engine engine =
                DmarcModule.install(MailApi.install(new Engine(config)), config).start()) {
            final EngineHttp http = new EngineHttp(engine);
            http.awaitStatus("/health", 200, Duration.ofSeconds(90));
            assertThat(ingest(env, engine.bootstrapServers()))
                    .as("no file over the size limit")
                    .isZero();

            // parsedmarc's large report: 2,286 rows from as many unknown sources, all failing, on 2024-04-01
            final JsonNode summary = EngineHttp.poll(
                    () -> http.getJson("/api/dmarc/summary?domain=example.com&to=2024-04-01&days=1"),
                    s -> s.path("domains")
                                    .path(0)
                                    .path("totals")
                                    .path("messages")
                                    .asLong()
                            == 2286,
                    Duration.ofMinutes(2),
                    "the large report's day never reached 2286 messages");
            final JsonNode domain = summary.path("domains").path(0);
            assertThat(domain.path("totals").path("fail").asLong()).isEqualTo(2286);
            assertThat(domain.path("totals").path("failing_from_unknown").asLong())
                    .isEqualTo(2286);
            assertThat(domain.path("top_failing_unknown_sources")).hasSize(10);

            // google's nice-input report is in the corpus as .xml, .xml.gz and .zip: counted once
            // the reports are counted per domain partition, each at its own pace: wait for this day's too
            final JsonNode week = EngineHttp.poll(
                    () -> http.getJson("/api/dmarc/summary?domain=example.com&to=2024-06-13&days=1"),
                    json -> json.path("domains")
                                    .path(0)
                                    .path("totals")
                                    .path("messages")
                                    .asLong()
                            >= 6094,
                    Duration.ofMinutes(2),
                    "the 2024-06-13 reports never reached 6094 messages");
            assertThat(week.path("domains")
                            .path(0)
                            .path("totals")
                            .path("messages")
                            .asLong())
                    .isEqualTo(6094);
            assertThat(week.path("domains")
                            .path(0)
                            .path("reporters")
                            .path("google.com")
                            .asLong())
                    .isEqualTo(3047);

            final JsonNode sources =
                    http.getJson("/api/dmarc/sources?domain=example.com&to=2024-06-13&days=1" + "&status=legitimate");
            assertThat(sources.path("total").asInt()).isPositive();
            assertThat(sources.path("sources").path(0).path("legitimate").asText())
                    .isEqualTo("learned");

            // the same files again: nothing more is counted
            final String duplicates = http.awaitMetric(
                    "vigie_dmarc_rows_total{application=\"vigie\",outcome=\"new\"}", Duration.ofSeconds(30));
            final double rowsBefore =
                    metric(duplicates, "vigie_dmarc_rows_total{application=\"vigie\",outcome=\"new\"}");
            ingest(env, engine.bootstrapServers());
            final String after = EngineHttp.poll(
                    () -> http.get("/metrics").body(),
                    body -> metric(body, "vigie_dmarc_rows_total{application=\"vigie\",outcome=\"duplicate\"}")
                            >= rowsBefore,
                    Duration.ofMinutes(2),
                    "the second ingest was not seen as duplicates");
            assertThat(metric(after, "vigie_dmarc_rows_total{application=\"vigie\",outcome=\"new\"}"))
                    .isEqualTo(rowsBefore);
            assertThat(http.getJson("/api/dmarc/summary?domain=example.com&to=2024-06-13&days=1")
                            .path("domains")
                            .path(0)
                            .path("totals")
                            .path("messages")
                            .asLong())
                    .isEqualTo(6094);
            assertThat(after)
                    .contains("vigie_dmarc_messages_total{application=\"vigie\",disposition=\"none\","
                            + "domain=\"example.com\",result=\"fail\"}");
            http.awaitMetric(
                    "vigie_dmarc_legitimate_sources{application=\"vigie\",domain=\"example.com\"}",
                    Duration.ofSeconds(60));

            final List<JsonNode> alerts = EngineHttp.poll(
                    () -> KafkaTestClients.values(KafkaTestClients.consumeAll(
                                    engine.bootstrapServers(),
                                    config.topics().names().alerts()))
                            .stream()
                            .map(EngineHttp::json)
                            .toList(),
                    list -> list.stream()
                            .anyMatch(a -> "vigie.dmarc.domain-spoofing"
                                    .equals(a.path("rule").path("id").asText())),
                    Duration.ofMinutes(5),
                    "no spoofing alert",
                    list -> list + "; " + http.streamsState());
            assertThat(alerts).anySatisfy(alert -> {
                assertThat(alert.path("rule").path("id").asText()).isEqualTo("vigie.dmarc.domain-spoofing");
                assertThat(alert.path("vigie").path("entity").asText()).isEqualTo("example.com");
                assertThat(alert.path("vigie").path("observed").path("day").asText())
                        .isEqualTo("2024-04-01");
            });

            // refused files (SMTP TLS reports, empty and broken files...) are in the dead-letter topic, once per
            // ingest, with their reason and where they were read
            final List<JsonNode> letters = KafkaTestClients.values(KafkaTestClients.consume(
                            engine.bootstrapServers(), config.topics().names().dlq(), 2))
                    .stream()
                    .map(EngineHttp::json)
                    .toList();
            assertThat(letters).allSatisfy(letter -> {
                assertThat(letter.path("source").asText()).isEqualTo("dmarc");
                assertThat(letter.path("topic").asText()).isEqualTo("raw.dmarc");
                assertThat(letter.path("reason").asText()).isNotBlank();
            });

            // a report on yesterday's mail fills the 7-day gauges the DMARC dashboard shows
            KafkaTestClients.produce(
                    engine.bootstrapServers(),
                    config.topics().names().rawDmarc(),
                    "recent.xml",
                    recentSpoofingReport(LocalDate.now(ZoneOffset.UTC).minusDays(1)));
            final String gauges = http.awaitMetric(
                    "vigie_dmarc_top_failing_source_messages{application=\"vigie\","
                            + "domain=\"example.com\",rank=\"1\",source_ip=\"203.0.113.66\"} 30.0",
                    Duration.ofMinutes(1));
            assertThat(gauges)
                    .contains("vigie_dmarc_recent_messages{application=\"vigie\",domain=\"example.com\","
                            + "result=\"fail_unknown\"} 30.0");
            assertThat(dashboardMetrics())
                    .isNotEmpty()
                    .allSatisfy(metric -> assertThat(gauges)
                            .as("the DMARC dashboard's metric %s is exported", metric)
                            .contains("\n" + metric));

            assertThat(http.get("/api/dmarc/summary?days=0").statusCode()).isEqualTo(400);
            assertThat(http.get("/api/dmarc/sources?status=maybe").statusCode()).isEqualTo(400);
        }
    }

    /** Runs {@code vigie ingest --source dmarc} on the corpus directory; returns its exit code. */
    private static int ingest(final Map<String, String> env, final String bootstrap) {
        final CommandLine cli = new CommandLine(new Main(new HashMap<>(env)));
        final StringWriter out = new StringWriter();
        cli.setOut(new PrintWriter(out));
        cli.setErr(new PrintWriter(out));
        final int code =
                cli.execute("ingest", "--source", "dmarc", "--bootstrap-servers", bootstrap, CORPUS.toString());
        assertThat(out.toString()).contains("ingested 57 records");
        return code;
    }

    /** A report on {@code day}: 30 messages from 203.0.113.66 failing DMARC for example.com (p=reject). */
    public static String recentSpoofingReport(final LocalDate day) {
        final long begin = day.atStartOfDay(ZoneOffset.UTC).toEpochSecond();
        return "<feedback><report_metadata><org_name>test.example</org_name><report_id>recent-" + day
                + "</report_id><date_range><begin>" + begin + "</begin><end>" + (begin + 86_399)
                + "</end></date_range></report_metadata><policy_published><domain>example.com</domain><p>reject</p>"
                + "</policy_published><record><row><source_ip>203.0.113.66</source_ip><count>30</count>"
                + "<policy_evaluated><disposition>reject</disposition><dkim>fail</dkim><spf>fail</spf>"
                + "</policy_evaluated></row><identifiers><header_from>example.com</header_from></identifiers>"
                + "</record></feedback>";
    }

    /** Every Vigie metric the DMARC dashboard queries, but the mailbox poller's (only there when enabled). */
    private static Set<String> dashboardMetrics() throws IOException {
        final String dashboard = Files.readString(Path.of("../deploy/grafana/dashboards/vigie-dmarc.json"));
        final Set<String> names = new TreeSet<>();
        final Matcher m = Pattern.compile("vigie_[a-z_]+").matcher(dashboard);
        while (m.find()) {
            if (!m.group().startsWith("vigie_dmarc_imap_")) {
                names.add(m.group());
            }
        }
        return names;
    }

    private static double metric(final String body, final String series) {
        for (final String line : body.split("\n")) {
            if (line.startsWith(series + " ")) {
                return Double.parseDouble(line.substring(series.length() + 1).strip());
            }
        }
        return -1;
    }
}
