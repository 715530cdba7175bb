package io.vigie.core.parse.proxy;

import static org.assertj.core.api.Assertions.assertThat;

import io.vigie.core.model.ProxyEvent;
import io.vigie.core.parse.ParseResult;
import java.time.Instant;
import java.time.ZoneId;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class CombinedLogParserTest {

    private static final String UA = "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36";

    private static final String COMBINED_AT =
            "10.0.0.7 - - [%s] \"GET http://a.example/ HTTP/1.1\" 200 1 \"-\" " + "\"-\" TCP_MISS:HIER_DIRECT";

    private final CombinedLogParser parser = new CombinedLogParser();

    private ProxyEvent event(final CombinedLogParser p, final String line) {
        final ParseResult<ProxyLine> result = p.parse(line);
        assertThat(result.isOk()).as("parsed: %s", line).isTrue();
        return result.value().event();
    }

    private ProxyEvent event(final String line) {
        return event(parser, line);
    }

    @Test
    void shouldReadEveryFieldOfATunnelWrittenBySquid57() {
        final ProxyEvent e = event("127.20.1.28 - mlambert [28/Nov/2026:05:27:26 +0000] \"CONNECT "
                + "login.office-demo.com:443 HTTP/1.1\" 200 23391 \"-\" \"" + UA + "\" TCP_TUNNEL:HIER_DIRECT");

        assertThat(e)
                .isEqualTo(new ProxyEvent(
                        Instant.parse("2026-11-28T05:27:26Z"),
                        "combined",
                        "127.20.1.28",
                        "mlambert",
                        "CONNECT",
                        "login.office-demo.com:443",
                        "https",
                        "login.office-demo.com",
                        443,
                        null,
                        null,
                        200,
                        "TCP_TUNNEL",
                        false,
                        23391,
                        null,
                        "",
                        UA,
                        -1));
        assertThat(e.withoutReferer()).isTrue();
    }

    @Test
    void shouldReadRefererQueryAndOffset() {
        final ProxyEvent e = event("10.0.0.7 - - [28/Nov/2026:06:27:26 +0100] \"GET "
                + "http://intranet.chu-exemple.fr/doc.pdf?id=3 HTTP/1.1\" 304 0 \"http://intranet.chu-exemple.fr/\" "
                + "\"" + UA + "\" TCP_IMS_HIT:HIER_NONE");

        assertThat(e.time()).isEqualTo(Instant.parse("2026-11-28T05:27:26Z"));
        assertThat(e.user()).isNull();
        assertThat(e.referer()).isEqualTo("http://intranet.chu-exemple.fr/");
        assertThat(e.path()).isEqualTo("/doc.pdf");
        assertThat(e.query()).isEqualTo("id=3");
        assertThat(e.action()).isEqualTo("TCP_IMS_HIT");
        assertThat(e.status()).isEqualTo(304);
        assertThat(event(COMBINED_AT.formatted("28/Nov/2026:00:27:26 -0500")).time())
                .isEqualTo(Instant.parse("2026-11-28T05:27:26Z"));
    }

    @Test
    void shouldTakeBlockedFromTheSquidActionOnly() {
        final String denied = "127.20.1.30 - - [28/Nov/2026:05:28:00 +0000] \"GET http://bad.example/x.exe "
                + "HTTP/1.1\" 403 3900 \"-\" \"" + UA + "\" TCP_DENIED:HIER_NONE";
        final String originRefused = "127.20.1.30 - - [28/Nov/2026:05:28:00 +0000] \"GET http://bad.example/x.exe "
                + "HTTP/1.1\" 403 3900 \"-\" \"" + UA + "\"";

        assertThat(event(denied).blocked()).isTrue();
        assertThat(event(originRefused).blocked()).isFalse();
        assertThat(event(originRefused).action()).isNull();
    }

    @Test
    void shouldReadTheCommonFormatWithoutReferer() {
        final ProxyEvent e = event(
                "5.6.7.8 - janedoe [05/02/2025 11:31:06] \"CONNECT https://example.com:443 " + "HTTP/1.1\" 200 -");

        assertThat(e.referer()).isNull();
        assertThat(e.refererKnown()).isFalse();
        assertThat(e.userAgent()).isNull();
        assertThat(e.bytes()).isZero();
        assertThat(e.host()).isEqualTo("example.com");
        assertThat(e.port()).isEqualTo(443);
        assertThat(e.time()).isEqualTo(Instant.parse("2025-02-05T11:31:06Z"));
    }

    @Test
    void shouldReadDatesWithoutOffsetInTheConfiguredZoneAndIgnoreUnquotedTrailers() {
        final ProxyEvent e = event(
                new CombinedLogParser(ZoneId.of("Europe/Paris")),
                "1.2.3.4 - johndoe "
                        + "[05/02/2025 11:30:29] \"GET https://sub.example.com/1.png HTTP/1.1\" 200 - - 1000 "
                        + "Business Services");

        assertThat(e.time()).isEqualTo(Instant.parse("2025-02-05T10:30:29Z"));
        assertThat(e.user()).isEqualTo("johndoe");
        assertThat(e.scheme()).isEqualTo("https");
        assertThat(e.path()).isEqualTo("/1.png");
        assertThat(e.referer()).isNull();
        assertThat(e.action()).isNull();
    }

    @Test
    void shouldUnescapeQuotesInsideQuotedFields() {
        final ProxyEvent e = event("::1 - - [28/Nov/2026:05:27:26 +0000] \"GET http://a.example/ HTTP/1.1\" 200 5 "
                + "\"-\" \"say \\\"hi\\\" \\\\o/\"");

        assertThat(e.clientIp()).isEqualTo("::1");
        assertThat(e.userAgent()).isEqualTo("say \"hi\" \\o/");
    }

    @Test
    void shouldReadAnEmptyRequestLineAsNoMethodNoUrl() {
        final ProxyEvent e =
                event("10.0.0.1 - - [28/Nov/2026:05:27:26 +0000] \"-\" 400 0 \"-\" \"-\" " + "NONE_NONE:HIER_NONE");

        assertThat(e.method()).isNull();
        assertThat(e.url()).isNull();
        assertThat(e.host()).isNull();
        assertThat(e.userAgent()).isNull();
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(
            delimiter = '|',
            value = {
                "1795843646.438 46 127.20.1.28 TCP_TUNNEL/200 23391 CONNECT a:443 - HIER_DIRECT/1.2.3.4 -|not combined",
                "10.0.0.1 - - [28/Nov/2026:05:27:26 +0000 \"GET / HTTP/1.1\" 200 5|truncated",
                "10.0.0.1 - - [31/Nov/2026:05:27:26 +0000] \"GET / HTTP/1.1\" 200 5|bad timestamp",
                "10.0.0.1 - - [28/Foo/2026:05:27:26 +0000] \"GET / HTTP/1.1\" 200 5|bad timestamp",
                "10.0.0.1 - - [28/Nov/2026:25:27:26 +0000] \"GET / HTTP/1.1\" 200 5|bad timestamp",
                "10.0.0.1 - - [28/Nov/2026:05:27:26 +9900] \"GET / HTTP/1.1\" 200 5|bad timestamp",
                "10.0.0.1 - - [28/Nov/2026:05:27:26 +0000] \"GET / HTTP/1.1 200 5|truncated",
                "10.0.0.1 - - [28/Nov/2026:05:27:26 +0000] \"GET / HTTP/1.1\" 200|truncated",
                "10.0.0.1 - - [28/Nov/2026:05:27:26 +0000] \"GET / HTTP/1.1\" OK 5|bad status",
                "10.0.0.1 - - [28/Nov/2026:05:27:26 +0000] \"GET / HTTP/1.1\" 200 -5|bad byte count",
                "10.0.0.1 - - [28/Nov/2026:05:27:26 +0000] \"GET / HTTP/1.1\" 200 5 \"http://r/\" \"Mozilla|truncated",
                "10.0.0.1 - - [28/Nov/2026:05:27:26 +0000] GET / HTTP/1.1 200 5|not combined",
                "10.0.0.1 - -|truncated",
            })
    void shouldRefuseWithAFixedReason(final String line, final String reason) {
        final ParseResult<ProxyLine> result = parser.parse(line);

        assertThat(result.isOk()).isFalse();
        assertThat(result.error().source()).isEqualTo("combined");
        assertThat(result.error().reason()).isEqualTo(reason);
    }
}
