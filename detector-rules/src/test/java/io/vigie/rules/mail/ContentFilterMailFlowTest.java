package io.vigie.rules.mail;

import static org.assertj.core.api.Assertions.assertThat;

import io.vigie.core.model.Direction;
import io.vigie.core.model.MailMessage;
import io.vigie.core.model.TopEntry;
import io.vigie.core.model.TopSnapshot;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A server with a content filter (amavisd-new): Postfix logs each mail under two queue ids, the one it came in under,
 * delivered to the filter on {@code 127.0.0.1:10024}, and the one the filter gives it back under through the
 * re-injection smtpd on {@code 127.0.0.1:10025}. The lines are in the order a real server logs them: the re-injected
 * queue id appears before the hop's {@code queued as} line, since the filter waits for Postfix's answer.
 */
class ContentFilterMailFlowTest {

    private static final String HOP = ", relay=127.0.0.1[127.0.0.1]:10024, delay=0.9, delays=0.1/0/0/0.8, dsn=2.0.0, "
            + "status=sent (250 2.0.0 from MTA(smtp:[127.0.0.1]:10025): 250 2.0.0 Ok: queued as ";

    @TempDir
    Path stateDir;

    private MailFlowDriver flow;

    @BeforeEach
    void start() {
        flow = new MailFlowDriver(PostfixMailFlowTest.config(20), stateDir);
    }

    @AfterEach
    void stop() {
        flow.close();
    }

    /** An inbound mail from the internet through the filter, with XFORWARD and the re-injection's own syslog name. */
    private static String[] inboundThroughTheFilter(
            final String first,
            final String second,
            final String sender,
            final String reinjectionName,
            final String... recipients) {
        final List<String> lines = new java.util.ArrayList<>(List.of(
                "Nov 28 10:00:00 mx postfix/smtpd[100]: " + first + ": client=mail.example.org[192.0.2.10]",
                "Nov 28 10:00:00 mx postfix/cleanup[101]: " + first + ": message-id=<" + first + "@example.org>",
                "Nov 28 10:00:00 mx postfix/qmgr[102]: " + first + ": from=<" + sender + ">, size=2000, nrcpt="
                        + recipients.length + " (queue active)",
                "Nov 28 10:00:01 mx " + reinjectionName + "[110]: " + second + ": client=localhost[127.0.0.1], "
                        + "orig_queue_id=" + first + ", orig_client=mail.example.org[192.0.2.10]",
                "Nov 28 10:00:01 mx postfix/cleanup[101]: " + second + ": message-id=<" + first + "@example.org>",
                "Nov 28 10:00:01 mx postfix/qmgr[102]: " + second + ": from=<" + sender + ">, size=2450, nrcpt="
                        + recipients.length + " (queue active)"));
        for (final String rcpt : recipients) {
            lines.add("Nov 28 10:00:01 mx postfix/smtp[103]: " + first + ": to=<" + rcpt + ">" + HOP + second + ")");
        }
        lines.add("Nov 28 10:00:01 mx postfix/qmgr[102]: " + first + ": removed");
        for (final String rcpt : recipients) {
            lines.add("Nov 28 10:00:02 mx postfix/lmtp[104]: " + second + ": to=<" + rcpt
                    + ">, relay=exch01.chu-exemple.local[10.0.0.25]:24, delay=1.1, delays=0/0/0.1/1, dsn=2.0.0, "
                    + "status=sent (250 2.0.0 Ok)");
        }
        lines.add("Nov 28 10:00:02 mx postfix/qmgr[102]: " + second + ": removed");
        return lines.toArray(String[]::new);
    }

