package io.vigie.rules.mail;

import static org.assertj.core.api.Assertions.assertThat;

import io.vigie.core.model.TopSnapshot;
import io.vigie.rules.alert.Alert;
import io.vigie.rules.config.FlowAnomalyConfig;
import io.vigie.rules.config.QueueConfig;
import io.vigie.rules.config.RulesConfig;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@link OfflineMailFlow} is {@code vigie analyze}'s in-memory run of the mail flow: on the same lines it must
 * find what the topology finds (the same alerts, the same top lists per window, the same dead letters), each
 * scenario being run through both.
 */
class OfflineMailFlowTest {

    private static final FlowAnomalyConfig FLOW = FlowAnomalyConfig.defaults().toBuilder()
            .spikeMinimumMessages(50)
            .spikeFactor(10)
            .baselineHours(24)
            .learningPeriod(Duration.ZERO)
            .fanOutRecipients(30)
            .fanOutWindow(Duration.ofMinutes(15))
            .build();

    @TempDir
    Path stateDir;

    /**
     * What the topology gives for the lines, each piped as its own record, then the punctuators run. The driver runs
     * the topology as one task, so the raw records are stamped before every line: stream time is then the lines'
     * own, as when each stage is its own task.
     */
    private record EngineRun(List<Alert> alerts, Map<String, TopSnapshot> snapshots, List<String> deadLetters) {}

    private EngineRun engine(final RulesConfig config, final List<String> lines) {
        try (MailFlowDriver flow = MailFlowDriver.wholeDetector(config, stateDir)) {
            flow.linesAt(java.time.Instant.parse("2026-11-27T00:00:00Z"), lines.toArray(String[]::new));
            flow.tick(Duration.ofSeconds(31));
            flow.tick(Duration.ofSeconds(31));
            return new EngineRun(
                    flow.alertsList(),
                    flow.latestSnapshots(),
                    flow.dlq.readValuesToList().stream()
                            .map(letter -> letter.reason())
                            .toList());
        }
    }

    private static OfflineMailFlow.Result offline(
            final RulesConfig config, final List<String> lines, final int linesPerRecord) {
        final OfflineMailFlow flow =
                new OfflineMailFlow(config.withClock(Clock.fixed(MailFlowDriver.NOW, ZoneOffset.UTC)));
        for (int from = 0; from < lines.size(); from += linesPerRecord) {
            flow.accept(String.join("\n", lines.subList(from, Math.min(lines.size(), from + linesPerRecord))));
        }
        return flow.finish();
    }

    /** Rule, entity and observed values: what an analyst reads of an alert (not its generated id). */
    private static List<String> described(final List<Alert> alerts) {
        return alerts.stream()
                .map(a -> a.ruleId() + " " + a.entity() + " " + a.vigie().observed())
                .toList();
    }

    private static List<String> ruleAndEntity(final List<Alert> alerts) {
        return alerts.stream().map(a -> a.ruleId() + " " + a.entity()).toList();
    }

    @Test
    void anOutboundSpikeRaisesTheSameAlertAsTheEngine() {
        final RulesConfig config = MailFlowDetectionsTest.config(QueueConfig.defaults(), FLOW);
        final List<String> lines = MailFlowDetectionsTest.outboundMessages("compromised@chu-exemple.fr", 60, "10:15");

        final OfflineMailFlow.Result offline = offline(config, lines, 500);

        assertThat(described(offline.alerts()))
                .hasSize(1)
                .first()
                .asString()
                .startsWith("vigie.mail.outbound-volume-spike compromised@chu-exemple.fr")
                .contains("messages_this_hour=50");
        assertThat(described(offline.alerts()))
                .isEqualTo(described(engine(config, lines).alerts()));
    }

    @Test
    void aFanOutRaisesTheSameAlertListingTheSameRecipients() {
        final RulesConfig config = MailFlowDetectionsTest.config(QueueConfig.defaults(), FLOW);
        final List<String> lines = MailFlowDetectionsTest.inboundWave("invoice@phish.example", 30);

        final OfflineMailFlow.Result offline = offline(config, lines, 7);

        assertThat(offline.alerts())
                .singleElement()
                .satisfies(alert -> assertThat(alert.related().get("user")).hasSize(30));
        final EngineRun engine = engine(config, lines);
        assertThat(described(offline.alerts())).isEqualTo(described(engine.alerts()));
        assertThat(offline.alerts().get(0).related())
                .isEqualTo(engine.alerts().get(0).related());
    }

    @Test
    void belowTheThresholdsNeitherRaisesAnything() {
        final RulesConfig config = MailFlowDetectionsTest.config(QueueConfig.defaults(), FLOW);
        final List<String> lines =
                new ArrayList<>(MailFlowDetectionsTest.outboundMessages("busy@chu-exemple.fr", 49, "10:15"));
        lines.addAll(MailFlowDetectionsTest.inboundWave("newsletter@partner.example", 29));

        assertThat(offline(config, lines, 500).alerts()).isEmpty();
        assertThat(engine(config, lines).alerts()).isEmpty();
    }

