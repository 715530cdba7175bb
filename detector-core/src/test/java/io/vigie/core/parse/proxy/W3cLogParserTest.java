package io.vigie.core.parse.proxy;

import static org.assertj.core.api.Assertions.assertThat;

import io.vigie.core.model.ProxyEvent;
import io.vigie.core.parse.ParseResult;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class W3cLogParserTest {

    private static final String HEADER = "#Fields: date time time-taken c-ip cs-username cs-auth-group "
            + "x-exception-id sc-filter-result cs-categories cs(Referer) sc-status s-action cs-method "
            + "rs(Content-Type) cs-uri-scheme cs-host cs-uri-port cs-uri-path cs-uri-query cs-uri-extension "
            + "cs(User-Agent) s-ip sc-bytes cs-bytes x-virus-id";
    private static final List<String> FIELDS =
            W3cLogParser.fieldsDirective(HEADER).orElseThrow();

    private final W3cLogParser parser = new W3cLogParser();

    private ProxyEvent event(final String line, final List<String> fields) {
        final ParseResult<ProxyLine> result = parser.parse(line, fields);
        assertThat(result.isOk()).as("parsed: %s", line).isTrue();
        assertThat(result.value().isAccess()).isTrue();
        return result.value().event();
    }

    private ParseResult<ProxyLine> failure(final String line, final List<String> fields) {
        final ParseResult<ProxyLine> result = parser.parse(line, fields);
        assertThat(result.isOk()).as("refused: %s", line).isFalse();
        assertThat(result.error().source()).isEqualTo("w3c");
        return result;
    }

    @Test
    void shouldReadTheFieldsDirective() {
        assertThat(FIELDS).isEqualTo(W3cLogParser.BLUECOAT_DEFAULT_FIELDS);
        assertThat(W3cLogParser.fieldsDirective("#Fields:date  time\tc-ip\r"))
                .contains(List.of("date", "time", "c-ip"));
        assertThat(W3cLogParser.fieldsDirective("#Software: SGOS 6.7.5.3")).isEmpty();
        assertThat(W3cLogParser.fieldsDirective("#Fields:")).isEmpty();
        assertThat(W3cLogParser.fieldsDirective("2016-05-16 15:17:26 283")).isEmpty();
    }

    @Test
    void shouldReadEveryFieldOfABcreportermainLine() {
        final ProxyEvent e = event(
                "2026-11-28 05:27:26 1234 10.1.2.3 jdupont \"CHU\\GG Soignants\" - OBSERVED "
                        + "\"Health;Reference\" http://portail.chu-exemple.fr/ 200 TCP_NC_MISS GET "
                        + "\"text/html; charset=utf-8\" https www.has-sante.fr 443 /jcms/index.jsp ?id=7 jsp "
                        + "\"Mozilla/5.0 (Windows NT 10.0)\" 10.9.9.9 5120 830 -",
                FIELDS);

        assertThat(e)
                .isEqualTo(new ProxyEvent(
                        Instant.parse("2026-11-28T05:27:26Z"),
                        "w3c",
                        "10.1.2.3",
                        "jdupont",
                        "GET",
                        "https://www.has-sante.fr/jcms/index.jsp?id=7",
                        "https",
                        "www.has-sante.fr",
                        443,
                        "/jcms/index.jsp",
                        "id=7",
                        200,
                        "TCP_NC_MISS",
                        false,
                        5120,
                        "text/html",
                        "http://portail.chu-exemple.fr/",
                        "Mozilla/5.0 (Windows NT 10.0)",
                        1234));
    }

    @Test
    void shouldReadADashRefererAsPresentButEmptyAndDashesAsNone() {
        final ProxyEvent e = event(
                "2026-11-28 05:27:26 5 10.1.2.3 - - - OBSERVED - - 200 TCP_HIT GET - http "
                        + "intranet 8080 / - - - 10.9.9.9 10 0 -",
                FIELDS);

        assertThat(e.referer()).isEmpty();
        assertThat(e.user()).isNull();
        assertThat(e.contentType()).isNull();
        assertThat(e.userAgent()).isNull();
        assertThat(e.url()).isEqualTo("http://intranet:8080/");
        assertThat(e.port()).isEqualTo(8080);
        assertThat(e.query()).isNull();
    }

    @ParameterizedTest(name = "{0} {1} {2}")
    @CsvSource({
        "-,OBSERVED,TCP_NC_MISS,false",
        "policy_denied,DENIED,TCP_DENIED,true",
        "-,DENIED,TCP_NC_MISS,true",
        "dns_unresolved_hostname,OBSERVED,TCP_ERR_MISS,true",
        "-,PROXIED,TCP_DENIED,true"
    })
    void shouldCallBlockedWhatTheFilterOrAnExceptionRefused(
            final String exception, final String filter, final String action, final boolean blocked) {
        final ProxyEvent e = event(
                "2026-11-28 05:27:26 5 10.1.2.3 - - " + exception + " " + filter + " - - 403 " + action
                        + " GET - http bad.example 80 /x - - - 10.9.9.9 10 0 -",
                FIELDS);

        assertThat(e.blocked()).isEqualTo(blocked);
    }

    @Test
    void shouldRebuildConnectTargetsAsHostPort() {
        final ProxyEvent e = event(
                "2026-11-28 05:27:26 5 10.1.2.3 - - - OBSERVED - - 200 TCP_TUNNELED CONNECT - "
                        + "tcp login.example.com 443 / - - - 10.9.9.9 10 0 -",
                FIELDS);

        assertThat(e.url()).isEqualTo("login.example.com:443");
        assertThat(e.scheme()).isEqualTo("https");
        assertThat(e.path()).isNull();
    }

    @Test
    void shouldBracketIpv6HostsWhenRebuildingTheUrl() {
        final ProxyEvent e = event(
                "2026-11-28 05:27:26 5 10.1.2.3 - - - OBSERVED - - 200 TCP_HIT GET - http "
                        + "2001:db8::8 8080 /x - - - 10.9.9.9 10 0 -",
                FIELDS);

        assertThat(e.url()).isEqualTo("http://[2001:db8::8]:8080/x");
        assertThat(e.host()).isEqualTo("2001:db8::8");
        assertThat(e.port()).isEqualTo(8080);
    }

    @Test
    void shouldPreferCsUriAndIgnoreUnknownFields() {
        final List<String> fields = List.of("date", "time", "c-ip", "cs-method", "cs-uri", "sc-status", "x-foo");
        final ProxyEvent e = event("2026-11-28 05:27:26.250 10.1.2.3 get http://a.example/p?q 204 zzz", fields);

        assertThat(e.time()).isEqualTo(Instant.parse("2026-11-28T05:27:26.250Z"));
        assertThat(e.method()).isEqualTo("GET");
        assertThat(e.url()).isEqualTo("http://a.example/p?q");
        assertThat(e.referer()).as("no cs(Referer) field").isNull();
        assertThat(e.bytes()).isEqualTo(-1);
        assertThat(e.durationMs()).isEqualTo(-1);
    }

    @Test
    void shouldFailOnAnUnreadableStatusEvenThoughACsUriIsGiven() {
        final List<String> fields = List.of("date", "time", "c-ip", "cs-method", "cs-uri", "sc-status");
        assertThat(failure("2026-11-28 05:27:26 10.1.2.3 GET http://a.example/ 2xx", fields)
                        .error()
                        .reason())
                .isEqualTo("bad status");
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "#Software: SGOS 6.7.5.3",
                "#Version: 1.0",
                "#Date: 2026-11-28 05:00:00",
                "#Remark: \"SG-42\" \"main\"",
                HEADER
            })
    void shouldIgnoreDirectives(final String line) {
        final ParseResult<ProxyLine> result = parser.parse(line, FIELDS);

        assertThat(result.isOk()).isTrue();
        assertThat(result.value().isAccess()).isFalse();
        assertThat(result.value().ignoredBecause()).isEqualTo("w3c directive");
    }

    @ParameterizedTest(name = "{1}")
    @CsvSource(
            delimiter = '|',
            value = {
                "2026-11-28 05:27:26 5 10.1.2.3 - - - OBSERVED - - 200 TCP_HIT GET - http a 80 / - - - 10.9.9.9 10|"
                        + "field count mismatch",
                "2026-11-28 05:27:26 5 10.1.2.3 - - - OBSERVED \"Health - - 200 TCP_HIT GET - http a 80 / - - - 1 10 0 -|"
                        + "truncated",
                "2026-02-30 05:27:26 5 10.1.2.3 - - - OBSERVED - - 200 TCP_HIT GET - http a 80 / - - - 10.9.9.9 10 0 -|"
                        + "bad timestamp",
                "2026-11-28 5:27:26 5 10.1.2.3 - - - OBSERVED - - 200 TCP_HIT GET - http a 80 / - - - 10.9.9.9 10 0 -|"
                        + "bad timestamp",
                "- - 5 10.1.2.3 - - - OBSERVED - - 200 TCP_HIT GET - http a 80 / - - - 10.9.9.9 10 0 -|missing timestamp",
                "2026-11-28 05:27:26 5 10.1.2.3 - - - OBSERVED - - 200 TCP_HIT GET - http a 70000 / - - - 1 10 0 -|bad port",
                "2026-11-28 05:27:26 5 10.1.2.3 - - - OBSERVED - - 200 TCP_HIT GET - http a 80 / - - - 1 -10 0 -|"
                        + "bad byte count",
                "2026-11-28 05:27:26 x 10.1.2.3 - - - OBSERVED - - 200 TCP_HIT GET - http a 80 / - - - 1 10 0 -|bad duration",
            })
    void shouldRefuseWithAFixedReason(final String line, final String reason) {
        assertThat(failure(line, FIELDS).error().reason()).isEqualTo(reason);
    }

    @Test
    void shouldReadTheMetronBlueCoatSampleWithTheHeaderlessDefault() throws IOException {
        final List<String> lines = resourceLines("/samples/proxy/licensed/apache-metron_BluecoatProxy_ELFF.log");
        assertThat(lines).hasSize(3);
        assertThat(W3cLogParser.blueCoatFieldsFor(lines.get(0))).isEqualTo(W3cLogParser.BLUECOAT_MAIN_FIELDS);

        final ProxyEvent first = parser.parse(lines.get(0)).value().event();
        assertThat(first.time()).isEqualTo(Instant.parse("2016-05-16T15:17:26Z"));
        assertThat(first.durationMs()).isEqualTo(283);
        assertThat(first.clientIp()).isEqualTo("101.215.31.19");
        assertThat(first.status()).isEqualTo(200);
        assertThat(first.action()).isEqualTo("TCP_NC_MISS");
        assertThat(first.bytes()).isEqualTo(375);
        assertThat(first.method()).isEqualTo("GET");
        assertThat(first.host()).isEqualTo("www.saavnarnia.com");
        assertThat(first.port()).isEqualTo(80);
        assertThat(first.path()).isEqualTo("/stats.php");
        assertThat(first.query()).startsWith("ev=site:player:progressing:300&songid=");
        assertThat(first.user()).isEqualTo("qam351");
        assertThat(first.contentType()).isEqualTo("text/html");
        assertThat(first.referer()).startsWith("http://www.saavnarnia.com/s/album/hindi/");
        assertThat(first.userAgent()).startsWith("Mozilla/5.0 (Windows NT 6.1; WOW64)");
        assertThat(first.blocked()).isFalse();

        final ProxyEvent second = parser.parse(lines.get(1)).value().event();
        assertThat(second.method()).isEqualTo("CONNECT");
        assertThat(second.host()).isEqualTo("2-edge-chat.facebook.com");
        assertThat(second.port()).isEqualTo(443);
        assertThat(second.status()).isEqualTo(407);
        assertThat(second.referer()).isEmpty();
        assertThat(second.blocked()).isTrue();

        final ProxyEvent third = parser.parse(lines.get(2)).value().event();
        assertThat(third.host()).isEqualTo("165.202.134.178");
        assertThat(third.contentType()).isEqualTo("application/x-fcs");
        assertThat(third.userAgent()).isEqualTo("Shockwave Flash");
    }

    @Test
    void shouldPickBcreportermainForHeaderlessLinesWhoseFifthValueIsAUser() {
        assertThat(W3cLogParser.blueCoatFieldsFor("2026-11-28 05:27:26 5 10.1.2.3 jdupont - - OBSERVED"))
                .isEqualTo(W3cLogParser.BLUECOAT_DEFAULT_FIELDS);
    }

    static List<String> resourceLines(final String name) throws IOException {
        try (InputStream in = Objects.requireNonNull(W3cLogParserTest.class.getResourceAsStream(name), name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8).lines().toList();
        }
    }
}
