package io.vigie.rules.mail;

import static org.assertj.core.api.Assertions.assertThat;

import io.vigie.core.model.Indicator;
import io.vigie.core.model.MailMessage;
import io.vigie.rules.alert.Alert;
import io.vigie.rules.config.LookalikeConfig;
import io.vigie.rules.config.RulesConfig;
import io.vigie.rules.intel.IntelFeeds;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Look-alike sender domains through the whole topology, from Postfix lines as a gateway logs them (the look-alike
 * campaign of the realgen hospital log, with documentation addresses) and from a reported mail, to the alert, the
 * indicator, and the proxy rules that then read it.
 */
class LookalikeSenderDetectionTest {

    private static final String RULE = "vigie.mail.lookalike-sender";
    private static final String UA = "\"Mozilla/5.0 (Windows NT 10.0; Win64; x64)\"";

    @TempDir
    Path stateDir;

    private MailFlowDriver flow;
    private TestOutputTopic<String, Indicator> indicators;
    private TestInputTopic<String, String> proxy;
    private TestInputTopic<String, byte[]> reports;

    /**
     * The hospital chu-exemple.fr, its territory group ght-exemple.fr as a partner, its networks 10.0.0.0/8; syslog
     * times are Paris time (10:15 is 09:15Z), the proxy's are UTC.
     */
    static RulesConfig config() {
        return PostfixMailFlowTest.config(20)
                .withLookalike(new LookalikeConfig(List.of("ght-exemple.fr"), 0.75, List.of()));
    }

    @BeforeEach
    void start() {
        flow = MailFlowDriver.wholeDetector(config(), stateDir);
        final var topics = flow.config.topics();
        indicators = flow.driver.createOutputTopic(
                topics.indicators(), new StringDeserializer(), IntelFeeds.INDICATOR_SERDE.deserializer());
        proxy = flow.driver.createInputTopic(topics.rawProxy(), new StringSerializer(), new StringSerializer());
        reports = flow.driver.createInputTopic(topics.rawReports(), new StringSerializer(), new ByteArraySerializer());
    }

    @AfterEach
    void stop() {
        flow.close();
    }

    /** A message received from outside and delivered to the internal mailboxes through the Exchange hub. */
    static String[] inbound(
            final String qid, final String time, final String sender, final String client, final String... recipients) {
        final List<String> lines = new ArrayList<>();
        lines.add("Nov 28 " + time + " mx postfix/smtpd[19788]: " + qid + ": client=" + client);
        final String domain = sender.contains("@") ? sender.substring(sender.indexOf('@') + 1) : "mx.example.net";
        lines.add("Nov 28 " + time + " mx postfix/cleanup[19836]: " + qid + ": message-id=<" + qid.toLowerCase()
                + ".898334@" + domain + ">");
        lines.add("Nov 28 " + time + " mx postfix/qmgr[18401]: " + qid + ": from=<" + sender + ">, size=4627, nrcpt="
                + recipients.length + " (queue active)");
        for (final String recipient : recipients) {
            lines.add("Nov 28 " + time + " mx postfix/smtp[19475]: " + qid + ": to=<" + recipient
                    + ">, relay=exch-hub.chu-exemple.local[10.0.0.25]:2526, delay=0.61, delays=0.01/0/0.3/0.3, "
                    + "dsn=2.0.0, status=sent (250 2.0.0 Ok: queued as 7F3E21C0042)");
        }
        lines.add("Nov 28 " + time + " mx postfix/qmgr[18401]: " + qid + ": removed");
        return lines.toArray(String[]::new);
    }

    /** A message an internal user sent to the outside after logging in. */
    static String[] outbound(final String qid, final String time, final String sender, final String recipient) {
        return new String[] {
            "Nov 28 " + time + " mx postfix/smtpd[1201]: " + qid + ": client=pc42.chu-exemple.local[10.1.2.42], "
                    + "sasl_method=LOGIN, sasl_username=" + sender,
            "Nov 28 " + time + " mx postfix/cleanup[1202]: " + qid + ": message-id=<" + qid + "@chu-exemple.fr>",
            "Nov 28 " + time + " mx postfix/qmgr[18401]: " + qid + ": from=<" + sender + ">, size=900, nrcpt=1 "
                    + "(queue active)",
            "Nov 28 " + time + " mx postfix/smtp[1203]: " + qid + ": to=<" + recipient + ">, "
                    + "relay=mx.example.net[192.0.2.7]:25, delay=1, delays=0/0/0.5/0.5, dsn=2.0.0, "
                    + "status=sent (250 Ok)",
            "Nov 28 " + time + " mx postfix/qmgr[18401]: " + qid + ": removed"
        };
    }

