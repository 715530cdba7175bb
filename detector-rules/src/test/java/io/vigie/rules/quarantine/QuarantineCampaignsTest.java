package io.vigie.rules.quarantine;

import static org.assertj.core.api.Assertions.assertThat;

import io.vigie.rules.TestDrivers;
import io.vigie.rules.alert.Alert;
import io.vigie.rules.alert.AlertThrottle;
import io.vigie.rules.alert.PartAlerts;
import io.vigie.rules.config.RulesConfig;
import io.vigie.rules.intel.ThreatIntel;
import io.vigie.rules.mail.PostfixMailFlow;
import io.vigie.rules.store.QueryableStores;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.kstream.KStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class QuarantineCampaignsTest {

    private static final Instant NOW = Instant.parse("2026-11-28T12:00:00Z");

    @TempDir
    Path stateDir;

    private TopologyTestDriver driver;
    private TestInputTopic<String, String> quarantine;
    private TestInputTopic<String, String> postfix;
    private TestInputTopic<String, String> indicators;
    private TestOutputTopic<String, Alert> alerts;

    @BeforeEach
    void start() {
        final RulesConfig config = RulesConfig.defaults()
                .withInternalDomains(List.of("chu-exemple.fr"))
                .withClock(Clock.fixed(NOW, ZoneOffset.UTC));
        // what the quarantine part reads: the mail flow's Postfix lines and the intel store; the mail and
        // quarantine alerts through the throttle as the whole detector sends them
        driver = TestDrivers.part(
                builder -> {
                    final PostfixMailFlow.Output mail = PostfixMailFlow.addTo(builder, config);
                    ThreatIntel.addTo(builder, config.topics());
                    final KStream<String, Alert> campaigns =
                            QuarantineCampaigns.addTo(builder, config, mail.lines(), QueryableStores.INTEL);
                    TestDrivers.throttled(
                            builder,
                            config,
                            new PartAlerts("mail", mail.alerts()),
                            new PartAlerts("quarantine", campaigns));
                },
                stateDir,
                NOW);
        quarantine = driver.createInputTopic("raw.quarantine", new StringSerializer(), new StringSerializer());
        postfix = driver.createInputTopic("raw.postfix", new StringSerializer(), new StringSerializer());
        indicators = driver.createInputTopic("raw.indicators", new StringSerializer(), new StringSerializer());
        alerts = driver.createOutputTopic(
                "alerts", new StringDeserializer(), AlertThrottle.serde().deserializer());
    }

    @AfterEach
    void stop() {
        driver.close();
    }

    /** An Amavis block at 11:mm, from a sender to one internal recipient, with a subject. */
    private void amavis(
            final int minute,
            final String sender,
            final String recipient,
            final String subject,
            final String category) {
        quarantine.pipeInput("mx", amavisLine(minute, sender, recipient, subject, category), NOW);
    }

    static String amavisLine(
            final int minute,
            final String sender,
            final String recipient,
            final String subject,
            final String category) {
        return String.format(
                "Nov 28 11:%02d:00 mx amavis[1234]: (01234-%02d) Blocked %s "
                        + "{DiscardedInbound,Quarantined}, [203.0.113.5]:4242 [203.0.113.5] <%s> -> <%s>, "
                        + "quarantine: virus-q%02d, Queue-ID: 4B2C81A0%02d, Message-ID: <m%02d@%s>, mail_id: q%02d, "
                        + "Hits: -, size: 2345, Subject: \"%s\", 1523 ms",
                minute,
                minute,
                category,
                sender,
                recipient,
                minute,
                minute,
                minute,
                sender.substring(sender.indexOf('@') + 1),
                minute,
                subject);
    }

    private List<Alert> campaignAlerts() {
        return alerts.readValuesToList().stream()
                .filter(a -> a.ruleId().equals("vigie.mail.quarantine-campaign"))
                .toList();
    }

    @Test
    void fiveMessagesSharingASubjectMakeACampaignListingTheRecipients() {
        for (int i = 1; i <= 4; i++) {
            amavis(
                    i,
                    "compta" + i + "@factures-" + i + ".example",
                    "user" + i + "@chu-exemple.fr",
                    "Votre facture n°" + (4000 + i) + " est disponible",
                    "SPAM");
        }
        assertThat(campaignAlerts()).as("4 messages: below 5").isEmpty();

        amavis(
                5,
                "compta5@factures-5.example",
                "user5@chu-exemple.fr",
                "RE: Votre facture n°4005 est disponible",
                "SPAM");

        assertThat(campaignAlerts()).singleElement().satisfies(a -> {
            assertThat(a.vigie().observed())
                    .containsEntry("trait", "subject:votre facture n°# est disponible")
                    .containsEntry("messages", 5)
                    .containsEntry("internal_recipients", 5);
            assertThat(a.related().get("user"))
                    .containsExactly(
                            "user1@chu-exemple.fr",
                            "user2@chu-exemple.fr",
                            "user3@chu-exemple.fr",
                            "user4@chu-exemple.fr",
                            "user5@chu-exemple.fr");
            assertThat(a.vigie().level()).isEqualTo("medium");
        });
    }

    @Test
    void moreMessagesToTheSameRecipientsRaiseNothingNewUntilTheReachDoubles() {
        for (int i = 1; i <= 5; i++) {
            amavis(
                    i,
                    "a@evil-campaign.example",
                    "user" + i + "@chu-exemple.fr",
                    "Mot de passe expire aujourd'hui",
                    "SPAM");
        }
        assertThat(campaignAlerts()).hasSize(2).as("subject and sender domain");
        for (int i = 6; i <= 9; i++) {
            amavis(
                    i,
                    "a@evil-campaign.example",
                    "user" + (i % 5 + 1) + "@chu-exemple.fr",
                    "Mot de passe expire aujourd'hui",
                    "SPAM");
        }
        assertThat(campaignAlerts()).as("same 5 recipients: no flood").isEmpty();
        for (int i = 10; i <= 14; i++) {
            amavis(
                    i,
                    "a@evil-campaign.example",
                    "user" + i + "@chu-exemple.fr",
                    "Mot de passe expire aujourd'hui",
                    "SPAM");
        }
        assertThat(campaignAlerts())
                .as("10 recipients: one update per trait")
                .extracting(a -> a.vigie().observed().get("internal_recipients"))
                .containsOnly(10);
    }

    @Test
    void unrelatedQuarantinedMailRaisesNothing() {
        for (int i = 1; i <= 8; i++) {
            amavis(
                    i,
                    "x" + i + "@sender-" + i + ".example",
                    "user" + i + "@chu-exemple.fr",
                    "Sujet numéro " + i + " sans rapport " + "abcdefgh".charAt(i - 1),
                    "SPAM");
        }
        assertThat(campaignAlerts()).isEmpty();
    }

    @Test
    void anIndicatorFromAReportedMailGroupsTwoMessagesAtOnceAndRaisesItToHigh() {
        indicators.pipeInput("report", "portail-rh.example reported-mail-1", NOW);
        amavis(1, "rh@portail-rh.example", "user1@chu-exemple.fr", "Bulletin de paie disponible", "SPAM");
        amavis(2, "rh@portail-rh.example", "user2@chu-exemple.fr", "Votre bulletin", "SPAM");

        assertThat(campaignAlerts()).singleElement().satisfies(a -> {
            assertThat(a.vigie().observed()).containsEntry("trait", "indicator:host:portail-rh.example");
            assertThat(a.vigie().level()).isEqualTo("high");
        });
    }

    @Test
    void amavisDecisionsInAShippedMailLogAreQuarantineDecisionsToo() {
        // one mail.log shipped to raw.postfix: Postfix's lines, dovecot's, and amavis's blocks
        for (int i = 1; i <= 5; i++) {
            postfix.pipeInput(
                    null,
                    "Nov 28 11:0" + i + ":00 mx dovecot: imap-login: Login: user=<user" + i
                            + ">, method=PLAIN, rip=10.12.0.4" + i,
                    NOW);
            postfix.pipeInput(
                    null,
                    amavisLine(
                            i,
                            "facture@factures-" + i + ".example",
                            "user" + i + "@chu-exemple.fr",
                            "Relance impayé n°" + (7000 + i),
                            "INFECTED (Eicar-Signature)"),
                    NOW);
        }

        assertThat(campaignAlerts()).singleElement().satisfies(a -> {
            assertThat(a.vigie().observed()).containsEntry("trait", "subject:relance impayé n°#");
            assertThat(a.vigie().level()).isEqualTo("high");
        });
    }

    @Test
    void theSameAmavisBlockShippedBothWaysCountsOnce() {
        for (int i = 1; i <= 4; i++) {
            final String line = amavisLine(
                    i, "x@evil-" + i + ".example", "user" + i + "@chu-exemple.fr", "Votre colis est bloqué", "SPAM");
            quarantine.pipeInput("mx", line, NOW);
            postfix.pipeInput(null, line, NOW);
        }
        assertThat(campaignAlerts()).as("4 messages, each seen twice: below 5").isEmpty();
    }

    @Test
    void postfixHoldActionsAreQuarantineDecisionsToo() {
        for (int i = 1; i <= 5; i++) {
            postfix.pipeInput(
                    null,
                    String.format(
                            "Nov 28 11:%02d:00 mx postfix/cleanup[321]: 4B2C81A0%02d: hold: header "
                                    + "Subject: Livraison en attente de confirmation from unknown[203.0.113.9]; from=<colis@livraison-%d"
                                    + ".example> to=<user%d@chu-exemple.fr> proto=ESMTP helo=<mail.example>",
                            i, i, i, i),
                    NOW);
        }
        assertThat(campaignAlerts())
                .singleElement()
                .satisfies(a -> assertThat(a.vigie().observed())
                        .containsEntry("trait", "subject:livraison en attente de confirmation")
                        .containsEntry("reasons", List.of("HOLD")));
    }

    @Test
    void malwareRaisesTheLevelAndTheReasonIsCounted() {
        for (int i = 1; i <= 5; i++) {
            amavis(
                    i,
                    "s" + i + "@other-" + i + ".example",
                    "user" + i + "@chu-exemple.fr",
                    "Document partagé avec vous par OneDrive",
                    "INFECTED (Eicar-Signature)");
        }
        assertThat(campaignAlerts()).singleElement().satisfies(a -> {
            assertThat(a.vigie().level()).isEqualTo("high");
            assertThat(a.vigie().observed().get("reasons").toString()).contains("INFECTED");
        });
        assertThat(driver.metrics().entrySet().stream()
                        .filter(e -> e.getKey().name().equals("quarantine-messages-total")
                                && e.getKey().tags().equals(Map.of("reason", "INFECTED")))
                        .mapToDouble(e -> ((Number) e.getValue().metricValue()).doubleValue())
                        .sum())
                .isEqualTo(5.0);
    }

    @Test
    void aGatewayClockAheadCannotStampAnAlertTheBrokerWouldRefuse() {
        // 14:mm is two hours ahead of the wall clock: Kafka refuses records more than an hour ahead
        for (int i = 1; i <= 5; i++) {
            quarantine.pipeInput(
                    "mx",
                    String.format(
                            "Nov 28 14:%02d:00 mx amavis[1234]: (01234-%02d) Blocked SPAM "
                                    + "{DiscardedInbound,Quarantined}, [203.0.113.5]:4242 [203.0.113.5] <c%d@f%d.example> -> "
                                    + "<user%d@chu-exemple.fr>, Message-ID: <f%d@f.example>, Subject: \"Votre colis est bloque en "
                                    + "douane\", 1523 ms",
                            i, i, i, i, i, i),
                    NOW);
        }
        final var records = alerts.readRecordsToList();
        assertThat(records).isNotEmpty().allSatisfy(r -> {
            assertThat(r.getRecordTime()).isBeforeOrEqualTo(NOW.plusSeconds(300));
            assertThat(r.getValue().timestamp())
                    .as("the alert keeps the message's own time")
                    .isAfter(NOW.plusSeconds(3600));
        });
    }
}
