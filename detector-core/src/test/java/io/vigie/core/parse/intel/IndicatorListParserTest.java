package io.vigie.core.parse.intel;

import static org.assertj.core.api.Assertions.assertThat;

import io.vigie.core.model.Indicator;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class IndicatorListParserTest {

    private static final Instant NOW = Instant.parse("2026-11-28T08:00:00Z");
    private final IndicatorListParser parser = new IndicatorListParser();

    private Indicator indicator(final String line) {
        return parser.parse(line, NOW).value().indicator();
    }

    @Test
    void readsUrlsHostsAndAddressesWithAnOptionalReference() {
        assertThat(indicator("https://Portail-Factures.click/login?id=1  CERTFR-2026-ALE-012"))
                .satisfies(i -> {
                    assertThat(i.kind()).isEqualTo(Indicator.Kind.URL);
                    assertThat(i.value()).isEqualTo("https://portail-factures.click/login?id=1");
                    assertThat(i.reference()).isEqualTo("CERTFR-2026-ALE-012");
                    assertThat(i.source()).isEqualTo("list");
                    assertThat(i.added()).isEqualTo(NOW);
                });
        assertThat(indicator("maj-logiciel-cdn.info").key()).isEqualTo("host:maj-logiciel-cdn.info");
        assertThat(indicator("127.0.0.45").key()).isEqualTo("ip:127.0.0.45");
        assertThat(indicator("2001:db8::66").key()).isEqualTo("ip:2001:db8::66");
    }

    @Test
    void readsTheDefangedFormsOfBulletins() {
        assertThat(indicator("hxxps://evil[.]example/x").value()).isEqualTo("https://evil.example/x");
        assertThat(indicator("evil[.]example").key()).isEqualTo("host:evil.example");
    }

    @Test
    void commentsAndBlankLinesAreNotIndicatorsAndGarbageIsRefused() {
        assertThat(parser.parse("# bulletin of 2026-11-27", NOW).value().ignoredBecause())
                .isEqualTo("comment");
        assertThat(parser.parse("   ", NOW).value().ignoredBecause()).isEqualTo("empty line");
        assertThat(indicator("evil.example # seen in the phishing of Monday").key())
                .isEqualTo("host:evil.example");
        assertThat(parser.parse("localhost", NOW).error().reason()).isEqualTo("not a url, host or ip");
        assertThat(parser.parse("<script>", NOW).error().reason()).isEqualTo("not a url, host or ip");
    }
}
