package io.vigie.app.siem;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.vigie.app.EngineHttp;
import io.vigie.app.LoopbackEngine;
import io.vigie.app.broker.EmbeddedKafkaBroker;
import io.vigie.app.config.VigieConfig;
import io.vigie.app.engine.Engine;
import io.vigie.rules.config.RulesConfig;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.kafka.clients.CommonClientConfigs;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.Named;
import org.apache.kafka.streams.kstream.Produced;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The forwarder against a real rsyslog ({@link RsyslogServer}, Debian package {@code rsyslog}; TLS with its
 * {@code gtls} driver, package {@code rsyslog-gnutls}) and a real Kafka broker.
 */
class SyslogForwarderIT {

    private static final String REQUIRE_ENV = "VIGIE_REQUIRE_RSYSLOG";
    private static final String MISSING = RsyslogServer.RSYSLOGD + " is missing: install rsyslog to run the "
            + "syslog forwarder test against a real receiver";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern SD_ID = Pattern.compile(" id=\"([^\"]*)\"");
    private static final Duration WAIT = Duration.ofSeconds(60);

    @TempDir
    static Path tempDir;

    private static EmbeddedKafkaBroker broker;

    @BeforeAll
    static void startBroker() throws Exception {
        if (!Files.isExecutable(RsyslogServer.RSYSLOGD)) {
            if ("1".equals(System.getenv(REQUIRE_ENV))) {
                fail(MISSING + " (" + REQUIRE_ENV + "=1 makes this a failure)");
            }
            // Skipped in @BeforeEach, so that the report counts the tests as skipped, not as absent.
            System.out.println("SyslogForwarderIT: skipped, " + MISSING);
            return;
        }
        broker = new EmbeddedKafkaBroker(Files.createDirectories(tempDir.resolve("kafka")), "127.0.0.1", 0, 0).start();
    }

    @BeforeEach
    void requireRsyslog() {
        Assumptions.assumeTrue(broker != null, MISSING);
    }

    @AfterAll
    static void stopBroker() {
        if (broker != null) {
            broker.close();
        }
    }

    @Test
    void shouldSendEveryCommittedAlertOnceInOrderAsRfc5424WithItsJson() throws Exception {
        final String topic = createTopic("alerts-order");
        final List<String> alerts = new ArrayList<>();
        final String[] levels = {"critical", "high", "medium", "low"};
        for (int i = 0; i < 30; i++) {
            alerts.add(alert(
                    "order-" + i,
                    i % 3 == 0 ? "vigie.dmarc.legitimate-sender-failing" : "vigie.mail.outbound-volume-spike",
                    levels[i % 4],
                    "user" + i + "@chu-exemple.fr"));
        }
        final String tricky =
                alert("order-tricky", "vigie.mail.queue.oldest-message", "low", "Hôpital \"Nord\" [bât. C] \\ relais");
        alerts.add(tricky);
        produce(topic, alerts);
        produceAborted(topic, alert("aborted", "vigie.mail.queue.oldest-message", "low", "nobody"));
        final String after = alert("order-after-abort", "vigie.mail.queue.oldest-message", "medium", "mx1");
        alerts.add(after);
        produce(topic, List.of(after));

        try (RsyslogServer rsyslog = RsyslogServer.start(Files.createDirectories(tempDir.resolve("rsyslog-order")))) {
            final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
            try (SyslogForwarder forwarder = forwarder(rsyslog, topic, "order", registry)) {
                forwarder.start();
                awaitMessages(rsyslog, alerts.size());
                settle();
            }
            final List<String> received = rsyslog.messages();
            assertThat(received).hasSize(alerts.size());
            for (int i = 0; i < alerts.size(); i++) {
                final String line = received.get(i);
                final var alert = JSON.readTree(alerts.get(i));
                final String level = alert.path("vigie").path("level").asText();
                final int severity = switch (level) {
                    case "critical" -> 2;
                    case "high" -> 3;
                    case "medium" -> 4;
                    default -> 5;
                };
                assertThat(line)
                        .as("message %d", i)
                        .startsWith("<" + (20 * 8 + severity) + ">1 "
                                + alert.path("@timestamp").asText() + " ")
                        .contains(" vigie - "
                                + SyslogFormat.msgId(
                                        alert.path("rule").path("id").asText()) + " [vigie@32473 ")
                        .contains(" id=\"" + alert.path("event").path("id").asText() + "\"")
                        .contains(" level=\"" + level + "\"")
                        .contains(" rule=\"" + alert.path("rule").path("id").asText() + "\"")
                        .endsWith("] " + alerts.get(i));
            }
            assertThat(received.get(0)).contains(" vigie - dmarc.legitimate-sender-failing [vigie@32473 ");
            assertThat(received.get(1)).contains(" vigie - vigie.mail.outbound-volume-spike [vigie@32473 ");
            // RFC 5424 section 6.3.3 escaping, and octet counting in bytes (the UTF-8 'ô' and 'â' are two each).
            assertThat(received.get(30)).contains("entity=\"Hôpital \\\"Nord\\\" [bât. C\\] \\\\ relais\"");
            assertThat(String.join("\n", received)).doesNotContain("aborted");
            assertThat(registry.scrape())
                    .contains("vigie_siem_syslog_sent_total 32.0")
                    .contains("vigie_siem_syslog_errors_total 0.0")
                    .containsPattern("vigie_siem_syslog_last_success_timestamp_seconds [1-9]");
        }
    }