    private static String squid(final String client, final String user, final String time, final String url) {
        return client + " - " + user + " [28/Nov/2026:" + time + " +0000] \"GET " + url + " HTTP/1.1\" 200 5120 \"-\" "
                + UA + " TCP_MISS:HIER_DIRECT";
    }

    private List<Alert> lookalikeAlerts(final List<Alert> alerts) {
        return alerts.stream().filter(a -> a.ruleId().equals(RULE)).toList();
    }

    @Test
    void shouldAlertHighAndPublishTheDomainWhenInboundMailComesFromALookalikeOfTheHospitalsDomain() {
        flow.lines(inbound(
                "4B2C81A03C",
                "10:15:02",
                "compta@chu-exemple-fr.com",
                "vps65280.hosting-exemple.net[203.0.113.45]",
                "pierre.guerin@chu-exemple.fr",
                "lucie.jacquet@chu-exemple.fr"));

        final List<KeyValue<String, Alert>> alerts = flow.alerts.readKeyValuesToList();
        assertThat(alerts).singleElement().satisfies(kv -> {
            assertThat(kv.key).isEqualTo(RULE + "|chu-exemple-fr.com");
            final Alert alert = kv.value;
            assertThat(alert.vigie().level()).isEqualTo("high");
            assertThat(alert.message())
                    .isEqualTo("chu-exemple-fr.com imitates chu-exemple.fr (hyphenated, "
                            + "similarity 0.85): mail from compta@chu-exemple-fr.com to 2 recipient(s) via 203.0.113.45; "
                            + "1 message(s) since 2026-11-28T09:15:02Z");
            assertThat(alert.email())
                    .containsEntry(
                            "from",
                            Map.of("address", List.of("compta@chu-exemple-fr.com"), "domain", "chu-exemple-fr.com"))
                    .containsEntry(
                            "to",
                            Map.of("address", List.of("pierre.guerin@chu-exemple.fr", "lucie.jacquet@chu-exemple.fr")))
                    .containsEntry("message_id", "4b2c81a03c.898334@chu-exemple-fr.com");
            assertThat(alert.source()).containsEntry("ip", "203.0.113.45");
            assertThat(alert.vigie().observed())
                    .containsEntry("imitated_domain", "chu-exemple.fr")
                    .containsEntry("imitated_type", "internal")
                    .containsEntry("technique", "hyphenated")
                    .containsEntry("similarity", 0.85)
                    .containsEntry("sender_field", "envelope_from")
                    .containsEntry("recipients", 2)
                    .containsEntry("delivered_recipients", 2)
                    .containsEntry("client_host", "vps65280.hosting-exemple.net")
                    .containsEntry("host", "mx")
                    .containsEntry("queue_id", "4B2C81A03C")
                    .containsEntry("messages", 1)
                    .containsEntry("first_seen", "2026-11-28T09:15:02Z");
        });
        assertThat(indicators.readValuesToList()).singleElement().satisfies(indicator -> {
            assertThat(indicator.key()).isEqualTo("host:chu-exemple-fr.com");
            assertThat(indicator.source()).isEqualTo("detection:vigie.mail.lookalike-sender");
            assertThat(indicator.reference())
                    .isEqualTo(alerts.get(0).value.event().id());
            assertThat(indicator.threat()).isEqualTo("phishing");
            assertThat(indicator.tags()).containsExactly("look-alike", "hyphenated");
        });
    }

    @Test
    void shouldAlertMediumWhenAPartnersDomainIsImitatedWithLookalikeLetters() {
        flow.lines(inbound(
                "7448320E25",
                "10:24:58",
                "factures@ght-exemp1e.fr",
                "unknown[198.51.100.23]",
                "anne.meyer@chu-exemple.fr"));

        assertThat(flow.alertsList()).singleElement().satisfies(alert -> {
            assertThat(alert.ruleId()).isEqualTo(RULE);
            assertThat(alert.vigie().level()).isEqualTo("medium");
            assertThat(alert.vigie().observed())
                    .containsEntry("imitated_domain", "ght-exemple.fr")
                    .containsEntry("imitated_type", "partner")
                    .containsEntry("technique", "homoglyph")
                    .containsEntry("similarity", 0.95);
        });
    }

