package io.vigie.rules.mail;

import static org.assertj.core.api.Assertions.assertThat;

import io.vigie.core.model.QueueStatus;
import io.vigie.rules.alert.Alert;
import io.vigie.rules.config.FlowAnomalyConfig;
import io.vigie.rules.config.QueueConfig;
import io.vigie.rules.config.RulesConfig;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MailFlowDetectionsTest {

    @TempDir
    Path stateDir;

    static RulesConfig config(final QueueConfig queue, final FlowAnomalyConfig flow) {
        final RulesConfig base = PostfixMailFlowTest.config(20);
        return base.toBuilder().queue(queue).flow(flow).build();
    }

    private static RulesConfig withFlow(final FlowAnomalyConfig flow) {
        return config(QueueConfig.defaults(), flow);
    }

    static List<String> outboundMessages(final String sender, final int count, final String hourAndMinute) {
        return outboundMessages("F", sender, count, hourAndMinute);
    }

    /** As above; {@code tag} (hex digits) starts the queue ids, to keep several senders' messages apart. */
    static List<String> outboundMessages(
            final String tag, final String sender, final int count, final String hourAndMinute) {
        final List<String> lines = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            final String qid = tag + Integer.toHexString(0x10000 + i).toUpperCase() + hourAndMinute.replace(":", "");
            lines.add("Nov 28 " + hourAndMinute + ":00 mx postfix/smtpd[1]: " + qid
                    + ": client=pc42.chu-exemple.local[10.1.2.42], sasl_method=PLAIN, sasl_username=" + sender);
            lines.add("Nov 28 " + hourAndMinute + ":00 mx postfix/qmgr[2]: " + qid + ": from=<" + sender
                    + ">, size=900, nrcpt=1 (queue active)");
            lines.add("Nov 28 " + hourAndMinute + ":01 mx postfix/smtp[3]: " + qid + ": to=<victim" + i
                    + "@example.net>, relay=mx.example.net[192.0.2.7]:25, delay=1, delays=0/0/0.5/0.5, dsn=2.0.0, "
                    + "status=sent (250 Ok)");
            lines.add("Nov 28 " + hourAndMinute + ":01 mx postfix/qmgr[2]: " + qid + ": removed");
        }
        return lines;
    }

    @Test
    void shouldAlertWhenAnInternalSenderFarExceedsItsOutboundBaseline() {
        try (MailFlowDriver flow = new MailFlowDriver(
                withFlow(FlowAnomalyConfig.defaults().toBuilder()
                        .spikeMinimumMessages(50)
                        .spikeFactor(10)
                        .baselineHours(24)
                        .learningPeriod(Duration.ZERO)
                        .fanOutRecipients(30)
                        .fanOutWindow(Duration.ofMinutes(15))
                        .build()),
                stateDir)) {
            flow.lines(
                    outboundMessages("compromised@chu-exemple.fr", 60, "10:15").toArray(String[]::new));

            final List<Alert> alerts = flow.alertsList();
            assertThat(alerts).singleElement().satisfies(alert -> {
                assertThat(alert.ruleId()).isEqualTo("vigie.mail.outbound-volume-spike");
                assertThat(alert.entity()).isEqualTo("compromised@chu-exemple.fr");
                assertThat(((Number) alert.vigie().observed().get("messages_this_hour")).longValue())
                        .isEqualTo(50L);
                assertThat(alert.vigie().response()).isNotEmpty();
                assertThat(alert.event().kind()).isEqualTo("alert");
            });
        }
    }

    @Test
    void shouldNotAlertWhenAnInternalSenderStaysBelowTheMinimum() {
        try (MailFlowDriver flow = new MailFlowDriver(
                withFlow(FlowAnomalyConfig.defaults().toBuilder()
                        .spikeMinimumMessages(50)
                        .spikeFactor(10)
                        .baselineHours(24)
                        .learningPeriod(Duration.ZERO)
                        .fanOutRecipients(30)
                        .fanOutWindow(Duration.ofMinutes(15))
                        .build()),
                stateDir)) {
            flow.lines(outboundMessages("busy.secretary@chu-exemple.fr", 49, "10:15")
                    .toArray(String[]::new));
            assertThat(flow.alertsList()).isEmpty();
        }
    }

    static List<String> inboundWave(final String sender, final int recipients) {
        final List<String> lines = new ArrayList<>();
        for (int i = 0; i < recipients; i++) {
            lines.addAll(List.of(PostfixMailFlowTest.inboundMessage(
                    "C" + Integer.toHexString(0x10000 + i).toUpperCase(),
                    "10:0" + (i % 10) + ":00",
                    sender,
                    3000,
                    "user" + i + "@chu-exemple.fr")));
        }
        return lines;
    }

    @Test
    void shouldAlertListingTheRecipientsWhenOneExternalSenderReachesManyMailboxes() {
        try (MailFlowDriver flow = new MailFlowDriver(
                withFlow(FlowAnomalyConfig.defaults().toBuilder()
                        .spikeMinimumMessages(50)
                        .spikeFactor(10)
                        .baselineHours(24)
                        .learningPeriod(Duration.ZERO)
                        .fanOutRecipients(30)
                        .fanOutWindow(Duration.ofMinutes(15))
                        .build()),
                stateDir)) {
            flow.lines(inboundWave("invoice@phish.example", 30).toArray(String[]::new));

            assertThat(flow.alertsList()).singleElement().satisfies(alert -> {
                assertThat(alert.ruleId()).isEqualTo("vigie.mail.external-sender-fan-out");
                assertThat(alert.entity()).isEqualTo("invoice@phish.example");
                assertThat(alert.related().get("user")).hasSize(30).contains("user0@chu-exemple.fr");
            });
        }
    }

    @Test
    void shouldNotAlertWhenAnExternalSenderReachesFewerMailboxesThanTheThreshold() {
        try (MailFlowDriver flow = new MailFlowDriver(
                withFlow(FlowAnomalyConfig.defaults().toBuilder()
                        .spikeMinimumMessages(50)
                        .spikeFactor(10)
                        .baselineHours(24)
                        .learningPeriod(Duration.ZERO)
                        .fanOutRecipients(30)
                        .fanOutWindow(Duration.ofMinutes(15))
                        .build()),
                stateDir)) {
            flow.lines(inboundWave("newsletter@partner.example", 29).toArray(String[]::new));
            assertThat(flow.alertsList()).isEmpty();
        }
    }

    static List<String> deferredMessages(final int count) {
        final List<String> lines = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            final String qid = "D" + Integer.toHexString(0x10000 + i).toUpperCase();
            lines.add("Nov 28 10:00:00 mx postfix/smtpd[1]: " + qid + ": client=exch01.chu-exemple.local[10.0.0.25]");
            lines.add("Nov 28 10:00:00 mx postfix/qmgr[2]: " + qid + ": from=<a@chu-exemple.fr>, size=900, nrcpt=1"
                    + " (queue active)");
            lines.add("Nov 28 10:00:30 mx postfix/smtp[3]: " + qid + ": to=<b@slow.example>, relay=none, delay=30, "
                    + "delays=0/0/30/0, dsn=4.4.1, status=deferred (connect to mx.slow.example[192.0.2.9]:25: "
                    + "Connection timed out)");
        }
        return lines;
    }

    @Test
    void shouldReportTheQueueAndAlertOnceWhenTheDeferredBacklogExceedsTheThreshold() {
        final QueueConfig queue = QueueConfig.defaults().toBuilder()
                .deferredBacklogThreshold(2)
                .deferredGrowthThreshold(100)
                .growthWindow(Duration.ofMinutes(30))
                .oldestMessageAge(Duration.ofHours(4))
                .statusInterval(Duration.ofSeconds(30))
                .build();
        try (MailFlowDriver flow = new MailFlowDriver(config(queue, FlowAnomalyConfig.defaults()), stateDir)) {
            flow.lines(deferredMessages(3).toArray(String[]::new));
            flow.tick(Duration.ofSeconds(31));
            flow.tick(Duration.ofSeconds(31));

            final List<QueueStatus> statuses = flow.queue.readValuesToList();
            assertThat(statuses).isNotEmpty();
            final QueueStatus status = statuses.get(statuses.size() - 1);
            assertThat(status.source()).isEqualTo("logs");
            assertThat(status.deferred()).isEqualTo(3);
            assertThat(status.deferredByDomain()).containsEntry("slow.example", 3L);
            assertThat(status.deferredByReason()).hasSize(1);
            // two statuses over threshold, one alert: the second is throttled
            assertThat(flow.alertsList())
                    .singleElement()
                    .satisfies(a -> assertThat(a.ruleId()).isEqualTo("vigie.mail.queue.deferred-backlog"));
        }
    }

    @Test
    void shouldAlertOnTheOldestMessageWhenAPostqueueSnapshotShowsAStuckMessage() {
        try (MailFlowDriver flow =
                new MailFlowDriver(config(QueueConfig.defaults(), FlowAnomalyConfig.defaults()), stateDir)) {
            final long arrival = MailFlowDriver.NOW.minus(Duration.ofHours(9)).getEpochSecond();
            flow.rawPostqueue.pipeInput(
                    "mx",
                    "{\"queue_name\":\"deferred\",\"queue_id\":\"ABC123\",\"arrival_time\":"
                            + arrival
                            + ",\"message_size\":1200,\"forced_expire\":false,\"sender\":\"a@chu-exemple.fr\","
                            + "\"recipients\":[{\"address\":\"b@slow.example\",\"delay_reason\":\"connect to mx: timeout\"}]}\n",
                    MailFlowDriver.NOW);

            final QueueStatus status = flow.queue.readValue();
            assertThat(status.source()).isEqualTo("postqueue");
            assertThat(status.host()).isEqualTo("mx");
            assertThat(status.deferred()).isEqualTo(1);
            assertThat(status.oldestQueuedSeconds())
                    .isEqualTo(Duration.ofHours(9).toSeconds());
            assertThat(flow.alertsList())
                    .singleElement()
                    .satisfies(a -> assertThat(a.ruleId()).isEqualTo("vigie.mail.queue.oldest-message"));
        }
    }

    @Test
    void shouldSendAMalformedPostqueueSnapshotToTheDeadLetterTopic() {
        try (MailFlowDriver flow =
                new MailFlowDriver(config(QueueConfig.defaults(), FlowAnomalyConfig.defaults()), stateDir)) {
            flow.rawPostqueue.pipeInput("mx", "{\"queue_name\": truncated", MailFlowDriver.NOW);
            assertThat(flow.dlq.readValuesToList()).singleElement().satisfies(letter -> {
                assertThat(letter.source()).isEqualTo("postqueue");
                assertThat(letter.topic()).isEqualTo("raw.postqueue");
            });
            assertThat(flow.queue.isEmpty()).isTrue();
        }
    }
}
