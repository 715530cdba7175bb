package io.vigie.core.parse.proxy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import io.vigie.core.parse.ParseResult;
import java.time.ZoneOffset;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class VendorProxyParsersTest {

    private static final ProxyLogParser OTHERS = line -> ParseResult.ok(ProxyLine.ignored("others"));
    private final VendorProxyParsers parsers = new VendorProxyParsers(ZoneOffset.UTC, JsonProxyMapping.ecs(), OTHERS);

    static Stream<Arguments> shapes() {
        return Stream.of(
                Arguments.of("{\"url.full\":\"http://a/\"}", "json"),
                Arguments.of("  {\"message\":\"x\"}", "json"),
                Arguments.of("<134>Feb  3 09:00:00 gw CEF:0|A|B|1|2|n|3|src=1.1.1.1", "cef"),
                Arguments.of(" 0|Forcepoint|Security|8.5.4|9|Transaction blocked|7| act=blocked", "cef"),
                Arguments.of("\"2020-06-12 14:31:38\",\"abc\",\"1.1.1.1\"", "umbrella"),
                Arguments.of("20180123<;>1316<;>1<;>http://x/<;>", "trendmicro"),
                Arguments.of("<29>Apr 14 20:31:07 ProxySG: 250017 Authentication failed", "bluecoat-eventlog"),
                Arguments.of(
                        "Info: 1649097617.352 7 1.2.3.4 TCP_MISS/302 779 HEAD http://x/ - DIRECT/x text/html"
                                + " DEFAULT_CASE_12-X <\"IW_infr\",6.8> - -",
                        "cisco-wsa"),
                Arguments.of(
                        "1278096903.150 97 172.10.11.22 TCP_MISS/200 8187 GET http://my.site.com/ -"
                                + " DIRECT/my.site.com text/plain DEFAULT_CASE_11-P <IW_comp,6.9> -",
                        "cisco-wsa"),
                Arguments.of(
                        "1613260836.625    355 172.17.0.1 TCP_TUNNEL_ABORTED/200 5319 CONNECT google.com:443 -"
                                + " HIER_DIRECT/142.250.184.174 -",
                        VendorProxyParsers.SQUID),
                Arguments.of(
                        "2021-02-14 00:00:24 [26] Request(default/additional/-) t.com:443 1.1.1.1/1.1.1.1 -"
                                + " CONNECT REDIRECT",
                        "squidguard"),
                Arguments.of(
                        "11-06-2013 02:09:40 +0300 PROXY.3128 00004 - 1.2.3.4:28783 0.0.0.0:0 0 0 0 GET"
                                + " http://x/ HTTP/1.1",
                        "3proxy"),
                Arguments.of(
                        "1.2.3.4 - jdoe [02/07/2024 07:51:20] \"GET http://example.com/ HTTP/1.1\" 403 - - 0 x",
                        "olfeo"),
                Arguments.of("2023-12-16 21:30:10 - 138 0 138 1.2.3.4 -" + " -".repeat(80), "netskope"),
                Arguments.of("time=15:01:22 devname=\"fpx\" logid=\"1\" type=\"utm\"", "kv"),
                Arguments.of("<13>May 26 13:13:58 proxy.example proxysetting|date=2016-05-26|time=1 13:58|x=1", "kv"),
                Arguments.of(
                        "2025-07-11T12:45:10PROXY bluecoat - splunk_format - c-ip=2.3.4.5 cs-bytes=0 cs-host=h", "kv"),
                // not vendor formats: W3C and combined lines, comments, blanks
                Arguments.of("#Fields: date time c-ip", null),
                Arguments.of("2016-05-16 15:17:26 283 101.215.31.19 200 TCP_NC_MISS 375 1046 GET http x 80 /", null),
                Arguments.of("10.0.0.1 - - [10/Oct/2000:13:55:36 -0700] \"GET / HTTP/1.0\" 200 2326", null),
                Arguments.of(
                        "10.0.0.1 - - [10/Oct/2000:13:55:36 -0700] \"GET /a HTTP/1.0\" 200 2 \"-\" \"UA x=1\"", null),
                Arguments.of("", null));
    }

    @ParameterizedTest(name = "{1}: {0}")
    @MethodSource("shapes")
    void shouldNameFormatFromShape(final String line, final String format) {
        assertThat(VendorProxyParsers.detect(line)).isEqualTo(format);
    }

    @Test
    void shouldServeEveryFormatByName() {
        assertThat(parsers.formats())
                .containsExactlyInAnyOrder(
                        "json",
                        "kv",
                        "cef",
                        "umbrella",
                        "cisco-wsa",
                        "squidguard",
                        "trendmicro",
                        "3proxy",
                        "bluecoat-eventlog",
                        "olfeo",
                        "netskope");
        assertThat(parsers.parser("w3c")).isEmpty();
    }

    @Test
    void shouldRouteAutoModeByShapeAndHandTheRestOn() {
        final ProxyLogParser auto = parsers.auto(OTHERS);

        assertThat(Samples.event(auto.parse("CEF:0|A|B|1|2|n|3|request=http://c.example/"))
                        .format())
                .isEqualTo("cef");
        assertThat(Samples.event(
                                auto.parse("{\"input\":{\"message\":\"CEF:0|A|B|1|2|n|3|request=http://w.example/\"}}"))
                        .host())
                .as("a wrapped raw line goes through detection too")
                .isEqualTo("w.example");
        assertThat(Samples.ignored(auto.parse("10.0.0.1 - - [10/Oct/2000:13:55:36 -0700] \"GET / HTTP/1.0\" 200 1")))
                .isEqualTo("others");
        assertThat(Samples.ignored(auto.parse("   "))).isEqualTo(VendorProxyParsers.BLANK);
    }

    @Test
    void shouldNeverThrowWhenInputIsHostile() {
        final ProxyLogParser auto = parsers.auto(OTHERS);
        final List<String> hostile = List.of(
                "{".repeat(100_000),
                "{\"a\":\"" + "\\".repeat(70_000),
                "x".repeat(1 << 20),
                "a=\"" + "b".repeat(50_000),
                "= = = =",
                "CEF:|||||||",
                "CEF:0|a\\",
                "\"2024-01-01 00:00:00\",\"" + "\"\"".repeat(20_000),
                " ".repeat(10) + "=" + " a=".repeat(20_000),
                "1700000000.000 x y z",
                "<;>".repeat(1000),
                "\u0000\uFFFD\uD800");
        for (final String line : hostile) {
            for (final String format : parsers.formats()) {
                assertThatCode(() -> parsers.parser(format).orElseThrow().parse(line))
                        .doesNotThrowAnyException();
            }
            assertThatCode(() -> auto.parse(line)).doesNotThrowAnyException();
        }
    }
}
