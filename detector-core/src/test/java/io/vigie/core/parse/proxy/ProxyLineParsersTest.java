package io.vigie.core.parse.proxy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vigie.core.parse.proxy.ProxyLineParsers.Format;
import io.vigie.core.parse.proxy.ProxyLineParsers.Parsed;
import io.vigie.core.parse.proxy.ProxyLineParsers.State;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ProxyLineParsersTest {

    private static final String NATIVE = "1795843646.438     46 127.20.1.28 TCP_TUNNEL/200 23391 CONNECT "
            + "login.office-demo.com:443 mlambert HIER_DIRECT/127.0.0.29 -";
    private static final String COMBINED = "127.20.1.28 - mlambert [28/Nov/2026:05:27:26 +0000] \"CONNECT "
            + "login.office-demo.com:443 HTTP/1.1\" 200 23391 \"-\" \"Mozilla/5.0\" TCP_TUNNEL:HIER_DIRECT";
    private static final String METRON_ELFF = "2016-05-16 15:17:26 1 130.165.40.125 407 TCP_DENIED 302 238 CONNECT "
            + "tcp 2-edge-chat.facebook.com 443 / - - - - - - - \"Mozilla/5.0\" DENIED \"Chat (IM)/SMS\" - "
            + "140.120.192.231 Certificate";

    @ParameterizedTest(name = "{0}")
    @CsvSource(
            delimiter = '|',
            nullValues = "null",
            value = {
                "1795843646.438     46 127.20.1.28 TCP_TUNNEL/200|SQUID",
                "1.2.3.4 - johndoe [05/02/2025 11:30:29] \"GET https://sub.example.com/1.png HTTP/1.1\" 200|COMBINED",
                "2001:db8::1 - - [28/Nov/2026:05:27:26 +0000] \"GET / HTTP/1.1\" 200 5|COMBINED",
                "2016-05-16 15:17:26 283 101.215.31.19 200|W3C",
                "#Fields: date time|W3C",
                "127.20.1.28 TCP_TUNNEL/200 23391|null",
                "1795843646 46 127.20.1.28 TCP_TUNNEL/200|null",
                "Nov 28 05:00:00 proxy squid[123]: hello|null",
                "2016-05-16T15:17:26Z x|null",
                "a  b c [x|null",
            })
    void shouldRecogniseTheFormatByTheStartOfTheLine(final String line, final Format format) {
        assertThat(ProxyLineParsers.sniff(line)).isEqualTo(format);
    }

    @Test
    void shouldReadEveryFormatInAutoWithoutChangingStateForAccessLines() {
        final ProxyLineParsers auto = ProxyLineParsers.forSource("auto");

        for (final String line : List.of(NATIVE, COMBINED, METRON_ELFF)) {
            final Parsed parsed = auto.parse(line, State.INITIAL);
            assertThat(parsed.result().isOk()).as(line).isTrue();
            assertThat(parsed.result().value().isAccess()).isTrue();
            assertThat(parsed.state()).isSameAs(State.INITIAL);
        }
        assertThat(auto.parse(NATIVE, State.INITIAL).result().value().event().format())
                .isEqualTo("squid");
        assertThat(auto.parse(COMBINED, State.INITIAL).result().value().event().format())
                .isEqualTo("combined");
        assertThat(auto.parse(METRON_ELFF, State.INITIAL)
                        .result()
                        .value()
                        .event()
                        .format())
                .isEqualTo("w3c");
    }

    @Test
    void shouldSwitchW3cFieldsOnADirectiveAndHandTheStateBack() {
        final ProxyLineParsers w3c = ProxyLineParsers.forSource("W3C");

        final Parsed directive = w3c.parse("#Fields: date time c-ip cs-method cs-uri sc-status", State.INITIAL);
        assertThat(directive.result().value().ignoredBecause()).isEqualTo("w3c fields directive");
        assertThat(directive.state().w3cFields())
                .containsExactly("date", "time", "c-ip", "cs-method", "cs-uri", "sc-status");

        final Parsed access = w3c.parse("2026-11-28 05:27:26 10.1.2.3 GET http://a.example/ 200", directive.state());
        assertThat(access.result().value().event().host()).isEqualTo("a.example");
        assertThat(access.state()).isEqualTo(directive.state());

        // the same line without the directive is read with Blue Coat's fields, which it does not match
        assertThat(w3c.parse("2026-11-28 05:27:26 10.1.2.3 GET http://a.example/ 200", State.INITIAL)
                        .result()
                        .isOk())
                .isFalse();
    }

    @Test
    void shouldIgnoreOtherW3cDirectivesWithoutChangingState() {
        final Parsed parsed = ProxyLineParsers.forSource("auto").parse("#Software: SGOS 6.7.5.3", State.INITIAL);

        assertThat(parsed.result().value().ignoredBecause()).isEqualTo("w3c directive");
        assertThat(parsed.state()).isSameAs(State.INITIAL);
    }

    @Test
    void shouldHoldToTheConfiguredFormat() {
        final Parsed parsed = ProxyLineParsers.forSource("squid").parse(COMBINED, State.INITIAL);

        assertThat(parsed.result().error().source()).isEqualTo("squid");
        assertThat(parsed.result().error().reason()).isEqualTo("not squid native");
        assertThat(ProxyLineParsers.forSource("combined")
                        .parse(COMBINED, State.INITIAL)
                        .result()
                        .isOk())
                .isTrue();
    }

    @Test
    void shouldRefuseLinesAutoCannotPlace() {
        final Parsed parsed = ProxyLineParsers.forSource("auto").parse("hello world", State.INITIAL);

        assertThat(parsed.result().error().source()).isEqualTo("proxy");
        assertThat(parsed.result().error().reason()).isEqualTo("unknown proxy format");
        assertThat(ProxyLineParsers.forSource("auto")
                        .parse("", State.INITIAL)
                        .result()
                        .error()
                        .reason())
                .isEqualTo("empty line");
    }

    @Test
    void shouldRejectAnUnknownSourceAsAConfigurationError() {
        assertThatThrownBy(() -> ProxyLineParsers.forSource("bluecoat"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("bluecoat");
    }
}
