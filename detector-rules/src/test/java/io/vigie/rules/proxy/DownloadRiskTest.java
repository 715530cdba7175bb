package io.vigie.rules.proxy;

import static io.vigie.rules.proxy.Requests.POPULAR;
import static io.vigie.rules.proxy.Requests.RARE;
import static io.vigie.rules.proxy.Requests.get;
import static io.vigie.rules.proxy.Requests.request;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vigie.rules.config.DownloadRiskConfig;
import io.vigie.rules.config.FileKind;
import java.util.List;
import org.junit.jupiter.api.Test;

class DownloadRiskTest {

    private static final String REFERER = "http://www.search-exemple.com/search?q=x";

    private final DownloadRisk risk = new DownloadRisk(DownloadRiskConfig.defaults());

    private List<String> names(final Assessment a) {
        return a.features().stream().map(Feature::name).toList();
    }

    @Test
    void shouldFlagExecutableFromRawIpWithItsReasons() {
        final Assessment a = risk.assess(get("http://203.0.113.7/s.ps1", null, ""), RARE);

        assertThat(names(a)).containsExactly("extension", "ip-host", "rare-destination");
        assertThat(a.features())
                .extracting(Feature::detail)
                .contains(
                        "extension .ps1 (script)",
                        "host is an IP address",
                        "rare destination: 1 internal client since 2026-11-28T05:27:26Z");
        assertThat(a.score()).isEqualTo(40 + 30 + 15);
        assertThat(risk.suspicious(a)).isTrue();
    }

    @Test
    void shouldNotFlagExecutableAloneFromPopularVendor() {
        final Assessment a = risk.assess(
                get(
                        "http://www.fournisseur-sante.com/support/TeamViewer_Setup.exe",
                        "application/x-msdownload",
                        REFERER),
                POPULAR);

        assertThat(names(a)).containsExactly("extension", "content-type");
        assertThat(a.features().get(1).detail()).isEqualTo("content type application/x-msdownload confirms it");
        assertThat(risk.suspicious(a)).isFalse();
    }

    @Test
    void shouldNotFlagExecutableFromRareHostWithoutAnythingElseOff() {
        // a vendor site few people visit: rarity alone does not make an installer suspicious
        assertThat(risk.suspicious(risk.assess(get("http://www.vendor.fr/setup.exe", null, REFERER), RARE)))
                .isFalse();
    }

    @Test
    void shouldNotFlagConfirmedInstallerFromRareVendor() {
        final Assessment a =
                risk.assess(get("http://www.vendor.fr/AcroRdrDC_fr.msi", "application/x-msi", REFERER), RARE);

        assertThat(names(a)).containsExactly("extension", "content-type", "rare-destination");
        assertThat(risk.suspicious(a)).isFalse();
    }

    @Test
    void shouldFlagExecutableFromRiskyTld() {
        final Assessment a =
                risk.assess(get("http://telechargement-gratuit.top/files/codec_pack.exe", null, REFERER), POPULAR);

        assertThat(names(a)).containsExactly("extension", "risky-tld");
        assertThat(a.features().get(1).detail()).isEqualTo("risky TLD .top");
        assertThat(risk.suspicious(a)).isTrue();
    }

    @Test
    void shouldWeighNonStandardPort() {
        final Assessment a = risk.assess(get("http://files.example.com:8081/a.lnk", null, ""), RARE);

        assertThat(names(a)).containsExactly("extension", "non-standard-port", "rare-destination");
        assertThat(risk.suspicious(a)).isTrue();
        assertThat(names(risk.assess(get("https://files.example.com:443/a.lnk", null, ""), RARE)))
                .doesNotContain("non-standard-port");
    }

    @Test
    void shouldCountImageServedAsExecutableAsMismatch() {
        final Assessment a =
                risk.assess(get("http://cdn.example.com/img/photo.jpg", "application/x-msdownload", REFERER), POPULAR);

        assertThat(names(a)).containsExactly("content-type", "type-mismatch");
        assertThat(a.features().get(1).detail()).isEqualTo("extension .jpg but served as executable");
        assertThat(a.score()).isEqualTo(70);
        assertThat(risk.suspicious(a)).isTrue();
    }

    @Test
    void shouldIgnoreExecutableExtensionAnsweredWithHtml() {
        // a landing or error page at an .exe URL: nothing executable reached the client
        assertThat(risk.assess(get("http://203.0.113.7/setup.exe", "text/html", ""), RARE))
                .isEqualTo(Assessment.NONE);
    }

