package io.vigie.rules.docs;

import com.fasterxml.jackson.databind.JsonNode;
import io.vigie.core.serde.JsonSerde;
import io.vigie.rules.TestDrivers;
import io.vigie.rules.alert.Alert;
import io.vigie.rules.alert.AlertLevel;
import io.vigie.rules.alert.AlertRule;
import io.vigie.rules.alert.AlertThrottle;
import io.vigie.rules.config.AntivirusConfig;
import io.vigie.rules.config.DmarcConfig;
import io.vigie.rules.config.FlowAnomalyConfig;
import io.vigie.rules.config.QueueConfig;
import io.vigie.rules.config.RulesConfig;
import io.vigie.rules.config.TopicNames;
import io.vigie.rules.dmarc.ReportXml;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Consumer;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;

/**
 * Makes every rule fire once through the whole detector topology and keeps the bytes each first alert had on the
 * alerts topic: the real output the documentation's examples and the SIEM mappings are checked against.
 *
 * <p>The inputs are those of the rule tests ({@code MailFlowDetectionsTest}, {@code DmarcStatisticsTest},
 * {@code ProxyTrafficTest}, {@code AntivirusTest}, {@code QuarantineCampaignsTest}, {@code UserReportsTest},
 * {@code LookalikeSenderDetectionTest}, {@code SaslSprayingTest}, {@code AccountTakeoverTest},
 * {@code MailClickCorrelationTest}, {@code PossibleC2CorrelationTest}), one driver per source
 * so that no scenario depends on another's state. Everything is stamped from a fixed clock, so two runs give the same
 * bytes.
 */
public final class AlertScenarios {

    static final Instant NOW = Instant.parse("2026-11-28T12:00:00Z");
    private static final String DOMAIN = "chu-exemple.fr";

    private AlertScenarios() {}

    /** A captured alert: the record key and the value as JSON. */
    public record Captured(String key, JsonNode value) {}

    /** The first alert of each rule that fired, by rule id, in rule id order. */
    public static Map<String, Captured> run(final Path workDir) {
        final Map<String, Captured> first = new TreeMap<>();
        final List<Captured> all = new ArrayList<>();
        all.addAll(scenario(workDir.resolve("mail"), mailConfig(), AlertScenarios::mail));
        all.addAll(scenario(workDir.resolve("auth"), mailConfig(), AlertScenarios::smtpAuth));
        all.addAll(scenario(
                workDir.resolve("dmarc"),
                RulesConfig.defaults()
                        .withDmarc(DmarcConfig.defaults()
                                .withProtectedDomains(List.of(DOMAIN))
                                .withKnownSenders(List.of("192.0.2.0/28"))),
                AlertScenarios::dmarc));
        all.addAll(scenario(workDir.resolve("proxy"), RulesConfig.defaults(), AlertScenarios::proxy));
        all.addAll(scenario(
                workDir.resolve("av"),
                RulesConfig.defaults()
                        .withAntivirus(AntivirusConfig.defaults().toBuilder()
                                .format("auto")
                                .serverHosts(List.of("srv-*"))
                                .serverNetworks(List.of("10.20.0.0/16"))
                                .servers(List.of("pacs01"))
                                .internetPaths(List.of())
                                .outbreakHosts(3)
                                .outbreakWindow(Duration.ofHours(1))
                                .build()),
                AlertScenarios::antivirus));
        all.addAll(scenario(
                workDir.resolve("quarantine"),
                RulesConfig.defaults().withInternalDomains(List.of(DOMAIN)),
                AlertScenarios::quarantine));
        all.addAll(scenario(workDir.resolve("report"), RulesConfig.defaults(), AlertScenarios::userReport));
        all.addAll(scenario(
                workDir.resolve("correlation"),
                RulesConfig.defaults().withInternalDomains(List.of(DOMAIN)),
                AlertScenarios::correlation));
        for (final Captured alert : all) {
            first.putIfAbsent(alert.value().path("rule").path("id").asText(), alert);
        }
        return first;
    }

