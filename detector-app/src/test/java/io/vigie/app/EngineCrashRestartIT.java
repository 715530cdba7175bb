package io.vigie.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.vigie.app.pflogsumm.PflogsummCorpus;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.CleanupMode;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 14, crash and restart: the real {@code vigie run} process (its own JVM, embedded broker) is fed the realgen
 * Postfix log, the realgen Squid log and the real DMARC reports, killed with SIGKILL twice while it processes the
 * Postfix and proxy lines and restarted on the same data directory each time. It must end with what an uninterrupted
 * run gives: the day's four top-20 lists, the DMARC figures of every domain and day, every proxy destination's
 * contacts and the blocked counts, and the same alerts on {@code alerts}, no id twice (exactly-once).
 */
@Timeout(900)
class EngineCrashRestartIT {

    private static final String APPLICATION_ID = "vigie";
    private static final String RAW_POSTFIX = "raw.postfix";
    private static final String RAW_PROXY = "raw.proxy";
    private static final String RAW_DMARC = "raw.dmarc";
    private static final String RAW_INDICATORS = "raw.indicators";
    private static final String INDICATORS = "intel.indicators";
    private static final Set<String> INPUTS = Set.of(RAW_POSTFIX, RAW_PROXY, RAW_DMARC, RAW_INDICATORS, INDICATORS);
    private static final List<String> LISTS = List.of(
            "by=sender&metric=count",
            "by=recipient&metric=count",
            "by=sender&metric=bytes",
            "by=recipient&metric=bytes");
    private static final Duration START = Duration.ofMinutes(3);
    private static final Duration PROCESS = Duration.ofMinutes(5);

    /** The realgen Squid scenario (real Squid 5.7, combined format, one day of 2,594 requests), see its README. */
    private static final Path SQUID = Path.of("../detector-rules/src/test/resources/realgen/squid/access_combined.log");
    /**
     * The scenario is sent five times, each ten minutes later than the one before, on raw.proxy's one partition (one
     * feed, one key): enough lines that the proxy is still being read at the kills (the engine reads a proxy line
     * slower than a Postfix line, and reads the Postfix backlog first after a restart). All on the Postfix log's day
     * and within an hour of its alerts: the alert throttle's task reads every source's alerts and forgets a rule and
     * entity once its stream time is an hour past their last alert, so proxy alerts hours away from the mail alerts
     * would be throttled or not depending on which source that task happened to read first (seen: a proxy alert
     * twice in its hour).
     */
    private static final int PROXY_COPIES = 5;

    private static final Duration PROXY_COPY_SHIFT = Duration.ofMinutes(10);
    private static final Pattern SQUID_TIME = Pattern.compile("\\[28/Nov/2026:(\\d{2}):(\\d{2}):(\\d{2}) ");
    private static final java.time.format.DateTimeFormatter SQUID_FORMAT =
            java.time.format.DateTimeFormatter.ofPattern("'['dd/MMM/yyyy:HH:mm:ss' '", java.util.Locale.ENGLISH);
    /** The scenario's untrusted hosts, sent as a CERT bulletin before the traffic (ProxyRealgenTopologyTest). */
    private static final List<String> UNTRUSTED = List.of(
            "127.0.0.45",
            "maj-logiciel-cdn.info",
            "telechargement-gratuit.top",
            "portail-factures.click",
            "partage-docs-securise.top",
            "stats-collect.site");

    private static final Pattern REQUEST_HOST = Pattern.compile("\"[A-Z]+ (?:[a-z]+://)?([^/:\" ]+)");

