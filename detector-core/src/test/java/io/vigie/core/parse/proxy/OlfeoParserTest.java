package io.vigie.core.parse.proxy;

import static org.assertj.core.api.Assertions.assertThat;

import io.vigie.core.model.ProxyEvent;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

class OlfeoParserTest {

    @Test
    void shouldMapOlfeoLineWithDayFirstDate() {
        final OlfeoParser parser = new OlfeoParser(ZoneOffset.UTC);
        final ProxyEvent e = Samples.event(parser.parse("10.2.2.2 - lea [02/07/2024 07:51:20]"
                + " \"GET http://blocked.example/ HTTP/1.1\" 403 - - 0 Unclassified URL"));

        assertThat(e.format()).isEqualTo("olfeo");
        assertThat(e.time()).isEqualTo(Instant.parse("2024-07-02T07:51:20Z"));
        assertThat(e.user()).isEqualTo("lea");
        assertThat(e.url()).isEqualTo("http://blocked.example/");
        assertThat(e.status()).isEqualTo(403);
        assertThat(e.blocked()).isTrue();
        assertThat(e.bytes()).isZero();
        final ProxyEvent connect = Samples.event(parser.parse("10.2.2.2 - - [15/04/2024 12:50:04]"
                + " \"CONNECT https://tls.example:443 HTTP/1.1\" 200 - - 1000 Business"));
        assertThat(connect.host()).isEqualTo("tls.example");
        assertThat(connect.port()).isEqualTo(443);
        assertThat(parser.parse("10.2.2.2 - - [15/04/2024 12:50:04] \"GET\" 200 - - 1 x")
                        .error()
                        .reason())
                .isEqualTo(OlfeoParser.BAD_REQUEST);
        assertThat(parser.parse("10.2.2.2 - - [15/04/2024 12:50:04").error().reason())
                .isEqualTo(OlfeoParser.TOO_FEW_FIELDS);
    }
}
