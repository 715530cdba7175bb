package io.vigie.app.dmarc.imap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.fail;

import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.vigie.app.EngineHttp;
import io.vigie.app.broker.EmbeddedKafkaBroker;
import io.vigie.app.cluster.Turn;
import io.vigie.core.model.DeadLetter;
import io.vigie.core.serde.JsonSerde;
import jakarta.mail.Folder;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Multipart;
import jakarta.mail.Part;
import jakarta.mail.Session;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeBodyPart;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import jakarta.mail.util.ByteArrayDataSource;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.IntPredicate;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;
import org.apache.kafka.clients.CommonClientConfigs;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.eclipse.angus.mail.imap.AppendUID;
import org.eclipse.angus.mail.imap.IMAPFolder;
import org.eclipse.angus.mail.imap.IMAPMessage;
import org.eclipse.angus.mail.imap.IMAPStore;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The poller end to end: a real Dovecot over implicit TLS (started by the test, see {@link DovecotServer}),
 * a real embedded Kafka broker, messages put in with IMAP APPEND and read back from the topics.
 */
@Timeout(180)
class RuaMailboxPollerIT {

    private static final String REQUIRE_SERVER_ENV = "VIGIE_REQUIRE_IMAP_SERVER";
    /** Dovecot's maildir layout uses '.' between folder levels: the poller must translate "Vigie/Processed". */
    private static final String ARCHIVE = "Vigie.Processed";

    private static final String REJECTED = "Vigie.Rejected";
    private static final Map<String, String> USERS = Map.of(
            "reports",
            "rep-S3cret-1",
            "oversize",
            "over-S3cret-2",
            "flaky",
            "flaky-S3cret-3",
            "scheduled",
            "sched-S3cret-4",
            "starttls",
            "tls-S3cret-5",
            "turns",
            "turns-S3cret-6");
    /** What Dovecot 2.3 announces after login, without MOVE. */
    private static final String CAPABILITIES_WITHOUT_MOVE =
            "IMAP4rev1 SASL-IR LOGIN-REFERRALS ID ENABLE IDLE LITERAL+ NAMESPACE UNSELECT CHILDREN UIDPLUS";
    /** ... and without UIDPLUS either. */
    private static final String CAPABILITIES_WITHOUT_MOVE_OR_UIDPLUS =
            "IMAP4rev1 SASL-IR LOGIN-REFERRALS ID ENABLE IDLE LITERAL+ NAMESPACE UNSELECT CHILDREN";

    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-28T08:00:00Z"), ZoneOffset.UTC);
    private static final String REPORT_XML = """
            <?xml version="1.0" encoding="UTF-8"?>
            <feedback>
              <report_metadata><org_name>reporter.example</org_name><email>noreply@reporter.example</email>
                <report_id>vigie-imap-test-1</report_id>
                <date_range><begin>1764201600</begin><end>1764287999</end></date_range></report_metadata>
              <policy_published><domain>chu-exemple.fr</domain><p>reject</p></policy_published>
              <record><row><source_ip>192.0.2.10</source_ip><count>3</count>
                <policy_evaluated><disposition>none</disposition><dkim>pass</dkim><spf>pass</spf></policy_evaluated>
              </row><identifiers><header_from>chu-exemple.fr</header_from></identifiers></record>
            </feedback>
            """;

    @TempDir
    static Path tempDir;

    private static DovecotServer dovecot;
    private static EmbeddedKafkaBroker broker;

    private static final String MISSING_SERVER = DovecotServer.DOVECOT + " is missing: install dovecot-imapd to "
            + "run the IMAP poller test against a real server";

    @BeforeAll
    static void startServers() throws Exception {
        if (!Files.isExecutable(DovecotServer.DOVECOT)) {
            if ("1".equals(System.getenv(REQUIRE_SERVER_ENV))) {
                fail(MISSING_SERVER + " (" + REQUIRE_SERVER_ENV + "=1 makes this a failure)");
            }
            // An assumption failing in @BeforeAll makes Surefire report "Tests run: 0", as if the class were
            // empty: each test is skipped in @BeforeEach instead, so the report counts them as skipped.
            System.out.println("RuaMailboxPollerIT: skipped, " + MISSING_SERVER);
            return;
        }
        dovecot = DovecotServer.start(Files.createDirectories(tempDir.resolve("dovecot")), USERS);
        broker = new EmbeddedKafkaBroker(Files.createDirectories(tempDir.resolve("kafka")), "127.0.0.1", 0, 0).start();
    }