    @Test
    void shouldCountAnInboundMailOnceAsItCameInWhenAContentFilterReinjectsIt() {
        flow.lines(inboundThroughTheFilter(
                "1A2B3C4D5E",
                "6F7A8B9C0D",
                "alice@example.org",
                "postfix/10025/smtpd",
                "bob@chu-exemple.fr",
                "carol@chu-exemple.fr"));
        flow.tick(Duration.ofSeconds(2));

        final TopSnapshot period = flow.latestSnapshots().get("period");
        // the sender with the size it came in with; each recipient once, from its final delivery
        assertThat(period.all().sendersByCount()).containsExactly(new TopEntry("alice@example.org", 1, 2000));
        assertThat(period.inbound().sendersByCount()).containsExactly(new TopEntry("alice@example.org", 1, 2000));
        assertThat(period.inbound().recipientsByCount())
                .containsExactly(
                        new TopEntry("bob@chu-exemple.fr", 1, 2450), new TopEntry("carol@chu-exemple.fr", 1, 2450));
        assertThat(period.outbound().sendersByCount()).isEmpty();
        assertThat(period.outbound().recipientsByCount()).isEmpty();
    }

    @Test
    void shouldSayWhichMessageIsTheReinjectedOneAndKeepItsOriginalClient() {
        flow.lines(inboundThroughTheFilter(
                "1A2B3C4D5E", "6F7A8B9C0D", "alice@example.org", "postfix/10025/smtpd", "bob@chu-exemple.fr"));

        final Map<String, MailMessage> byQueueId = flow.messages.readValuesToList().stream()
                .collect(Collectors.toMap(MailMessage::queueId, Function.identity()));
        assertThat(byQueueId.get("1A2B3C4D5E").reinjected()).isFalse();
        final MailMessage reinjected = byQueueId.get("6F7A8B9C0D");
        assertThat(reinjected.reinjected()).isTrue();
        assertThat(reinjected.originalQueueId()).isEqualTo("1A2B3C4D5E");
        assertThat(reinjected.clientIp()).isEqualTo("192.0.2.10");
        assertThat(reinjected.origin()).isEqualTo(MailMessage.Origin.EXTERNAL);
        assertThat(reinjected.direction()).isEqualTo(Direction.INBOUND);
    }

    @Test
    void shouldCountOnceWhenTheReinjectionLogsUnderTheMainSyslogNameWithXforward() {
        // pflogsumm counts this sender twice: the re-injection's client= line looks like any other to it
        flow.lines(inboundThroughTheFilter(
                "1A2B3C4D5E", "6F7A8B9C0D", "alice@example.org", "postfix/smtpd", "bob@chu-exemple.fr"));
        flow.tick(Duration.ofSeconds(2));

        final TopSnapshot period = flow.latestSnapshots().get("period");
        assertThat(period.all().sendersByCount()).containsExactly(new TopEntry("alice@example.org", 1, 2000));
        assertThat(period.all().recipientsByCount()).containsExactly(new TopEntry("bob@chu-exemple.fr", 1, 2450));
    }

    @Test
    void shouldKeepAnAuthenticatedUsersMailOutboundThroughAFilterWithoutXforward() {
        // staff at home (an outside address, SASL); the filter gives the mail back from loopback without XFORWARD
        flow.lines(
                "Nov 28 10:00:00 mx postfix/submission/smtpd[100]: 2B3C4D5E6F: client=unknown[203.0.113.50], "
                        + "sasl_method=PLAIN, sasl_username=m.leroy@chu-exemple.fr",
                "Nov 28 10:00:00 mx postfix/qmgr[102]: 2B3C4D5E6F: from=<m.leroy@chu-exemple.fr>, size=900, nrcpt=1 "
                        + "(queue active)",
                "Nov 28 10:00:01 mx postfix/10025/smtpd[110]: 7A8B9C0D1E: client=localhost[127.0.0.1]",
                "Nov 28 10:00:01 mx postfix/qmgr[102]: 7A8B9C0D1E: from=<m.leroy@chu-exemple.fr>, size=1300, nrcpt=1 "
                        + "(queue active)",
                "Nov 28 10:00:01 mx postfix/smtp[103]: 2B3C4D5E6F: to=<lab@example.net>" + HOP + "7A8B9C0D1E)",
                "Nov 28 10:00:01 mx postfix/qmgr[102]: 2B3C4D5E6F: removed",
                "Nov 28 10:00:02 mx postfix/smtp[104]: 7A8B9C0D1E: to=<lab@example.net>, "
                        + "relay=mx.example.net[192.0.2.7]:25, delay=1, delays=0/0/0.5/0.5, dsn=2.0.0, status=sent (250 Ok)",
                "Nov 28 10:00:02 mx postfix/qmgr[102]: 7A8B9C0D1E: removed");
        flow.tick(Duration.ofSeconds(2));

        final TopSnapshot period = flow.latestSnapshots().get("period");
        assertThat(period.outbound().sendersByCount()).containsExactly(new TopEntry("m.leroy@chu-exemple.fr", 1, 900));
        assertThat(period.outbound().recipientsByCount()).containsExactly(new TopEntry("lab@example.net", 1, 1300));
        assertThat(period.inbound().sendersByCount()).isEmpty();
        assertThat(period.inbound().recipientsByCount()).isEmpty();
        assertThat(period.all().recipientsByCount()).hasSize(1);
    }

