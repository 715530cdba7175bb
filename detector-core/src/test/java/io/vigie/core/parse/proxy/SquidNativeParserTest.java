package io.vigie.core.parse.proxy;

import static org.assertj.core.api.Assertions.assertThat;

import io.vigie.core.model.ProxyEvent;
import io.vigie.core.parse.ParseResult;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class SquidNativeParserTest {

    private final SquidNativeParser parser = new SquidNativeParser();

    private ProxyEvent event(final String line) {
        final ParseResult<ProxyLine> result = parser.parse(line);
        assertThat(result.isOk()).as("parsed: %s", line).isTrue();
        assertThat(result.value().isAccess()).isTrue();
        return result.value().event();
    }

    @Test
    void shouldReadEveryFieldOfATunnelWrittenBySquid57() {
        final ProxyEvent e = event("1795843646.438     46 127.20.1.28 TCP_TUNNEL/200 23391 CONNECT "
                + "login.office-demo.com:443 mlambert HIER_DIRECT/127.0.0.29 -");

        assertThat(e)
                .isEqualTo(new ProxyEvent(
                        Instant.parse("2026-11-28T05:27:26.438Z"),
                        "squid",
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
                        null,
                        null,
                        46));
    }

    @Test
    void shouldReadAGetWithoutUserAndWithContentType() {
        final ProxyEvent e = event("1522663539.541     61 192.168.11.2 TCP_MISS/301 3857 GET http://yahoo.co.jp/ - "
                + "HIER_DIRECT/182.22.59.229 text/html");

        assertThat(e)
                .isEqualTo(new ProxyEvent(
                        Instant.parse("2018-04-02T10:05:39.541Z"),
                        "squid",
                        "192.168.11.2",
                        null,
                        "GET",
                        "http://yahoo.co.jp/",
                        "http",
                        "yahoo.co.jp",
                        80,
                        "/",
                        null,
                        301,
                        "TCP_MISS",
                        false,
                        3857,
                        "text/html",
                        null,
                        null,
                        61));
        assertThat(e.refererKnown()).isFalse();
    }

    @Test
    void shouldMarkDeniedRequestsBlockedAndKeepQueryAndIpv6Client() {
        final ProxyEvent e = event("1677971737.789  123 2001:db8::1 TCP_DENIED/403 1024 GET "
                + "http://Example.com:8080/a.php?x=1 admin HIER_NONE/- text/html;charset=UTF-8");

        assertThat(e.clientIp()).isEqualTo("2001:db8::1");
        assertThat(e.blocked()).isTrue();
        assertThat(e.action()).isEqualTo("TCP_DENIED");
        assertThat(e.host()).isEqualTo("example.com");
        assertThat(e.port()).isEqualTo(8080);
        assertThat(e.path()).isEqualTo("/a.php");
        assertThat(e.query()).isEqualTo("x=1");
        assertThat(e.contentType()).isEqualTo("text/html");
    }

    @ParameterizedTest
    @CsvSource({
        "TCP_MISS/200,false",
        "TCP_DENIED/407,true",
        "TCP_DENIED_REPLY/403,true",
        "NONE/403,false",
        "TCP_MISS/403,false"
    })
    void shouldCallBlockedOnlyWhatSquidDenied(final String codeStatus, final boolean blocked) {
        assertThat(event("1386543323.000 4 91.188.124.227 " + codeStatus + " 4099 GET http://a.example/ - "
                                + "HIER_NONE/- text/html")
                        .blocked())
                .isEqualTo(blocked);
    }

    @Test
    void shouldReadSquidErrorPseudoUrlsWithoutHost() {
        final ProxyEvent e = event("1761121144.919      0 1.2.3.4 NONE_NONE/000 0 - "
                + "error:transaction-end-before-headers - HIER_NONE/- - \"-\" \"-\"");

        assertThat(e.method()).isNull();
        assertThat(e.host()).isNull();
        assertThat(e.status()).isZero();
        assertThat(e.action()).isEqualTo("NONE_NONE");
    }

    @Test
    void shouldReadAnAppendedRefererAndUserAgent() {
        final ProxyEvent e = event("1642667037.129      0 10.0.4.4 TCP_DENIED/403 3868 CONNECT 1.2.3.4:80 - "
                + "HIER_NONE/- text/html \"-\" \"curl/8.0 (x86_64)\"");

        assertThat(e.referer()).isEmpty();
        assertThat(e.withoutReferer()).isTrue();
        assertThat(e.userAgent()).isEqualTo("curl/8.0 (x86_64)");
        assertThat(e.scheme()).isEqualTo("tunnel");
        assertThat(e.port()).isEqualTo(80);
    }

    @Test
    void shouldTreatANegativeElapsedTimeAsUnknown() {
        assertThat(event("1157689321.315 -3 10.105.21.199 TCP_HIT/200 1464 GET http://a.example/s.css u "
                                + "NONE/- text/css")
                        .durationMs())
                .isEqualTo(-1);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(
            delimiter = '|',
            value = {
                "127.20.1.28 - mlambert [28/Nov/2026:05:27:26 +0000] \"GET / HTTP/1.1\" 200 1|not squid native",
                "1795843646 46 127.20.1.28 TCP_TUNNEL/200 1 CONNECT a:443 - HIER_DIRECT/1.2.3.4 -|not squid native",
                "17958x3646.438 46 127.20.1.28 TCP_TUNNEL/200 1 CONNECT a:443 - HIER_DIRECT/1.2.3.4 -|bad timestamp",
                "1795843646. 46 127.20.1.28 TCP_TUNNEL/200 1 CONNECT a:443 - HIER_DIRECT/1.2.3.4 -|bad timestamp",
                "1795843646.438 46 127.20.1.28 TCP_TUNNEL/200 1 CONNECT a:443 - HIER_DIRECT/1.2.3.4|truncated",
                "1795843646.438 46 127.20.1.28 TCP_TUNNEL/2000 1 CONNECT a:443 - HIER_DIRECT/1.2.3.4 -|bad status",
                "1795843646.438 46 127.20.1.28 TCP_TUNNEL/20 1 CONNECT a:443 - HIER_DIRECT/1.2.3.4 -|bad status",
                "1795843646.438 46 127.20.1.28 TCP_TUNNEL 1 CONNECT a:443 - HIER_DIRECT/1.2.3.4 - x|not squid native",
                "1795843646.438 46 127.20.1.28 TCP_TUNNEL/200 -5 CONNECT a:443 - HIER_DIRECT/1.2.3.4 -|bad byte count",
                "1795843646.438 4x6 127.20.1.28 TCP_TUNNEL/200 1 CONNECT a:443 - HIER_DIRECT/1.2.3.4 -|bad duration",
                "1795843646.438 46 1.2.3.4 TCP_MISS/200 1 GET http://a/ - HIER_DIRECT/1.2.3.4 - \"http://r/|truncated",
            })
    void shouldRefuseWithAFixedReason(final String line, final String reason) {
        final ParseResult<ProxyLine> result = parser.parse(line);

        assertThat(result.isOk()).isFalse();
        assertThat(result.error().source()).isEqualTo("squid");
        assertThat(result.error().reason()).isEqualTo(reason);
        assertThat(result.error().raw()).isEqualTo(line);
    }
}