    /** The real DMARC reports committed in detector-core (MIT / Apache-2.0, see the README there). */
    private static final Path DMARC = Path.of("../detector-core/src/test/resources/samples/dmarc/real");
    /**
     * Every domain the reports' rows are counted under (their header_from, as {@code vigie analyze --source dmarc}
     * lists them); the test checks that their figures add up to every message reported.
     */
    private static final List<String> DMARC_DOMAINS = List.of(
            "ab.id.au",
            "bix-business.com",
            "borschow.com",
            "example.com",
            "example.de",
            "foo-bar.io",
            "foobar.com",
            "foobar.de",
            "georgestarcher.com",
            "mydomain.org",
            "myserver.com",
            "random.net",
            "random.org",
            "twlnet.com",
            "website.com");
    /** Messages in the real reports, each counted once (8554), plus this test's two (10 passing, then 8 failing). */
    private static final long DMARC_MESSAGES = 8554 + 10 + 8;
    /**
     * The years the reports' rows are about, read one calendar year per query (each query lists the domain's thousands
     * of sources: reading every year since 1979 would take half a minute); the sum check fails if one is missing.
     */
    private static final List<Integer> DMARC_YEARS = List.of(1979, 2012, 2017, 2018, 2019, 2020, 2023, 2024, 2026);

    /** Kept when the test fails: both runs' data directories and outputs, to compare their stores and topics. */
    @TempDir(cleanup = CleanupMode.ON_SUCCESS)
    Path dir;