    @Test
    void shouldCountNoDeliveryWhenTheFilterDiscardsTheMail() {
        flow.lines(
                "Nov 28 10:00:00 mx postfix/smtpd[100]: 3C4D5E6F7A: client=mail.example.org[192.0.2.10]",
                "Nov 28 10:00:00 mx postfix/qmgr[102]: 3C4D5E6F7A: from=<bad@example.org>, size=5000, nrcpt=1 "
                        + "(queue active)",
                "Nov 28 10:00:01 mx postfix/smtp[103]: 3C4D5E6F7A: to=<bob@chu-exemple.fr>, "
                        + "relay=127.0.0.1[127.0.0.1]:10024, delay=0.4, delays=0.1/0/0/0.3, dsn=2.7.0, status=sent "
                        + "(250 2.7.0 Ok, discarded, id=02231-01 - INFECTED: Eicar-Signature)",
                "Nov 28 10:00:01 mx postfix/qmgr[102]: 3C4D5E6F7A: removed");
        flow.tick(Duration.ofSeconds(2));

        final TopSnapshot period = flow.latestSnapshots().get("period");
        assertThat(period.all().sendersByCount()).containsExactly(new TopEntry("bad@example.org", 1, 5000));
        assertThat(period.all().recipientsByCount()).isEmpty();
    }

    @Test
    void shouldCountAWebmailSubmissionAndALocalLmtpDeliveryOnLoopbackAsUsual() {
        // loopback on the main smtpd is a program of the server submitting mail; LMTP on loopback a final delivery
        flow.lines(
                "Nov 28 10:00:00 mx postfix/smtpd[100]: 4D5E6F7A8B: client=localhost[127.0.0.1], sasl_method=LOGIN, "
                        + "sasl_username=jordy",
                "Nov 28 10:00:00 mx postfix/qmgr[102]: 4D5E6F7A8B: from=<jordy@chu-exemple.fr>, size=700, nrcpt=1 "
                        + "(queue active)",
                "Nov 28 10:00:01 mx postfix/lmtp[104]: 4D5E6F7A8B: to=<bob@chu-exemple.fr>, "
                        + "relay=mx[127.0.0.1]:24, delay=0.2, delays=0/0/0.1/0.1, dsn=2.0.0, "
                        + "status=sent (250 2.0.0 <bob@chu-exemple.fr> x2Y3z4 Saved)",
                "Nov 28 10:00:01 mx postfix/qmgr[102]: 4D5E6F7A8B: removed");
        flow.tick(Duration.ofSeconds(2));

        final TopSnapshot period = flow.latestSnapshots().get("period");
        assertThat(period.all().sendersByCount()).containsExactly(new TopEntry("jordy@chu-exemple.fr", 1, 700));
        assertThat(period.all().recipientsByCount()).containsExactly(new TopEntry("bob@chu-exemple.fr", 1, 700));
        assertThat(period.outbound().sendersByCount()).containsExactly(new TopEntry("jordy@chu-exemple.fr", 1, 700));
    }
}
