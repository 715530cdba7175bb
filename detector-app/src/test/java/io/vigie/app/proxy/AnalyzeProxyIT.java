package io.vigie.app.proxy;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.vigie.app.Cli;
import io.vigie.app.EngineHttp;
import io.vigie.core.model.ProxyEvent;
import io.vigie.core.net.UrlNormalizer;
import io.vigie.core.parse.proxy.ProxyLineParsers;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code vigie analyze --source combined --indicators FILE --json LOG} through the CLI, on the realgen log. */
class AnalyzeProxyIT {

    private static final List<String> BULLETIN = List.of(
            "127.0.0.45",
            "maj-logiciel-cdn.info",
            "telechargement-gratuit.top",
            "portail-factures.click",
            "partage-docs-securise.top",
            "stats-collect.site");

    @TempDir
    Path workDir;

    @Test
    void shouldPrintTheDetectionsOfTheRealgenLogWithTheBulletinLoadedFirst() throws IOException {
        final Path bulletin = workDir.resolve("bulletin.txt");
        Files.writeString(bulletin, "# CERT bulletin of the scenario\n" + String.join("\n", BULLETIN) + "\n");

        final String out = Cli.run(
                Map.of("VIGIE_DATA_DIR", workDir.resolve("data").toString(), "VIGIE_ORGANISATION_TIME_ZONE", "UTC"),
                "analyze",
                "--source",
                "combined",
                "--indicators",
                bulletin.toString(),
                "--json",
                ProxyIntegrationIT.REALGEN.toString());
        final JsonNode report = EngineHttp.json(out.substring(out.indexOf('{')));

        assertThat(report.path("stats").path("records").asLong()).isEqualTo(2594);
        assertThat(report.path("stats").path("dlq").asLong()).isZero();
        assertThat(report.path("proxy").path("indicators").asLong()).isEqualTo(BULLETIN.size());
        final Set<String> matched = new TreeSet<>();
        report.path("alerts").forEach(a -> {
            if (a.path("rule").path("id").asText().equals("vigie.proxy.intel-match")) {
                matched.add(a.path("vigie").path("entity").asText());
            }
        });
        assertThat(matched).isEqualTo(listedPairs());
        assertThat(report.path("proxy")
                        .path("alerts_by_rule")
                        .path("vigie.proxy.suspicious-download")
                        .asInt())
                .isPositive();
        assertThat(report.path("proxy")
                        .path("alerts_by_rule")
                        .path("vigie.proxy.complex-url-no-referer")
                        .asInt())
                .isPositive();
    }

    @Test
    void shouldLoadAUrlhausDumpFirstAndMatchItsUrlsInANativeLog() throws IOException {
        final Path log = workDir.resolve("access.log");
        Files.writeString(
                log,
                String.join(
                                "\n",
                                "1795843646.438     46 10.1.2.3 TCP_MISS/200 4096 GET http://117.209.87.242:60905/bin.sh - "
                                        + "HIER_DIRECT/117.209.87.242 application/octet-stream",
                                "1795843647.000     12 10.1.2.4 TCP_MISS/200 512 GET http://intranet.example/ - "
                                        + "HIER_DIRECT/10.0.0.1 text/html")
                        + "\n");

        final String out = Cli.run(
                Map.of("VIGIE_DATA_DIR", workDir.resolve("data").toString()),
                "analyze",
                "--source",
                "squid",
                "--urlhaus",
                UrlhausFeed.SAMPLE.toString(),
                "--json",
                log.toString());
        final JsonNode report = EngineHttp.json(out.substring(out.indexOf('{')));

        assertThat(report.path("proxy").path("indicators").asLong()).isEqualTo(300);
        // the .sh from a raw IP on port 60905 is also a suspicious download, whatever the feed says
        assertThat(report.path("alerts"))
                .extracting(a -> a.path("rule").path("id").asText())
                .containsExactlyInAnyOrder("vigie.proxy.intel-match", "vigie.proxy.suspicious-download");
        assertThat(report.path("alerts"))
                .filteredOn(a -> a.path("rule").path("id").asText().equals("vigie.proxy.intel-match"))
                .singleElement()
                .satisfies(a -> {
                    assertThat(a.path("source").path("ip").asText()).isEqualTo("10.1.2.3");
                    assertThat(a.path("vigie")
                                    .path("observed")
                                    .path("indicator")
                                    .path("source")
                                    .asText())
                            .isEqualTo("urlhaus");
                });
    }

    /** client|indicator key of every request of the log to a bulletin host, read with the parser alone. */
    private static Set<String> listedPairs() throws IOException {
        final ProxyLineParsers parser = ProxyLineParsers.forSource("combined");
        final Set<String> pairs = new TreeSet<>();
        for (final String line : Files.readAllLines(ProxyIntegrationIT.REALGEN, StandardCharsets.UTF_8)) {
            final ProxyEvent e = parser.parse(line, ProxyLineParsers.State.INITIAL)
                    .result()
                    .value()
                    .event();
            final String host = UrlNormalizer.host(e.host());
            if (BULLETIN.contains(host)) {
                pairs.add(e.clientIp() + "|" + (Character.isDigit(host.charAt(0)) ? "ip:" : "host:") + host);
            }
        }
        return pairs;
    }
}