    @Test
    void shouldShowAPunycodeSenderDomainAsItLooks() {
        // a Cyrillic е in place of the first e of "exemple", as Postfix logs the domain (ASCII, punycode)
        flow.lines(inbound(
                "1058D20E26",
                "10:25:05",
                "paie@xn--chu-exmple-psi.fr",
                "unknown[198.51.100.40]",
                "yann.bourgeois@chu-exemple.fr"));

        assertThat(flow.alertsList()).singleElement().satisfies(alert -> {
            assertThat(alert.entity()).isEqualTo("xn--chu-exmple-psi.fr");
            assertThat(alert.vigie().observed())
                    .containsEntry("technique", "punycode")
                    .containsEntry("similarity", 1.0)
                    .containsEntry("unicode_domain", "chu-ex\u0435mple.fr");
        });
        assertThat(indicators.readValuesToList())
                .extracting(Indicator::key)
                .containsExactly("host:xn--chu-exmple-psi.fr");
    }

    @Test
    void shouldAlertOnAnAttemptThePostfixGatewayRefused() {
        flow.lines("Nov 28 05:24:25 mx postfix/smtpd[18451]: NOQUEUE: reject: RCPT from unknown[203.0.113.17]: 554 "
                + "5.7.1 <unknown[203.0.113.17]>: Client host rejected: Access denied - listed in local blocklist "
                + "(CERT Sante); from=<promo@chu-exemple-fr.com> to=<sebastien.gerard@chu-exemple.fr> proto=ESMTP "
                + "helo=<mail.chu-exemple-fr.com>");

        assertThat(flow.alertsList()).singleElement().satisfies(alert -> {
            assertThat(alert.entity()).isEqualTo("chu-exemple-fr.com");
            assertThat(alert.vigie().observed())
                    .containsEntry("recipients", 1)
                    .containsEntry("delivered_recipients", 0)
                    .containsEntry("queue_id", "NOQUEUE");
        });
        assertThat(indicators.readValuesToList()).extracting(Indicator::key).containsExactly("host:chu-exemple-fr.com");
    }

    @Test
    void shouldJudgeAMailOnceWhenAContentFilterGivesItBackToPostfix() {
        // amavis on 127.0.0.1:10024 re-injects on :10025 with XFORWARD: two queue ids, one mail
        flow.lines(
                "Nov 28 10:15:00 mx postfix/smtpd[100]: 1A2B3C4D5E: client=unknown[203.0.113.45]",
                "Nov 28 10:15:00 mx postfix/cleanup[101]: 1A2B3C4D5E: message-id=<f41@chu-exemple-fr.com>",
                "Nov 28 10:15:00 mx postfix/qmgr[102]: 1A2B3C4D5E: from=<compta@chu-exemple-fr.com>, size=2000, "
                        + "nrcpt=1 (queue active)",
                "Nov 28 10:15:01 mx postfix/10025/smtpd[110]: 6F7A8B9C0D: client=localhost[127.0.0.1], "
                        + "orig_queue_id=1A2B3C4D5E, orig_client=unknown[203.0.113.45]",
                "Nov 28 10:15:01 mx postfix/cleanup[101]: 6F7A8B9C0D: message-id=<f41@chu-exemple-fr.com>",
                "Nov 28 10:15:01 mx postfix/qmgr[102]: 6F7A8B9C0D: from=<compta@chu-exemple-fr.com>, size=2450, "
                        + "nrcpt=1 (queue active)",
                "Nov 28 10:15:01 mx postfix/smtp[103]: 1A2B3C4D5E: to=<pierre.guerin@chu-exemple.fr>, "
                        + "relay=127.0.0.1[127.0.0.1]:10024, delay=0.9, delays=0.1/0/0/0.8, dsn=2.0.0, status=sent "
                        + "(250 2.0.0 from MTA(smtp:[127.0.0.1]:10025): 250 2.0.0 Ok: queued as 6F7A8B9C0D)",
                "Nov 28 10:15:01 mx postfix/qmgr[102]: 1A2B3C4D5E: removed",
                "Nov 28 10:15:02 mx postfix/lmtp[104]: 6F7A8B9C0D: to=<pierre.guerin@chu-exemple.fr>, "
                        + "relay=exch01.chu-exemple.local[10.0.0.25]:24, delay=1.1, delays=0/0/0.1/1, dsn=2.0.0, "
                        + "status=sent (250 2.0.0 Ok)",
                "Nov 28 10:15:02 mx postfix/qmgr[102]: 6F7A8B9C0D: removed");
        // and one the filter discarded: the first hop is all there is
        flow.lines(
                "Nov 28 10:20:00 mx postfix/smtpd[100]: 3C4D5E6F7A: client=unknown[203.0.113.46]",
                "Nov 28 10:20:00 mx postfix/qmgr[102]: 3C4D5E6F7A: from=<rh@chu-exernple.fr>, size=9000, nrcpt=1 "
                        + "(queue active)",
                "Nov 28 10:20:01 mx postfix/smtp[103]: 3C4D5E6F7A: to=<anne.meyer@chu-exemple.fr>, "
                        + "relay=127.0.0.1[127.0.0.1]:10024, delay=0.9, delays=0.1/0/0/0.8, dsn=2.7.0, status=sent "
                        + "(250 2.7.0 Ok, discarded, id=02231-01 - INFECTED: Eicar-Signature)",
                "Nov 28 10:20:01 mx postfix/qmgr[102]: 3C4D5E6F7A: removed");

        final List<Alert> alerts = flow.alertsList();
        assertThat(alerts)
                .extracting(a -> a.entity() + " " + a.vigie().observed().get("queue_id") + " "
                        + a.source().get("ip") + " delivered "
                        + a.vigie().observed().get("delivered_recipients")
                        + " messages " + a.vigie().observed().get("messages"))
                .containsExactlyInAnyOrder(
                        "chu-exemple-fr.com 6F7A8B9C0D 203.0.113.45 delivered 1 messages 1",
                        "chu-exernple.fr 3C4D5E6F7A 203.0.113.46 delivered 0 messages 1");
    }

