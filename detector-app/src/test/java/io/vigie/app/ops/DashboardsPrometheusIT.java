package io.vigie.app.ops;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.vigie.app.Cli;
import io.vigie.app.EngineHttp;
import io.vigie.app.KafkaTestClients;
import io.vigie.app.LoopbackEngine;
import io.vigie.app.PipelineProgress;
import io.vigie.app.RequiredTool;
import io.vigie.app.cli.RunCommand;
import io.vigie.app.config.VigieConfig;
import io.vigie.app.dmarc.DmarcIntegrationIT;
import io.vigie.app.engine.Engine;
import io.vigie.app.pflogsumm.PflogsummCorpus;
import io.vigie.app.proxy.UrlhausFeed;
import io.vigie.rules.config.TopicNames;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The Grafana dashboards and the Prometheus rules, proven against a real Prometheus: the engine runs on the
 * embedded broker with every module, as {@code vigie run} starts it, sample data of every source is ingested,
 * a Prometheus scrapes {@code /metrics} every second, and every panel query of every dashboard must parse and
 * return at least one series. {@code promtool} checks the rules file and the scrape configuration.
 */
class DashboardsPrometheusIT {

    static final Path PROMETHEUS = Path.of("/usr/bin/prometheus");
    static final Path PROMTOOL = Path.of("/usr/bin/promtool");
    static final Path DASHBOARDS = Path.of("../deploy/grafana/dashboards");
    static final Path RULES = Path.of("../deploy/prometheus/vigie-rules.yml");
    static final Path SCRAPE_CONFIG = Path.of("../deploy/prometheus/prometheus.yml");
    static final Path SQUID = Path.of("../detector-rules/src/test/resources/realgen/squid/access_combined.log");
    static final Path DMARC = Path.of("../detector-core/src/test/resources/samples/dmarc/real");
    static final Path CLAMDSCAN = Path.of("../detector-core/src/test/resources/samples/av/realgen/clamdscan.log");
    /** The first lines of the realgen gateway log: inbound and outbound mail, enough for every top list. */
    private static final int POSTFIX_LINES = 6000;

    private static final Duration ALL_PANELS_WITHIN = Duration.ofMinutes(8);
    /** For the engine to go through one source's records: minutes on a loaded 2-core machine. */
    private static final Duration SOURCE_PROCESSED_WITHIN = Duration.ofMinutes(8);

    private static final String REQUIRE_ENV = "VIGIE_REQUIRE_PROMETHEUS";

    @TempDir
    Path dir;

