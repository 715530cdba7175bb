package io.vigie.core.parse;

import static org.assertj.core.api.Assertions.assertThat;

import io.vigie.core.model.DeliveryDelays;
import io.vigie.core.model.PostfixEvent;
import io.vigie.core.model.PostfixKind;
import io.vigie.core.model.SyslogRecord;
import io.vigie.core.time.SyslogYearResolver;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class PostfixParserTest {

    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-30T12:00:00Z"), ZoneOffset.UTC);
    private static final String HEAD = "Nov 28 05:24:14 mx ";

    private final PostfixParser parser = new PostfixParser(CLOCK, ZoneOffset.UTC);

    private PostfixEvent ok(final String line) {
        final ParseResult<PostfixEvent> result = parser.parse(line);
        assertThat(result.isOk()).as("parsed %s, got %s", line, result).isTrue();
        return result.value();
    }

    private String reason(final String line) {
        final ParseResult<PostfixEvent> result = parser.parse(line);
        assertThat(result.isOk()).as("refused %s", line).isFalse();
        assertThat(result.error().source()).isEqualTo("postfix");
        assertThat(result.error().raw()).isEqualTo(line);
        return result.error().reason();
    }

    @Test
    void shouldFillTheEnvelopeFieldsWhenTheLineIsPostfix() {
        final PostfixEvent e = ok(HEAD + "postfix/qmgr[18401]: 5D70F20E163: removed");

        assertThat(e.time()).isEqualTo(Instant.parse("2026-11-28T05:24:14Z"));
        assertThat(e.host()).isEqualTo("mx");
        assertThat(e.instance()).isEqualTo("postfix");
        assertThat(e.service()).isEqualTo("qmgr");
        assertThat(e.queueId()).isEqualTo("5D70F20E163");
        assertThat(e.kind()).isEqualTo(PostfixKind.REMOVED);
        assertThat(e.pflogsummVisible()).isTrue();
        assertThat(parser.source()).isEqualTo("postfix");
    }

    @Test
    void shouldReadClientHostAndIpWhenSmtpdLogsClient() {
        final PostfixEvent e =
                ok(HEAD + "postfix/smtpd[18450]: 5C49F20E162: client=dpi-app01.chu-exemple.local" + "[10.1.1.10]");

        assertThat(e.kind()).isEqualTo(PostfixKind.CLIENT);
        assertThat(e.clientHost()).isEqualTo("dpi-app01.chu-exemple.local");
        assertThat(e.clientIp()).isEqualTo("10.1.1.10");
        assertThat(e.saslUsername()).isNull();
    }

    @Test
    void shouldReadTheSaslLoginWhenTheClientAuthenticated() {
        final PostfixEvent e = ok(HEAD + "postfix/submission/smtpd[3646210]: 838FC8A5F: client=unknown"
                + "[fe80::1:2:3:4], sasl_method=PLAIN, sasl_username=out@example.org");

        assertThat(e.kind()).isEqualTo(PostfixKind.CLIENT);
        assertThat(e.clientHost()).isEqualTo("unknown");
        assertThat(e.clientIp()).isEqualTo("fe80::1:2:3:4");
        assertThat(e.saslUsername()).isEqualTo("out@example.org");
        assertThat(e.service()).isEqualTo("smtpd");
        assertThat(e.pflogsummVisible()).isTrue();
    }

    @Test
    void shouldIgnoreThePortAndLaterOptionsWhenTheClientHasThem() {
        final PostfixEvent e = ok(HEAD + "postfix/smtpd[1]: 838FC8A5F: client=mail.example.org[2001:db8::25]:41234, "
                + "helo=<mail.example.org>");

        assertThat(e.kind()).isEqualTo(PostfixKind.CLIENT);
        assertThat(e.clientHost()).isEqualTo("mail.example.org");
        assertThat(e.clientIp()).isEqualTo("2001:db8::25");
        assertThat(e.saslUsername()).isNull();
    }

    @Test
    void shouldReadAReinjectionWithItsOriginalClientWhenXforwardLoggedThem() {
        final PostfixEvent e = ok(HEAD + "postfix/smtpd[1]: 838FC8A5F: client=localhost[127.0.0.1], "
                + "orig_queue_id=ABCDE12345, orig_client=mail-wr1.example.net[192.0.2.9]");

        assertThat(e.kind()).isEqualTo(PostfixKind.REINJECTION);
        assertThat(e.relatedQueueId()).isEqualTo("ABCDE12345");
        assertThat(e.clientHost()).isEqualTo("mail-wr1.example.net");
        assertThat(e.clientIp()).isEqualTo("192.0.2.9");
    }

    @Test
    void shouldKeepTheFiltersAddressWhenXforwardHadNoOriginalAddress() {
        final PostfixEvent e = ok(HEAD + "postfix/10025/smtpd[1]: 838FC8A5F: client=localhost[127.0.0.1], "
                + "orig_queue_id=ABCDE12345, orig_client=[UNAVAILABLE]");

        assertThat(e.kind()).isEqualTo(PostfixKind.REINJECTION);
        assertThat(e.clientIp()).isEqualTo("127.0.0.1");
    }

    @Test
    void shouldReadAReinjectionWhenXforwardGaveOnlyTheClientOfMailSubmittedLocally() {
        // amavisd-new on mail that came in by pickup: no queue id to forward
        final PostfixEvent e = ok(
                HEAD + "postfix/smtpd[1]: 838FC8A5F: client=localhost[127.0.0.1], " + "orig_client=unknown[127.0.0.1]");

        assertThat(e.kind()).isEqualTo(PostfixKind.REINJECTION);
        assertThat(e.relatedQueueId()).isNull();
        assertThat(e.clientHost()).isEqualTo("localhost");
        assertThat(e.clientIp()).isEqualTo("127.0.0.1");
    }

    @ParameterizedTest
    @CsvSource({
        "postfix/10025/smtpd, 127.0.0.1, REINJECTION",
        "postfix-out/smtpd, ::1, REINJECTION",
        "postfix/10025/smtpd, 10.1.2.3, CLIENT",
        "postfix/smtpd, 127.0.0.1, CLIENT",
        "postfix/submission/smtpd, 127.0.0.1, CLIENT",
        "postfix/submissions/smtpd, 127.0.0.1, CLIENT",
        "postfix/smtps/smtpd, 127.0.0.1, CLIENT"
    })
    void shouldTellAReInjectionByItsListenerWhenXforwardIsOff(
            final String program, final String ip, final PostfixKind expected) {
        // A webmail on the server submits through the main smtpd from loopback: a real submission. A loopback client
        // on a listener of its own is a content filter (or another instance) giving the mail back.
        final PostfixEvent e = ok(HEAD + program + "[1]: 838FC8A5F: client=localhost[" + ip + "]");

        assertThat(e.kind()).isEqualTo(expected);
        assertThat(e.relatedQueueId()).isNull();
    }

    @Test
    void shouldKeepTheNextQueueIdWhenTheNextMtaSaidQueuedAs() {
        final PostfixEvent e = ok(HEAD + "postfix/smtp[2]: 3F7D21A0D8B: to=<a@chu-exemple.fr>, "
                + "relay=127.0.0.1[127.0.0.1]:10024, delay=0.5, delays=0.1/0/0/0.4, dsn=2.0.0, status=sent "
                + "(250 2.0.0 from MTA(smtp:[127.0.0.1]:10025): 250 2.0.0 Ok: queued as 5B2C61A0D8C)");

        assertThat(e.kind()).isEqualTo(PostfixKind.DELIVERY);
        assertThat(e.relatedQueueId()).isEqualTo("5B2C61A0D8C");
    }

    @Test
    void shouldReadTheSenderWhenPickupLogsUid() {
        final PostfixEvent e = ok(HEAD + "postfix/pickup[19328]: 30461242EB: uid=0 from=<root>");

        assertThat(e.kind()).isEqualTo(PostfixKind.PICKUP);
        assertThat(e.sender()).isEqualTo("root");
    }

    @Test
    void shouldReadTheSenderWhenPickupLogsSender() {
        assertThat(ok(HEAD + "postfix/pickup[1]: 30461242EB: sender=<cron@example.org>")
                        .sender())
                .isEqualTo("cron@example.org");
    }

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            value = {
                "message-id=<20151101101118.30461242EB@conch.example.com>|20151101101118.30461242EB@conch.example.com",
                "message-id=<>|''",
                "message-id=recipient@example.com|recipient@example.com",
                "resent-message-id=<r1@example.org>|r1@example.org",
                "message-id=<truncated@exa|truncated@exa",
            })
    void shouldReadTheMessageIdWithoutBracketsWhenCleanupLogsIt(final String text, final String expected) {
        final PostfixEvent e = ok(HEAD + "postfix/cleanup[1]: 30461242EB: " + text);

        assertThat(e.kind()).isEqualTo(PostfixKind.MESSAGE_ID);
        assertThat(e.messageId()).isEqualTo(expected);
    }

    @Test
    void shouldReadSenderSizeAndRecipientCountWhenQmgrQueuesAMessage() {
        final PostfixEvent e = ok(HEAD + "postfix/qmgr[18401]: 5D70F20E163: from=<jean.pierre@univ-exemple.fr>, "
                + "size=534, nrcpt=1 (queue active)");

        assertThat(e.kind()).isEqualTo(PostfixKind.QUEUED);
        assertThat(e.sender()).isEqualTo("jean.pierre@univ-exemple.fr");
        assertThat(e.size()).isEqualTo(534L);
        assertThat(e.nrcpt()).isEqualTo(1);
    }

    @Test
    void shouldKeepTheNullSenderEmptyWhenTheMessageIsABounce() {
        final PostfixEvent e = ok(HEAD + "postfix/qmgr[1]: 895C620E16B: from=<>, size=2456, nrcpt=1 (queue active)");

        assertThat(e.kind()).isEqualTo(PostfixKind.QUEUED);
        assertThat(e.sender()).isEmpty();
    }

    @Test
    void shouldNotCallItQueuedWhenSmtpdLogsFromAndSize() {
        // pflogsumm never counts smtpd lines as received messages
        assertThat(ok(HEAD + "postfix/smtpd[1]: 895C620E16B: from=<a@b>, size=10")
                        .kind())
                .isEqualTo(PostfixKind.OTHER);
    }

    @Test
    void shouldCallItExpiredWhenQmgrReturnsTheMessageToItsSender() {
        final PostfixEvent e = ok(HEAD + "postfix/qmgr[25409]: 99379242BC: from=<a@example.org>, status=expired, "
                + "returned to sender");

        assertThat(e.kind()).isEqualTo(PostfixKind.EXPIRED);
        assertThat(e.sender()).isEqualTo("a@example.org");
        assertThat(e.status()).isEqualTo("expired");
        assertThat(e.detail()).isEqualTo("returned to sender");
        assertThat(e.size()).isNull();
    }

    @Test
    void shouldReadEveryDeliveryFieldWhenSmtpLogsADelivery() {
        final PostfixEvent e = ok(HEAD + "postfix/smtp[18459]: 5D70F20E163: to=<romain.duval@chu-exemple.fr>, "
                + "orig_to=<rduval>, relay=exch-hub.chu-exemple.local[10.0.0.1]:25, conn_use=2, delay=0.06, "
                + "delays=0.01/0.04/0.01/0, dsn=2.0.0, status=sent (250 2.0.0 Ok: queued as 1234)");

        assertThat(e.kind()).isEqualTo(PostfixKind.DELIVERY);
        assertThat(e.recipient()).isEqualTo("romain.duval@chu-exemple.fr");
        assertThat(e.origRecipient()).isEqualTo("rduval");
        assertThat(e.relay()).isEqualTo("exch-hub.chu-exemple.local[10.0.0.1]:25");
        assertThat(e.delay()).isEqualTo(0.06);
        assertThat(e.delays()).isEqualTo(new DeliveryDelays(0.01, 0.04, 0.01, 0));
        assertThat(e.dsn()).isEqualTo("2.0.0");
        assertThat(e.status()).isEqualTo("sent");
        assertThat(e.detail()).isEqualTo("250 2.0.0 Ok: queued as 1234");
        assertThat(e.forwarded()).isFalse();
    }

    @Test
    void shouldKeepNestedParenthesesWhenTheDetailHasThem() {
        final PostfixEvent e = ok(HEAD + "postfix/smtp[1]: 786A120E168: to=<x@y.fr>, relay=mx.y.fr[192.0.2.1]:25, "
                + "delay=0.07, delays=0.05/0/0/0.01, dsn=5.1.1, status=bounced (host mx.y.fr[192.0.2.1] said: "
                + "550 5.1.1 User unknown (in reply to RCPT TO command))");

        assertThat(e.status()).isEqualTo("bounced");
        assertThat(e.detail())
                .isEqualTo("host mx.y.fr[192.0.2.1] said: 550 5.1.1 User unknown " + "(in reply to RCPT TO command)");
    }

    @Test
    void shouldKeepTheRestWhenATruncatedDetailLostItsClosingParenthesis() {
        final PostfixEvent e = ok(HEAD + "postfix/smtp[1]: 786A120E168: to=<x@y.fr>, relay=none, delay=1, "
                + "status=deferred (connect to mx.y.fr[192.0.2.1]:25: Connection timed");

        assertThat(e.kind()).isEqualTo(PostfixKind.DELIVERY);
        assertThat(e.detail()).isEqualTo("connect to mx.y.fr[192.0.2.1]:25: Connection timed");
        assertThat(e.delays()).isNull();
        assertThat(e.dsn()).isNull();
    }

    @Test
    void shouldFlagForwardingWhenTheDetailSaysForwardedAs() {
        final PostfixEvent e = ok(HEAD + "postfix/smtp[1]: 0A90996059: to=<sms@mail2sms.example.net>, "
                + "relay=localhost[127.0.0.1]:10025, delay=5.2, delays=0/0/0/5.2, dsn=2.0.0, "
                + "status=sent (250 2.0.0 Ok: forwarded as 0BF0C9605C)");

        assertThat(e.forwarded()).isTrue();
    }

    @Test
    void shouldKeepTheStatusAsLoggedWhenItIsUnusual() {
        final PostfixEvent e = ok(HEAD + "postfix/smtp[1]: 0A90996059: to=<a@b.c>, relay=none, delay=0, "
                + "delays=0/0/0/0, dsn=5.0.0, status=undeliverable-but-not-cached (unknown user)");

        assertThat(e.status()).isEqualTo("undeliverable-but-not-cached");
        assertThat(e.detail()).isEqualTo("unknown user");
    }

    @Test
    void shouldLeaveUnparseableNumbersNullWhenTheLineIsStillADelivery() {
        final PostfixEvent e = ok(HEAD + "postfix/local[1]: 0A90996059: to=<a@b.c>, relay=local, delay=soon, "
                + "delays=1/2/x/4, status=sent (delivered to mailbox)");

        assertThat(e.kind()).isEqualTo(PostfixKind.DELIVERY);
        assertThat(e.delay()).isNull();
        assertThat(e.delays()).isNull();
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                // no ", " after the recipient
                "to=<a@b.c> relay=local, delay=1, status=sent (x)",
                // empty relay: [^,]+ needs one char
                "to=<a@b.c>, relay=, delay=1, status=sent (x)",
                // a field pflogsumm does not know between relay and delay
                "to=<a@b.c>, relay=local, foo=1, delay=1, status=sent (x)",
                // orig_to without brackets (seen in a CSV export)
                "to=<a@b.c>, orig_to=a@b.c, relay=local, delay=1, status=sent (x)",
                // no status
                "to=<a@b.c>, relay=local, delay=1, dsn=2.0.0",
                // status with nothing after it
                "to=<a@b.c>, relay=local, delay=1, status=",
            })
    void shouldNotCallItADeliveryWhenPflogsummsExpressionWouldNotMatch(final String message) {
        final PostfixEvent e = ok(HEAD + "postfix/smtp[1]: 0A90996059: " + message);

        assertThat(e.kind()).isEqualTo(PostfixKind.OTHER);
        assertThat(e.recipient()).isNull();
        assertThat(e.status()).isNull();
    }

    @Test
    void shouldRefuseWhenToHasNoAngleBrackets() {
        assertThat(reason(HEAD + "postfix/smtp[3284]: 7F9321106C6B: to=recipient@example.com, relay=x[192.0.2.1]:25, "
                        + "delay=3, delays=1/1/0.5/0.5, dsn=2.6.0, status=sent (250 ok)"))
                .isEqualTo("to= without angle brackets");
    }

    @Test
    void shouldReadTheNewQueueIdWhenBounceLogsANotification() {
        final PostfixEvent e =
                ok(HEAD + "postfix/bounce[18510]: 786A120E168: sender non-delivery notification: " + "895C620E16B");

        assertThat(e.kind()).isEqualTo(PostfixKind.NOTIFICATION);
        assertThat(e.relatedQueueId()).isEqualTo("895C620E16B");
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "sender delivery status notification",
                "sender delay notification",
                "postmaster non-delivery notification"
            })
    void shouldCallItANotificationWhenBounceLogsOtherNotices(final String notice) {
        final PostfixEvent e = ok(HEAD + "postfix/bounce[1]: 786A120E168: " + notice + ": 4XQx8n2sYWz1fsj");

        assertThat(e.kind()).isEqualTo(PostfixKind.NOTIFICATION);
        assertThat(e.relatedQueueId()).isEqualTo("4XQx8n2sYWz1fsj");
    }

    @Test
    void shouldReadClientAddressesAndReasonWhenSmtpdRejectsBeforeQueueing() {
        final PostfixEvent e = ok(HEAD + "postfix/smtpd[18461]: NOQUEUE: reject: RCPT from out3-29.hotmail.fr"
                + "[192.0.2.100]: 554 5.7.1 <x@chu-exemple.fr>: Relay access denied; from=<a@hotmail.fr> "
                + "to=<x@chu-exemple.fr> proto=ESMTP helo=<out3-29.hotmail.fr>");

        assertThat(e.kind()).isEqualTo(PostfixKind.REJECT);
        assertThat(e.queueId()).isEqualTo("NOQUEUE");
        assertThat(e.status()).isEqualTo("reject");
        assertThat(e.detail()).isEqualTo("554 5.7.1 <x@chu-exemple.fr>: Relay access denied");
        assertThat(e.clientHost()).isEqualTo("out3-29.hotmail.fr");
        assertThat(e.clientIp()).isEqualTo("192.0.2.100");
        assertThat(e.sender()).isEqualTo("a@hotmail.fr");
        assertThat(e.recipient()).isEqualTo("x@chu-exemple.fr");
    }

    @Test
    void shouldKeepSemicolonsInsideTheReasonWhenAnRblAnswerHasThem() {
        final PostfixEvent e = ok(HEAD + "postfix-incoming/smtpd[1574]: NOQUEUE: reject: RCPT from bad.example.com"
                + "[2001:db8::bad]: 454 4.7.1 Service unavailable; Client host [2001:db8::bad] blocked using "
                + "rbl.example.com; http://www.example.com/q?ip=x; from=<s@example.com> to=<g@example.com>");

        assertThat(e.detail())
                .isEqualTo("454 4.7.1 Service unavailable; Client host [2001:db8::bad] blocked using "
                        + "rbl.example.com; http://www.example.com/q?ip=x");
        assertThat(e.clientIp()).isEqualTo("2001:db8::bad");
        assertThat(e.instance()).isEqualTo("postfix-incoming");
        assertThat(e.pflogsummVisible()).isFalse();
    }

    @Test
    void shouldReadTheClientWhenPostscreenRejectsWithAPortAndCommas() {
        final PostfixEvent e = ok(HEAD + "postfix/postscreen[1148]: NOQUEUE: reject: RCPT from [192.0.2.173]:60591: "
                + "550 5.7.1 Service unavailable; client [192.0.2.173] blocked using rbl.example.com; "
                + "from=<spammer@example.com>, to=<goodguy@example.com>, proto=ESMTP");

        assertThat(e.kind()).isEqualTo(PostfixKind.REJECT);
        assertThat(e.clientHost()).isNull();
        assertThat(e.clientIp()).isEqualTo("192.0.2.173");
        assertThat(e.detail())
                .isEqualTo("550 5.7.1 Service unavailable; client [192.0.2.173] blocked using " + "rbl.example.com");
        assertThat(e.sender()).isEqualTo("spammer@example.com");
        assertThat(e.recipient()).isEqualTo("goodguy@example.com");
    }

    @Test
    void shouldKeepTheHeaderAndReasonWhenCleanupRejectsOnAHeader() {
        final PostfixEvent e = ok(HEAD + "postfix/cleanup[18458]: 6344820E167: reject: header Content-Type: "
                + "application/hta; name=\"scan.hta\" from vps1.example.net[192.0.2.223]; from=<s@example.icu> "
                + "to=<l@chu-exemple.fr> proto=ESMTP helo=<vps1.example.net>: 5.7.1 Attachment name \"scan.hta\" "
                + "may not end with \".hta\"");

        assertThat(e.kind()).isEqualTo(PostfixKind.REJECT);
        assertThat(e.status()).isEqualTo("reject");
        assertThat(e.clientHost()).isEqualTo("vps1.example.net");
        assertThat(e.clientIp()).isEqualTo("192.0.2.223");
        assertThat(e.sender()).isEqualTo("s@example.icu");
        assertThat(e.recipient()).isEqualTo("l@chu-exemple.fr");
        assertThat(e.detail())
                .isEqualTo("header Content-Type: application/hta; name=\"scan.hta\": 5.7.1 Attachment "
                        + "name \"scan.hta\" may not end with \".hta\"");
    }

    @Test
    void shouldKeepTheStatusAsLoggedWhenAMilterRejects() {
        final PostfixEvent e = ok(HEAD + "postfix/cleanup[1]: 6344820E167: milter-reject: END-OF-MESSAGE from "
                + "unknown[192.0.2.4]: 5.7.1 Spam message rejected; from=<a@b.c> to=<d@e.f> proto=ESMTP helo=<x>");

        assertThat(e.kind()).isEqualTo(PostfixKind.REJECT);
        assertThat(e.status()).isEqualTo("milter-reject");
        assertThat(e.detail()).isEqualTo("5.7.1 Spam message rejected");
        assertThat(e.clientIp()).isEqualTo("192.0.2.4");
    }

    @Test
    void shouldCallItARejectWithItsOwnStatusWhenItIsOnlyAWarning() {
        final PostfixEvent e = ok(HEAD + "postfix/smtpd[1]: NOQUEUE: reject_warning: RCPT from example.com"
                + "[192.0.2.34]: 553 5.7.1 <s@example.com>: Sender address rejected: not owned by user ph123; "
                + "from=<s@example.com> to=<r@example.com> proto=ESMTP helo=<example.com>");

        assertThat(e.kind()).isEqualTo(PostfixKind.REJECT);
        assertThat(e.status()).isEqualTo("reject_warning");
    }

    @Test
    void shouldCallItHoldWhenCleanupHoldsAMessage() {
        final PostfixEvent e = ok(HEAD + "postfix/cleanup[1]: 6344820E167: hold: header Subject: invoice from "
                + "local; from=<a@b.c> to=<d@e.f>");

        assertThat(e.kind()).isEqualTo(PostfixKind.HOLD);
        assertThat(e.status()).isEqualTo("hold");
        assertThat(e.clientHost()).isEqualTo("local");
        assertThat(e.clientIp()).isNull();
        assertThat(e.detail()).isEqualTo("header Subject: invoice");
    }

    @Test
    void shouldCallItDiscardWhenSmtpdDiscardsAMessage() {
        final PostfixEvent e = ok(HEAD + "postfix/smtpd[1]: NOQUEUE: discard: MAIL from ccm.example.com"
                + "[192.0.2.231]: <b@in.example.com>: Sender address SPAM; from=<b@in.example.com> proto=ESMTP "
                + "helo=<ccm.example.com>");

        assertThat(e.kind()).isEqualTo(PostfixKind.DISCARD);
        assertThat(e.detail()).isEqualTo("<b@in.example.com>: Sender address SPAM");
        assertThat(e.sender()).isEqualTo("b@in.example.com");
        assertThat(e.recipient()).isNull();
    }

    @Test
    void shouldKeepTheWholeReasonWhenARejectHasNoTrailer() {
        final PostfixEvent e = ok(HEAD + "postfix/smtpd[1]: NOQUEUE: reject: RCPT from unknown[192.0.2.1]: "
                + "554 5.7.1 Service unavailable");

        assertThat(e.detail()).isEqualTo("554 5.7.1 Service unavailable");
        assertThat(e.sender()).isNull();
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "postfix/smtpd[1]: connect from unknown[192.0.2.1]",
                "postfix/smtpd[1]: disconnect from unknown[192.0.2.1] ehlo=1 mail=1 rcpt=0/1 quit=1 commands=3/4",
                "postfix/smtpd[1]: NOQUEUE: lost connection after CONNECT from unknown[192.0.2.25]",
                "postfix/anvil[1]: statistics: max connection rate 3/60s for (smtp:192.0.2.30) at Oct 22 02:04:14",
                "postfix/scache[1]: statistics: domain lookup hits=0 miss=2 success=0%",
                "postfix/cleanup[1]: C6F3A20E16C: warning: header Subject: Remboursement from unknown[192.0.2.167]; "
                        + "from=<a@b.c> to=<d@e.f> proto=ESMTP helo=<x>",
                "postfix/master[1]: daemon started -- version 3.7.11, configuration /etc/postfix",
                "postfix/postsuper[1]: Deleted: 2 messages",
                "postfix/qmgr[1]: 144EC11002A1: skipped, still being delivered",
                "postfix/smtp[1]: E86EC1106443: enabling PIX workarounds: disable_esmtp for mx3.example.org[192.0.2.5]:25",
                "postfix/smtp[1]: 3AC2124090: host mx.example.com[192.0.2.68] said: 452 try again later",
                "postfix-script[1]: starting the Postfix mail system",
                "postfix/smtpd[1]: NOQUEUE: filter: RCPT from x[192.0.2.1]: <x>: Sender address triggers FILTER",
            })
    void shouldCallItOtherWhenTheLineTellsNothingAboutAMessage(final String tail) {
        assertThat(ok(HEAD + tail).kind()).isEqualTo(PostfixKind.OTHER);
    }

    @ParameterizedTest
    @ValueSource(strings = {"warning", "statistics", "Deleted", "fatal", "panic", "reject", "connect"})
    void shouldNotTakeAWordForAQueueIdWhenAMessageStartsWithIt(final String word) {
        assertThat(ok(HEAD + "postfix/anvil[1]: " + word + ": something").queueId())
                .isNull();
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "ABCDE",
                "30461242EB",
                "B4C5A1100935",
                "NOQUEUE",
                "4XQx8n2sYWz1fsj",
                "44JCRG5tYPzCqt2",
                "4XQx8n2sYW"
            })
    void shouldRecogniseTheQueueIdWhenItIsShortOrLong(final String queueId) {
        assertThat(ok(HEAD + "postfix/qmgr[1]: " + queueId + ": removed").queueId())
                .isEqualTo(queueId);
    }

    @ParameterizedTest
    @ValueSource(strings = {"ABCD", "abcdef1234", "4XQx8n2sY", "QUEUEDX"})
    void shouldNotRecogniseAQueueIdWhenItHasTheWrongShape(final String token) {
        final PostfixEvent e = ok(HEAD + "postfix/qmgr[1]: " + token + ": removed");

        assertThat(e.queueId()).isNull();
        assertThat(e.kind()).isEqualTo(PostfixKind.OTHER);
    }

    @ParameterizedTest
    @CsvSource({
        "postfix/smtpd, postfix, smtpd, true",
        "postfix/smtps/smtpd, postfix, smtpd, true",
        "postfix/submission/smtpd, postfix, smtpd, true",
        "postfix/postfix-script, postfix, postfix-script, true",
        "postfix-script, postfix-script, postfix-script, true",
        "postfix, postfix, postfix, true",
        "postfix/smtp-25/smtpd, postfix, smtpd, false",
        "postfix/foo/smtpd, postfix, smtpd, false",
        "postfix-out/smtp, postfix-out, smtp, false",
        "postfix-out/submission/smtpd, postfix-out, smtpd, false",
        "postfix-secondary/qmgr, postfix-secondary, qmgr, false",
    })
    void shouldSplitInstanceAndServiceWhenTheProgramHasSeveralComponents(
            final String program, final String instance, final String service, final boolean visible) {
        final PostfixEvent e = ok(HEAD + program + "[1]: ABCDEF1234: removed");

        assertThat(e.instance()).isEqualTo(instance);
        assertThat(e.service()).isEqualTo(service);
        assertThat(e.pflogsummVisible()).isEqualTo(visible);
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "Nov  1 06:29:49 conch postfix/: x",
                "<34>1 2026-11-28T05:24:13Z host - - - - no program",
            })
    void shouldRefuseWhenTheLineNamesNoProgram(final String line) {
        assertThat(reason(line)).isEqualTo("not postfix");
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "Nov  1 06:29:49 conch dovecot: imap-login: Disconnected (no auth attempts): rip=192.0.2.96|dovecot",
                "Nov  1 06:29:49 conch amavis[1234]: (01234-05) Passed CLEAN {RelayedInbound}, [192.0.2.7]|amavis",
                "Nov  1 06:29:49 conch opendkim[812]: 4B2C81A03C: DKIM-Signature field added (s=mail, d=chu-exemple.fr)|opendkim",
                "Nov  1 06:29:49 conch policyd-spf[901]: prepend Received-SPF: Pass (mailfrom) identity=mailfrom|policyd-spf",
            })
    void shouldKeepAnotherProgramsLineAsSuchWhenAMailLogHoldsIt(final String lineAndProgram) {
        final String line = lineAndProgram.substring(0, lineAndProgram.lastIndexOf('|'));
        final PostfixEvent event = ok(line);

        assertThat(event.kind()).isEqualTo(PostfixKind.OTHER_PROGRAM);
        assertThat(event.service()).isEqualTo(lineAndProgram.substring(lineAndProgram.lastIndexOf('|') + 1));
        assertThat(event.host()).isEqualTo("conch");
        assertThat(event.queueId()).isNull();
        assertThat(line).endsWith(event.detail());
    }

    @Test
    void shouldReportTheSyslogReasonUnderThePostfixSourceWhenTheEnvelopeIsBad() {
        assertThat(reason("statistics: max cache size 1 at Oct 26 18:13:50")).isEqualTo("not syslog");
        assertThat(reason("Nov 31 05:00:00 mx postfix/qmgr[1]: x")).isEqualTo("bad timestamp");
        assertThat(reason("Nov 28 05:00:00 mx postfix/qmgr[1")).isEqualTo("truncated line");
    }

    @Test
    void shouldIgnoreTrailingCommasWhenACsvExportAppendedThem() {
        final PostfixEvent removed = ok(HEAD + "postfix/qmgr[12481]: B465B110313B: removed,,,,,,,,,,,,\r");
        final PostfixEvent sent = ok(HEAD + "postfix/smtp[16284]: B465B110313B: to=<a@example.com>, "
                + "relay=aspmx.example.com[192.0.2.26]:25, delay=80212, delays=71229/8979/2.4/0.75, dsn=2.0.0, "
                + "status=sent (250 2.0.0 OK 1418252401 tb3si8932467pab.14 - gsmtp),,,,,,,");

        assertThat(removed.kind()).isEqualTo(PostfixKind.REMOVED);
        assertThat(sent.kind()).isEqualTo(PostfixKind.DELIVERY);
        assertThat(sent.detail()).isEqualTo("250 2.0.0 OK 1418252401 tb3si8932467pab.14 - gsmtp");
    }

    @Test
    void shouldRefuseWhenTheLineIsLongerThanTheLimit() {
        final PostfixParser small =
                new PostfixParser(new SyslogParser(new SyslogYearResolver(CLOCK, ZoneOffset.UTC), 100));
        final String line = HEAD + "postfix/qmgr[1]: B465B110313B: removed" + ",".repeat(100);

        assertThat(small.parse(line).error().reason()).isEqualTo("line too long");
        assertThat(parser.parse(line).isOk()).isTrue();
    }

    @Test
    void shouldRefuseWhenTheLineIsNullOrEmpty() {
        assertThat(parser.parse((String) null).error().reason()).isEqualTo("empty line");
        assertThat(reason("")).isEqualTo("empty line");
        assertThat(reason(",,,")).isEqualTo("empty line");
    }

    @Test
    void shouldParseTheMessageWhenTheEnvelopeWasSplitByACollector() {
        final SyslogRecord envelope = new SyslogRecord(
                Instant.parse("2026-11-28T05:24:14Z"),
                "mx",
                "postfix/error",
                null,
                "2298F5F619: to=<admin@corp.com>, relay=none, delay=89758, delays=89758/0.02/0/0, dsn=4.4.1, "
                        + "status=deferred (delivery temporarily suspended: connect to mail.corp.com[192.0.2.1]:25: "
                        + "Connection timed out),,");

        final ParseResult<PostfixEvent> result = parser.parse(envelope, "raw");

        assertThat(result.value().kind()).isEqualTo(PostfixKind.DELIVERY);
        assertThat(result.value().service()).isEqualTo("error");
        assertThat(result.value().detail()).endsWith("Connection timed out");
        assertThat(parser.parse((SyslogRecord) null, "raw").error().reason()).isEqualTo("empty line");
        assertThat(parser.parse(new SyslogRecord(null, null, "sshd", null, "x"), "raw")
                        .value()
                        .kind())
                .isEqualTo(PostfixKind.OTHER_PROGRAM);
        assertThat(parser.parse(new SyslogRecord(null, null, null, null, "x"), "raw")
                        .error())
                .isEqualTo(new ParseError("postfix", "not postfix", "raw"));
    }

    @Test
    void shouldNeverThrowWhenFedEveryPrefixOfRealisticLines() {
        final String[] lines = {
            HEAD + "postfix/smtp[1]: 786A120E168: to=<x@y.fr>, orig_to=<x>, relay=mx.y.fr[192.0.2.1]:25, conn_use=2, "
                    + "delay=0.07, delays=0.05/0/0/0.01, dsn=5.1.1, status=bounced (host said: 550 (in reply))",
            HEAD + "postfix/cleanup[1]: 6344820E167: reject: header Subject: x from h[192.0.2.1]; from=<a> to=<b> "
                    + "proto=ESMTP helo=<h>: 5.7.1 nope",
            HEAD + "postfix/postscreen[1]: NOQUEUE: reject: RCPT from [192.0.2.173]:60591: 550 5.7.1 x; "
                    + "from=<s@e.com>, to=<g@e.com>, proto=ESMTP",
            HEAD + "postfix/smtpd[1]: 838FC8A5F: client=unknown[fe80::1], sasl_method=PLAIN, sasl_username=o@e.org",
            HEAD + "postfix/qmgr[1]: 5D70F20E163: from=<a@b.c>, size=534, nrcpt=1 (queue active)",
            HEAD + "postfix/qmgr[1]: 5D70F20E163: from=<a@b.c>, status=expired, returned to sender",
            HEAD + "postfix/bounce[1]: 786A120E168: sender non-delivery notification: 895C620E16B",
            HEAD + "postfix/pickup[1]: 30461242EB: uid=0 from=<root>",
            HEAD + "postfix/cleanup[1]: 30461242EB: message-id=<a@b>",
        };
        for (final String line : lines) {
            for (int end = 0; end <= line.length(); end++) {
                final String prefix = line.substring(0, end);
                assertThat(parser.parse(prefix)).as(prefix).isNotNull();
            }
        }
    }
}