    @Test
    void shouldAlertOncePerThrottlePeriodAndCountTheMessagesInBetween() {
        flow.lines(inbound(
                "A1B2C3D401",
                "10:15:00",
                "compta@chu-exemple-fr.com",
                "unknown[203.0.113.45]",
                "pierre.guerin@chu-exemple.fr"));
        flow.lines(inbound(
                "A1B2C3D402",
                "10:20:00",
                "rh@chu-exemple-fr.com",
                "unknown[203.0.113.46]",
                "anne.meyer@chu-exemple.fr"));
        flow.lines(inbound(
                "A1B2C3D403",
                "10:40:00",
                "compta@chu-exemple-fr.com",
                "unknown[203.0.113.45]",
                "lucie.jacquet@chu-exemple.fr"));
        assertThat(flow.alertsList()).hasSize(1);

        // more than alerts.throttle (1 h) after the first alert: the domain is still active, say so again
        flow.lines(inbound(
                "A1B2C3D404",
                "11:20:00",
                "direction@chu-exemple-fr.com",
                "unknown[203.0.113.47]",
                "secretariat.dg@chu-exemple.fr"));

        assertThat(flow.alertsList()).singleElement().satisfies(alert -> {
            assertThat(alert.vigie().observed())
                    .containsEntry("messages", 4)
                    .containsEntry("first_seen", "2026-11-28T09:15:00Z");
            assertThat(alert.email().get("from"))
                    .isEqualTo(Map.of(
                            "address",
                            List.of(
                                    "compta@chu-exemple-fr.com",
                                    "rh@chu-exemple-fr.com",
                                    "direction@chu-exemple-fr.com"),
                            "domain",
                            "chu-exemple-fr.com"));
        });
        assertThat(indicators.readValuesToList())
                .extracting(Indicator::key)
                .containsExactly("host:chu-exemple-fr.com", "host:chu-exemple-fr.com");
    }

    @Test
    void shouldNotAlertWhenTheSendersAreLegitimateExternalDomains() {
        flow.lines(inbound(
                "B1B2C3D401", "10:15:00", "commandes@ugap.fr", "mx.ugap.fr[192.0.2.80]", "achats@chu-exemple.fr"));
        flow.lines(inbound(
                "B1B2C3D402",
                "10:16:00",
                "j.martin@laposte.net",
                "smtp.laposte.net[192.0.2.81]",
                "anne.meyer@chu-exemple.fr"));
        flow.lines(inbound(
                "B1B2C3D403",
                "10:17:00",
                "dr.roux@chu-toulouse.fr",
                "mx.chu-toulouse.fr[192.0.2.82]",
                "pierre.guerin@chu-exemple.fr"));
        flow.lines(inbound(
                "B1B2C3D404",
                "10:18:00",
                "secretariat@univ-exemple.fr",
                "mx.univ-exemple.fr[192.0.2.83]",
                "lucie.jacquet@chu-exemple.fr"));
        flow.lines(inbound("B1B2C3D405", "10:19:00", "", "mx.example.net[192.0.2.84]", "anne.meyer@chu-exemple.fr"));

        assertThat(flow.messages.readValuesToList())
                .as("the messages went through")
                .hasSize(5);
        assertThat(flow.alertsList()).isEmpty();
        assertThat(indicators.readValuesToList()).isEmpty();
    }