    @Test
    void aDeferredBacklogIsSummedFromTheLogsTimeAndAlertsOnce() {
        final QueueConfig queue = QueueConfig.defaults().toBuilder()
                .deferredBacklogThreshold(2)
                .deferredGrowthThreshold(100)
                .growthWindow(Duration.ofMinutes(30))
                .oldestMessageAge(Duration.ofHours(4))
                .statusInterval(Duration.ofSeconds(30))
                .build();
        final RulesConfig config = MailFlowDetectionsTest.config(queue, FlowAnomalyConfig.defaults());
        final List<String> lines = MailFlowDetectionsTest.deferredMessages(3);

        final OfflineMailFlow.Result offline = offline(config, lines, 1);

        assertThat(offline.alerts()).singleElement().satisfies(alert -> {
            assertThat(alert.ruleId()).isEqualTo("vigie.mail.queue.deferred-backlog");
            assertThat(alert.vigie().observed())
                    .containsEntry("deferred", 3L)
                    .containsEntry("deferred_by_domain", Map.of("slow.example", 3L));
        });
        assertThat(ruleAndEntity(offline.alerts()))
                .isEqualTo(ruleAndEntity(engine(config, lines).alerts()));
    }

    @Test
    void heldMessagesMakeTheSameCampaignAsInTheEngine() {
        final RulesConfig config = MailFlowDetectionsTest.config(QueueConfig.defaults(), FLOW);
        final List<String> lines = new ArrayList<>();
        for (int i = 1; i <= 5; i++) {
            lines.add(String.format(
                    "Nov 28 11:%02d:00 mx postfix/cleanup[321]: 4B2C81A0%02d: hold: header "
                            + "Subject: Livraison en attente de confirmation from unknown[203.0.113.9]; from=<colis@livraison-%d"
                            + ".example> to=<user%d@chu-exemple.fr> proto=ESMTP helo=<mail.example>",
                    i, i, i, i));
        }

        final OfflineMailFlow.Result offline = offline(config, lines, 500);

        assertThat(offline.alerts())
                .singleElement()
                .satisfies(alert -> assertThat(alert.vigie().observed())
                        .containsEntry("trait", "subject:livraison en attente de confirmation"));
        assertThat(described(offline.alerts()))
                .isEqualTo(described(engine(config, lines).alerts()));
    }

    @Test
    void lookalikeSendersRaiseTheSameAlertsAsInTheEngineRefusedAttemptsIncluded() {
        final RulesConfig config = LookalikeSenderDetectionTest.config();
        final List<String> lines = new ArrayList<>();
        lines.addAll(List.of(LookalikeSenderDetectionTest.inbound(
                "4B2C81A03C",
                "10:15:02",
                "compta@chu-exemple-fr.com",
                "unknown[203.0.113.45]",
                "pierre.guerin@chu-exemple.fr",
                "lucie.jacquet@chu-exemple.fr")));
        lines.addAll(List.of(LookalikeSenderDetectionTest.inbound(
                "4B2C81A03D", "10:16:00", "commandes@ugap.fr", "mx.ugap.fr[192.0.2.80]", "achats@chu-exemple.fr")));
        lines.add("Nov 28 10:24:25 mx postfix/smtpd[18451]: NOQUEUE: reject: RCPT from unknown[203.0.113.17]: 554 "
                + "5.7.1 <unknown[203.0.113.17]>: Client host rejected: Access denied; from=<factures@ght-exemp1e.fr> "
                + "to=<sebastien.gerard@chu-exemple.fr> proto=ESMTP helo=<mail.ght-exemp1e.fr>");
        lines.add("Nov 28 10:25:00 mx postfix/smtpd[18451]: NOQUEUE: reject: RCPT from unknown[192.0.2.99]: 554 5.7.1 "
                + "<unknown[192.0.2.99]>: Client host rejected: Access denied; from=<promo@newsletter.example> "
                + "to=<sebastien.gerard@chu-exemple.fr> proto=ESMTP helo=<mail.newsletter.example>");

        final OfflineMailFlow.Result offline = offline(config, lines, 500);

        assertThat(ruleAndEntity(offline.alerts()))
                .containsExactlyInAnyOrder(
                        "vigie.mail.lookalike-sender chu-exemple-fr.com", "vigie.mail.lookalike-sender ght-exemp1e.fr");
        assertThat(described(offline.alerts()))
                .containsExactlyInAnyOrderElementsOf(
                        described(engine(config, lines).alerts()));
    }