    @Test
    void shouldGiveTheUninterruptedResultsWhenKilledTwiceWhileProcessing() throws Exception {
        final Input input = Input.build();

        // the uninterrupted run alongside: most of either run is waiting for a JVM, a broker or a commit
        final ExecutorService executor = Executors.newSingleThreadExecutor();
        final Future<Result> baseline = executor.submit(() -> {
            final Vigie vigie = Vigie.start(dir.resolve("baseline"), dir.resolve("baseline.out"));
            try {
                vigie.awaitHealthy();
                input.sendIndicators(vigie);
                input.sendLogs(vigie.bootstrap());
                input.sendReports(vigie.bootstrap(), input.reportsFirst());
                input.sendReports(vigie.bootstrap(), input.reportsAfterRestart());
                return vigie.awaitResult(input.proxyHosts());
            } finally {
                vigie.kill();
            }
        });
        executor.shutdown();

        final Vigie first = Vigie.start(dir.resolve("crashed"), dir.resolve("first.out"));
        final Map<String, Long> firstKill;
        final Vigie second;
        final Map<String, Long> secondKill;
        final Result restarted;
        try {
            first.awaitHealthy();
            input.sendIndicators(first);
            input.sendLogs(first.bootstrap());
            input.sendReports(first.bootstrap(), input.reportsFirst());
            firstKill = first.killWhenProcessed(input.fractionOfLogs(1, 3, Map.of()));
        } finally {
            first.kill();
        }
        second = first.restart(dir.resolve("second.out"));
        try {
            // past the first kill's point, or the second process could be killed before it did anything
            secondKill = second.killWhenProcessed(input.fractionOfLogs(2, 3, firstKill));
        } finally {
            second.kill();
        }
        final Vigie third = second.restart(dir.resolve("third.out"));
        try {
            // reports arriving after the crashes: those counted before must be known as duplicates, and the learned
            // senders remembered (sent to a started engine: a producer racing the broker's start can wait long)
            third.awaitHealthy();
            input.sendReports(third.bootstrap(), input.reportsAfterRestart());
            restarted = third.awaitResult(input.proxyHosts());
        } finally {
            third.kill();
        }

        final Result uninterrupted = baseline.get(PROCESS.toMinutes() * 2 + START.toMinutes(), TimeUnit.MINUTES);
        // killed with Postfix and proxy input still unread, so each crash hit the middle of the work (after a restart
        // the engine reads the Postfix backlog first: the proxy may not have moved between the kills)
        for (final String topic : List.of(RAW_POSTFIX, RAW_PROXY)) {
            final long lines = input.lines(topic);
            assertThat(firstKill.get(topic))
                    .as("%s committed at the first kill", topic)
                    .isPositive()
                    .isLessThan(lines);
            assertThat(secondKill.get(topic))
                    .as("%s committed at the second kill", topic)
                    .isGreaterThanOrEqualTo(firstKill.get(topic))
                    .isLessThan(lines);
        }
        assertThat(secondKill.get(RAW_POSTFIX) + secondKill.get(RAW_PROXY))
                .isGreaterThan(firstKill.get(RAW_POSTFIX) + firstKill.get(RAW_PROXY));
        System.out.printf(
                "EngineCrashRestartIT: killed at %s and %s of %d Postfix, %d proxy lines and %d + %d "
                        + "DMARC reports; data directories in %s (kept if the test fails)%n",
                firstKill,
                secondKill,
                input.lines(RAW_POSTFIX),
                input.lines(RAW_PROXY),
                input.reportsFirst().size(),
                input.reportsAfterRestart().size(),
                dir);

        // Postfix
        assertThat(uninterrupted.top().get(LISTS.get(0))).hasSize(20);
        assertThat(restarted.top()).isEqualTo(uninterrupted.top());
        assertThat(uninterrupted.alertIds()).isNotEmpty().doesNotHaveDuplicates();
        assertThat(restarted.alertIds()).doesNotHaveDuplicates();
        // The ids, not the times: null keys spread a message's lines over raw.postfix's partitions, read in another
        // order by each run, so a threshold is crossed on another message and at another @timestamp; the id hangs on
        // the clock hour of the crossing (AlertRule#raiseInClockHour), which is the same.
        assertThat(uninterrupted.idRuleAndEntity(Source.MAIL)).isNotEmpty().doesNotHaveDuplicates();
        assertThat(restarted.idRuleAndEntity(Source.MAIL))
                .doesNotHaveDuplicates()
                .containsExactlyInAnyOrderElementsOf(uninterrupted.idRuleAndEntity(Source.MAIL));

        // DMARC: every domain's figures per day, reporters, sources, and the alerts, ids included (one partition:
        // the reports are counted in the order they were sent, whatever the crashes)
        assertThat(uninterrupted.dmarc().values().stream()
                        .flatMap(node -> stream(node.path("by_day")))
                        .mapToLong(day -> day.path("messages").asLong())
                        .sum())
                .as("every reported message counted once, under one of the domains read")
                .isEqualTo(DMARC_MESSAGES);
        assertThat(restarted.dmarc()).isEqualTo(uninterrupted.dmarc());
        assertThat(uninterrupted.alerts(Source.DMARC))
                .extracting(alert -> alert.split(" ")[1])
                .containsOnlyOnce("vigie.dmarc.domain-spoofing", "vigie.dmarc.legitimate-sender-failing");
        assertThat(restarted.alerts(Source.DMARC))
                .containsExactlyInAnyOrderElementsOf(uninterrupted.alerts(Source.DMARC));

        // proxy: who contacted each destination, the blocked counts, and the alerts, ids included (one feed, one
        // partition: each destination's requests are judged in the log's order)
        assertThat(uninterrupted.contacts())
                .hasSize(input.proxyHosts().size())
                .allSatisfy((host, clients) -> assertThat(clients).as(host).isNotEmpty());
        assertThat(uninterrupted.topBlocked().path("destinations")).isNotEmpty();
        assertThat(restarted.contacts()).isEqualTo(uninterrupted.contacts());
        assertThat(restarted.topBlocked()).isEqualTo(uninterrupted.topBlocked());
        assertThat(uninterrupted.alerts(Source.PROXY))
                .extracting(alert -> alert.split(" ")[1])
                .contains(
                        "vigie.proxy.intel-match",
                        "vigie.proxy.suspicious-download",
                        "vigie.proxy.complex-url-no-referer");
        assertThat(restarted.alerts(Source.PROXY))
                .containsExactlyInAnyOrderElementsOf(uninterrupted.alerts(Source.PROXY));
    }

    private static Stream<JsonNode> stream(final JsonNode array) {
        final List<JsonNode> items = new ArrayList<>();
        array.forEach(items::add);
        return items.stream();
    }

    /** Where an alert comes from, by its rule. */
    private enum Source {
        MAIL,
        PROXY,
        DMARC;