    @Test
    void shouldDeliverWhatWasProducedWhileTheReceiverWasDownOnceItIsBack() throws Exception {
        final String topic = createTopic("alerts-outage");
        final List<String> before = alerts("outage-before", 5);
        final List<String> during = alerts("outage-during", 7);
        produce(topic, before);
        try (RsyslogServer rsyslog = RsyslogServer.start(Files.createDirectories(tempDir.resolve("rsyslog-outage")))) {
            final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
            try (SyslogForwarder forwarder = forwarder(rsyslog, topic, "outage", registry)) {
                forwarder.start();
                awaitMessages(rsyslog, before.size());
                rsyslog.stop();
                produce(topic, during);
                await(() -> errors(registry) >= 2, "the forwarder failed to reach the stopped receiver");
                rsyslog.restart();
                awaitMessages(rsyslog, before.size() + during.size());
                settle();
            }
            final List<String> all = new ArrayList<>(before);
            all.addAll(during);
            assertThat(ids(rsyslog.messages())).containsExactlyElementsOf(ids(all));
            assertThat(errors(registry)).isGreaterThanOrEqualTo(2);
            assertThat(registry.scrape()).contains("vigie_siem_syslog_sent_total 12.0");
        }
    }

    @Test
    void shouldResumeFromTheCommittedOffsetAfterARestart() throws Exception {
        final String topic = createTopic("alerts-restart");
        final List<String> first = alerts("restart-first", 10);
        final List<String> second = alerts("restart-second", 10);
        produce(topic, first);
        try (RsyslogServer rsyslog = RsyslogServer.start(Files.createDirectories(tempDir.resolve("rsyslog-restart")))) {
            try (SyslogForwarder forwarder =
                    forwarder(rsyslog, topic, "restart", new PrometheusMeterRegistry(PrometheusConfig.DEFAULT))) {
                forwarder.start();
                awaitMessages(rsyslog, first.size());
                await(() -> committed(topic, "restart") == first.size(), "the first batch committed");
            }
            produce(topic, second);
            try (SyslogForwarder forwarder =
                    forwarder(rsyslog, topic, "restart", new PrometheusMeterRegistry(PrometheusConfig.DEFAULT))) {
                forwarder.start();
                awaitMessages(rsyslog, first.size() + second.size());
                await(() -> committed(topic, "restart") == first.size() + second.size(), "everything committed");
                settle();
            }
            final List<String> all = new ArrayList<>(first);
            all.addAll(second);
            // A graceful stop commits its last batch: nothing at all is sent twice.
            assertThat(ids(rsyslog.messages())).containsExactlyElementsOf(ids(all));
        }
    }

