package io.vigie.core.parse.proxy;

import static org.assertj.core.api.Assertions.assertThat;

import io.vigie.core.model.ProxyEvent;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

class SquidGuardParserTest {

    @Test
    void shouldMapSquidGuardRedirectAsBlocked() {
        final SquidGuardParser parser = new SquidGuardParser(ZoneOffset.UTC);
        final ProxyEvent e = Samples.event(
                parser.parse(Samples.lines("usiem-squid_squidGuard_logs.log").get(3)));

        assertThat(e.format()).isEqualTo("squidguard");
        assertThat(e.time()).isEqualTo(Instant.parse("2021-02-14T00:02:30Z"));
        assertThat(e.clientIp()).isEqualTo("172.17.0.1");
        assertThat(e.user()).isNull();
        assertThat(e.method()).isEqualTo("CONNECT");
        assertThat(e.url()).isEqualTo("violence.com:443");
        assertThat(e.host()).isEqualTo("violence.com");
        assertThat(e.action()).isEqualTo("squidGuard:additional");
        assertThat(e.blocked()).isTrue();
        assertThat(parser.parse(Samples.lines("usiem-squid_squidGuard_logs.log").get(7))
                        .error()
                        .reason())
                .as("a Squid native line")
                .isEqualTo(SquidGuardParser.NOT_SQUIDGUARD);
    }
}
