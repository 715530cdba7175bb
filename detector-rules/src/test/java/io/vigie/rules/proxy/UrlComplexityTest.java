package io.vigie.rules.proxy;

import static io.vigie.rules.proxy.Requests.POPULAR;
import static io.vigie.rules.proxy.Requests.RARE;
import static io.vigie.rules.proxy.Requests.get;
import static io.vigie.rules.proxy.Requests.request;
import static org.assertj.core.api.Assertions.assertThat;

import io.vigie.rules.config.UrlComplexityConfig;
import java.util.List;
import org.junit.jupiter.api.Test;

class UrlComplexityTest {

    private static final String BEACON = "http://maj-logiciel-cdn.info/gate.php?id=dZzI88N5HBQttmdcbfijAIt10D4Zla5E"
            + "&k=21f657106f767f52af5a23d7b97299fc";

    private final UrlComplexity complexity = new UrlComplexity(UrlComplexityConfig.defaults());

    private List<String> names(final Assessment a) {
        return a.features().stream().map(Feature::name).toList();
    }

    @Test
    void shouldScoreEncodedBeaconWithoutReferer() {
        final Assessment a = complexity.assess(get(BEACON, null, ""), RARE);

        assertThat(names(a)).containsExactly("long-url", "query-entropy", "encoded-token");
        assertThat(a.features().get(2).detail()).isEqualTo("32-character base64 token dZzI88N5HBQt…");
        assertThat(complexity.complex(a)).isTrue();
    }

    @Test
    void shouldNeverJudgeWhenRequestHadReferer() {
        assertThat(complexity.assess(get(BEACON, null, "http://intranet.chu-demo.fr/"), RARE))
                .isEqualTo(Assessment.NONE);
    }

    @Test
    void shouldNeverJudgeWhenFormatHasNoReferer() {
        // null: Squid's native format does not log the Referer, so its absence says nothing
        assertThat(complexity.assess(get(BEACON, null, null), RARE)).isEqualTo(Assessment.NONE);
    }

    @Test
    void shouldNotJudgeConnectTunnels() {
        assertThat(complexity.assess(request("CONNECT", "203.0.113.7:8443", 200, false, null, ""), RARE))
                .isEqualTo(Assessment.NONE);
    }

    @Test
    void shouldNotJudgeDestinationsMuchOfTheOrganisationVisits() {
        assertThat(complexity.assess(get(BEACON, null, ""), new DestinationContext(4, Requests.T0)))
                .isEqualTo(Assessment.NONE);
        assertThat(complexity.assess(get(BEACON, null, ""), POPULAR)).isEqualTo(Assessment.NONE);
    }

    @Test
    void shouldNotJudgeAllowListedUpdateAndCdnHosts() {
        final String url = "http://ctldl.windowsupdate.com/msdownload/update/v3/static/trustedr/en/"
                + "authrootstl.cab?f1a3c3d7c6e8b4a2=Zq3kT9vXb2LmN8pQ4rS6tU0wY1zA5cE7";
        assertThat(complexity.assess(get(url, null, ""), RARE)).isEqualTo(Assessment.NONE);
        assertThat(complexity.assess(
                        get(
                                "http://ocsp.digicert.com/MFEwTzBNMEswSTAJBgUrDgMCGgUABBSAUQYBMq2awn1Rh6Doh"
                                        + "%2FsBYgFV7gQUA95QNVbRTLtm8KPiGxvDl7I90VUCEAJ0LqoXyo4hxxe7H%2Fz9DKA%3D",
                                null, ""),
                        RARE))
                .isEqualTo(Assessment.NONE);
    }

    @Test
    void shouldNotFireOnLongLowEntropyPath() {
        final String url = "http://intranet.chu-demo.fr/actualites/2026/11/recommandations-vaccination-hiver-"
                + "personnel-soignant-service-des-urgences.html";
        final Assessment a = complexity.assess(get(url, null, ""), RARE);

        assertThat(url.length()).isGreaterThan(100);
        assertThat(names(a)).containsExactly("long-url");
        assertThat(complexity.complex(a)).isFalse();
    }

