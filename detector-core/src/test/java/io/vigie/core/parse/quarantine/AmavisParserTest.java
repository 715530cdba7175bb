package io.vigie.core.parse.quarantine;

import static org.assertj.core.api.Assertions.assertThat;

import io.vigie.core.model.QuarantineEvent;
import io.vigie.core.parse.ParseResult;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Test lines written here after the documented log_templ and the shapes of real amavis lines seen in public
 * repositories (LOCAL clients, no action braces, {@code quarantine: r/banned-...}); none is copied.
 */
class AmavisParserTest {

    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-30T12:00:00Z"), ZoneOffset.UTC);
    private final AmavisParser parser = new AmavisParser(CLOCK, ZoneOffset.UTC);

    static final String INFECTED = "Nov 28 08:12:44 mx amavis[1234]: (01234-05) Blocked INFECTED (Eicar-Signature) "
            + "{DiscardedInbound,Quarantined}, [203.0.113.5]:4242 [203.0.113.5] <attacker@evil.example> -> "
            + "<a.meyer@chu-exemple.fr>,<b.roux@chu-exemple.fr>, quarantine: virus-AbCdEf123, Queue-ID: 4B2C81A0F2, "
            + "Message-ID: <abc@evil.example>, mail_id: AbCdEf123, Hits: -, size: 2345, 1523 ms";

    private QuarantineEvent event(final String line) {
        final ParseResult<QuarantineLine> r = parser.parse(line);
        assertThat(r.isOk()).as("parsed: %s", line).isTrue();
        assertThat(r.value().isEvent()).as("event: %s", r.value()).isTrue();
        return r.value().event();
    }

    @Test
    void shouldReadEveryFieldWhenBlockedInfected() {
        final QuarantineEvent e = event(INFECTED);

        assertThat(e.time()).isEqualTo(Instant.parse("2026-11-28T08:12:44Z"));
        assertThat(e.source()).isEqualTo("amavis");
        assertThat(e.reason()).isEqualTo("INFECTED");
        assertThat(e.threat()).isEqualTo("Eicar-Signature");
        assertThat(e.sender()).isEqualTo("attacker@evil.example");
        assertThat(e.recipients()).containsExactly("a.meyer@chu-exemple.fr", "b.roux@chu-exemple.fr");
        assertThat(e.quarantineId()).isEqualTo("virus-AbCdEf123");
        assertThat(e.queueId()).isEqualTo("4B2C81A0F2");
        assertThat(e.messageId()).isEqualTo("abc@evil.example");
        assertThat(e.score()).isNull();
        assertThat(e.subject()).isNull();
        assertThat(e.attachmentNames()).isEmpty();
    }

    @Test
    void shouldReadAttachmentNameWhenBlockedBanned() {
        final QuarantineEvent e = event("Nov 28 08:13:02 mx amavis[1234]: (01234-06) Blocked BANNED "
                + "(multipart/mixed | application/octet-stream,.exe,facture.exe) {DiscardedInbound,Quarantined}, "
                + "[198.51.100.7]:5512 [198.51.100.7] <compta@fournisseur.example> -> <a.meyer@chu-exemple.fr>, "
                + "quarantine: banned-Xy12, Queue-ID: 7F3A21B0C4, Message-ID: <f1@fournisseur.example>, "
                + "mail_id: Xy12, Hits: -, size: 88123, queued_as: -, Subject: \"Facture\", "
                + "From: Compta <compta@fournisseur.example>, 412 ms");

        assertThat(e.reason()).isEqualTo("BANNED");
        assertThat(e.threat()).isEqualTo("multipart/mixed | application/octet-stream,.exe,facture.exe");
        assertThat(e.attachmentNames()).containsExactly("facture.exe");
        assertThat(e.subject()).isEqualTo("Facture");
        assertThat(e.quarantineId()).isEqualTo("banned-Xy12");
    }

    @Test
    void shouldReadNestedNamesWhenBannedArchiveAndLocalClientWithoutActions() {
        final QuarantineEvent e = event("Aug 27 06:03:13 gw amavis[16115]: (16115-01) Blocked BANNED "
                + "(multipart/mixed | application/x-zip,.zip,outil.zip | .exe,.exe-ms,SETUP.EXE), LOCAL "
                + "[10.0.0.2]:41234 <spam@example.net> -> <x@chu-exemple.fr>, quarantine: r/banned-q1, Hits: -, "
                + "tag=0, tag2=2, kill=2, L/Y/0/0");

        assertThat(e.attachmentNames()).containsExactly("outil.zip", "SETUP.EXE");
        assertThat(e.sender()).isEqualTo("spam@example.net");
        assertThat(e.recipients()).containsExactly("x@chu-exemple.fr");
        assertThat(e.quarantineId()).isEqualTo("r/banned-q1");
    }

