package io.vigie.app.status;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;
import static org.assertj.core.api.Assumptions.assumeThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.vigie.app.EngineHttp;
import io.vigie.app.KafkaTestClients;
import io.vigie.app.LoopbackEngine;
import io.vigie.app.PipelineProgress;
import io.vigie.app.RequiredTool;
import io.vigie.app.analyze.SourceFiles;
import io.vigie.app.cli.RunCommand;
import io.vigie.app.config.VigieConfig;
import io.vigie.app.engine.Engine;
import io.vigie.app.pflogsumm.PflogsummCorpus;
import java.io.BufferedReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The status page in a real browser: the engine with the modules {@code vigie run} installs, on the embedded
 * broker, fed the realgen Postfix log and an antivirus detection; headless Chromium loads {@code /}, runs the
 * page's script against the APIs, and the DOM it dumps must hold the top-20 and the alerts.
 */
class StatusPageBrowserIT {

    private static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    private static final String REQUIRE_ENV = "VIGIE_REQUIRE_CHROMIUM";
    /** A file name with markup: the page must show it as text. */
    private static final String MARKUP = "<b id=\"injected\">x</b>";

    @TempDir
    Path dataDir;

    @TempDir
    Path profile;

    @Test
    void shouldShowTheTopListsAndTheLatestAlertsInAHeadlessBrowser() throws Exception {
        RequiredTool.require(CHROMIUM, REQUIRE_ENV, "chromium");
        final PflogsummCorpus.Case realgen = PflogsummCorpus.byName("realgen_mail");
        assumeThat(realgen.log()).as(realgen.skipMessage()).isPresent();
        final VigieConfig config = VigieConfig.load(
                null,
                LoopbackEngine.env(
                        dataDir,
                        Map.of(
                                "VIGIE_ORGANISATION_TIME_ZONE", "UTC",
                                "VIGIE_ORGANISATION_INTERNAL_DOMAINS", "chu-exemple.fr",
                                "VIGIE_ORGANISATION_INTERNAL_NETWORKS", "127.10.0.0/16")));

        try (Engine engine =
                RunCommand.installModules(new Engine(config), config).start()) {
            final EngineHttp http = new EngineHttp(engine);
            http.awaitStatus("/health", 200, Duration.ofMinutes(3));
            produce(
                    engine.bootstrapServers(),
                    config.topics().names().rawPostfix(),
                    realgen.log().get());
            // The mail of the log is days old and the antivirus record is stamped now: the mail goes through the
            // engine first, or the recent record could make its counts late (on a slow machine only).
            PipelineProgress.awaitDrained(engine, Set.of(config.topics().names().rawPostfix()), Duration.ofMinutes(10));
            final String firstSender =
                    realgen.expected().sendersByCount().get(0).address();
            EngineHttp.poll(
                    () -> http.getJson("/api/top?direction=all&by=sender&metric=count&window=day"),
                    top -> firstSender.equals(
                            top.path("entries").path(0).path("address").asText()),
                    Duration.ofMinutes(3),
                    "the day's first sender never became " + firstSender,
                    top -> top + "; " + http.streamsState());
            // ClamAV names no machine: the record's key is the host. A file in Downloads is malware from the internet.
            KafkaTestClients.produce(
                    engine.bootstrapServers(),
                    config.topics().names().rawAv(),
                    "pc-radiologie-12",
                    "/home/jdoe/Downloads/" + MARKUP + ".exe: Win.Trojan.Agent-6245 FOUND");
            final JsonNode alerts = EngineHttp.poll(
                    () -> http.getJson("/api/alerts/latest?limit=50"),
                    a -> a.path("alerts").toString().contains("vigie.av.malware-from-internet"),
                    Duration.ofMinutes(5),
                    "no antivirus alert on /api/alerts/latest",
                    a -> a + "; " + http.streamsState());
            // the antivirus alert opens an incident, which the page lists
            final JsonNode incidents = EngineHttp.poll(
                    () -> http.getJson("/api/incidents?status=open"),
                    i -> i.path("incidents").toString().contains("pc-radiologie-12"),
                    Duration.ofMinutes(2),
                    "no open incident for the antivirus alert");
            final JsonNode inbound = http.getJson("/api/top?direction=inbound&by=sender&metric=count&window=day");
            final JsonNode outbound = http.getJson("/api/top?direction=outbound&by=sender&metric=count&window=day");

            final String dom = dumpDom(engine.http().port());

            final List<String> inboundRows = firstColumnOfRows(table(dom, "top-inbound-sender"));
            final List<String> outboundRows = firstColumnOfRows(table(dom, "top-outbound-sender"));
            assertThat(inboundRows)
                    .as(dom)
                    .isNotEmpty()
                    .first()
                    .isEqualTo(inbound.path("entries").path(0).path("address").asText());
            assertThat(outboundRows)
                    .as(dom)
                    .isNotEmpty()
                    .first()
                    .isEqualTo(outbound.path("entries").path(0).path("address").asText());
            assertThat(inboundRows).hasSizeLessThanOrEqualTo(20);
            assertThat(List.of(inboundRows, outboundRows))
                    .as("pflogsumm's first sender is first of its direction")
                    .anySatisfy(rows -> assertThat(rows.get(0)).isEqualTo(firstSender));

            final String alertsTable = table(dom, "alerts");
            assertThat(rows(alertsTable)).as(alertsTable).isNotEmpty();
            assertThat(alertsTable)
                    .doesNotContain("no data yet")
                    .contains(alerts.path("alerts")
                            .path(0)
                            .path("rule")
                            .path("id")
                            .asText());
            // Values are text, never markup: the antivirus alert's file name shows with its tag escaped.
            assertThat(alertsTable)
                    .contains("vigie.av.malware-from-internet")
                    .contains("&lt;b id=\"injected\"&gt;x&lt;/b&gt;.exe");
            final String incidentsTable = table(dom, "incidents");
            assertThat(incidentsTable)
                    .doesNotContain("no data yet")
                    .contains(incidents.path("incidents").path(0).path("id").asText())
                    .contains("pc-radiologie-12");
            assertThat(dom).doesNotContain(MARKUP);
        }
    }