    private static List<Captured> scenario(final Path stateDir, final RulesConfig base, final Consumer<Inputs> feed) {
        try {
            Files.createDirectories(stateDir);
        } catch (final IOException e) {
            throw new UncheckedIOException(e);
        }
        final RulesConfig config = base.withClock(Clock.fixed(NOW, ZoneOffset.UTC));
        try (TopologyTestDriver driver = TestDrivers.detector(config, stateDir, NOW)) {
            feed.accept(new Inputs(driver, config.topics()));
            final TestOutputTopic<String, byte[]> alerts = driver.createOutputTopic(
                    config.topics().alerts(), new StringDeserializer(), new ByteArrayDeserializer());
            final List<Captured> captured = new ArrayList<>();
            alerts.readKeyValuesToList().forEach(kv -> captured.add(new Captured(kv.key, json(kv.value))));
            return captured;
        }
    }

    private static JsonNode json(final byte[] bytes) {
        try {
            return JsonSerde.MAPPER.readTree(bytes);
        } catch (final IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Typed writers to the topology's input topics. */
    private record Inputs(TopologyTestDriver driver, TopicNames topics) {
        void text(final String topic, final String key, final String... values) {
            final var input = driver.createInputTopic(topic, new StringSerializer(), new StringSerializer());
            for (final String value : values) {
                input.pipeInput(key, value, NOW);
            }
        }

        /** An alert another part wrote, as the correlations read it back from the alerts topic. */
        void alert(final Alert alert) {
            driver.createInputTopic(
                            topics.alerts(),
                            new StringSerializer(),
                            AlertThrottle.serde().serializer())
                    .pipeInput(alert.ruleId() + '|' + alert.entity(), alert, alert.timestamp());
        }

        void bytes(final String topic, final String key, final byte[] value) {
            driver.createInputTopic(topic, new StringSerializer(), new ByteArraySerializer())
                    .pipeInput(key, value, NOW);
        }
    }

    private static RulesConfig mailConfig() {
        final RulesConfig d = RulesConfig.defaults();
        // Thresholds low enough for a handful of queued messages, and a fan-out of 5 mailboxes to keep the example
        // short; the spike thresholds are the defaults.
        final QueueConfig queue = QueueConfig.defaults().toBuilder()
                .deferredBacklogThreshold(2)
                .deferredGrowthThreshold(2)
                .growthWindow(Duration.ofMinutes(30))
                .oldestMessageAge(Duration.ofHours(4))
                .statusInterval(Duration.ofSeconds(30))
                .build();
        return d.toBuilder()
                .zone(ZoneId.of("Europe/Paris"))
                .internalDomains(List.of(DOMAIN))
                .internalNetworks(List.of("10.0.0.0/8"))
                .messageTimeout(Duration.ofHours(6))
                .queue(queue)
                .flow(FlowAnomalyConfig.defaults().toBuilder()
                        .spikeMinimumMessages(50)
                        .spikeFactor(10)
                        .baselineHours(24)
                        .learningPeriod(Duration.ofDays(7))
                        .fanOutRecipients(5)
                        .fanOutWindow(Duration.ofMinutes(15))
                        .build())
                .alertThrottle(Duration.ofHours(1))
                .build();
    }

    private static void mail(final Inputs in) {
        final List<String> lines = new ArrayList<>();
        // The hour before: 60 members of staff send 2 messages each, the organisation's usual hour (the spike rule
        // is still learning every sender, so the organisation is the baseline).
        for (int i = 0; i < 120; i++) {
            final String qid = "B" + Integer.toHexString(0x10000 + i).toUpperCase() + "0915";
            lines.add("Nov 28 09:15:00 mx postfix/smtpd[1]: " + qid + ": client=pc" + i % 60
                    + ".chu-exemple.local[10.1.3." + i % 60 + "]");
            lines.add("Nov 28 09:15:00 mx postfix/qmgr[2]: " + qid + ": from=<staff" + i % 60 + "@" + DOMAIN
                    + ">, size=900, nrcpt=1 (queue active)");
            lines.add("Nov 28 09:15:01 mx postfix/smtp[3]: " + qid + ": to=<partner" + i + "@example.net>, "
                    + "relay=mx.example.net[192.0.2.7]:25, delay=1, delays=0/0/0.5/0.5, dsn=2.0.0, "
                    + "status=sent (250 Ok)");
            lines.add("Nov 28 09:15:01 mx postfix/qmgr[2]: " + qid + ": removed");
        }
        // A compromised account: 50 messages to the outside in one hour, after SASL login.
        for (int i = 0; i < 50; i++) {
            final String qid = "F" + Integer.toHexString(0x10000 + i).toUpperCase() + "1015";
            lines.add("Nov 28 10:15:00 mx postfix/smtpd[1]: " + qid
                    + ": client=pc42.chu-exemple.local[10.1.2.42], sasl_method=PLAIN, sasl_username=m.leroy@" + DOMAIN);
            lines.add("Nov 28 10:15:00 mx postfix/qmgr[2]: " + qid + ": from=<m.leroy@" + DOMAIN
                    + ">, size=900, nrcpt=1 (queue active)");
            lines.add("Nov 28 10:15:01 mx postfix/smtp[3]: " + qid + ": to=<victim" + i + "@example.net>, "
                    + "relay=mx.example.net[192.0.2.7]:25, delay=1, delays=0/0/0.5/0.5, dsn=2.0.0, "
                    + "status=sent (250 Ok)");
            lines.add("Nov 28 10:15:01 mx postfix/qmgr[2]: " + qid + ": removed");
        }
        // One external sender reaching 5 mailboxes within minutes.
        for (int i = 0; i < 5; i++) {
            final String qid = "C" + Integer.toHexString(0x10000 + i).toUpperCase();
            final String time = "10:0" + (i % 10) + ":00";
            lines.add("Nov 28 " + time + " mx postfix/smtpd[100]: " + qid + ": client=mail.example.org[192.0.2.10]");
            lines.add(
                    "Nov 28 " + time + " mx postfix/cleanup[101]: " + qid + ": message-id=<" + qid + "@phish.example>");
            lines.add("Nov 28 " + time + " mx postfix/qmgr[102]: " + qid
                    + ": from=<invoice@phish.example>, size=3000, nrcpt=1 (queue active)");
            lines.add("Nov 28 " + time + " mx postfix/lmtp[103]: " + qid + ": to=<user" + i + "@" + DOMAIN
                    + ">, relay=exch01.chu-exemple.local[10.0.0.25]:24, delay=0.5, delays=0.1/0/0.2/0.2, "
                    + "dsn=2.0.0, status=sent (250 2.0.0 Ok)");
            lines.add("Nov 28 " + time + " mx postfix/qmgr[102]: " + qid + ": removed");
        }
        // A domain made to look like the hospital's, delivered to two mailboxes.
        final String qid = "4B2C81A03C";
        lines.add("Nov 28 10:20:02 mx postfix/smtpd[19788]: " + qid
                + ": client=vps65280.hosting-exemple.net[203.0.113.45]");
        lines.add("Nov 28 10:20:02 mx postfix/cleanup[19836]: " + qid
                + ": message-id=<an483gb0rrcp6fcn.898334@chu-exemple-fr.com>");
        lines.add("Nov 28 10:20:02 mx postfix/qmgr[18401]: " + qid
                + ": from=<compta@chu-exemple-fr.com>, size=4627, nrcpt=2 (queue active)");
        for (final String recipient : List.of("pierre.guerin@" + DOMAIN, "lucie.jacquet@" + DOMAIN)) {
            lines.add("Nov 28 10:20:03 mx postfix/smtp[19475]: " + qid + ": to=<" + recipient
                    + ">, relay=exch-hub.chu-exemple.local[10.0.0.25]:2526, delay=0.61, delays=0.01/0/0.3/0.3, "
                    + "dsn=2.0.0, status=sent (250 2.0.0 Ok: queued as 7F3E21C0042)");
        }
        lines.add("Nov 28 10:20:03 mx postfix/qmgr[18401]: " + qid + ": removed");
        in.text(in.topics().rawPostfix(), null, lines.toArray(String[]::new));
        // Two postqueue snapshots: one message stuck for 9 hours, then a deferred backlog of 5.
        in.text(in.topics().rawPostqueue(), "mx", postqueue(1));
        in.text(in.topics().rawPostqueue(), "mx", postqueue(5));
    }

    /**
     * Password spraying on the submission port from one /24, then one of its addresses guesses a secretary's
     * password and sends mail to the outside with it.
     */
    private static void smtpAuth(final Inputs in) {
        final List<String> lines = new ArrayList<>();
        final List<String> accounts = List.of(
                "accueil",
                "admin",
                "comptabilite",
                "direction",
                "info",
                "rh",
                "secretariat.pediatrie",
                "support",
                "urgences",
                "webmaster");
        for (int i = 0; i < accounts.size(); i++) {
            lines.add("Nov 28 09:%02d:17 mx postfix/submission/smtpd[%d]: warning: unknown[203.0.113.%d]: SASL LOGIN "
                            .formatted(i, 3100 + i, 10 + i)
                    + "authentication failed: authentication failure, sasl_username="
                    + accounts.get(i) + "@" + DOMAIN);
        }
        for (int i = 0; i < 5; i++) {
            lines.add("Nov 28 09:1%d:42 mx postfix/submission/smtpd[3120]: warning: unknown[203.0.113.42]: SASL PLAIN "
                            .formatted(i)
                    + "authentication failed: authentication failure, sasl_username="
                    + "secretariat.pediatrie@" + DOMAIN);
        }
        final String qid = "91D0720E2E3";
        lines.add("Nov 28 09:16:05 mx postfix/submission/smtpd[3121]: " + qid + ": client=unknown[203.0.113.42], "
                + "sasl_method=PLAIN, sasl_username=secretariat.pediatrie@" + DOMAIN);
        lines.add("Nov 28 09:16:05 mx postfix/cleanup[3122]: " + qid + ": message-id=<" + qid + "@" + DOMAIN + ">");
        lines.add("Nov 28 09:16:05 mx postfix/qmgr[102]: " + qid + ": from=<secretariat.pediatrie@" + DOMAIN
                + ">, size=4120, nrcpt=3 (queue active)");
        for (final String to : List.of("invoice@example.net", "a.martin@example.org", "compta@example.com")) {
            lines.add("Nov 28 09:16:06 mx postfix/smtp[3123]: " + qid + ": to=<" + to + ">, relay=mx.example.net"
                    + "[192.0.2.7]:25, delay=1.2, delays=0.1/0/0.6/0.5, dsn=2.0.0, status=sent (250 2.0.0 Ok)");
        }
        lines.add("Nov 28 09:16:06 mx postfix/qmgr[102]: " + qid + ": removed");
        in.text(in.topics().rawPostfix(), null, lines.toArray(String[]::new));
        // the secretariat's workstation, as the proxy logs it (who is who), then the taken-over account over the VPN
        in.text(
                in.topics().rawProxy(),
                "access.log",
                "10.30.0.8 - secretariat.pediatrie [28/Nov/2026:08:55:00 +0000] "
                        + "\"GET http://intranet.chu-exemple.fr/ HTTP/1.1\" 200 512 \"-\" \"Mozilla/5.0\" TCP_MISS:HIER_DIRECT");
        in.text(
                in.topics().rawAuth(),
                "vpn1",
                "{\"user\":\"secretariat.pediatrie\",\"source_ip\":\"198.51.100.23\","
                        + "\"assigned_ip\":\"10.8.0.42\",\"start\":\"2026-11-28T09:40:00Z\",\"end\":\"2026-11-28T10:05:00Z\","
                        + "\"gateway\":\"vpn1\"}");
    }

    private static String postqueue(final int deferred) {
        final StringBuilder snapshot = new StringBuilder();
        for (int i = 0; i < deferred; i++) {
            final long arrival =
                    NOW.minus(Duration.ofHours(9)).plusSeconds(60L * i).getEpochSecond();
            snapshot.append("{\"queue_name\":\"deferred\",\"queue_id\":\"ABC12")
                    .append(i)
                    .append("\",\"arrival_time\":")
                    .append(arrival)
                    .append(",\"message_size\":1200,\"forced_expire\":false,")
                    .append("\"sender\":\"a@chu-exemple.fr\",\"recipients\":[{\"address\":\"b@slow.example\",")
                    .append("\"delay_reason\":\"connect to mx.slow.example[192.0.2.9]:25: Connection timed out\"}]}\n");
        }
        return snapshot.toString();
    }

    private static void dmarc(final Inputs in) {
        in.bytes(
                in.topics().rawDmarc(),
                "google.xml",
                ReportXml.day("google.com", "s-1", DOMAIN, "none", "2026-11-20T00:00:00Z")
                        .row("192.0.2.10", 30, "none", "fail", "fail", DOMAIN)
                        .row("203.0.113.5", 6, "none", "fail", "fail", DOMAIN)
                        .row("203.0.113.8", 40, "none", "fail", "fail", DOMAIN)
                        .bytes());
    }

    /** A Squid combined line at the given time on 2026-11-28. */
    private static String squid(
            final String client,
            final String user,
            final String time,
            final String url,
            final int status,
            final long bytes,
            final String referer,
            final String action) {
        return client + " - " + user + " [28/Nov/2026:" + time + " +0000] \"GET " + url + " HTTP/1.1\" " + status + " "
                + bytes + " \"" + referer + "\" \"Mozilla/5.0 (Windows NT 10.0; Win64; x64)\" " + action
                + ":HIER_DIRECT";
    }

    private static void proxy(final Inputs in) {
        final String proxy = in.topics().rawProxy();
        in.text(
                proxy,
                "access.log",
                squid(
                        "10.1.1.20",
                        "odurand",
                        "09:00:00",
                        "http://stats-collect.site/a",
                        200,
                        10,
                        "http://news.example/",
                        "TCP_MISS"));
        in.text(
                in.topics().rawIndicators(),
                "bulletin.txt",
                "stats-collect.site CERTFR-2026-ALE-011",
                "maj-logiciel-cdn.info CERTFR-2026-ALE-012");
        in.text(
                proxy,
                "access.log",
                squid(
                        "10.1.1.5",
                        "jdupont",
                        "11:00:00",
                        "http://maj-logiciel-cdn.info/update.php",
                        200,
                        512,
                        "-",
                        "TCP_MISS"),
                squid(
                        "10.1.1.40",
                        "nrobert",
                        "11:03:00",
                        "http://203.0.113.45:8080/files/Facture.exe",
                        200,
                        700_000,
                        "-",
                        "TCP_MISS"),
                squid(
                        "10.1.1.50",
                        "-",
                        "11:04:10",
                        "http://cdn-track.example/c/"
                                + "aGVsbG8gd29ybGQgdGhpcyBpcyBhIGJlYWNvbiBwYXlsb2Fk/Zm9vYmFyYmF6cXV4cXV1eF9yYW5kb21fZGF0YQ"
                                + "?id=8f3e2a1c9b7d6e5f4a3b2c1d0e9f8a7b",
                        200,
                        100,
                        "-",
                        "TCP_MISS"));
    }

    private static void antivirus(final Inputs in) {
        final String root = "/var/tmp/realgen/clamav/root/home/";
        final String av = in.topics().rawAv();
        in.text(
                av,
                "winlogbeat",
                "{\"@timestamp\":\"2026-11-28T08:00:00.000Z\",\"host\":{\"name\":\"PC-GGARNIER\","
                        + "\"ip\":\"10.1.3.17\"},\"winlog\":{\"channel\":\"Microsoft-Windows-Windows Defender/Operational\","
                        + "\"event_id\":1116,\"provider_name\":\"Microsoft-Windows-Windows Defender\",\"event_data\":{"
                        + "\"Threat Name\":\"Trojan:Win32/Emotet.RPX!MTB\",\"Path\":\"file:_C:\\\\Users\\\\ggarnier\\\\AppData"
                        + "\\\\Local\\\\Temp\\\\x.docm\",\"Detection User\":\"CHU\\\\ggarnier\",\"Origin Name\":\"Internet\","
                        + "\"Action Name\":\"Not Applicable\",\"Severity Name\":\"Severe\"}}}");
        in.text(
                av,
                "srv-fichiers",
                "Sat Nov 28 05:30:00 2026 -> " + root + "partage/compta/facture.zip: Win.Trojan.Agent-1 FOUND");
        for (int i = 1; i <= 3; i++) {
            in.text(
                    av,
                    "pc-" + i,
                    "Sat Nov 28 06:" + i + "0:00 2026 -> " + root + "u" + i
                            + "/Desktop/photos.zip: Win.Worm.Spread-7 FOUND");
        }
    }

    private static void quarantine(final Inputs in) {
        for (int minute = 1; minute <= 5; minute++) {
            in.text(
                    in.topics().rawQuarantine(),
                    "mx",
                    String.format(
                            "Nov 28 11:%02d:00 mx amavis[1234]: (01234-%02d) "
                                    + "Blocked SPAM {DiscardedInbound,Quarantined}, [203.0.113.5]:4242 [203.0.113.5] "
                                    + "<compta%d@factures-%d.example> -> <user%d@chu-exemple.fr>, quarantine: spam-q%02d, "
                                    + "Queue-ID: 4B2C81A0%02d, Message-ID: <m%02d@factures-%d.example>, mail_id: q%02d, "
                                    + "Hits: -, size: 2345, Subject: \"Votre facture n°%d est disponible\", 1523 ms",
                            minute,
                            minute,
                            minute,
                            minute,
                            minute,
                            minute,
                            minute,
                            minute,
                            minute,
                            minute,
                            4000 + minute));
        }
    }

    private static void userReport(final Inputs in) {
        final String mail = io.vigie.rules.report.PayslipPhishing.mail();
        in.bytes(in.topics().rawReports(), "a.meyer@chu-exemple.fr", mail.getBytes(StandardCharsets.US_ASCII));
    }

    /**
     * A reported mail delivered at 09:00 links to paie-chu-exemple.example; its recipient follows the link at 10:15.
     * PC-0042 (10.1.3.7) reaches a host nobody else uses at 10:20, its antivirus detects a trojan at 10:30, and
     * another workstation reaches that host at 11:05. The mail and antivirus alerts are those the other parts write.
     */
    private static void correlation(final Inputs in) {
        final String proxy = in.topics().rawProxy();
        final AlertRule report = new AlertRule(
                "vigie.mail.user-report",
                "Suspicious mail reported by a user",
                "-",
                AlertLevel.MEDIUM,
                List.of("email"),
                "vigie.mail",
                List.of());
        in.alert(report.raise(
                        Instant.parse("2026-11-28T09:40:00Z"),
                        "a.meyer@" + DOMAIN + "|r-20261128-0007",
                        Instant.parse("2026-11-28T09:40:00Z"),
                        "a.meyer reported a mail")
                .user("email", "a.meyer@" + DOMAIN)
                .related("user", List.of("a.meyer@" + DOMAIN))
                .related("hosts", List.of("paie-chu-exemple.example"))
                .observed("delivered", "2026-11-28T09:00:00Z")
                .build());
        in.text(
                proxy,
                "access.log",
                squid(
                        "10.1.2.30",
                        "CHU\\a.meyer",
                        "10:15:00",
                        "http://paie-chu-exemple.example/connexion",
                        200,
                        5120,
                        "-",
                        "TCP_MISS"));
        in.text(
                proxy,
                "access.log",
                squid(
                        "10.1.3.7",
                        "-",
                        "10:20:00",
                        "http://update-check.example/beacon?id=42",
                        200,
                        64,
                        "-",
                        "TCP_MISS"));
        final AlertRule av = new AlertRule(
                "vigie.av.malware-from-internet",
                "Malware that came from the internet",
                "-",
                AlertLevel.HIGH,
                List.of("malware"),
                "vigie.av",
                List.of());
        in.alert(av.raise(
                        Instant.parse("2026-11-28T10:30:00Z"),
                        "PC-0042|C:\\Users\\ebrun\\Downloads\\a.exe",
                        Instant.parse("2026-11-28T10:00:00Z"),
                        "Trojan in a.exe on PC-0042")
                .source("ip", "10.1.3.7")
                .related("hosts", List.of("PC-0042"))
                .observed("threat", "Trojan:Win32/Agent")
                .build());
        in.text(
                proxy,
                "access.log",
                squid(
                        "10.1.3.9",
                        "CHU\\e.blanc",
                        "11:05:00",
                        "http://update-check.example/beacon?id=43",
                        200,
                        64,
                        "-",
                        "TCP_MISS"));
    }
}