    @Test
    void shouldNotFireOnOrdinaryPagesWithoutReferer() {
        for (final String url : List.of(
                "http://www.search-exemple.com/search?q=pharmacie+garde",
                "http://webmail.chu-exemple.fr/owa/inbox.html",
                "http://update.editeur-logiciel.fr/updates/kb5041165.cab",
                "http://1ak0rfb42r405wr.net/")) {
            assertThat(complexity.complex(complexity.assess(get(url, null, ""), RARE)))
                    .as(url)
                    .isFalse();
        }
    }

    @Test
    void shouldScoreRandomPathToken() {
        final Assessment a = complexity.assess(
                get(
                        "http://stats-collect.site/api/v2/"
                                + "6vJrejmn09CgwytODJsU4X3GrOS8LVOAUxFA6ShIIFOg/HRMXSWXbesTLzdd7",
                        null,
                        ""),
                RARE);

        assertThat(names(a)).containsExactly("path-entropy", "encoded-token");
        assertThat(complexity.complex(a)).isTrue();
    }

    @Test
    void shouldRecogniseHexTokenButNotFireOnItAlone() {
        // a 128-bit hex id is also what many legitimate APIs put in a path: alone it stays under the threshold
        final Assessment a = complexity.assess(
                get("http://api.example.com/v1/objects/" + "21f657106f767f52af5a23d7b97299fc", null, ""), RARE);

        assertThat(a.features()).extracting(Feature::detail).containsExactly("32-character hex token 21f657106f76…");
        assertThat(complexity.complex(a)).isFalse();
    }

    @Test
    void shouldNotTakeSlugsOrShortTokensForEncodedTokens() {
        assertThat(RandomTokens.longest("/recommandations-vaccination-hiver-2026-urgences", 32))
                .isNull();
        assertThat(RandomTokens.longest("/app.2a52404bc0bd0107dcf1.js", 32)).isNull();
        assertThat(RandomTokens.longest("/c?zTxXUA=-APuQYJrPZ26THP1Jt7vJ3ImovOTzMNjrHe7M8Ua3RaOVpcBg_cDow", 32)
                        .encoding())
                .isEqualTo("base64");
    }

    @Test
    void shouldWeighIpHostAndNonStandardPort() {
        final Assessment a = complexity.assess(
                get(
                        "http://203.0.113.7:8081/c?zTxXUA=" + "-APuQYJrPZ26THP1Jt7vJ3ImovOTzMNjrHe7M8Ua3RaOVpcBg_cDow",
                        null,
                        ""),
                RARE);

        assertThat(names(a)).containsExactly("query-entropy", "encoded-token", "ip-host", "non-standard-port");
        assertThat(a.score()).isEqualTo(20 + 30 + 20 + 10);
        assertThat(names(complexity.assess(get("http://203.0.113.7/index.html", null, ""), RARE)))
                .containsExactly("ip-host");
    }

    @Test
    void shouldWeighManyParameters() {
        assertThat(names(complexity.assess(get("http://t.example.net/p?a=1&b=2&c=3&d=4&e=5&f=6", null, ""), RARE)))
                .containsExactly("many-parameters");
        assertThat(complexity.assess(get("http://t.example.net/p?a=1&b=2&c=3&d=4&e=5", null, ""), RARE))
                .isEqualTo(Assessment.of(List.of()));
    }

    @Test
    void shouldWeighPunycodeDeepAndDigitHeavyHosts() {
        assertThat(names(complexity.assess(get("http://xn--chu-exmple-b7a.fr/login", null, ""), RARE)))
                .containsExactly("punycode");
        assertThat(names(complexity.assess(get("http://a1.b2.c3.d4.example.com/", null, ""), RARE)))
                .containsExactly("deep-host");
        assertThat(names(complexity.assess(get("http://0n053vb41jvmp1.info/", null, ""), RARE)))
                .containsExactly("digit-heavy-host");
        assertThat(names(complexity.assess(get("http://web2.example.com/", null, ""), RARE)))
                .isEmpty();
    }

    @Test
    void shouldMeasureEntropy() {
        assertThat(Entropy.bitsPerChar("aaaaaaaa")).isZero();
        assertThat(Entropy.bitsPerChar("abcdefgh")).isEqualTo(3.0);
        assertThat(Entropy.bitsPerChar("")).isZero();
    }
}