    @Test
    void shouldJudgeByContentTypeWhenPathHasNoExtension() {
        final Assessment a =
                risk.assess(get("http://203.0.113.7/download?id=42", "application/x-msdownload", ""), RARE);

        assertThat(names(a)).containsExactly("content-type", "ip-host", "rare-destination");
        assertThat(risk.suspicious(a)).isTrue();
    }

    @Test
    void shouldGiveArchivesLessWeightThanExecutables() {
        final Assessment zipOnTop = risk.assess(get("http://partage.example.top/d/facture.zip", null, ""), RARE);
        final Assessment zipOnCom = risk.assess(get("http://partage.example.com/d/facture.zip", null, ""), RARE);

        assertThat(zipOnTop.score()).isEqualTo(20 + 25 + 15);
        assertThat(risk.suspicious(zipOnTop)).isTrue();
        assertThat(risk.suspicious(zipOnCom)).isFalse();
    }

    @Test
    void shouldFlagMacroDocumentsAndDiskImages() {
        assertThat(names(risk.assess(get("http://docs.example.xyz/Facture.docm", null, ""), RARE)))
                .containsExactly("extension", "risky-tld", "rare-destination");
        assertThat(risk.assess(get("http://docs.example.xyz/Document.iso", null, ""), RARE)
                        .features()
                        .get(0)
                        .detail())
                .isEqualTo("extension .iso (disk image)");
    }

    @Test
    void shouldNotFlagWindowsUpdateCabinet() {
        final Assessment a = risk.assess(
                get(
                        "http://download.windowsupdate.com/d/msdownload/update/kb5041165.cab",
                        "application/vnd.ms-cab-compressed",
                        ""),
                RARE);

        assertThat(a).isEqualTo(Assessment.NONE);
    }

    @Test
    void shouldNotFlagCabinetFromOrdinaryUpdateServer() {
        // not allow-listed, one client (the patch server), no Referer: still only an archive from a rare host
        final Assessment a = risk.assess(
                get("http://update.editeur-logiciel.fr/updates/kb5041165.cab", "application/vnd.ms-cab-compressed", ""),
                RARE);

        assertThat(a.score()).isEqualTo(20 + 0 + 15);
        assertThat(risk.suspicious(a)).isFalse();
    }

    @Test
    void shouldIgnoreOrdinaryPagesAndImagesWhateverTheHost() {
        assertThat(risk.assess(get("http://203.0.113.7:8081/index.html", "text/html", ""), RARE))
                .isEqualTo(Assessment.NONE);
        assertThat(risk.assess(get("http://stats-collect.site/pixel.gif", "image/gif", ""), RARE))
                .isEqualTo(Assessment.NONE);
    }

    @Test
    void shouldIgnoreBlockedDeniedAndFailedResponses() {
        assertThat(risk.assess(request("GET", "http://evil.top/f.hta", 403, true, null, ""), RARE))
                .isEqualTo(Assessment.NONE);
        assertThat(risk.assess(request("GET", "http://evil.top/f.hta", 200, true, null, ""), RARE))
                .isEqualTo(Assessment.NONE);
        assertThat(risk.assess(request("GET", "http://evil.top/f.hta", 404, false, null, ""), RARE))
                .isEqualTo(Assessment.NONE);
        assertThat(risk.assess(request("GET", "http://evil.top/f.hta", 0, false, null, ""), RARE))
                .isEqualTo(Assessment.NONE);
        assertThat(risk.suspicious(risk.assess(request("GET", "http://evil.top/f.hta", 206, false, null, ""), RARE)))
                .isTrue();
    }

    @Test
    void shouldNotMistakeDomainInPathForExtension() {
        assertThat(DownloadRisk.extension("/redirect/example.com")).isEqualTo("com");
        assertThat(risk.assess(get("http://evil.top/redirect/example.com", null, ""), RARE))
                .isEqualTo(Assessment.NONE);
        assertThat(DownloadRisk.extension("/files/")).isNull();
        assertThat(DownloadRisk.extension("/a.b/file")).isNull();
        assertThat(DownloadRisk.extension("/invoice.pdf.EXE")).isEqualTo("exe");
        assertThat(DownloadRisk.extension(null)).isNull();
    }

    @Test
    void shouldRefuseConfigWithoutEveryKindWeight() {
        final DownloadRiskConfig d = DownloadRiskConfig.defaults();
        assertThatThrownBy(() -> d.toBuilder()
                        .kindWeights(java.util.Map.of(FileKind.EXECUTABLE, 40))
                        .build())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("SCRIPT");
    }
}