        static Source of(final String rule) {
            return rule.startsWith("vigie.proxy.") ? PROXY : rule.startsWith("vigie.dmarc.") ? DMARC : MAIL;
        }
    }

    /** One DMARC report: its file name (the record's key) and bytes, as received. */
    private record Report(String name, byte[] bytes) {}

    /**
     * What both runs are sent, the same bytes in the same order.
     *
     * @param reportsFirst        the first half of the reports, and a passing one that makes 192.0.2.25 a learned
     *                            sender of example.com
     * @param reportsAfterRestart the other half, the first half again (duplicates), and 192.0.2.25 failing: sent
     *                            after the crashes
     * @param proxyDay            the start of the proxy log's day, the Postfix log's (epoch millis)
     * @param received            the reports' record time, which dates a report stating no period
     */
    private record Input(
            List<String> postfix,
            List<String> proxy,
            Set<String> proxyHosts,
            List<Report> reportsFirst,
            List<Report> reportsAfterRestart,
            long proxyDay,
            long received) {

        static Input build() throws IOException {
            // the Postfix log's dates have no year: the engine gives them the latest 28 Nov not after tomorrow
            final LocalDate today = LocalDate.now(ZoneOffset.UTC);
            final LocalDate postfixDay = LocalDate.of(today.getYear(), 11, 28).isAfter(today.plusDays(1))
                    ? LocalDate.of(today.getYear() - 1, 11, 28)
                    : LocalDate.of(today.getYear(), 11, 28);
            final List<String> squid = Files.readAllLines(SQUID, StandardCharsets.UTF_8);
            final List<String> proxy = new ArrayList<>();
            for (int copy = 0; copy < PROXY_COPIES; copy++) {
                final Duration shift = PROXY_COPY_SHIFT.multipliedBy(copy);
                for (final String line : squid) {
                    final Matcher time = SQUID_TIME.matcher(line);
                    assertThat(time.find())
                            .as("a realgen Squid line of 28 Nov 2026: %s", line)
                            .isTrue();
                    proxy.add(time.replaceFirst(SQUID_FORMAT.format(postfixDay
                            .atTime(
                                    Integer.parseInt(time.group(1)),
                                    Integer.parseInt(time.group(2)),
                                    Integer.parseInt(time.group(3)))
                            .plus(shift))));
                }
            }
            final Set<String> hosts = new TreeSet<>();
            proxy.forEach(line -> {
                final Matcher m = REQUEST_HOST.matcher(line);
                if (m.find()) {
                    hosts.add(m.group(1));
                }
            });
            final List<Report> reports = new ArrayList<>();
            try (Stream<Path> files = Files.walk(DMARC)) {
                for (final Path file : files.filter(Files::isRegularFile)
                        .filter(file -> !file.getFileName().toString().equals("README.md"))
                        .sorted()
                        .toList()) {
                    reports.add(new Report(DMARC.relativize(file).toString(), Files.readAllBytes(file)));
                }
            }
            final List<Report> first = new ArrayList<>(reports.subList(0, reports.size() / 2));
            first.add(new Report("learning.xml", report("learning", LocalDate.of(2024, 6, 20), 10, "pass")));
            final List<Report> later = new ArrayList<>(reports.subList(reports.size() / 2, reports.size()));
            later.addAll(reports.subList(0, reports.size() / 2));
            later.add(new Report("failing.xml", report("failing", LocalDate.of(2024, 6, 21), 8, "fail")));
            return new Input(
                    MailResults.lines(
                            PflogsummCorpus.byName("realgen_mail").log().orElseThrow()),
                    List.copyOf(proxy),
                    hosts,
                    List.copyOf(first),
                    List.copyOf(later),
                    postfixDay.atStartOfDay(ZoneOffset.UTC).toInstant().toEpochMilli(),
                    Instant.now().truncatedTo(ChronoUnit.DAYS).toEpochMilli());
        }

        /** A report on {@code day}: {@code count} messages from 192.0.2.25 for example.com, DKIM and SPF as said. */
        private static byte[] report(final String id, final LocalDate day, final int count, final String result) {
            final long begin = day.atStartOfDay(ZoneOffset.UTC).toEpochSecond();
            return ("<feedback><report_metadata><org_name>crash.example</org_name><report_id>" + id
                            + "</report_id><date_range><begin>" + begin + "</begin><end>" + (begin + 86_399)
                            + "</end></date_range></report_metadata><policy_published><domain>example.com</domain>"
                            + "<p>reject</p></policy_published><record><row><source_ip>192.0.2.25</source_ip><count>"
                            + count
                            + "</count><policy_evaluated><disposition>none</disposition><dkim>" + result
                            + "</dkim><spf>"
                            + result
                            + "</spf></policy_evaluated></row><identifiers><header_from>example.com</header_from>"
                            + "</identifiers></record></feedback>")
                    .getBytes(StandardCharsets.UTF_8);
        }

        long lines(final String topic) {
            return RAW_POSTFIX.equals(topic) ? postfix.size() : proxy.size();
        }

        /**
         * Kill points: {@code numerator/denominator} of each log, but past what {@code after} already saw committed.
         */
        Map<String, Long> fractionOfLogs(final int numerator, final int denominator, final Map<String, Long> after) {
            final Map<String, Long> points = new TreeMap<>();
            for (final String topic : List.of(RAW_POSTFIX, RAW_PROXY)) {
                points.put(topic, Math.max(numerator * lines(topic) / denominator, after.getOrDefault(topic, -1L) + 1));
            }
            return points;
        }

        /**
         * The bulletin, dated the proxy log's day (a record dated now would age that day out of the contacts of the
         * destinations' tasks it reaches), and waited for: listed before the first request, every match is
         * an intel match, never a retro-hunt, whatever the timing.
         */
        void sendIndicators(final Vigie vigie) throws Exception {
            try (KafkaProducer<String, byte[]> producer = producer(vigie.bootstrap())) {
                for (final String host : UNTRUSTED) {
                    producer.send(new ProducerRecord<>(
                            RAW_INDICATORS,
                            null,
                            proxyDay,
                            "bulletin",
                            (host + " CERT-CRASH-TEST").getBytes(StandardCharsets.UTF_8)));
                }
                producer.flush();
            }
            final Properties admin = new Properties();
            admin.put("bootstrap.servers", vigie.bootstrap());
            PipelineProgress.awaitDrained(
                    admin, APPLICATION_ID, Set.of(RAW_INDICATORS, INDICATORS), PROCESS, vigie::outputTail);
            for (final String host : UNTRUSTED) {
                EngineHttp.poll(
                        () -> vigie.get("/api/proxy/contacts?host=" + host),
                        contacts -> contacts.statusCode() == 200
                                && EngineHttp.json(contacts.body())
                                        .path("indicator")
                                        .isObject(),
                        PROCESS,
                        host + " never listed",
                        HttpResponse::body);
            }
        }

        /**
         * The Postfix lines with null keys, as most shippers send them (the lines of one message land on different
         * partitions), and the proxy lines keyed by their file, as {@code vigie ingest} sends them.
         */
        void sendLogs(final String bootstrap) {
            try (KafkaProducer<String, byte[]> producer = producer(bootstrap)) {
                postfix.forEach(line ->
                        producer.send(new ProducerRecord<>(RAW_POSTFIX, null, line.getBytes(StandardCharsets.UTF_8))));
                proxy.forEach(line -> producer.send(
                        new ProducerRecord<>(RAW_PROXY, "access_combined.log", line.getBytes(StandardCharsets.UTF_8))));
                producer.flush();
            }
        }

        /** One record per report, all with one key: one partition, so counted in this order. */
        void sendReports(final String bootstrap, final List<Report> reports) {
            try (KafkaProducer<String, byte[]> producer = producer(bootstrap)) {
                reports.forEach(report ->
                        producer.send(new ProducerRecord<>(RAW_DMARC, null, received, "rua", report.bytes())));
                producer.flush();
            }
        }

        /** One request at a time, so that a retried batch never overtakes the next: the reports' order counts. */
        private static KafkaProducer<String, byte[]> producer(final String bootstrap) {
            final Properties props = new Properties();
            props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
            props.put(ProducerConfig.LINGER_MS_CONFIG, 5);
            props.put(ProducerConfig.MAX_REQUEST_SIZE_CONFIG, 4 * 1024 * 1024);
            props.put(ProducerConfig.MAX_IN_FLIGHT_REQUESTS_PER_CONNECTION, 1);
            props.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, (int) START.toMillis());
            props.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, (int) START.toMillis());
            return new KafkaProducer<>(props, new StringSerializer(), new ByteArraySerializer());
        }
    }

    /**
     * The day's top lists (query to entries); the DMARC summaries (domain and period to figures) of the periods
     * with reports; each proxy destination's contacts (host to clients) and the top blocked destinations; the alerts
     * in the order the topic holds them, each as its id, rule, entity and time (the id alone would make a failure
     * unreadable).
     */
    private record Result(
            Map<String, JsonNode> top,
            Map<String, JsonNode> dmarc,
            Map<String, JsonNode> contacts,
            JsonNode topBlocked,
            List<String> alerts) {

        List<String> alertIds() {
            return alerts.stream().map(alert -> alert.split(" ")[0]).toList();
        }

        List<String> alerts(final Source source) {
            return alerts.stream()
                    .filter(alert -> Source.of(alert.split(" ")[1]) == source)
                    .toList();
        }

        List<String> idRuleAndEntity(final Source source) {
            return alerts(source).stream()
                    .map(alert -> alert.substring(0, alert.lastIndexOf(' ')))
                    .toList();
        }
    }

    /** True from the second time it sees the same value that {@code complete} accepts: two reads agree. */
    private static <T> Predicate<T> settled(final Predicate<T> complete) {
        return new Predicate<>() {
            private T previous;

            @Override
            public boolean test(final T current) {
                final boolean same = current.equals(previous) && complete.test(current);
                previous = current;
                return same;
            }
        };
    }

    /** One {@code vigie run} child process on a data directory, its broker and HTTP on ports kept across restarts. */
    private record Vigie(Process process, Path dataDir, int kafkaPort, int httpPort, Path output, HttpClient http) {

        static Vigie start(final Path dataDir, final Path output) throws IOException {
            return start(dataDir, LoopbackServers.freePort(), LoopbackServers.freePort(), output);
        }

        private static Vigie start(final Path dataDir, final int kafkaPort, final int httpPort, final Path output)
                throws IOException {
            final List<String> command = List.of(
                    Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "-Xmx512m",
                    "-cp",
                    System.getProperty("java.class.path"),
                    Main.class.getName(),
                    "run");
            final ProcessBuilder builder =
                    new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(output.toFile());
            builder.environment().keySet().removeIf(name -> name.startsWith("VIGIE_") || name.startsWith("KAFKA_"));
            builder.environment()
                    .putAll(LoopbackEngine.env(
                            dataDir,
                            Map.of(
                                    "VIGIE_KAFKA_EMBEDDED_LISTENER", "127.0.0.1:" + kafkaPort,
                                    "VIGIE_HTTP_PORT", Integer.toString(httpPort),
                                    "VIGIE_ORGANISATION_TIME_ZONE", "UTC",
                                    "VIGIE_ORGANISATION_INTERNAL_DOMAINS", "chu-exemple.fr",
                                    "VIGIE_ORGANISATION_INTERNAL_NETWORKS", "127.10.0.0/16",
                                    "VIGIE_DMARC_PROTECTED_DOMAINS", "example.com")));
            return new Vigie(builder.start(), dataDir, kafkaPort, httpPort, output, HttpClient.newHttpClient());
        }

        Vigie restart(final Path newOutput) throws IOException {
            return start(dataDir, kafkaPort, httpPort, newOutput);
        }

        String bootstrap() {
            return "127.0.0.1:" + kafkaPort;
        }

        void awaitHealthy() throws Exception {
            EngineHttp.poll(
                    () -> status("/health"),
                    code -> code == 200,
                    START,
                    "/health never answered 200",
                    code -> code + "\n" + outputTail());
        }

        /**
         * SIGKILL as soon as the group's committed offsets on one of the topics of {@code points} reach its point,
         * once every one of them has some committed: each is then being read and none is done. The engine commits
         * every 100 ms and reads thousands of lines a second: one admin client polled without pause, or the first
         * look comes when the work is done.
         *
         * @return the committed records per topic seen just before the kill
         */
        Map<String, Long> killWhenProcessed(final Map<String, Long> points) throws Exception {
            final Properties props = new Properties();
            props.put("bootstrap.servers", bootstrap());
            final long deadline = System.nanoTime() + PROCESS.toNanos();
            Map<String, Long> seen = Map.of();
            try (Admin admin = Admin.create(props)) {
                while (!reached(seen, points)) {
                    if (!process.isAlive()) {
                        throw new IllegalStateException(
                                "vigie run exited with " + process.exitValue() + ":\n" + outputTail());
                    }
                    if (System.nanoTime() > deadline) {
                        throw new AssertionError("never committed " + points + " within " + PROCESS + "; last seen "
                                + seen + "\n" + outputTail());
                    }
                    seen = committed(admin);
                    TimeUnit.MILLISECONDS.sleep(10);
                }
            }
            process.destroyForcibly();
            assertThat(process.waitFor(60, TimeUnit.SECONDS))
                    .as("gone after SIGKILL")
                    .isTrue();
            return seen;
        }

        private static boolean reached(final Map<String, Long> seen, final Map<String, Long> points) {
            return points.keySet().stream().allMatch(topic -> seen.getOrDefault(topic, 0L) > 0)
                    && points.entrySet().stream().anyMatch(point -> seen.get(point.getKey()) >= point.getValue());
        }

        Result awaitResult(final Set<String> proxyHosts) throws Exception {
            awaitHealthy();
            final Properties admin = new Properties();
            admin.put("bootstrap.servers", bootstrap());
            PipelineProgress.awaitDrained(admin, APPLICATION_ID, INPUTS, PROCESS, this::outputTail);
            // the top lists are published from the stores on a schedule: read them until two reads agree
            final Map<String, JsonNode> top = EngineHttp.poll(
                    this::topLists,
                    settled(lists -> lists.values().stream().allMatch(list -> list.size() == 20)),
                    PROCESS,
                    "the top lists never settled");
            // the years with reports, looked for once, then read until two reads agree
            final Set<String> periods = dmarcSummaries(dmarcPeriods()).keySet();
            final Map<String, JsonNode> dmarc = EngineHttp.poll(
                    () -> dmarcSummaries(periods),
                    settled(s -> !s.isEmpty()),
                    PROCESS,
                    "the DMARC summaries never settled");
            final Map<String, JsonNode> contacts = EngineHttp.poll(
                    () -> contacts(proxyHosts),
                    settled(c -> !c.isEmpty()),
                    PROCESS,
                    "the proxy contacts never settled");
            final JsonNode topBlocked = EngineHttp.poll(
                    () -> json("/api/proxy/top-blocked?limit=1000"),
                    settled(blocked -> blocked.path("destinations").isArray()),
                    PROCESS,
                    "the top blocked destinations never settled");
            final List<String> alerts =
                    KafkaTestClients.values(KafkaTestClients.consumeAll(bootstrap(), "alerts")).stream()
                            .map(EngineHttp::json)
                            .map(alert -> alert.path("event").path("id").asText() + " "
                                    + alert.path("rule").path("id").asText() + " "
                                    + alert.path("vigie").path("entity").asText()
                                    + " " + alert.path("@timestamp").asText())
                            .toList();
            return new Result(top, dmarc, contacts, topBlocked, alerts);
        }

        private Map<String, JsonNode> topLists() throws Exception {
            final Map<String, JsonNode> lists = new LinkedHashMap<>();
            for (final String query : LISTS) {
                lists.put(
                        query,
                        json("/api/top?direction=all&window=day&" + query).path("entries"));
            }
            return lists;
        }

        /** Every domain and year: {@code domain year}. */
        private static Set<String> dmarcPeriods() {
            final Set<String> periods = new TreeSet<>();
            for (final String domain : DMARC_DOMAINS) {
                DMARC_YEARS.forEach(year -> periods.add(domain + " " + year));
            }
            return periods;
        }

        /** The summaries of those of {@code periods} ({@code domain year}) that have reports. */
        private Map<String, JsonNode> dmarcSummaries(final Set<String> periods) throws Exception {
            final Map<String, JsonNode> summaries = new TreeMap<>();
            for (final String period : periods) {
                final String[] domainAndYear = period.split(" ");
                final int year = Integer.parseInt(domainAndYear[1]);
                final JsonNode summary = json("/api/dmarc/summary?domain=" + domainAndYear[0] + "&to=" + year
                                + "-12-31&days=" + java.time.Year.of(year).length())
                        .path("domains")
                        .path(0);
                if (!summary.path("by_day").isEmpty()) {
                    summaries.put(period, summary);
                }
            }
            return summaries;
        }

        /** Who contacted each destination of the proxy log, over the last 400 days (the API's maximum). */
        private Map<String, JsonNode> contacts(final Set<String> hosts) throws Exception {
            final Map<String, JsonNode> contacts = new TreeMap<>();
            for (final String host : hosts) {
                contacts.put(
                        host, json("/api/proxy/contacts?days=400&host=" + host).path("clients"));
            }
            return contacts;
        }

        /** The body of a GET; a status other than 200 (the engine starting, a refused query) fails the test. */
        JsonNode json(final String path) throws IOException, InterruptedException {
            final HttpResponse<String> response = get(path);
            assertThat(response.statusCode())
                    .as("%s: %s", path, response.body())
                    .isEqualTo(200);
            return EngineHttp.json(response.body());
        }

        /** The group's committed offsets on each raw topic, summed; empty while the broker does not answer. */
        private static Map<String, Long> committed(final Admin admin) throws InterruptedException {
            try {
                final Map<TopicPartition, OffsetAndMetadata> offsets = admin.listConsumerGroupOffsets(APPLICATION_ID)
                        .partitionsToOffsetAndMetadata()
                        .get(10, TimeUnit.SECONDS);
                final Map<String, Long> committed = new TreeMap<>();
                offsets.forEach((partition, offset) ->
                        committed.merge(partition.topic(), offset == null ? 0 : offset.offset(), Long::sum));
                return committed;
            } catch (final ExecutionException | TimeoutException e) {
                return Map.of();
            }
        }

        private int status(final String path) {
            if (!process.isAlive()) {
                throw new IllegalStateException("vigie run exited with " + process.exitValue() + ":\n" + outputTail());
            }
            try {
                return get(path).statusCode();
            } catch (final IOException e) {
                return -1;
            } catch (final InterruptedException e) {
                Thread.currentThread().interrupt();
                return -1;
            }
        }

        HttpResponse<String> get(final String path) throws IOException, InterruptedException {
            return http.send(
                    HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + httpPort + path))
                            .timeout(Duration.ofSeconds(10))
                            .build(),
                    HttpResponse.BodyHandlers.ofString());
        }

        String outputTail() {
            try {
                final String all = Files.readString(output, StandardCharsets.UTF_8);
                return all.length() > 4000 ? all.substring(all.length() - 4000) : all;
            } catch (final IOException e) {
                return "(no output: " + e + ")";
            }
        }

        void kill() throws InterruptedException {
            process.destroyForcibly();
            process.waitFor(60, TimeUnit.SECONDS);
        }
    }
}