    @BeforeEach
    void requireServer() {
        Assumptions.assumeTrue(dovecot != null, MISSING_SERVER);
    }

    @AfterAll
    static void stopServers() throws Exception {
        if (broker != null) {
            broker.close();
        }
        if (dovecot != null) {
            dovecot.close();
        }
    }

    @Test
    void shouldForwardEveryMessageByteForByteAndArchiveItWhenPolled() throws Exception {
        createTopics("raw.dmarc", "dlq");
        final ImapSettings settings = settings("reports");
        final List<byte[]> appended = List.of(
                crlf(resource("dmarc/google-borschow.eml")), crlf(resource("dmarc/twilight.eml")), gzipReportMessage());
        final Map<Long, byte[]> byUid = append(settings, appended);
        final long uidValidity = uidValidity(settings);
        final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);

        try (KafkaRawReportSink sink = sink("raw.dmarc", "dlq");
                RuaMailboxPoller poller = new RuaMailboxPoller(settings, sink, registry, CLOCK)) {
            assertThat(poller.pollOnce()).isEqualTo(new PollOutcome(3, 0, 0));

            final Map<String, byte[]> sent = consume("raw.dmarc", 3);
            assertThat(sent).hasSize(3);
            for (final Map.Entry<Long, byte[]> message : byUid.entrySet()) {
                final String key = "imap:127.0.0.1/INBOX/" + uidValidity + "/" + message.getKey();
                assertThat(sent).containsKey(key);
                assertThat(sent.get(key)).as("bytes of %s", key).isEqualTo(message.getValue());
            }
            assertThat(counts(settings)).isEqualTo(Map.of("INBOX", 0, ARCHIVE, 3, REJECTED, -1));
            assertThat(folderContents(settings, ARCHIVE)).containsExactlyInAnyOrderElementsOf(appended);
            assertThat(gzipAttachment(sent.get("imap:127.0.0.1/INBOX/" + uidValidity + "/"
                            + byUid.keySet().stream().max(Long::compare).orElseThrow())))
                    .isEqualTo(REPORT_XML.getBytes(StandardCharsets.UTF_8));

            assertThat(poller.pollOnce()).isEqualTo(new PollOutcome(0, 0, 0));
            assertThat(endOffset("raw.dmarc")).isEqualTo(3);
            assertThat(endOffset("dlq")).isZero();
            assertThat(counts(settings)).isEqualTo(Map.of("INBOX", 0, ARCHIVE, 3, REJECTED, -1));

            final String scrape = registry.scrape();
            assertThat(scrape)
                    .contains("vigie_dmarc_imap_messages_total{outcome=\"archived\"} 3.0")
                    .contains("vigie_dmarc_imap_messages_total{outcome=\"rejected\"} 0.0")
                    .contains("vigie_dmarc_imap_poll_errors_total 0.0")
                    .contains("vigie_dmarc_imap_last_success_timestamp_seconds "
                            + (double) CLOCK.instant().getEpochSecond() + "\n");
        }
    }

    @Test
    void shouldDeadLetterAndMoveAsideWhenMessageIsLargerThanTheLimit() throws Exception {
        createTopics("raw.dmarc.oversize", "dlq.oversize");
        final ImapSettings settings = settings("oversize").withMaxMessageBytes(4_096);
        final byte[] small = gzipReportMessage();
        assertThat(small.length).isLessThan(4_096);
        final Map<Long, byte[]> byUid = append(settings, List.of(crlf(resource("dmarc/twilight.eml")), small));
        final long oversizeUid = byUid.keySet().stream().min(Long::compare).orElseThrow();
        final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);

        try (KafkaRawReportSink sink = sink("raw.dmarc.oversize", "dlq.oversize");
                RuaMailboxPoller poller = new RuaMailboxPoller(settings, sink, registry, CLOCK)) {
            assertThat(poller.pollOnce()).isEqualTo(new PollOutcome(1, 1, 0));
        }

        final Map<String, byte[]> dead = consume("dlq.oversize", 1);
        assertThat(dead).hasSize(1);
        final String key = dead.keySet().iterator().next();
        assertThat(key).isEqualTo("imap:127.0.0.1/INBOX/" + uidValidity(settings) + "/" + oversizeUid);
        final DeadLetter letter = JsonSerde.of(DeadLetter.class).fromBytes(dead.get(key));
        assertThat(letter.source()).isEqualTo("dmarc-imap");
        assertThat(letter.reason())
                .isEqualTo("message of " + byUid.get(oversizeUid).length
                        + " bytes is larger than the limit of 4096 bytes");
        assertThat(letter.topic()).isEqualTo("INBOX");
        assertThat(letter.partition()).isEqualTo(-1);
        assertThat(letter.offset()).isEqualTo(oversizeUid);
        assertThat(letter.timestamp()).isEqualTo(CLOCK.instant());
        assertThat(letter.raw())
                .startsWith("Return-Path: <noreply-dmarc-support@google.com>\r\n")
                .hasSizeLessThanOrEqualTo(FolderPass.REJECTED_PREFIX_BYTES);
        assertThat(consume("raw.dmarc.oversize", 1).values()).containsExactly(small);
        assertThat(counts(settings)).isEqualTo(Map.of("INBOX", 0, ARCHIVE, 1, REJECTED, 1));
        assertThat(folderContents(settings, REJECTED)).containsExactly(byUid.get(oversizeUid));
        assertThat(registry.scrape()).contains("vigie_dmarc_imap_messages_total{outcome=\"rejected\"} 1.0");
    }

    @Test
    void shouldLeaveMessageInPlaceAndSendItOnNextPollWhenSinkFails() throws Exception {
        createTopics("raw.dmarc.flaky", "dlq.flaky");
        final ImapSettings settings = settings("flaky");
        final List<byte[]> appended = List.of(crlf(resource("dmarc/google-borschow.eml")), gzipReportMessage());
        append(settings, appended);
        final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);

        try (KafkaRawReportSink kafka = sink("raw.dmarc.flaky", "dlq.flaky");
                RuaMailboxPoller poller =
                        new RuaMailboxPoller(settings, new FailingSends(kafka, n -> n == 0), registry, CLOCK)) {
            assertThat(poller.pollOnce()).isEqualTo(new PollOutcome(0, 0, 1));
            assertThat(counts(settings)).isEqualTo(Map.of("INBOX", 2, ARCHIVE, -1, REJECTED, -1));
            assertThat(endOffset("raw.dmarc.flaky")).isZero();
            assertThat(registry.scrape())
                    .contains("vigie_dmarc_imap_poll_errors_total 1.0")
                    .contains("vigie_dmarc_imap_last_success_timestamp_seconds 0.0");

            assertThat(poller.pollOnce()).isEqualTo(new PollOutcome(2, 0, 0));
        }
        assertThat(consume("raw.dmarc.flaky", 2).values()).containsExactlyInAnyOrderElementsOf(appended);
        assertThat(counts(settings)).isEqualTo(Map.of("INBOX", 0, ARCHIVE, 2, REJECTED, -1));
    }

    @Test
    void shouldFailClearlyAndCountAnErrorWhenPasswordIsWrong() throws Exception {
        final String wrong = "Wr0ng-But-S3cret";
        final ImapSettings settings = settings("reports").withMailbox("127.0.0.1", dovecot.port(), "reports", wrong);
        final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        final RecordingSink sink = new RecordingSink();

        try (RuaMailboxPoller poller = new RuaMailboxPoller(settings, sink, registry, CLOCK)) {
            assertThatThrownBy(poller::pollOnce)
                    .isInstanceOf(ImapPollException.class)
                    .hasMessageStartingWith("cannot log in to imaps://127.0.0.1:" + dovecot.port() + " as reports: ")
                    .hasMessageContaining("AUTHENTICATIONFAILED")
                    .satisfies(e -> assertThat(allMessages(e)).doesNotContain(wrong));
        }
        assertThat(sink.sends).hasValue(0);
        assertThat(registry.scrape()).contains("vigie_dmarc_imap_poll_errors_total 1.0");
        assertThat(settings.toString()).doesNotContain(wrong).contains("password=****");
    }

    @Test
    void shouldRefuseTheServerWhenItsCertificateIsNotTrusted() throws Exception {
        final ImapSettings untrusted = settings("reports").withTrustStore(null, null);
        final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        final RecordingSink sink = new RecordingSink();

        try (RuaMailboxPoller poller = new RuaMailboxPoller(untrusted, sink, registry, CLOCK)) {
            assertThatThrownBy(poller::pollOnce)
                    .isInstanceOf(ImapPollException.class)
                    .satisfies(e -> assertThat(allMessages(e)).containsIgnoringCase("certification path"));
        }
        assertThat(sink.sends).hasValue(0);
        assertThat(registry.scrape()).contains("vigie_dmarc_imap_poll_errors_total 1.0");
    }

    @Test
    void shouldKeepPollingOnItsThreadWhenAPollThrows() throws Exception {
        final ImapSettings settings =
                with(settings("scheduled"), ImapSettings.Security.TLS, dovecot.port(), Duration.ofMillis(200));
        final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        final RecordingSink sink = new RecordingSink();
        final AtomicInteger attempts = new AtomicInteger();
        // The first send throws what a bug would (not a SinkException): it escapes pollOnce to the thread.
        final RawReportSink buggyOnce = new RawReportSink() {
            @Override
            public void send(final String key, final byte[] rawMessage) {
                if (attempts.getAndIncrement() == 0) {
                    throw new IllegalStateException("bug in the sink (expected by the test)");
                }
                sink.send(key, rawMessage);
            }

            @Override
            public void reject(final String key, final String reason, final byte[] rawPrefix) {
                sink.reject(key, reason, rawPrefix);
            }
        };

        try (RuaMailboxPoller poller = new RuaMailboxPoller(settings, buggyOnce, registry, CLOCK)) {
            append(settings, List.of(gzipReportMessage()));
            poller.start();
            awaitSends(sink, 1);
            append(settings, List.of(crlf(resource("dmarc/twilight.eml"))));
            awaitSends(sink, 2);
        }
        assertThat(attempts).hasValue(3);
        assertThat(counts(settings)).isEqualTo(Map.of("INBOX", 0, ARCHIVE, 2, REJECTED, -1));
        assertThat(registry.scrape())
                .contains("vigie_dmarc_imap_poll_errors_total 1.0")
                .contains("vigie_dmarc_imap_messages_total{outcome=\"archived\"} 2.0");
    }

    @Test
    void shouldLeaveTheMailboxAloneWhileItIsAnotherInstancesTurnAndPollItWhenTheTurnComes() throws Exception {
        // polled every second while it is its turn: the test sees it stop when the turn goes
        final ImapSettings settings =
                with(settings("turns"), ImapSettings.Security.TLS, dovecot.port(), Duration.ofSeconds(1));
        append(settings, List.of(gzipReportMessage()));
        final RecordingSink sink = new RecordingSink();
        final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        final AtomicReference<Turn> turn = new AtomicReference<>(Turn.ANOTHER_INSTANCE);
        final AtomicInteger asked = new AtomicInteger();

        try (RuaMailboxPoller poller = new RuaMailboxPoller(settings, sink, registry, CLOCK)) {
            poller.start(() -> {
                asked.incrementAndGet();
                return turn.get();
            });
            // asked twice: the first answer was acted on, and the poller came back TURN_CHECK later
            EngineHttp.poll(
                    asked::get,
                    n -> n >= 2,
                    RuaMailboxPoller.TURN_CHECK.multipliedBy(3),
                    "the poller did not ask for its turn again");
            assertThat(sink.sends).as("another instance's turn: nothing read").hasValue(0);
            assertThat(counts(settings)).isEqualTo(Map.of("INBOX", 1, ARCHIVE, -1, REJECTED, -1));
            assertThat(registry.scrape()).contains("vigie_dmarc_imap_polling 0.0");

            turn.set(Turn.MINE);
            EngineHttp.poll(
                    sink.sends::get,
                    n -> n == 1,
                    RuaMailboxPoller.TURN_CHECK.multipliedBy(3),
                    "the poller did not take the mailbox up when its turn came");
            // the message is sent, then moved: the move may still be on its way when the send is seen (CI saw it)
            EngineHttp.poll(
                    () -> counts(settings),
                    c -> c.equals(Map.of("INBOX", 0, ARCHIVE, 1, REJECTED, -1)),
                    Duration.ofSeconds(30),
                    "the sent report was not archived");
            assertThat(registry.scrape()).contains("vigie_dmarc_imap_polling 1.0");

            turn.set(Turn.ANOTHER_INSTANCE);
            // every ask counted from here on is answered "another instance"
            final int before = asked.get();
            EngineHttp.poll(
                    asked::get,
                    n -> n >= before + 1,
                    RuaMailboxPoller.TURN_CHECK.multipliedBy(3),
                    "the poller did not ask for its turn again");
            append(settings, List.of(gzipReportMessage()));
            final int appended = asked.get();
            EngineHttp.poll(
                    asked::get,
                    n -> n >= appended + 1,
                    RuaMailboxPoller.TURN_CHECK.multipliedBy(3),
                    "the poller did not ask for its turn again");
        }
        assertThat(sink.sends)
                .as("the turn went: the new message is left to the other instance")
                .hasValue(1);
        assertThat(counts(settings)).isEqualTo(Map.of("INBOX", 1, ARCHIVE, 1, REJECTED, -1));
        assertThat(registry.scrape()).contains("vigie_dmarc_imap_polling 0.0");
    }

    @Test
    void shouldArchiveOverStartTlsWhenSecurityIsStartTls() throws Exception {
        final ImapSettings settings = with(
                settings("starttls"),
                ImapSettings.Security.STARTTLS,
                dovecot.startTlsPort(),
                ImapSettings.DEFAULT_POLL_INTERVAL);
        append(settings, List.of(gzipReportMessage()));
        final RecordingSink sink = new RecordingSink();

        try (RuaMailboxPoller poller =
                new RuaMailboxPoller(settings, sink, new PrometheusMeterRegistry(PrometheusConfig.DEFAULT), CLOCK)) {
            assertThat(poller.pollOnce()).isEqualTo(new PollOutcome(1, 0, 0));
        }
        assertThat(sink.sends).hasValue(1);
        assertThat(counts(settings)).isEqualTo(Map.of("INBOX", 0, ARCHIVE, 1, REJECTED, -1));
    }

    @Test
    void shouldCopyAndExpungeOnlyThatUidWhenServerLacksMove() throws Exception {
        try (DovecotServer noMove =
                DovecotServer.start(tempDir.resolve("dovecot-no-move"), USERS, CAPABILITIES_WITHOUT_MOVE)) {
            final ImapSettings settings = settings(noMove, "reports");
            try (IMAPStore store = connect(settings)) {
                assertThat(store.hasCapability("MOVE")).isFalse();
                assertThat(store.hasCapability("UIDPLUS")).isTrue();
            }
            final Map<Long, byte[]> byUid =
                    append(settings, List.of(gzipReportMessage(), crlf(resource("dmarc/twilight.eml"))));
            final long bystander = byUid.keySet().stream().max(Long::compare).orElseThrow();
            // Another client (a person in a webmail) flagged the second message for deletion but did not
            // expunge it: a plain EXPUNGE by the poller would destroy it before it was ever forwarded.
            setDeleted(settings, bystander);
            final RecordingSink recorded = new RecordingSink();

            try (RuaMailboxPoller poller = new RuaMailboxPoller(
                    settings,
                    new FailingSends(recorded, n -> n == 1),
                    new PrometheusMeterRegistry(PrometheusConfig.DEFAULT),
                    CLOCK)) {
                assertThat(poller.pollOnce()).isEqualTo(new PollOutcome(1, 0, 1));
            }
            assertThat(recorded.sends).hasValue(1);
            assertThat(counts(settings)).isEqualTo(Map.of("INBOX", 1, ARCHIVE, 1, REJECTED, -1));
            assertThat(folderContents(settings, "INBOX")).containsExactly(byUid.get(bystander));
        }
    }

    @Test
    void shouldRefuseToArchiveWhenServerHasNeitherMoveNorUidplus() throws Exception {
        try (DovecotServer bare =
                DovecotServer.start(tempDir.resolve("dovecot-bare"), USERS, CAPABILITIES_WITHOUT_MOVE_OR_UIDPLUS)) {
            final ImapSettings settings = settings(bare, "reports");
            try (IMAPStore store = connect(settings)) {
                store.getFolder("INBOX").appendMessages(new Message[] {
                    new VerbatimMessage(Session.getInstance(new Properties()), gzipReportMessage())
                });
            }
            final RecordingSink sink = new RecordingSink();
            final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);

            try (RuaMailboxPoller poller = new RuaMailboxPoller(settings, sink, registry, CLOCK)) {
                assertThatThrownBy(poller::pollOnce)
                        .isInstanceOf(ImapPollException.class)
                        .hasMessageContaining("neither MOVE (RFC 6851) nor UIDPLUS (RFC 4315)");
            }
            assertThat(sink.sends).hasValue(0);
            assertThat(counts(settings)).isEqualTo(Map.of("INBOX", 1, ARCHIVE, -1, REJECTED, -1));
            assertThat(registry.scrape()).contains("vigie_dmarc_imap_poll_errors_total 1.0");
        }
    }

    @Test
    void shouldRefuseTheServerWhenItsCertificateNamesAnotherHost() throws Exception {
        // Trusted (it is in the trust store) but issued for mail.example.org, not for 127.0.0.1.
        try (DovecotServer elsewhere =
                DovecotServer.start(tempDir.resolve("dovecot-other-name"), USERS, "", "DNS:mail.example.org")) {
            final ImapSettings settings = settings(elsewhere, "reports");
            final RecordingSink sink = new RecordingSink();
            try (RuaMailboxPoller poller = new RuaMailboxPoller(
                    settings, sink, new PrometheusMeterRegistry(PrometheusConfig.DEFAULT), CLOCK)) {
                // Jakarta Mail reports a failed name check as a PKIX failure, hence the control below.
                assertThatThrownBy(poller::pollOnce).isInstanceOf(ImapPollException.class);
            }
            assertThat(sink.sends).hasValue(0);
            // Control: the same session with only the name check turned off gets in, so the name check alone
            // refused the server above.
            final Session unchecked = ImapSessions.create(settings);
            unchecked.getProperties().put("mail.imaps.ssl.checkserveridentity", "false");
            try (jakarta.mail.Store store = unchecked.getStore("imaps")) {
                store.connect(settings.host(), settings.port(), settings.username(), settings.password());
                assertThat(store.isConnected()).isTrue();
            }
        }
    }

    // --- IMAP side -------------------------------------------------------------------------------------

    private static ImapSettings settings(final String user) {
        return settings(dovecot, user);
    }

    private static ImapSettings settings(final DovecotServer server, final String user) {
        return ImapSettings.defaults()
                .withMailbox("127.0.0.1", server.port(), user, USERS.get(user))
                .withTrustStore(server.trustStore(), DovecotServer.TRUST_STORE_PASSWORD);
    }

    private static ImapSettings with(
            final ImapSettings base,
            final ImapSettings.Security security,
            final int port,
            final Duration pollInterval) {
        return new ImapSettings(
                true,
                base.host(),
                port,
                security,
                base.username(),
                base.password(),
                base.folder(),
                base.archiveFolder(),
                base.rejectedFolder(),
                pollInterval,
                base.maxMessageBytes(),
                base.trustStore(),
                base.trustStorePassword(),
                base.connectTimeout());
    }

    private static void setDeleted(final ImapSettings settings, final long uid) throws MessagingException {
        try (IMAPStore store = connect(settings)) {
            final IMAPFolder inbox = (IMAPFolder) store.getFolder("INBOX");
            inbox.open(Folder.READ_WRITE);
            inbox.getMessageByUID(uid).setFlag(jakarta.mail.Flags.Flag.DELETED, true);
            inbox.close(false);
        }
    }

    /** A store of the test's own, on the same TLS settings as the poller's. */
    static IMAPStore connect(final ImapSettings settings) throws MessagingException {
        final IMAPStore store = (IMAPStore) ImapSessions.create(settings).getStore(ImapSessions.protocol(settings));
        store.connect(settings.host(), settings.port(), settings.username(), settings.password());
        return store;
    }

    /** IMAP APPEND of exactly these bytes (already CRLF, so Jakarta Mail's CRLF conversion keeps them). */
    static Map<Long, byte[]> append(final ImapSettings settings, final List<byte[]> messages) throws Exception {
        final Session session = Session.getInstance(new Properties());
        final Map<Long, byte[]> byUid = new LinkedHashMap<>();
        try (IMAPStore store = connect(settings)) {
            final IMAPFolder inbox = (IMAPFolder) store.getFolder("INBOX");
            for (final byte[] raw : messages) {
                final AppendUID[] uids = inbox.appendUIDMessages(new Message[] {new VerbatimMessage(session, raw)});
                byUid.put(uids[0].uid, raw);
            }
        }
        return byUid;
    }

    private static long uidValidity(final ImapSettings settings) throws MessagingException {
        try (IMAPStore store = connect(settings)) {
            return ((IMAPFolder) store.getFolder("INBOX")).getUIDValidity();
        }
    }

    /** Messages per folder; -1 when the folder does not exist. */
    static Map<String, Integer> counts(final ImapSettings settings) throws MessagingException {
        final Map<String, Integer> counts = new LinkedHashMap<>();
        try (IMAPStore store = connect(settings)) {
            for (final String name : List.of("INBOX", ARCHIVE, REJECTED)) {
                final Folder folder = store.getFolder(name);
                counts.put(name, folder.exists() ? folder.getMessageCount() : -1);
            }
        }
        return counts;
    }

    private static List<byte[]> folderContents(final ImapSettings settings, final String name) throws Exception {
        final List<byte[]> contents = new ArrayList<>();
        try (IMAPStore store = connect(settings)) {
            final Folder folder = store.getFolder(name);
            folder.open(Folder.READ_ONLY);
            for (final Message message : folder.getMessages()) {
                final ByteArrayOutputStream out = new ByteArrayOutputStream();
                ((IMAPMessage) message).writeTo(out);
                contents.add(out.toByteArray());
            }
            folder.close(false);
        }
        return contents;
    }

    // --- Kafka side ------------------------------------------------------------------------------------

    private static KafkaRawReportSink sink(final String raw, final String dlq) {
        final Properties p = new Properties();
        p.put(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers());
        return new KafkaRawReportSink(p, raw, dlq, ImapSettings.DEFAULT_MAX_MESSAGE_BYTES, CLOCK);
    }

    private static void createTopics(final String... names) throws Exception {
        try (Admin admin =
                Admin.create(Map.of(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers()))) {
            admin.createTopics(java.util.Arrays.stream(names)
                            .map(n -> new NewTopic(n, 1, (short) 1))
                            .toList())
                    .all()
                    .get(30, TimeUnit.SECONDS);
        }
    }

    /** Key to value of the topic's records, read from the beginning until {@code expected} arrived or 30 s. */
    private static Map<String, byte[]> consume(final String topic, final int expected) {
        final Map<String, byte[]> records = new LinkedHashMap<>();
        try (KafkaConsumer<String, byte[]> consumer = consumer()) {
            final TopicPartition partition = new TopicPartition(topic, 0);
            consumer.assign(List.of(partition));
            consumer.seekToBeginning(List.of(partition));
            final long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            int seen = 0;
            while (seen < expected && System.nanoTime() < deadline) {
                for (final ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(200))) {
                    records.put(record.key(), record.value());
                    seen++;
                }
            }
        }
        return records;
    }

    private static long endOffset(final String topic) {
        try (KafkaConsumer<String, byte[]> consumer = consumer()) {
            final TopicPartition partition = new TopicPartition(topic, 0);
            return consumer.endOffsets(List.of(partition), Duration.ofSeconds(30))
                    .get(partition);
        }
    }

    private static KafkaConsumer<String, byte[]> consumer() {
        final Properties p = new Properties();
        p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers());
        return new KafkaConsumer<>(p, new StringDeserializer(), new ByteArrayDeserializer());
    }

    // --- messages --------------------------------------------------------------------------------------

    private static byte[] resource(final String name) throws IOException {
        try (InputStream in = RuaMailboxPollerIT.class.getClassLoader().getResourceAsStream(name)) {
            assertThat(in).as("test resource %s", name).isNotNull();
            return in.readAllBytes();
        }
    }

    /** Line ends as IMAP transmits them: a lone LF becomes CRLF, existing CRLFs are kept. */
    private static byte[] crlf(final byte[] raw) {
        final ByteArrayOutputStream out = new ByteArrayOutputStream(raw.length + raw.length / 20);
        for (int i = 0; i < raw.length; i++) {
            if (raw[i] == '\n' && (i == 0 || raw[i - 1] != '\r')) {
                out.write('\r');
            }
            out.write(raw[i]);
        }
        return out.toByteArray();
    }

    /** A report mail as Google or Yahoo send it: a short text part and the gzip XML report attached. */
    private static byte[] gzipReportMessage() throws Exception {
        final ByteArrayOutputStream gz = new ByteArrayOutputStream();
        try (GZIPOutputStream out = new GZIPOutputStream(gz)) {
            out.write(REPORT_XML.getBytes(StandardCharsets.UTF_8));
        }
        final MimeMessage message = new MimeMessage(Session.getInstance(new Properties()));
        message.setFrom(new InternetAddress("noreply-dmarc@reporter.example"));
        message.setRecipients(Message.RecipientType.TO, "dmarc-rua@chu-exemple.fr");
        message.setSubject("Report Domain: chu-exemple.fr Submitter: reporter.example Report-ID: vigie-imap-test-1");
        message.setSentDate(java.util.Date.from(CLOCK.instant()));
        final MimeBodyPart text = new MimeBodyPart();
        text.setText("This is an aggregate report from reporter.example.", "UTF-8");
        final MimeBodyPart report = new MimeBodyPart();
        report.setDataHandler(
                new jakarta.activation.DataHandler(new ByteArrayDataSource(gz.toByteArray(), "application/gzip")));
        report.setFileName("reporter.example!chu-exemple.fr!1764201600!1764287999.xml.gz");
        report.setDisposition(Part.ATTACHMENT);
        final MimeMultipart multipart = new MimeMultipart();
        multipart.addBodyPart(text);
        multipart.addBodyPart(report);
        message.setContent(multipart);
        message.saveChanges();
        final ByteArrayOutputStream out = new ByteArrayOutputStream();
        message.writeTo(out);
        return out.toByteArray();
    }

    /** The gunzipped attachment of a message as it arrived on the topic. */
    private static byte[] gzipAttachment(final byte[] raw) throws Exception {
        final MimeMessage message =
                new MimeMessage(Session.getInstance(new Properties()), new ByteArrayInputStream(raw));
        final Multipart parts = (Multipart) message.getContent();
        for (int i = 0; i < parts.getCount(); i++) {
            if (parts.getBodyPart(i).getFileName() != null
                    && parts.getBodyPart(i).getFileName().endsWith(".gz")) {
                try (InputStream in = new GZIPInputStream(parts.getBodyPart(i).getInputStream())) {
                    return in.readAllBytes();
                }
            }
        }
        throw new AssertionError("no .gz attachment");
    }

    private static String allMessages(final Throwable error) {
        final StringBuilder text = new StringBuilder();
        for (Throwable t = error; t != null; t = t.getCause()) {
            text.append(t).append('\n');
        }
        return text.toString();
    }

    private static void awaitSends(final RecordingSink sink, final int expected) throws InterruptedException {
        final long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (sink.sends.get() < expected && System.nanoTime() < deadline) {
            Thread.sleep(50);
        }
        assertThat(sink.sends).hasValue(expected);
    }

    /** A parsed message that APPEND writes out exactly as given, not as Jakarta Mail would re-serialise it. */
    private static final class VerbatimMessage extends MimeMessage {

        private final byte[] raw;

        VerbatimMessage(final Session session, final byte[] raw) throws MessagingException {
            super(session, new ByteArrayInputStream(raw));
            this.raw = raw;
        }

        @Override
        public void writeTo(final OutputStream out) throws IOException {
            out.write(raw);
        }
    }

    /** Fails the sends whose number (from 0) matches: a broker outage during a poll. */
    private static final class FailingSends implements RawReportSink {

        private final RawReportSink delegate;
        private final IntPredicate fails;
        private final AtomicInteger attempts = new AtomicInteger();

        FailingSends(final RawReportSink delegate, final IntPredicate fails) {
            this.delegate = delegate;
            this.fails = fails;
        }

        @Override
        public void send(final String key, final byte[] rawMessage) {
            if (fails.test(attempts.getAndIncrement())) {
                throw new SinkException("broker unavailable (test)", new IOException("test"));
            }
            delegate.send(key, rawMessage);
        }

        @Override
        public void reject(final String key, final String reason, final byte[] rawPrefix) {
            delegate.reject(key, reason, rawPrefix);
        }
    }

    /** Counts calls without storing anything. */
    private static final class RecordingSink implements RawReportSink {

        private final AtomicInteger sends = new AtomicInteger();

        @Override
        public void send(final String key, final byte[] rawMessage) {
            sends.incrementAndGet();
        }

        @Override
        public void reject(final String key, final String reason, final byte[] rawPrefix) {
            throw new SinkException("unexpected reject of " + key, null);
        }
    }
}
