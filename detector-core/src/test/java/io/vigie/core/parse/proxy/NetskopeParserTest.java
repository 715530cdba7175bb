package io.vigie.core.parse.proxy;

import static org.assertj.core.api.Assertions.assertThat;

import io.vigie.core.model.ProxyEvent;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class NetskopeParserTest {

    @Test
    void shouldMapNetskopeTransactionFieldsByPosition() {
        final NetskopeParser parser = new NetskopeParser();
        final ProxyEvent e = Samples.event(parser.parse("2023-12-21 12:59:21 33 5937 485 6422 10.6.6.6 203.0.113.4"
                + " \"mia@corp.example\" POST https - \"Mozilla/5.0 (Windows NT 10.0)\" \"text/xml\" 204"
                + " \"application/json\" www.example.com www.example.com /api/x 443 \"https://www.example.com/\""
                + " 123 \"Client\" more fields - - -\\n"));

        assertThat(e.format()).isEqualTo("netskope");
        assertThat(e.time()).isEqualTo(Instant.parse("2023-12-21T12:59:21Z"));
        assertThat(e.durationMs()).isEqualTo(33);
        assertThat(e.bytes()).isEqualTo(485);
        assertThat(e.clientIp()).isEqualTo("10.6.6.6");
        assertThat(e.user()).isEqualTo("mia@corp.example");
        assertThat(e.method()).isEqualTo("POST");
        assertThat(e.url()).isEqualTo("https://www.example.com/api/x");
        assertThat(e.userAgent()).isEqualTo("Mozilla/5.0 (Windows NT 10.0)");
        assertThat(e.status()).isEqualTo(204);
        assertThat(e.contentType()).as("sc-content-type, not cs-").isEqualTo("application/json");
        assertThat(e.referer()).isEqualTo("https://www.example.com/");
        assertThat(parser.parse("2023-12-21 12:59:21 33 5937").error().reason())
                .isEqualTo(NetskopeParser.TOO_FEW_FIELDS);
    }
}