    @Test
    void shouldNotAlertWhenTheSenderIsTheHospitalsOwnDomainOrOneOfItsSubdomains() {
        // the hospital's own domain from outside (its newsletter provider) and a subdomain (a bounce address)
        flow.lines(inbound(
                "C1B2C3D401",
                "10:15:00",
                "lettre-info@chu-exemple.fr",
                "mta12.newsletter.example[192.0.2.90]",
                "anne.meyer@chu-exemple.fr"));
        flow.lines(inbound(
                "C1B2C3D402",
                "10:16:00",
                "bounce-42@news.chu-exemple.fr",
                "mta12.newsletter.example[192.0.2.90]",
                "pierre.guerin@chu-exemple.fr"));
        flow.lines(inbound(
                "C1B2C3D403",
                "10:17:00",
                "dg@ght-exemple.fr",
                "mx.ght-exemple.fr[192.0.2.91]",
                "secretariat.dg@chu-exemple.fr"));

        assertThat(flow.messages.readValuesToList())
                .extracting(MailMessage::origin)
                .containsOnly(MailMessage.Origin.EXTERNAL)
                .hasSize(3);
        assertThat(flow.alertsList()).isEmpty();
        assertThat(indicators.readValuesToList()).isEmpty();
    }

    @Test
    void shouldNotJudgeOutboundMailEvenToOrFromALookalikeDomain() {
        // a user writing to the look-alike (a reply to the fraud), and an internal application misconfigured with a
        // look-alike sender: both were submitted from inside, so neither is a look-alike sending to the hospital
        flow.lines(outbound("D1B2C3D401", "10:30:00", "a.meyer@chu-exemple.fr", "compta@chu-exemple-fr.com"));
        flow.lines(outbound("D1B2C3D402", "10:31:00", "noreply@chu-exemple.com", "patient@example.net"));

        assertThat(flow.messages.readValuesToList())
                .extracting(MailMessage::origin)
                .containsOnly(MailMessage.Origin.INTERNAL)
                .hasSize(2);
        assertThat(flow.alertsList()).isEmpty();
        assertThat(indicators.readValuesToList()).isEmpty();
    }

    @Test
    void shouldLetTheProxyRulesNameTheWorkstationsThatVisitTheDomainBeforeAndAfterTheMail() {
        // one workstation had already been there (a first wave, another channel), another goes after the mail
        proxy.pipeInput(
                "access.log",
                squid("10.1.1.21", "fandre", "09:05:00", "http://chu-exemple-fr.com/"),
                MailFlowDriver.NOW);
        proxy.pipeInput(
                "access.log",
                squid("10.1.1.22", "oleroy", "09:06:00", "http://intranet.chu-exemple.fr/"),
                MailFlowDriver.NOW);
        assertThat(flow.alertsList()).isEmpty();

        flow.lines(inbound(
                "4B2C81A03C",
                "10:15:02",
                "compta@chu-exemple-fr.com",
                "unknown[203.0.113.45]",
                "pierre.guerin@chu-exemple.fr"));
        proxy.pipeInput(
                "access.log",
                squid("10.1.1.20", "pguerin", "09:20:00", "http://chu-exemple-fr.com/connexion/?user=pierre.guerin"),
                MailFlowDriver.NOW);
        proxy.pipeInput(
                "access.log",
                squid("10.1.1.22", "oleroy", "09:21:00", "http://intranet.chu-exemple.fr/"),
                MailFlowDriver.NOW);

        final List<Alert> alerts = flow.alertsList();
        assertThat(alerts)
                .extracting(a -> a.ruleId() + " " + a.source().get("ip"))
                .containsExactlyInAnyOrder(
                        RULE + " 203.0.113.45",
                        "vigie.proxy.retro-hunt 10.1.1.21",
                        "vigie.proxy.intel-match 10.1.1.20");
        final Alert match = alerts.stream()
                .filter(a -> a.ruleId().equals("vigie.proxy.intel-match"))
                .findFirst()
                .orElseThrow();
        assertThat(match.vigie().level()).isEqualTo("high");
        assertThat(match.vigie().observed().get("indicator").toString())
                .contains("host:chu-exemple-fr.com")
                .contains("detection:vigie.mail.lookalike-sender");
    }

