package io.vigie.core.parse.proxy;

import static org.assertj.core.api.Assertions.assertThat;

import io.vigie.core.model.ProxyEvent;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class TrendMicroUrlFilterParserTest {

    @Test
    void shouldMapTrendMicroUrlFilterLineAsBlocked() {
        final TrendMicroUrlFilterParser parser = new TrendMicroUrlFilterParser();
        final ProxyEvent e = Samples.event(
                parser.parse(Samples.lines("plaso_trendmicro_OfcUrlf.log").get(3)));

        assertThat(e.format()).isEqualTo("trendmicro");
        assertThat(e.time())
                .as("the epoch field, not the local date and HHMM")
                .isEqualTo(Instant.ofEpochSecond(1516713462));
        assertThat(e.url()).isEqualTo("http://www.eicar.org/download/eicar_com.zip");
        assertThat(e.host()).isEqualTo("www.eicar.org");
        assertThat(e.action()).isEqualTo("Malware Accomplice");
        assertThat(e.blocked()).isTrue();
        assertThat(e.clientIp()).isNull();
        assertThat(parser.parse("20180123<;>1316<;>1").error().reason())
                .isEqualTo(TrendMicroUrlFilterParser.TOO_FEW_FIELDS);
        assertThat(parser.parse("a<;>b<;>c<;>d<;>e<;>f<;>g<;>h<;>i<;>j<;>k<;>l<;>soon<;>")
                        .error()
                        .reason())
                .isEqualTo(TrendMicroUrlFilterParser.BAD_TIME);
    }
}