    @Test
    void shouldReadScoreAndQuotedNonAsciiSubjectWhenBlockedSpam() {
        final QuarantineEvent e = event("Nov 28 08:14:00 mx amavisd[77]: (00077-01) Blocked SPAM "
                + "{DiscardedInbound,Quarantined}, [192.0.2.9]:2525 [192.0.2.9] <promo@spam.example> -> "
                + "<c.durand@chu-exemple.fr>, quarantine: spam-Qq9, Queue-ID: 1A2B3C, Message-ID: <s1@spam.example>, "
                + "mail_id: Qq9, Hits: 12.415, size: 4000, Subject: \"Votre \"\"colis\"\" à récupérer, "
                + "dernière relance\", From: <promo@spam.example>, 900 ms");

        assertThat(e.reason()).isEqualTo("SPAM");
        assertThat(e.score()).isEqualTo(12.415);
        assertThat(e.subject()).isEqualTo("Votre \"colis\" à récupérer, dernière relance");
    }

    @Test
    void shouldDecodeEncodedWordsInSubject() {
        final QuarantineEvent e = event("Nov 28 08:14:00 mx amavis[77]: (00077-02) Blocked SPAM {Discarded}, "
                + "[192.0.2.9] <p@spam.example> -> <c@chu-exemple.fr>, Hits: 9, "
                + "Subject: \"=?UTF-8?B?UsOpc3VsdGF0cw==?= =?UTF-8?Q?_d'analyse?=\", 5 ms");

        assertThat(e.subject()).isEqualTo("Résultats d'analyse");
    }

    @Test
    void shouldStripMinorCodeWhenBlockedBadHeader() {
        final QuarantineEvent e = event("Nov 28 08:15:00 mx amavis[5]: (00005-01) Blocked BAD-HEADER-7 "
                + "{RejectedInbound}, [192.0.2.1]:1 [192.0.2.1] <a@b.example> -> <c@chu-exemple.fr>, "
                + "Queue-ID: 99AA, Message-ID: <m@b.example>, mail_id: z, Hits: -, size: 10, 3 ms");

        assertThat(e.reason()).isEqualTo("BAD-HEADER");
        assertThat(e.threat()).isNull();
    }

    @Test
    void shouldBeAnEventWhenPassedSpammy() {
        final QuarantineEvent e = event("Nov 28 08:16:00 mx amavis[5]: (00005-02) Passed SPAMMY "
                + "{RelayedTaggedInbound}, [192.0.2.1]:1 [192.0.2.1] <<>> -> <c@chu-exemple.fr>, Hits: 6.1, 3 ms");

        assertThat(e.reason()).isEqualTo("SPAMMY");
        assertThat(e.score()).isEqualTo(6.1);
    }

    @Test
    void shouldReadEveryRecipientWhenListIsLong() {
        final List<String> rcpts = new ArrayList<>();
        final StringBuilder list = new StringBuilder();
        for (int i = 0; i < 300; i++) {
            rcpts.add("user" + i + "@chu-exemple.fr");
            list.append(i == 0 ? "" : ",").append("<User").append(i).append("@CHU-exemple.fr>");
        }
        final QuarantineEvent e = event("Nov 28 08:17:00 mx amavis[5]: (00005-03) Blocked SPAM {Discarded}, "
                + "[192.0.2.1]:1 [192.0.2.1] <a@b.example> -> " + list + ", Queue-ID: 1, Hits: 20, 3 ms");

        assertThat(e.recipients()).containsExactlyElementsOf(rcpts);
        assertThat(e.queueId()).isEqualTo("1");
    }

    @Test
    void shouldIgnoreWhenPassedCleanOrOtherAmavisOrOtherDaemon() {
        assertThat(parser.parse("Nov 28 08:18:00 mx amavis[5]: (00005-04) Passed CLEAN {RelayedInbound}, "
                                + "[192.0.2.1]:1 [192.0.2.1] <a@b.example> -> <c@chu-exemple.fr>, Hits: -1.2, 3 ms")
                        .value()
                        .ignoredBecause())
                .isEqualTo("passed clean");
        assertThat(parser.parse("Nov 28 08:18:00 mx amavis[5]: (00005-04) Passed BAD-HEADER-0 {RelayedInbound}, "
                                + "[192.0.2.1] <a@b.example> -> <c@chu-exemple.fr>")
                        .value()
                        .isEvent())
                .isFalse();
        assertThat(parser.parse("Nov 28 08:18:00 mx amavis[5]: (00005-04) Checking: abc [192.0.2.1] <a@b> -> <c@d>")
                        .value()
                        .ignoredBecause())
                .isEqualTo("not a content decision");
        assertThat(parser.parse("Nov 28 08:18:00 mx postfix/smtpd[5]: connect from x[192.0.2.1]")
                        .value()
                        .ignoredBecause())
                .isEqualTo("not amavis");
    }

    @Test
    void shouldStillGiveEventWhenLineIsCutOff() {
        for (int cut = INFECTED.indexOf("(Eicar"); cut < INFECTED.length(); cut += 7) {
            final ParseResult<QuarantineLine> r = parser.parse(INFECTED.substring(0, cut));
            assertThat(r.isOk()).isTrue();
            assertThat(r.value().event().reason()).isEqualTo("INFECTED");
        }
    }

    @Test
    void shouldFailWhenNotSyslog() {
        assertThat(parser.parse("garbage").error().reason()).isEqualTo(AmavisParser.NOT_SYSLOG);
        assertThat(parser.parse("").error().reason()).isEqualTo(QuarantineParser.EMPTY);
    }
}
