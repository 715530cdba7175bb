package io.vigie.app.evidence;

import static org.assertj.core.api.Assertions.assertThat;

import io.vigie.app.Main;
import io.vigie.app.broker.EmbeddedKafkaBroker;
import io.vigie.core.serde.JsonSerde;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * {@code vigie evidence} through the real command line against the embedded broker: a reported mail, the proxy
 * lines of two hosts, antivirus and VPN lines, alerts and an incident on their topics; the zip holds the subject's
 * records only, the mail byte for byte, and a manifest that verifies.
 */
@Timeout(300)
class EvidenceCommandIT {

    private static final String HOST_14 = "10.20.0.14";
    private static final String BOB_ALERT_ID = "0123456789abcdef0123456789abcdef";
    private static final List<String> PROXY_LINES = List.of(
            "1795843646.438     46 10.20.0.14 TCP_MISS/200 2391 GET http://login.evil-bank.example/verify?id=1 alice "
                    + "HIER_DIRECT/203.0.113.80 text/html",
            "1795843650.120    212 10.20.0.15 TCP_MISS/200 48213 GET http://update.example.net/cab/kb5034.cab - "
                    + "HIER_DIRECT/203.0.113.8 application/vnd.ms-cab-compressed",
            "1795843651.002      0 10.20.0.14 TCP_TUNNEL/200 3900 CONNECT login.office-demo.com:443 - "
                    + "HIER_DIRECT/203.0.113.9 -",
            "1795843652.002      0 10.20.0.15 TCP_DENIED/403 3900 GET http://blocked.example/payload.hta fandre "
                    + "HIER_NONE/- text/html",
            "1795843653.002     10 10.20.0.140 TCP_MISS/200 100 GET http://other.example/ - HIER_DIRECT/203.0.113.10 "
                    + "text/html");
    private static final String OLD_PROXY_LINE = "1792000000.000     10 10.20.0.14 TCP_MISS/200 100 GET "
            + "http://old.example/ - HIER_DIRECT/203.0.113.11 text/html";
    private static final String AV_ALICE = "{\"@timestamp\":\"2026-12-06T09:20:00Z\",\"host\":{\"name\":\"pc-14\","
            + "\"ip\":\"10.20.0.14\"},\"user\":{\"name\":\"alice\"},\"threat\":{\"name\":\"Win.Trojan.Agent-1\"},"
            + "\"file\":{\"path\":\"C:\\\\Users\\\\alice\\\\Downloads\\\\facture.exe\"},\"event\":{\"action\":"
            + "\"quarantined\"}}";
    private static final String AV_BOB = "{\"@timestamp\":\"2026-12-06T09:21:00Z\",\"host\":{\"name\":\"pc-15\","
            + "\"ip\":\"10.20.0.15\"},\"user\":{\"name\":\"bob\"},\"threat\":{\"name\":\"Eicar-Test-Signature\"},"
            + "\"file\":{\"path\":\"C:\\\\Users\\\\bob\\\\eicar.com\"},\"event\":{\"action\":\"removed\"}}";
    private static final String VPN_ALICE =
            "Dec  6 09:10:00 vpn1 openvpn[123]: alice/203.0.113.9:51234 MULTI_sva: " + "pool returned IPv4=10.8.0.6";
    private static final String VPN_ALICE_HANDSHAKE =
            "Dec  6 09:10:00 vpn1 openvpn[123]: 203.0.113.9:51234 " + "VERIFY OK: depth=0, CN=alice";
    private static final String VPN_BOB =
            "Dec  6 09:12:00 vpn1 openvpn[123]: bob/198.51.100.20:40000 MULTI_sva: " + "pool returned IPv4=10.8.0.7";
    private static final String VPN_MALICE =
            "Dec  6 09:13:00 vpn1 openvpn[123]: malice/198.51.100.21:40001 " + "MULTI_sva: pool returned IPv4=10.8.0.8";

    @TempDir
    static Path dir;

    private static EmbeddedKafkaBroker broker;
    private static Map<String, String> env;
    private static byte[] phishing;
    private static byte[] spam;
    private static String alertAlice;
    private static String alertBob;
    private static String incidentOpen;