    @Test
    void shouldSendOverTlsOnlyToAReceiverWhoseCertificateIsTrusted() throws Exception {
        if (!RsyslogServer.hasTlsDriver()) {
            final String missing = "rsyslog's gtls driver is missing: install rsyslog-gnutls to test TLS";
            if ("1".equals(System.getenv(REQUIRE_ENV))) {
                fail(missing + " (" + REQUIRE_ENV + "=1 makes this a failure)");
            }
            Assumptions.abort(missing);
        }
        final String topic = createTopic("alerts-tls");
        final List<String> alerts = alerts("tls", 5);
        produce(topic, alerts);
        try (RsyslogServer rsyslog = RsyslogServer.startTls(Files.createDirectories(tempDir.resolve("rsyslog-tls")))) {
            // The JVM's default CAs do not know the receiver's self-signed certificate: nothing goes out.
            final PrometheusMeterRegistry untrusted = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
            try (SyslogForwarder forwarder =
                    forwarder(tls(rsyslog, "localhost", null), topic, "tls-untrusted", untrusted)) {
                forwarder.start();
                await(() -> errors(untrusted) >= 2, "TLS handshakes refused");
            }
            assertThat(rsyslog.messages()).isEmpty();
            assertThat(untrusted.scrape()).contains("vigie_siem_syslog_sent_total 0.0");

            final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
            try (SyslogForwarder forwarder =
                    forwarder(tls(rsyslog, "localhost", rsyslog.trustStore()), topic, "tls", registry)) {
                forwarder.start();
                awaitMessages(rsyslog, alerts.size());
                settle();
            }
            assertThat(ids(rsyslog.messages())).containsExactlyElementsOf(ids(alerts));
            assertThat(rsyslog.messages().get(0)).startsWith("<164>1 ").endsWith("] " + alerts.get(0));
            assertThat(errors(registry)).isZero();
        }
    }

    @Test
    void shouldBeStartedWithTheEngineBySiemModuleWhenEnabled() throws Exception {
        try (RsyslogServer rsyslog = RsyslogServer.start(Files.createDirectories(tempDir.resolve("rsyslog-engine")))) {
            final VigieConfig config = VigieConfig.load(
                    null,
                    LoopbackEngine.env(
                            tempDir.resolve("engine"),
                            Map.of(
                                    "VIGIE_SIEM_SYSLOG_ENABLED", "true",
                                    "VIGIE_SIEM_SYSLOG_HOST", "127.0.0.1",
                                    "VIGIE_SIEM_SYSLOG_PORT", Integer.toString(rsyslog.port()),
                                    "VIGIE_SIEM_SYSLOG_PROTOCOL", "tcp")));
            assertThat(SiemModule.groupId(config)).isEqualTo("vigie-syslog");
            try (Engine engine = SiemModule.install(new Engine(config, SyslogForwarderIT::alertPerLine), config)) {
                engine.start();
                final Properties p = new Properties();
                p.put(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG, engine.bootstrapServers());
                try (KafkaProducer<String, String> producer =
                        new KafkaProducer<>(p, new StringSerializer(), new StringSerializer())) {
                    producer.send(new ProducerRecord<>(config.topics().names().rawPostfix(), "mail.log", "engine-1"))
                            .get(30, TimeUnit.SECONDS);
                }
                awaitMessages(rsyslog, 1);
                assertThat(rsyslog.messages().get(0)).contains(" id=\"engine-1\"");
                assertThat(engine.meterRegistry().scrape())
                        .contains("vigie_siem_syslog_sent_total{application=\"vigie\"} 1.0");
            }
        }
    }

    /** Each raw.postfix line becomes an alert whose event.id is the line. */
    private static Topology alertPerLine(final RulesConfig rules) {
        final StreamsBuilder builder = new StreamsBuilder();
        builder.stream(rules.topics().rawPostfix(), Consumed.with(Serdes.String(), Serdes.String()))
                .mapValues(v -> alert(v, "vigie.mail.queue.oldest-message", "low", "mx"), Named.as("alert"))
                .to(rules.topics().alerts(), Produced.with(Serdes.String(), Serdes.String()));
        return builder.build();
    }

    // --- helpers ---------------------------------------------------------------------------------------

    private static SyslogForwarder forwarder(
            final RsyslogServer rsyslog,
            final String topic,
            final String group,
            final PrometheusMeterRegistry registry) {
        return forwarder(
                new SyslogSettings(
                        true,
                        "127.0.0.1",
                        rsyslog.port(),
                        SyslogSettings.Protocol.TCP,
                        null,
                        null,
                        SyslogSettings.LOCAL4,
                        "vigie"),
                topic,
                group,
                registry);
    }

    private static SyslogSettings tls(final RsyslogServer rsyslog, final String host, final Path trustStore) {
        return new SyslogSettings(
                true,
                host,
                rsyslog.port(),
                SyslogSettings.Protocol.TLS,
                trustStore,
                trustStore == null ? null : RsyslogServer.TRUST_STORE_PASSWORD,
                SyslogSettings.LOCAL4,
                "vigie");
    }

    private static SyslogForwarder forwarder(
            final SyslogSettings settings,
            final String topic,
            final String group,
            final PrometheusMeterRegistry registry) {
        return new SyslogForwarder(
                settings,
                clientProperties(),
                groupId(group),
                topic,
                registry,
                Clock.systemUTC(),
                Duration.ofMillis(100),
                Duration.ofSeconds(1));
    }