    @Test
    void shouldAnswerEveryPanelQueryOfEveryDashboardFromARealPrometheusScrapingTheEngine() throws Exception {
        requireExecutable(PROMETHEUS);
        final PflogsummCorpus.Case realgen = PflogsummCorpus.byName("realgen_mail");
        assumeThat(realgen.log()).as(realgen.skipMessage()).isPresent();
        final Map<String, List<Query>> dashboards = dashboardQueries();
        assertThat(dashboards)
                .containsKeys("vigie-dmarc.json", "vigie-mail.json", "vigie-security.json", "vigie-engine.json");

        // closed (503) until the logs are in: the dump is stamped when it is downloaded, and must reach the engine
        // after the days-old mail (see ingest); then 304 for an unchanged dump
        final UrlhausFeed feed = UrlhausFeed.serve("/csv_recent/", false);
        final SyslogSink siem = new SyslogSink();
        final Path data = Files.createDirectories(dir.resolve("data"));
        final Map<String, String> env = LoopbackEngine.env(
                data,
                Map.ofEntries(
                        Map.entry("VIGIE_ORGANISATION_TIME_ZONE", "UTC"),
                        Map.entry("VIGIE_ORGANISATION_INTERNAL_DOMAINS", "chu-exemple.fr"),
                        Map.entry("VIGIE_ORGANISATION_INTERNAL_NETWORKS", "127.10.0.0/16"),
                        Map.entry("VIGIE_DMARC_PROTECTED_DOMAINS", "example.com,chu-exemple.fr"),
                        Map.entry("VIGIE_INTEL_URLHAUS_DOWNLOAD_URL", feed.url()),
                        Map.entry("VIGIE_INTEL_URLHAUS_DOWNLOAD_INTERVAL", "2s"),
                        // a mailbox nobody answers on: the poller's meters exist (last success 0), as on a broken setup
                        Map.entry("VIGIE_DMARC_IMAP_ENABLED", "true"),
                        Map.entry("VIGIE_DMARC_IMAP_HOST", "127.0.0.1"),
                        Map.entry("VIGIE_DMARC_IMAP_PORT", Integer.toString(freePort())),
                        Map.entry("VIGIE_DMARC_IMAP_USERNAME", "rua"),
                        Map.entry("VIGIE_DMARC_IMAP_PASSWORD", "rua-S3cret"),
                        Map.entry("VIGIE_DMARC_IMAP_POLL_INTERVAL", "1h"),
                        // a syslog SIEM on loopback (plain TCP): the forwarder's meters count real deliveries
                        Map.entry("VIGIE_SIEM_SYSLOG_ENABLED", "true"),
                        Map.entry("VIGIE_SIEM_SYSLOG_HOST", "127.0.0.1"),
                        Map.entry("VIGIE_SIEM_SYSLOG_PORT", Integer.toString(siem.port())),
                        Map.entry("VIGIE_SIEM_SYSLOG_PROTOCOL", "tcp")));
        final VigieConfig config = VigieConfig.load(null, env);
        Process prometheus = null;
        try (siem;
                Engine engine =
                        RunCommand.installModules(new Engine(config), config).start()) {
            final EngineHttp http = new EngineHttp(engine);
            http.awaitStatus("/health", 200, Duration.ofMinutes(3));
            final int prometheusPort = freePort();
            prometheus = startPrometheus(engine.http().port(), prometheusPort);

            ingest(env, engine, config, realgen.log().orElseThrow(), feed);
            final List<String> failures = new ArrayList<>();
            final int checked = checkAll(prometheusPort, dashboards, failures);
            if (!failures.isEmpty()) {
                failures.add("engine: " + http.streamsState());
            }
            final String metrics = http.get("/metrics").body();
            Files.writeString(Path.of("target/dashboards-metrics.txt"), metrics);
            assertThat(namingViolations(metrics)).as("Vigie's own metric names").isEmpty();
            assertThat(failures)
                    .as("%d panel queries checked against Prometheus", checked)
                    .isEmpty();
            assertThat(checked).isGreaterThan(30);
            assertThat(ruleErrors(prometheusPort))
                    .as("rules evaluated by Prometheus")
                    .isEmpty();
            assertThat(siem.received())
                    .as("alerts delivered to the syslog sink")
                    .contains("vigie.av.");
        } finally {
            feed.close();
            if (prometheus != null) {
                prometheus.destroy();
                if (!prometheus.waitFor(20, TimeUnit.SECONDS)) {
                    prometheus.destroyForcibly();
                }
            }
        }
    }

    @Test
    void shouldPassPromtoolOnTheRulesAndTheScrapeConfig() throws Exception {
        requireExecutable(PROMTOOL);
        assertThat(run(PROMTOOL.toString(), "check", "rules", RULES.toString())).contains("SUCCESS");
        // the deployed config names /etc/prometheus/vigie-rules.yml: check a copy with the rules next to it
        final Path config = dir.resolve("prometheus.yml");
        Files.writeString(
                config,
                Files.readString(SCRAPE_CONFIG, StandardCharsets.UTF_8)
                        .replace(
                                "/etc/prometheus/vigie-rules.yml",
                                RULES.toAbsolutePath().toString()),
                StandardCharsets.UTF_8);
        assertThat(run(PROMTOOL.toString(), "check", "config", config.toString()))
                .contains("SUCCESS");
    }

    @Test
    void shouldFlagMetricNamesThatBreakPrometheusConventions() {
        final StringBuilder exposition = new StringBuilder();
        for (int i = 0; i < 20; i++) {
            exposition.append("# TYPE vigie_fine_").append(i).append("_total counter\n");
        }
        assertThat(namingViolations(exposition.toString())).isEmpty();
        exposition
                .append("# TYPE vigie_sent counter\n# TYPE vigie_queue_total gauge\n")
                .append("# TYPE vigie_poll_duration_ms gauge\n");
        assertThat(namingViolations(exposition.toString()))
                .containsExactly(
                        "vigie_sent is a counter",
                        "vigie_queue_total is a gauge",
                        "vigie_poll_duration_ms is not in base units");
        assertThat(namingViolations("# TYPE vigie_one_total counter\n"))
                .containsExactly("only 1 vigie_ metrics exported");
    }

    /** One panel target: where it is shown and its PromQL as Prometheus receives it. */
    record Query(String dashboard, String panel, String expr) {
        @Override
        public String toString() {
            return dashboard + " / " + panel + ": " + expr;
        }
    }