    @BeforeAll
    static void produceEverything() throws Exception {
        broker = new EmbeddedKafkaBroker(dir.resolve("broker"), "127.0.0.1", 0, 0).start();
        env = Map.of(
                "VIGIE_KAFKA_BOOTSTRAP_SERVERS",
                broker.bootstrapServers(),
                "VIGIE_DATA_DIR",
                dir.resolve("data").toString());
        final StringWriter created = new StringWriter();
        assertThat(execute(created, "topics", "create")).as(created.toString()).isZero();

        phishing = EvidenceMails.phishing("Alice <alice@hopital.example>");
        spam = EvidenceMails.plain("bob@hopital.example");
        alertAlice = "{\"@timestamp\":\"2026-12-06T09:30:00Z\",\"event\":{\"kind\":\"alert\",\"id\":\"a-alice\"},"
                + "\"rule\":{\"id\":\"report.phishing\"},\"message\":\"Mail reported by alice\",\"user\":{\"email\":"
                + "\"alice@hopital.example\"},\"related\":{\"ip\":[\"10.20.0.14\"]},\"vigie\":{\"level\":\"high\","
                + "\"observed\":{\"report_id\":\"" + sha256(phishing) + "\"}}}";
        alertBob = "{\"@timestamp\":\"2026-12-06T09:31:00Z\",\"event\":{\"kind\":\"alert\",\"id\":\"" + BOB_ALERT_ID
                + "\"},"
                + "\"rule\":{\"id\":\"proxy.blocked\"},\"message\":\"Blocked download\",\"source\":{\"ip\":"
                + "\"10.20.0.15\"},\"related\":{\"user\":[\"fandre\"]},\"vigie\":{\"level\":\"medium\"}}";
        final String incidentNew = "{\"id\":\"INC-7\",\"status\":\"open\",\"entities\":{\"users\":[],\"hosts\":[],"
                + "\"ips\":[],\"addresses\":[],\"domains\":[],\"hashes\":[]},\"report_ids\":[],\"timeline\":[]}";
        // the shape of docs/incidents.md: the alerts are those of the timeline
        incidentOpen = "{\"id\":\"INC-7\",\"status\":\"open\",\"severity\":\"high\",\"title\":\"Blocked download\","
                + "\"opened\":\"2026-12-06T09:31:00Z\",\"updated\":\"2026-12-06T09:31:00Z\",\"entities\":{\"users\":"
                + "[\"fandre\"],\"addresses\":[],\"hosts\":[],\"ips\":[\"10.20.0.15\"],\"domains\":[],\"hashes\":[]},"
                + "\"report_ids\":[],\"timeline\":[{\"time\":\"2026-12-06T09:31:00Z\",\"alert_id\":\"" + BOB_ALERT_ID
                + "\",\"rule\":\"vigie.proxy.blocked\",\"source\":\"proxy\",\"level\":\"medium\",\"message\":"
                + "\"Blocked download\"}],\"checklist\":[]}";

        final Instant now = Instant.now();
        final Properties p = new Properties();
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers());
        p.put(ProducerConfig.MAX_REQUEST_SIZE_CONFIG, "4194304");
        try (KafkaProducer<String, byte[]> producer =
                new KafkaProducer<>(p, new StringSerializer(), new ByteArraySerializer())) {
            // older than --since 30d: never in the evidence
            send(producer, "raw.proxy", "access.log", OLD_PROXY_LINE, now.minus(Duration.ofDays(40)));
            send(producer, "raw.proxy", "access.log", String.join("\n", PROXY_LINES) + "\n", now);
            producer.send(new ProducerRecord<>("raw.reports", 0, now.toEpochMilli(), "alice", phishing))
                    .get(30, TimeUnit.SECONDS);
            producer.send(new ProducerRecord<>("raw.reports", 0, now.toEpochMilli(), "bob", spam))
                    .get(30, TimeUnit.SECONDS);
            send(producer, "raw.av", "pc-14", AV_ALICE, now);
            send(producer, "raw.av", "pc-15", AV_BOB, now);
            send(
                    producer,
                    "raw.auth",
                    "vpn1",
                    VPN_ALICE_HANDSHAKE + "\n" + VPN_ALICE + "\n" + VPN_BOB + "\n" + VPN_MALICE,
                    now);
            send(producer, "alerts", "a-alice", alertAlice, now);
            send(producer, "alerts", "a-bob", alertBob, now);
            send(producer, "incidents", "INC-7", incidentNew, now);
            send(producer, "incidents", "INC-7", incidentOpen, now);
        }
    }

    @AfterAll
    static void stopBroker() {
        if (broker != null) {
            broker.close();
        }
    }

    @Test
    void shouldGatherAHostsRecordsOnlyWithTheMailItsAlertNames() throws Exception {
        final Path zip = dir.resolve("host.zip");
        final StringWriter out = new StringWriter();

        final int code = execute(out, "evidence", "--host", HOST_14, "--out", zip.toString());

        assertThat(code).as(out.toString()).isZero();
        assertThat(out.toString())
                .contains("evidence host-10.20.0.14 written to", "proxy_lines=2", "mails=1", "alerts=1");
        final Map<String, byte[]> files = EvidenceZips.read(Files.readAllBytes(zip));
        assertThat(files.get("mail/" + sha256(phishing) + ".eml")).isEqualTo(phishing);
        assertThat(files).doesNotContainKey("mail/" + sha256(spam) + ".eml").doesNotContainKey("incident.json");
        assertThat(text(files, "proxy/lines.log")).isEqualTo(PROXY_LINES.get(0) + "\n" + PROXY_LINES.get(2) + "\n");
        final List<String> events = text(files, "proxy/events.jsonl").lines().toList();
        assertThat(events).hasSize(2);
        assertThat(JsonSerde.MAPPER
                        .readTree(events.get(0))
                        .path("event")
                        .path("clientIp")
                        .asText())
                .isEqualTo(HOST_14);
        assertThat(JsonSerde.MAPPER
                        .readTree(events.get(0))
                        .path("kafka")
                        .path("topic")
                        .asText())
                .isEqualTo("raw.proxy");
        assertThat(text(files, "antivirus/lines.log")).isEqualTo(AV_ALICE + "\n");
        assertThat(JsonSerde.MAPPER
                        .readTree(text(files, "antivirus/events.jsonl"))
                        .path("event")
                        .path("threat")
                        .asText())
                .isEqualTo("Win.Trojan.Agent-1");
        assertThat(text(files, "vpn/lines.log")).isEmpty();
        assertThat(JsonSerde.MAPPER.readTree(text(files, "alerts.jsonl")))
                .isEqualTo(JsonSerde.MAPPER.readTree(alertAlice));
        assertThat(files)
                .containsKeys(
                        "abuse/" + sha256(phishing) + "/arf.eml",
                        "abuse/" + sha256(phishing) + "/signal-spam.txt",
                        "abuse/" + sha256(phishing) + "/phishtank.txt",
                        "collection.json");
        EvidenceZips.assertManifestVerifies(files, dir.resolve("host-unzipped"));
        assertOwnerOnly(zip);
    }

    @Test
    void shouldGatherAUsersMailsProxyAntivirusAndVpnLines() throws Exception {
        final Path zip = dir.resolve("user.zip");
        final StringWriter out = new StringWriter();

        final int code = execute(out, "evidence", "--user", "alice", "--since", "7d", "--out", zip.toString());

        assertThat(code).as(out.toString()).isZero();
        final Map<String, byte[]> files = EvidenceZips.read(Files.readAllBytes(zip));
        assertThat(files.keySet().stream().filter(n -> n.startsWith("mail/")))
                .containsExactly("mail/" + sha256(phishing) + ".eml");
        assertThat(files.get("mail/" + sha256(phishing) + ".eml")).isEqualTo(phishing);
        assertThat(text(files, "proxy/lines.log")).isEqualTo(PROXY_LINES.get(0) + "\n");
        assertThat(text(files, "antivirus/lines.log")).isEqualTo(AV_ALICE + "\n");
        // the session line, read by the engine's raw.auth parser, and the handshake line that names her
        assertThat(text(files, "vpn/lines.log")).isEqualTo(VPN_ALICE_HANDSHAKE + "\n" + VPN_ALICE + "\n");
        final List<String> sessions = text(files, "vpn/events.jsonl").lines().toList();
        assertThat(sessions).hasSize(1);
        assertThat(JsonSerde.MAPPER
                        .readTree(sessions.get(0))
                        .path("event")
                        .path("assignedIp")
                        .asText())
                .isEqualTo("10.8.0.6");
        assertThat(text(files, "alerts.jsonl").lines()).hasSize(1);
        assertThat(JsonSerde.MAPPER
                        .readTree(files.get("collection.json"))
                        .path("vpn_matching")
                        .asText())
                .startsWith("parsed");
        EvidenceZips.assertManifestVerifies(files, dir.resolve("user-unzipped"));
    }

    @Test
    void shouldGatherAnIncidentFromItsLatestRecord() throws Exception {
        final Path zip = dir.resolve("incident.zip");
        final StringWriter out = new StringWriter();

        final int code = execute(out, "evidence", "--incident", "INC-7", "--out", zip.toString());

        assertThat(code).as(out.toString()).isZero();
        final Map<String, byte[]> files = EvidenceZips.read(Files.readAllBytes(zip));
        assertThat(text(files, "incident.json")).isEqualTo(incidentOpen);
        assertThat(JsonSerde.MAPPER.readTree(text(files, "alerts.jsonl")))
                .isEqualTo(JsonSerde.MAPPER.readTree(alertBob));
        assertThat(text(files, "proxy/lines.log")).isEqualTo(PROXY_LINES.get(1) + "\n" + PROXY_LINES.get(3) + "\n");
        assertThat(text(files, "antivirus/lines.log")).isEqualTo(AV_BOB + "\n");
        assertThat(files.keySet()).noneMatch(n -> n.startsWith("mail/") || n.startsWith("abuse/"));
        EvidenceZips.assertManifestVerifies(files, dir.resolve("incident-unzipped"));
    }

    @Test
    void shouldFindTheVpnSessionThatGaveAnAddress() throws Exception {
        final Path zip = dir.resolve("vpn-address.zip");
        final StringWriter out = new StringWriter();

        final int code = execute(out, "evidence", "--host", "10.8.0.6", "--out", zip.toString());

        assertThat(code).as(out.toString()).isZero();
        final Map<String, byte[]> files = EvidenceZips.read(Files.readAllBytes(zip));
        assertThat(text(files, "vpn/lines.log")).isEqualTo(VPN_ALICE + "\n");
        assertThat(JsonSerde.MAPPER
                        .readTree(text(files, "vpn/events.jsonl"))
                        .path("event")
                        .path("user")
                        .asText())
                .isEqualTo("alice");
        assertThat(text(files, "proxy/lines.log")).isEmpty();
        EvidenceZips.assertManifestVerifies(files, dir.resolve("vpn-unzipped"));
    }

    @Test
    @Timeout(120)
    void shouldEndWhileTheTopicIsStillBeingWritten() throws Exception {
        final Path zip = dir.resolve("live.zip");
        final AtomicBoolean stop = new AtomicBoolean();
        final AtomicLong sent = new AtomicLong();
        final Thread writer = new Thread(
                () -> {
                    final Properties p = new Properties();
                    p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers());
                    p.put(ProducerConfig.LINGER_MS_CONFIG, "5");
                    try (KafkaProducer<String, byte[]> producer =
                            new KafkaProducer<>(p, new StringSerializer(), new ByteArraySerializer())) {
                        while (!stop.get()) {
                            producer.send(new ProducerRecord<>(
                                    "raw.auth",
                                    "vpn2",
                                    ("Dec  6 09:14:00 vpn2 openvpn[9]: "
                                                    + "carol/198.51.100.30:1 MULTI_sva: pool returned IPv4=10.8.0.9 #"
                                                    + sent.incrementAndGet())
                                            .getBytes(StandardCharsets.UTF_8)));
                        }
                    }
                },
                "evidence-test-live-writer");
        writer.start();
        try {
            // the writer is under way before the reading starts, and goes on all through it
            while (sent.get() < 1_000) {
                Thread.onSpinWait();
            }
            final StringWriter out = new StringWriter();
            final int code = execute(out, "evidence", "--user", "carol", "--out", zip.toString());

            assertThat(code).as(out.toString()).isZero();
            assertThat(writer.isAlive()).isTrue();
            final Map<String, byte[]> files = EvidenceZips.read(Files.readAllBytes(zip));
            assertThat(text(files, "vpn/lines.log").lines()).isNotEmpty().allMatch(l -> l.contains(" carol/"));
        } finally {
            stop.set(true);
            writer.join(TimeUnit.SECONDS.toMillis(30));
        }
    }

    @Test
    void shouldSayWhenATopicDoesNotExistAndGoOn() throws Exception {
        final Path zip = dir.resolve("missing-topic.zip");
        final Map<String, String> renamed = new java.util.HashMap<>(env);
        // a cluster provisioned before raw.auth existed
        renamed.put("VIGIE_TOPICS_NAMES_RAW_AUTH", "raw.auth.never-created");
        final StringWriter out = new StringWriter();
        final CommandLine cli = new CommandLine(new Main(renamed));
        cli.setOut(new PrintWriter(out, true));
        cli.setErr(new PrintWriter(out, true));

        final int code = cli.execute("evidence", "--user", "alice", "--out", zip.toString());

        assertThat(code).as(out.toString()).isZero();
        assertThat(out.toString()).contains("raw.auth.never-created: no such topic");
        final Map<String, byte[]> files = EvidenceZips.read(Files.readAllBytes(zip));
        assertThat(text(files, "vpn/lines.log")).isEmpty();
        assertThat(text(files, "proxy/lines.log")).isEqualTo(PROXY_LINES.get(0) + "\n");
    }

    @Test
    void shouldFailWithoutWritingAnythingForAnUnknownIncident() {
        final Path zip = dir.resolve("unknown.zip");
        final StringWriter out = new StringWriter();

        final int code = execute(out, "evidence", "--incident", "INC-404", "--out", zip.toString());

        assertThat(code).isEqualTo(1);
        assertThat(out.toString()).contains("no incident INC-404 in topic incidents");
        assertThat(zip).doesNotExist();
        assertThat(dir.resolve(".unknown.zip.part")).doesNotExist();
    }

    @Test
    void shouldRefuseBadArgumentsWithExitCode2() throws Exception {
        final StringWriter none = new StringWriter();
        assertThat(execute(none, "evidence", "--out", dir.resolve("a.zip").toString()))
                .isEqualTo(2);
        assertThat(none.toString()).contains("--incident", "--user", "--host");

        final StringWriter two = new StringWriter();
        assertThat(execute(
                        two,
                        "evidence",
                        "--user",
                        "a",
                        "--host",
                        "b",
                        "--out",
                        dir.resolve("b.zip").toString()))
                .isEqualTo(2);
        assertThat(two.toString()).contains("mutually exclusive");

        final StringWriter since = new StringWriter();
        assertThat(execute(
                        since,
                        "evidence",
                        "--user",
                        "a",
                        "--since",
                        "soon",
                        "--out",
                        dir.resolve("c.zip").toString()))
                .isEqualTo(2);
        assertThat(since.toString()).contains("--since 'soon'");

        final Path existing = Files.writeString(dir.resolve("existing.zip"), "keep", StandardCharsets.UTF_8);
        final StringWriter exists = new StringWriter();
        assertThat(execute(exists, "evidence", "--user", "a", "--out", existing.toString()))
                .isEqualTo(2);
        assertThat(exists.toString()).contains("already exists");
        assertThat(Files.readString(existing, StandardCharsets.UTF_8)).isEqualTo("keep");

        final StringWriter blank = new StringWriter();
        assertThat(execute(
                        blank,
                        "evidence",
                        "--user",
                        " ",
                        "--out",
                        dir.resolve("d.zip").toString()))
                .isEqualTo(2);
    }

    @Test
    void shouldNameTheServersWhenTheClusterIsUnreachable() {
        final Path zip = dir.resolve("unreachable.zip");
        final StringWriter out = new StringWriter();
        final CommandLine cli = new CommandLine(
                new Main(Map.of("VIGIE_KAFKA_BOOTSTRAP_SERVERS", "127.0.0.1:1", "VIGIE_KAFKA_STARTUP_TIMEOUT", "3s")));
        cli.setOut(new PrintWriter(out, true));
        cli.setErr(new PrintWriter(out, true));

        final int code = cli.execute("evidence", "--host", HOST_14, "--out", zip.toString());

        assertThat(code).isEqualTo(1);
        assertThat(out.toString()).contains("evidence: ", "127.0.0.1:1");
        assertThat(zip).doesNotExist();
    }

    private static int execute(final StringWriter out, final String... args) {
        final CommandLine cli = new CommandLine(new Main(env));
        cli.setOut(new PrintWriter(out, true));
        cli.setErr(new PrintWriter(out, true));
        return cli.execute(args);
    }

    private static void send(
            final KafkaProducer<String, byte[]> producer,
            final String topic,
            final String key,
            final String value,
            final Instant time)
            throws Exception {
        producer.send(new ProducerRecord<>(topic, 0, time.toEpochMilli(), key, value.getBytes(StandardCharsets.UTF_8)))
                .get(30, TimeUnit.SECONDS);
    }

    private static String text(final Map<String, byte[]> files, final String name) {
        assertThat(files).containsKey(name);
        return new String(files.get(name), StandardCharsets.UTF_8);
    }

    private static String sha256(final byte[] bytes) {
        return HexFormat.of().formatHex(EvidenceArchive.sha256().digest(bytes));
    }

    private static void assertOwnerOnly(final Path file) throws Exception {
        if (Files.getFileStore(file).supportsFileAttributeView("posix")) {
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file)))
                    .isEqualTo("rw-------");
        }
    }
}