    private static String groupId(final String group) {
        return "vigie-test-" + group + "-syslog";
    }

    private static Properties clientProperties() {
        final Properties p = new Properties();
        p.put(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers());
        return p;
    }

    private static String createTopic(final String name) throws Exception {
        try (Admin admin = Admin.create(clientProperties())) {
            admin.createTopics(List.of(new NewTopic(name, 1, (short) 1))).all().get(30, TimeUnit.SECONDS);
        }
        return name;
    }

    private static long committed(final String topic, final String group) {
        try (Admin admin = Admin.create(clientProperties())) {
            final Map<TopicPartition, OffsetAndMetadata> offsets = admin.listConsumerGroupOffsets(groupId(group))
                    .partitionsToOffsetAndMetadata()
                    .get(30, TimeUnit.SECONDS);
            final OffsetAndMetadata o = offsets.get(new TopicPartition(topic, 0));
            return o == null ? -1 : o.offset();
        } catch (final Exception e) {
            return -1;
        }
    }

    private static void produce(final String topic, final List<String> alerts) {
        final Properties p = clientProperties();
        try (KafkaProducer<String, byte[]> producer =
                new KafkaProducer<>(p, new StringSerializer(), new ByteArraySerializer())) {
            for (final String alert : alerts) {
                producer.send(new ProducerRecord<>(topic, "key", alert.getBytes(StandardCharsets.UTF_8)));
            }
            producer.flush();
        }
    }

    /** An alert in a transaction that is aborted: a read_committed consumer never sees it. */
    private static void produceAborted(final String topic, final String alert) {
        final Properties p = clientProperties();
        p.put(ProducerConfig.TRANSACTIONAL_ID_CONFIG, "vigie-test-aborted");
        try (KafkaProducer<String, byte[]> producer =
                new KafkaProducer<>(p, new StringSerializer(), new ByteArraySerializer())) {
            producer.initTransactions();
            producer.beginTransaction();
            producer.send(new ProducerRecord<>(topic, "key", alert.getBytes(StandardCharsets.UTF_8)));
            producer.flush();
            producer.abortTransaction();
        }
    }

    private static List<String> alerts(final String prefix, final int count) {
        final List<String> out = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            out.add(alert(prefix + "-" + i, "vigie.mail.queue.deferred-backlog", "medium", "mx" + i));
        }
        return out;
    }

    private static String alert(final String id, final String rule, final String level, final String entity) {
        final ObjectNode root = JSON.createObjectNode();
        root.put("@timestamp", "2026-11-28T05:26:37Z");
        root.putObject("event").put("kind", "alert").put("id", id).put("severity", 47);
        root.putObject("rule").put("id", rule).put("name", "Test rule");
        root.put("message", "Test alert " + id + " about " + entity);
        root.putObject("vigie").put("level", level).put("entity", entity);
        return root.toString();
    }

    private static List<String> ids(final List<String> messagesOrAlerts) {
        final List<String> ids = new ArrayList<>();
        for (final String s : messagesOrAlerts) {
            if (s.startsWith("{")) {
                ids.add(JSON.valueToTree(readTree(s)).path("event").path("id").asText());
            } else {
                final Matcher m = SD_ID.matcher(s);
                assertThat(m.find()).as("id in %s", s).isTrue();
                ids.add(m.group(1));
            }
        }
        return ids;
    }

    private static Object readTree(final String json) {
        try {
            return JSON.readTree(json);
        } catch (final Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static double errors(final PrometheusMeterRegistry registry) {
        return registry.get("vigie.siem.syslog.errors").counter().count();
    }

    private static void awaitMessages(final RsyslogServer rsyslog, final int count) throws Exception {
        await(
                () -> {
                    try {
                        return rsyslog.messages().size() >= count;
                    } catch (final java.io.IOException e) {
                        return false;
                    }
                },
                count + " messages in rsyslog's output (" + rsyslog.received() + "); rsyslogd said:\n" + rsyslog.log());
    }

    private static void await(final BooleanSupplier condition, final String what) throws Exception {
        EngineHttp.poll(condition::getAsBoolean, met -> met, WAIT, what);
    }

    /** Lets a duplicate, if any were sent, reach the file before the assertions. */
    private static void settle() throws InterruptedException {
        Thread.sleep(1_000);
    }
}