    @Test
    void shouldAskForTheReadTokenWhenTheEngineRefusesThePagesCalls() throws Exception {
        RequiredTool.require(CHROMIUM, REQUIRE_ENV, "chromium");
        final io.micrometer.prometheusmetrics.PrometheusMeterRegistry registry =
                new io.micrometer.prometheusmetrics.PrometheusMeterRegistry(
                        io.micrometer.prometheusmetrics.PrometheusConfig.DEFAULT);
        try (io.vigie.app.http.HttpApiServer server = new io.vigie.app.http.HttpApiServer(
                        "127.0.0.1",
                        0,
                        "r3ad-t0ken",
                        null,
                        registry,
                        () -> org.apache.kafka.streams.KafkaStreams.State.RUNNING)
                .start()) {
            server.route("/api/top", params -> io.vigie.app.http.JsonResponse.ok(Map.of("entries", List.of())));

            final String dom = dumpDom(server.port());

            // the form is shown (its "hidden" attribute gone) and the tables say why they are empty
            assertThat(dom).containsPattern("<p id=\"token\">");
            assertThat(table(dom, "top-inbound-sender")).contains("HTTP 401");
        } finally {
            registry.close();
        }
    }

    private String dumpDom(final int port) throws Exception {
        final Path out = profile.resolve("dom.html");
        final Path err = profile.resolve("chromium.log");
        final Process chromium = new ProcessBuilder(
                        CHROMIUM.toString(),
                        "--headless",
                        "--no-sandbox",
                        "--disable-gpu",
                        "--disable-background-networking",
                        "--disable-component-update",
                        "--disable-sync",
                        "--no-first-run",
                        "--user-data-dir=" + profile.resolve("profile"),
                        "--virtual-time-budget=10000",
                        "--dump-dom",
                        "http://127.0.0.1:" + port + "/")
                .redirectOutput(out.toFile())
                .redirectError(err.toFile())
                .start();
        if (!chromium.waitFor(90, TimeUnit.SECONDS)) {
            chromium.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            fail("chromium did not finish within 90 s: " + tail(err));
        }
        assertThat(chromium.exitValue()).as(tail(err)).isZero();
        return Files.readString(out, StandardCharsets.UTF_8);
    }

    private static String tail(final Path file) throws java.io.IOException {
        final String text = Files.isRegularFile(file) ? Files.readString(file, StandardCharsets.UTF_8) : "";
        return text.length() > 2000 ? text.substring(text.length() - 2000) : text;
    }

    /** The {@code <table id=...>} element's markup, as Chromium serialised it. */
    private static String table(final String dom, final String id) {
        final Matcher m = Pattern.compile("<table id=\"" + Pattern.quote(id) + "\".*?</table>", Pattern.DOTALL)
                .matcher(dom);
        assertThat(m.find()).as("table " + id + " in " + dom).isTrue();
        return m.group();
    }

    private static List<String> rows(final String table) {
        final String body = table.substring(table.indexOf("<tbody>"));
        return Pattern.compile("<tr(?: class=\"[^\"]*\")?>(.*?)</tr>", Pattern.DOTALL)
                .matcher(body)
                .results()
                .map(r -> r.group(1))
                .filter(r -> !r.contains("no data yet"))
                .toList();
    }

    /** The address column of a top table (the second cell; the first is the rank). */
    private static List<String> firstColumnOfRows(final String table) {
        return rows(table).stream()
                .map(row -> Pattern.compile("<td[^>]*>(.*?)</td>")
                        .matcher(row)
                        .results()
                        .map(r -> r.group(1))
                        .skip(1)
                        .findFirst()
                        .orElse(""))
                .toList();
    }

    private static void produce(final String bootstrap, final String topic, final Path log) throws Exception {
        final Properties props = new Properties();
        props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        props.put(ProducerConfig.LINGER_MS_CONFIG, 5);
        try (KafkaProducer<String, String> producer =
                        new KafkaProducer<>(props, new StringSerializer(), new StringSerializer());
                BufferedReader reader = SourceFiles.open(log)) {
            String line;
            while ((line = reader.readLine()) != null) {
                producer.send(new ProducerRecord<>(topic, null, line));
            }
            producer.flush();
        }
    }
}
