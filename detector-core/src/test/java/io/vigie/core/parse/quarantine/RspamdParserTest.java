package io.vigie.core.parse.quarantine;

import static org.assertj.core.api.Assertions.assertThat;

import io.vigie.core.model.QuarantineEvent;
import io.vigie.core.parse.ParseResult;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

/** All lines written here after rspamd's documented history row, rspamc -j output and default log_format. */
class RspamdParserTest {

    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-30T12:00:00Z"), ZoneOffset.UTC);
    private final RspamdParser parser = new RspamdParser(CLOCK, ZoneOffset.UTC);

    static final String HISTORY_ROW = "{\"unix_time\":1795853564.25,\"action\":\"reject\",\"score\":16.5,"
            + "\"required_score\":15,\"subject\":\"Réinitialisez votre \\\"mot de passe\\\"\","
            + "\"sender_mime\":\"IT <it@phish.example>\",\"sender_smtp\":\"Bounce@Phish.example\","
            + "\"rcpt_smtp\":[\"a.meyer@chu-exemple.fr\",\"b.roux@chu-exemple.fr\"],\"rcpt_mime\":[\"x@y.example\"],"
            + "\"message-id\":\"m1@phish.example\",\"ip\":\"203.0.113.9\",\"size\":5123,"
            + "\"symbols\":{\"PHISHING\":{\"score\":4.0,\"options\":[\"chu-exemple.fr->login.phish.example\"]},"
            + "\"URIBL_BLACK\":{\"score\":7.5,\"options\":[\"login.phish.example\"]},"
            + "\"R_SPF_FAIL\":{\"score\":1.0,\"options\":[\"-all\"]}}}";

    static final String TASK_LOG = "2026-11-28 08:12:44.123 #4242(normal) <a1b2c3>; task; rspamd_task_write_log: "
            + "id: <m2@spam.example>, qid: <4B2C81A0F2>, ip: 198.51.100.4, from: <Promo@Spam.example>, "
            + "(default: T (reject): [16.50/15.00] [DBL_SPAM(6.50){track.spam.example;},BAYES_SPAM(5.10){99.99%;},"
            + "MIME_GOOD(-0.10){text/plain;}]), len: 1234, time: 321.2ms, dns req: 17, digest: <0123abcd>, "
            + "rcpts: <a.meyer@chu-exemple.fr,b.roux@chu-exemple.fr>, mime_rcpts: <a.meyer@chu-exemple.fr>, "
            + "forced: , user: ";

    private QuarantineEvent event(final String raw) {
        final ParseResult<QuarantineLine> r = parser.parse(raw);
        assertThat(r.isOk()).as("parsed: %s", raw).isTrue();
        assertThat(r.value().isEvent()).as("event: %s", r.value()).isTrue();
        return r.value().event();
    }

    @Test
    void shouldReadEveryFieldWhenHistoryRowRejects() {
        final QuarantineEvent e = event(HISTORY_ROW);

        assertThat(e.time()).isEqualTo(Instant.parse("2026-11-28T08:12:44.250Z"));
        assertThat(e.source()).isEqualTo("rspamd");
        assertThat(e.reason()).isEqualTo("REJECT");
        assertThat(e.threat()).isEqualTo("URIBL_BLACK");
        assertThat(e.sender()).isEqualTo("bounce@phish.example");
        assertThat(e.recipients()).containsExactly("a.meyer@chu-exemple.fr", "b.roux@chu-exemple.fr");
        assertThat(e.subject()).isEqualTo("Réinitialisez votre \"mot de passe\"");
        assertThat(e.messageId()).isEqualTo("m1@phish.example");
        assertThat(e.score()).isEqualTo(16.5);
        assertThat(e.urlDomains()).containsExactly("chu-exemple.fr", "login.phish.example");
    }

    @Test
    void shouldTakeDomainsFromUrlsWhenRspamcOutput() {
        final QuarantineEvent e = event("{\"is_skipped\":false,\"score\":7.2,\"required_score\":15,"
                + "\"action\":\"add header\",\"symbols\":{\"BAYES_SPAM\":{\"name\":\"BAYES_SPAM\",\"score\":5.1}},"
                + "\"urls\":[\"http://Track.Example.NET/a?b\",\"bit.ly\"],\"message-id\":\"<r@x.example>\"}");

        assertThat(e.reason()).isEqualTo("ADD-HEADER");
        assertThat(e.time()).isNull();
        assertThat(e.urlDomains()).containsExactly("track.example.net", "bit.ly");
        assertThat(e.messageId()).isEqualTo("r@x.example");
    }

    @Test
    void shouldReadEveryFieldWhenTaskLogRejects() {
        final QuarantineEvent e = event(TASK_LOG);

        assertThat(e.time()).isEqualTo(Instant.parse("2026-11-28T08:12:44.123Z"));
        assertThat(e.reason()).isEqualTo("REJECT");
        assertThat(e.threat()).isEqualTo("DBL_SPAM");
        assertThat(e.queueId()).isEqualTo("4B2C81A0F2");
        assertThat(e.messageId()).isEqualTo("m2@spam.example");
        assertThat(e.sender()).isEqualTo("promo@spam.example");
        assertThat(e.recipients()).containsExactly("a.meyer@chu-exemple.fr", "b.roux@chu-exemple.fr");
        assertThat(e.score()).isEqualTo(16.5);
        assertThat(e.urlDomains()).containsExactly("track.spam.example");
    }

    @Test
    void shouldReadSyslogWrappedTaskLog() {
        final QuarantineEvent e = event("Nov 28 08:12:44 mx rspamd[4242]: <a1b2c3>; task; rspamd_task_write_log: "
                + "id: <m3@x.example>, (default: T (rewrite subject): [9.00/15.00] [X(9.0){}]), len: 1");

        assertThat(e.time()).isEqualTo(Instant.parse("2026-11-28T08:12:44Z"));
        assertThat(e.reason()).isEqualTo("REWRITE-SUBJECT");
        assertThat(e.queueId()).isNull();
        assertThat(e.messageId()).isEqualTo("m3@x.example");
    }

    @Test
    void shouldIgnoreNoActionSoftRejectAndGreylist() {
        for (final String action : new String[] {"no action", "soft reject", "greylist"}) {
            assertThat(parser.parse("{\"unix_time\":1,\"action\":\"" + action + "\",\"symbols\":{}}")
                            .value()
                            .ignoredBecause())
                    .isEqualTo("action " + action);
            assertThat(parser.parse(TASK_LOG.replace("(reject)", "(" + action + ")"))
                            .value()
                            .isEvent())
                    .isFalse();
        }
        assertThat(parser.parse("2026-11-28 08:12:44 #1(main) rspamd_main: reloading")
                        .value()
                        .isEvent())
                .isFalse();
    }

    @Test
    void shouldFailWhenJsonIsBrokenOrHasNoAction() {
        assertThat(parser.parse("{\"action\":").error().reason()).isEqualTo(JsonQuarantineParser.BAD_JSON);
        assertThat(parser.parse("{\"score\":1}").error().reason()).isEqualTo(RspamdParser.NO_ACTION);
    }
}