    static Map<String, List<Query>> dashboardQueries() throws IOException {
        final Map<String, List<Query>> all = new LinkedHashMap<>();
        try (Stream<Path> files = Files.list(DASHBOARDS)) {
            for (final Path file :
                    files.filter(f -> f.toString().endsWith(".json")).sorted().toList()) {
                final List<Query> queries = new ArrayList<>();
                collect(
                        file.getFileName().toString(),
                        EngineHttp.json(Files.readString(file, StandardCharsets.UTF_8))
                                .path("panels"),
                        queries);
                all.put(file.getFileName().toString(), queries);
            }
        }
        return all;
    }

    private static void collect(final String dashboard, final JsonNode panels, final List<Query> queries) {
        for (final JsonNode panel : panels) {
            for (final JsonNode target : panel.path("targets")) {
                if (target.hasNonNull("expr")) {
                    queries.add(new Query(
                            dashboard,
                            panel.path("title").asText(),
                            instantiate(target.path("expr").asText())));
                }
            }
            collect(dashboard, panel.path("panels"), queries);
        }
    }

    /** Grafana's interval variables become 1m and template variables match everything, as "All" does. */
    static String instantiate(final String expr) {
        return expr.replaceAll("\\$__(rate_interval|interval|range)", "1m")
                .replaceAll("\\$\\{[A-Za-z0-9_]+(:[a-z]+)?\\}|\\$[A-Za-z_][A-Za-z0-9_]*", ".*");
    }

    private void ingest(
            final Map<String, String> env,
            final Engine engine,
            final VigieConfig config,
            final Path postfixLog,
            final UrlhausFeed feed)
            throws Exception {
        final String bootstrap = engine.bootstrapServers();
        final Path postfix = dir.resolve("mail.log");
        try (Stream<String> lines = Files.lines(postfixLog, StandardCharsets.UTF_8)) {
            Files.write(postfix, (Iterable<String>) lines.limit(POSTFIX_LINES)::iterator, StandardCharsets.UTF_8);
        }
        Files.writeString(
                postfix,
                "this is not a syslog line\n",
                StandardCharsets.UTF_8,
                java.nio.file.StandardOpenOption.APPEND);
        // One source after the other, each through the engine before the next: their event times are days apart
        // (the realgen logs are of 28 November 2026; the URLhaus dump, stamped when downloaded, the amavis lines and
        // one DMARC report are recent). Alerts of every detection are merged, so the top lists share a task and its
        // stream time with other sources: a recent record ahead of the mail closes its day, and every mail count
        // is then late (vigie_late_counts_total) and the top-20 panels stay empty.
        final TopicNames topics = config.topics().names();
        assertThat(Cli.run(env, "ingest", "--source", "postfix", "--bootstrap-servers", bootstrap, postfix.toString()))
                .contains("ingested " + (POSTFIX_LINES + 1) + " lines (");
        PipelineProgress.awaitDrained(engine, Set.of(topics.rawPostfix()), SOURCE_PROCESSED_WITHIN);
        feed.open();
        // the dump's 300, and chu-exemple-fr.com, the look-alike sender domain of the mail log
        new EngineHttp(engine)
                .awaitMetric("vigie_intel_indicators{application=\"vigie\"} 301.0", SOURCE_PROCESSED_WITHIN);
        PipelineProgress.awaitDrained(engine, Set.of(topics.rawUrlhaus()), SOURCE_PROCESSED_WITHIN);
        assertThat(Cli.run(env, "ingest", "--source", "dmarc", "--bootstrap-servers", bootstrap, DMARC.toString()))
                .contains("ingested 57 records");
        PipelineProgress.awaitDrained(engine, Set.of(topics.rawDmarc()), SOURCE_PROCESSED_WITHIN);
        // the 7-day gauges need a report on recent mail
        KafkaTestClients.produce(
                bootstrap,
                config.topics().names().rawDmarc(),
                "recent.xml",
                DmarcIntegrationIT.recentSpoofingReport(
                        LocalDate.now(ZoneOffset.UTC).minusDays(1)));
        PipelineProgress.awaitDrained(engine, Set.of(topics.rawDmarc()), SOURCE_PROCESSED_WITHIN);
        final Path bulletin = dir.resolve("bulletin.txt");
        Files.writeString(
                bulletin,
                "# CERT bulletin of the scenario\n127.0.0.45\nmaj-logiciel-cdn.info\n"
                        + "telechargement-gratuit.top\nportail-factures.click\npartage-docs-securise.top\nstats-collect.site\n",
                StandardCharsets.UTF_8);
        assertThat(Cli.run(
                        env, "ingest", "--source", "indicators", "--bootstrap-servers", bootstrap, bulletin.toString()))
                .contains("ingested 7 records");
        PipelineProgress.awaitDrained(engine, Set.of(topics.rawIndicators()), SOURCE_PROCESSED_WITHIN);
        assertThat(Cli.run(env, "ingest", "--source", "combined", "--bootstrap-servers", bootstrap, SQUID.toString()))
                .contains("ingested 2594 lines (");
        PipelineProgress.awaitDrained(engine, Set.of(topics.rawProxy()), SOURCE_PROCESSED_WITHIN);
        assertThat(Cli.run(
                        env,
                        "ingest",
                        "--source",
                        "clamav",
                        "--host",
                        "pc-mleroy",
                        "--bootstrap-servers",
                        bootstrap,
                        CLAMDSCAN.toString()))
                .contains("ingested");
        PipelineProgress.awaitDrained(engine, Set.of(topics.rawAv()), SOURCE_PROCESSED_WITHIN);
        final Path amavis = dir.resolve("amavis.log");
        final StringBuilder lines = new StringBuilder();
        // in the past: the broker refuses records stamped more than an hour ahead (and that kills the stream thread)
        final java.time.format.DateTimeFormatter syslog =
                java.time.format.DateTimeFormatter.ofPattern("MMM ppd HH:mm:ss", java.util.Locale.ENGLISH);
        final java.time.LocalDateTime start =
                java.time.LocalDateTime.now(ZoneOffset.UTC).minusMinutes(30);
        for (int i = 1; i <= 5; i++) {
            lines.append(String.format(
                    "%s mx amavis[1234]: (01234-%02d) Blocked SPAM {Discarded"
                            + "Inbound,Quarantined}, [203.0.113.5]:4242 [203.0.113.5] <c%d@factures-%d.example> -> "
                            + "<user%d@chu-exemple.fr>, quarantine: spam-q%d, Queue-ID: 4B2C81A0%02d, Message-ID: "
                            + "<m%d@f.example>, Hits: 12.5, size: 2345, Subject: \"Votre facture n°%d est disponible\", "
                            + "1523 ms%n",
                    syslog.format(start.plusMinutes(i)), i, i, i, i, i, i, i, 4000 + i));
        }
        Files.writeString(amavis, lines, StandardCharsets.UTF_8);
        assertThat(Cli.run(env, "ingest", "--source", "amavis", "--bootstrap-servers", bootstrap, amavis.toString()))
                .contains("ingested 5 lines (1 record)");
    }