    @Test
    void shouldLetTheQuarantineGroupTheDomainsQuarantinedMessagesFromTheSecondOne() {
        flow.lines(inbound(
                "4B2C81A03C",
                "10:15:02",
                "compta@chu-exemple-fr.com",
                "unknown[203.0.113.45]",
                "pierre.guerin@chu-exemple.fr"));
        final TestInputTopic<String, String> quarantine = flow.driver.createInputTopic(
                flow.config.topics().rawQuarantine(), new StringSerializer(), new StringSerializer());
        for (int i = 1; i <= 2; i++) {
            quarantine.pipeInput(
                    "mx",
                    String.format(
                            "Nov 28 10:4%d:00 mx amavis[1234]: (01234-0%d) Blocked SPAM "
                                    + "{DiscardedInbound,Quarantined}, [203.0.113.45]:4242 [203.0.113.45] <rh%d@chu-exemple-fr.com> -> "
                                    + "<user%d@chu-exemple.fr>, quarantine: spam-q0%d, Queue-ID: 5C3D92B10%d, Message-ID: "
                                    + "<m0%d@chu-exemple-fr.com>, mail_id: q0%d, Hits: 9.1, size: 2345, Subject: \"Avis %d\", 1523 ms",
                            i, i, i, i, i, i, i, i, i),
                    MailFlowDriver.NOW);
        }

        assertThat(flow.alertsList())
                .extracting(a -> a.ruleId() + " " + a.vigie().observed().get("trait"))
                .containsExactlyInAnyOrder(
                        RULE + " null", "vigie.mail.quarantine-campaign indicator:host:chu-exemple-fr.com");
    }

    @Test
    void shouldAlertWhenAUserReportsAMailWhoseFromImitatesTheHospital() {
        final String mail = "Authentication-Results: mx.chu-exemple.fr; spf=pass smtp.mailfrom=chu-exemple.com; "
                + "dkim=pass header.d=chu-exemple.com; dmarc=pass header.from=chu-exemple.com\r\n"
                + "Received: from mail.chu-exemple.com (mail.chu-exemple.com [198.51.100.61]) by mx.chu-exemple.fr "
                + "with ESMTPS; Sat, 28 Nov 2026 09:40:00 +0100\r\n"
                + "From: \"Direction des ressources humaines\" <drh@chu-exemple.com>\r\n"
                + "To: a.meyer@chu-exemple.fr\r\nSubject: Mise a jour de vos coordonnees bancaires\r\n"
                + "Message-ID: <rib-2026-11@chu-exemple.com>\r\nDate: Sat, 28 Nov 2026 09:40:00 +0100\r\n"
                + "MIME-Version: 1.0\r\nContent-Type: text/plain; charset=utf-8\r\n\r\n"
                + "Bonjour, merci de confirmer votre RIB avant la paie : https://chu-exemple.com/rh/rib\r\n";
        reports.pipeInput("a.meyer@chu-exemple.fr", mail.getBytes(StandardCharsets.US_ASCII), MailFlowDriver.NOW);

        final List<Alert> alerts = lookalikeAlerts(flow.alertsList());
        assertThat(alerts).singleElement().satisfies(alert -> {
            assertThat(alert.entity()).isEqualTo("chu-exemple.com");
            assertThat(alert.vigie().level()).isEqualTo("high");
            assertThat(alert.user()).containsEntry("email", "a.meyer@chu-exemple.fr");
            assertThat(alert.email()).containsEntry("message_id", "rib-2026-11@chu-exemple.com");
            assertThat(alert.vigie().observed())
                    .containsEntry("technique", "tld-swap")
                    .containsEntry("sender_field", "reported_from")
                    .doesNotContainKeys("recipients", "queue_id")
                    .containsKey("report_id");
        });
        assertThat(indicators.readValuesToList())
                .filteredOn(i -> i.source().equals("detection:" + RULE))
                .extracting(Indicator::key)
                .containsExactly("host:chu-exemple.com");
    }
}
