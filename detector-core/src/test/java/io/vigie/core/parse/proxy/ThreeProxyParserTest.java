package io.vigie.core.parse.proxy;

import static org.assertj.core.api.Assertions.assertThat;

import io.vigie.core.model.ProxyEvent;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class ThreeProxyParserTest {

    @Test
    void shouldMap3proxyLineAndIgnoreAnnotationsAndEmptyRequests() {
        final ThreeProxyParser parser = new ThreeProxyParser();
        final ProxyEvent e = Samples.event(parser.parse("11-06-2013 02:09:43 +0300 PROXY.3128 00005 ewr"
                + " 192.0.2.4:28788 0.0.0.0:0 10 20 0 GET http://www.example.ua/?n=1 HTTP/1.1"));

        assertThat(e.format()).isEqualTo("3proxy");
        assertThat(e.time()).isEqualTo(Instant.parse("2013-06-10T23:09:43Z"));
        assertThat(e.user()).isEqualTo("ewr");
        assertThat(e.clientIp()).isEqualTo("192.0.2.4");
        assertThat(e.method()).isEqualTo("GET");
        assertThat(e.url()).isEqualTo("http://www.example.ua/?n=1");
        assertThat(e.query()).isEqualTo("n=1");
        assertThat(e.bytes()).isEqualTo(20);
        assertThat(e.action()).isEqualTo("00005");
        assertThat(e.blocked()).as("error 5: authentication refused").isTrue();
        assertThat(Samples.event(parser.parse("11-06-2013 02:09:43 +0300 PROXY.3128 00000 - 192.0.2.4:1 1.2.3.4:80"
                                + " 1 2 0 GET http://ok.example/ HTTP/1.1"))
                        .blocked())
                .isFalse();
        assertThat(Samples.ignored(parser.parse("# failJSON: { \"time\": \"2013-06-11T02:09:40\", \"match\": true }")))
                .isEqualTo(ThreeProxyParser.ANNOTATION);
        assertThat(Samples.ignored(parser.parse(
                        "13-06-2013 01:39:34 +0300 PROXY.3128 00508 - 1.2.3.4:28938" + " 0.0.0.0:0 0 0 0 ")))
                .isEqualTo(ThreeProxyParser.NO_REQUEST);
        assertThat(parser.parse("13-13-2013 01:39:34 +0300 PROXY.3128 00508 - 1.2.3.4:2 0.0.0.0:0 0 0 0 GET x")
                        .error()
                        .reason())
                .isEqualTo(ThreeProxyParser.BAD_TIME);
    }
}