    /**
     * Runs every query until it returns a series, all within one bounded wait: the data goes through the
     * topology while Prometheus scrapes. A query Prometheus refuses fails at once.
     */
    private static int checkAll(final int port, final Map<String, List<Query>> dashboards, final List<String> failures)
            throws Exception {
        final List<Query> pending = new ArrayList<>();
        dashboards.values().forEach(pending::addAll);
        final int total = pending.size();
        final long deadline = System.nanoTime() + ALL_PANELS_WITHIN.toNanos();
        while (!pending.isEmpty() && System.nanoTime() < deadline) {
            for (final Query query : List.copyOf(pending)) {
                final JsonNode answer = query(port, query.expr());
                if (!"success".equals(answer.path("status").asText())) {
                    failures.add(
                            "refused by Prometheus (" + answer.path("error").asText() + "): " + query);
                    pending.remove(query);
                } else if (hasSeries(answer.path("data"))) {
                    pending.remove(query);
                }
            }
            if (!pending.isEmpty()) {
                TimeUnit.SECONDS.sleep(1);
            }
        }
        pending.forEach(query -> failures.add("no series: " + query));
        return total;
    }

    private static boolean hasSeries(final JsonNode data) {
        return switch (data.path("resultType").asText()) {
            case "scalar", "string" -> true;
            default -> data.path("result").size() > 0;
        };
    }

