package io.vigie.core.parse.proxy;

import static org.assertj.core.api.Assertions.assertThat;

import io.vigie.core.model.ProxyEvent;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class CiscoWsaParserTest {

    private final CiscoWsaParser parser = new CiscoWsaParser();

    @Test
    void shouldReadSquidFieldsAfterTheSyslogLevel() {
        final ProxyEvent e = Samples.event(parser.parse("Info: 1700000000.125 42 10.4.4.4 TCP_MISS/200 5120 GET"
                + " http://www.example.org/app.js kim DIRECT/www.example.org application/javascript"
                + " DEFAULT_CASE_12-Default-Internal-NONE-NONE-NONE-Default-NONE <\"IW_infr\",6.8,1,\"-\",-> - -"));

        assertThat(e.format()).isEqualTo("cisco-wsa");
        assertThat(e.time()).isEqualTo(Instant.parse("2023-11-14T22:13:20.125Z"));
        assertThat(e.durationMs()).isEqualTo(42);
        assertThat(e.clientIp()).isEqualTo("10.4.4.4");
        assertThat(e.action()).isEqualTo("TCP_MISS");
        assertThat(e.status()).isEqualTo(200);
        assertThat(e.bytes()).isEqualTo(5120);
        assertThat(e.method()).isEqualTo("GET");
        assertThat(e.url()).isEqualTo("http://www.example.org/app.js");
        assertThat(e.user()).isEqualTo("kim");
        assertThat(e.contentType()).isEqualTo("application/javascript");
        assertThat(e.blocked()).isFalse();
        assertThat(e.refererKnown()).isFalse();
    }

    @Test
    void shouldTurnTunnelUrlIntoHostAndPortForConnect() {
        final ProxyEvent e = Samples.event(parser.parse("1700000000.000 481 10.4.4.4 TCP_MISS/200 6916 CONNECT"
                + " tunnel://teams.example.com:443/ - DIRECT/teams.example.com - CMF:44 DCF:200020"
                + " PASSTHRU_CUSTOMCAT_7-Default-NoAuth-Default-NONE-NONE-Default-NONE <\"C\",-> - 1 x y"));

        assertThat(e.url()).isEqualTo("teams.example.com:443");
        assertThat(e.host()).isEqualTo("teams.example.com");
        assertThat(e.port()).isEqualTo(443);
        assertThat(e.path()).isNull();
        assertThat(e.user()).isNull();
        assertThat(e.contentType()).isNull();
    }

    @Test
    void shouldMarkBlockedWhenDeniedOrDecisionTagBlocks() {
        assertThat(Samples.event(parser.parse("1700000000.000 0 10.4.4.4 TCP_DENIED/407 0 CONNECT"
                                + " tunnel://www.example.com:443/ - NONE/- - OTHER-NONE-Users-NONE <\"-\"> -"))
                        .blocked())
                .isTrue();
        assertThat(Samples.event(parser.parse("1700000000.000 5 10.4.4.4 TCP_MISS/403 0 GET http://bad.example/"
                                + " - NONE/- - BLOCK_WEBCAT_12-Default-NONE <\"-\"> -"))
                        .blocked())
                .isTrue();
    }

    @Test
    void shouldRefuseBrokenLinesWithoutThrowing() {
        assertThat(parser.parse("Info: 1700000000.000 5 10.4.4.4").error().reason())
                .isEqualTo(CiscoWsaParser.TOO_FEW_FIELDS);
        assertThat(parser.parse("yesterday 5 1.2.3.4 TCP_MISS/200 1 GET http://x/ - DIRECT/x -")
                        .error()
                        .reason())
                .isEqualTo(CiscoWsaParser.BAD_TIME);
        final ProxyEvent e = Samples.event(
                parser.parse("1700000000.000 x 1.2.3.4 TCP_MISS 1e9 GET http://x.example/" + " - DIRECT/x -"));
        assertThat(e.status()).isZero();
        assertThat(e.bytes()).isEqualTo(-1);
        assertThat(e.durationMs()).isEqualTo(-1);
    }
}