    @Test
    void otherProgramsLinesAreCountedByProgramAndAmavisBlocksMakeTheSameCampaign() {
        final RulesConfig config = MailFlowDetectionsTest.config(QueueConfig.defaults(), FLOW);
        final List<String> lines = new ArrayList<>();
        for (int i = 1; i <= 5; i++) {
            lines.add("Nov 28 11:0" + i + ":00 mx dovecot: imap-login: Login: user=<user" + i + ">, rip=10.12.0.4" + i);
            lines.add(io.vigie.rules.quarantine.QuarantineCampaignsTestLines.amavisBlock(i));
        }

        final OfflineMailFlow.Result offline = offline(config, lines, 500);

        assertThat(offline.otherPrograms()).isEqualTo(Map.of("amavis", 5L, "dovecot", 5L));
        assertThat(offline.deadLetters()).isEmpty();
        assertThat(offline.alerts())
                .singleElement()
                .satisfies(alert -> assertThat(alert.ruleId()).isEqualTo("vigie.mail.quarantine-campaign"));
        final EngineRun engine = engine(config, lines);
        assertThat(described(offline.alerts())).isEqualTo(described(engine.alerts()));
        assertThat(engine.deadLetters()).isEmpty();
    }

    @Test
    void topListsOfThePeriodAndOfEachDayAreTheEnginesAcrossMidnight() {
        final RulesConfig config = MailFlowDetectionsTest.config(QueueConfig.defaults(), FlowAnomalyConfig.defaults());
        // Europe/Paris: the 27th closes once 00:05 on the 28th (its end plus the 5 min grace) is behind stream time
        final List<String> lines = new ArrayList<>();
        lines.addAll(onDay(
                "Nov 27",
                PostfixMailFlowTest.inboundMessage(
                        "AAAA1", "23:50:00", "alice@example.org", 1000, "bob@chu-exemple.fr", "carol@chu-exemple.fr")));
        lines.addAll(onDay(
                "Nov 27",
                PostfixMailFlowTest.inboundMessage(
                        "AAAA2", "23:55:00", "dave@example.org", 9000, "bob@chu-exemple.fr")));
        lines.addAll(List.of(PostfixMailFlowTest.inboundMessage(
                "AAAA3", "00:10:00", "alice@example.org", 500, "carol@chu-exemple.fr")));
        lines.addAll(MailFlowDetectionsTest.outboundMessages("erin@chu-exemple.fr", 3, "00:20"));

        final OfflineMailFlow.Result offline = offline(config, lines, 500);
        final Map<String, TopSnapshot> engine = engine(config, lines).snapshots();

        assertThat(engine).as("engine windows").containsOnlyKeys("period", "day:2026-11-27", "day:2026-11-28");
        assertThat(offline.days()).containsOnlyKeys("2026-11-27", "2026-11-28");
        assertThat(offline.days().get("2026-11-27").closed()).isTrue();
        assertThat(offline.days().get("2026-11-28").closed()).isFalse();
        assertThat(offline.days().get("2026-11-27").all().sendersByCount())
                .extracting(e -> e.address())
                .containsExactly("alice@example.org", "dave@example.org");
        assertThat(offline.period().all()).isEqualTo(engine.get("period").all());
        assertThat(offline.period().inbound()).isEqualTo(engine.get("period").inbound());
        assertThat(offline.period().outbound()).isEqualTo(engine.get("period").outbound());
        for (final String day : offline.days().keySet()) {
            final TopSnapshot ours = offline.days().get(day);
            final TopSnapshot theirs = engine.get("day:" + day);
            assertThat(ours.all()).as(day).isEqualTo(theirs.all());
            assertThat(ours.outbound()).as(day).isEqualTo(theirs.outbound());
            assertThat(ours.closed()).as(day).isEqualTo(theirs.closed());
        }
    }

    private static List<String> onDay(final String day, final String... lines) {
        return java.util.Arrays.stream(lines)
                .map(line -> line.replace("Nov 28 ", day + " "))
                .toList();
    }

    @Test
    void badLinesAreDeadLettersWithTheEnginesReasons() {
        final RulesConfig config = MailFlowDetectionsTest.config(QueueConfig.defaults(), FlowAnomalyConfig.defaults());
        final List<String> lines = new ArrayList<>(List.of(PostfixMailFlowTest.inboundMessage(
                "AAAA1", "10:00:00", "alice@example.org", 1000, "bob@chu-exemple.fr")));
        lines.add(1, "this is not a syslog line");
        lines.add("Nov 31 10:00:01 mx postfix/qmgr[2]: AAAA9: removed");

        final OfflineMailFlow.Result offline = offline(config, lines, 500);
        final List<String> engineReasons = engine(config, lines).deadLetters();

        assertThat(offline.deadLetters().values().stream()
                        .mapToLong(Long::longValue)
                        .sum())
                .isEqualTo(2);
        final Map<String, Long> byReason = new java.util.TreeMap<>();
        engineReasons.forEach(reason -> byReason.merge(reason, 1L, Long::sum));
        assertThat(offline.deadLetters()).isEqualTo(byReason);
        assertThat(offline.period().all().sendersByCount()).hasSize(1);
    }
}