    private static JsonNode query(final int port, final String expr) throws IOException, InterruptedException {
        final HttpResponse<String> response = HttpClient.newHttpClient()
                .send(
                        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/v1/query?query="
                                        + URLEncoder.encode(expr, StandardCharsets.UTF_8)))
                                .timeout(Duration.ofSeconds(10))
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
        return EngineHttp.json(response.body());
    }

    /**
     * Vigie's metrics against Prometheus' naming conventions: counters end in {@code _total}, nothing else does,
     * and units are base units spelled out in the name ({@code _seconds}, {@code _bytes}), never milliseconds.
     */
    static List<String> namingViolations(final String exposition) {
        final List<String> violations = new ArrayList<>();
        final java.util.regex.Matcher type = java.util.regex.Pattern.compile("(?m)^# TYPE (vigie_\\w+) (\\w+)$")
                .matcher(exposition);
        int seen = 0;
        while (type.find()) {
            seen++;
            final String name = type.group(1);
            final boolean counter = "counter".equals(type.group(2));
            if (counter != name.endsWith("_total")) {
                violations.add(name + " is a " + type.group(2));
            }
            if (name.matches(".*_(ms|millis|milliseconds|kb|kib|mb|mib)(_.*)?")) {
                violations.add(name + " is not in base units");
            }
        }
        if (seen < 20) {
            violations.add("only " + seen + " vigie_ metrics exported");
        }
        return violations;
    }

    /** Rules whose last evaluation failed (a rule can parse and still fail, e.g. on duplicate series). */
    private static List<String> ruleErrors(final int port) throws IOException, InterruptedException {
        final HttpResponse<String> response = HttpClient.newHttpClient()
                .send(
                        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/v1/rules"))
                                .timeout(Duration.ofSeconds(10))
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
        final List<String> errors = new ArrayList<>();
        final JsonNode groups = EngineHttp.json(response.body()).path("data").path("groups");
        assertThat(groups).as("rule groups loaded").isNotEmpty();
        for (final JsonNode group : groups) {
            for (final JsonNode rule : group.path("rules")) {
                if (!"ok".equals(rule.path("health").asText())
                        && !"unknown".equals(rule.path("health").asText())) {
                    errors.add(rule.path("name").asText() + ": "
                            + rule.path("lastError").asText());
                }
            }
        }
        return errors;
    }

    private Process startPrometheus(final int enginePort, final int port) throws Exception {
        final Path config = dir.resolve("prometheus.yml");
        Files.writeString(
                config,
                "global:\n  scrape_interval: 1s\n  evaluation_interval: 1s\n"
                        + "rule_files:\n  - " + RULES.toAbsolutePath() + "\n"
                        + "scrape_configs:\n  - job_name: vigie\n    metrics_path: /metrics\n    static_configs:\n"
                        + "      - targets: ['127.0.0.1:" + enginePort + "']\n",
                StandardCharsets.UTF_8);
        final Process process = new ProcessBuilder(
                        PROMETHEUS.toString(),
                        "--config.file=" + config,
                        "--storage.tsdb.path=" + Files.createDirectories(dir.resolve("tsdb")),
                        "--web.listen-address=127.0.0.1:" + port)
                .redirectErrorStream(true)
                .redirectOutput(dir.resolve("prometheus.log").toFile())
                .start();
        // up is recorded from the first scrape: then Prometheus answers queries and sees the engine
        EngineHttp.poll(
                () -> {
                    try {
                        return query(port, "up{job=\"vigie\"} == 1")
                                .path("data")
                                .path("result")
                                .size();
                    } catch (final IOException | java.io.UncheckedIOException e) {
                        // not listening yet, or "Service Unavailable" while the TSDB opens
                        return 0;
                    }
                },
                n -> n > 0,
                Duration.ofSeconds(60),
                "Prometheus never scraped the engine (log: " + dir.resolve("prometheus.log") + ")");
        return process;
    }

    private static void requireExecutable(final Path binary) {
        RequiredTool.require(binary, REQUIRE_ENV, "prometheus");
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    private static String run(final String... command) throws IOException, InterruptedException {
        final Process process =
                new ProcessBuilder(command).redirectErrorStream(true).start();
        final String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(60, TimeUnit.SECONDS))
                .as("%s finished", List.of(command))
                .isTrue();
        assertThat(process.exitValue()).as("%s: %s", List.of(command), out).isZero();
        return out;
    }

    /** A syslog receiver on loopback that keeps what it reads: a real TCP peer for the forwarder. */
    private static final class SyslogSink implements AutoCloseable {
        private final ServerSocket server = new ServerSocket(0, 50, java.net.InetAddress.getLoopbackAddress());
        private final java.io.ByteArrayOutputStream received = new java.io.ByteArrayOutputStream();
        private final Thread reader = new Thread(this::accept, "syslog-sink");

        SyslogSink() throws IOException {
            reader.setDaemon(true);
            reader.start();
        }

        int port() {
            return server.getLocalPort();
        }

        private void accept() {
            while (!server.isClosed()) {
                try (java.net.Socket socket = server.accept();
                        java.io.InputStream in = socket.getInputStream()) {
                    final byte[] buffer = new byte[8192];
                    int n;
                    while ((n = in.read(buffer)) > 0) {
                        synchronized (received) {
                            received.write(buffer, 0, n);
                        }
                    }
                } catch (final IOException e) {
                    // closed by the test, or the forwarder reconnects: accept the next connection
                }
            }
        }

        String received() {
            synchronized (received) {
                return received.toString(StandardCharsets.UTF_8);
            }
        }

        @Override
        public void close() throws IOException {
            server.close();
        }
    }
}
