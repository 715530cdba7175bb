package io.vigie.rules.proxy;

import static org.assertj.core.api.Assertions.assertThat;

import io.vigie.core.net.UrlNormalizer;
import io.vigie.rules.alert.Alert;
import io.vigie.rules.config.RulesConfig;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The realgen scenario through the whole topology: real Squid 5.7 combined log lines (a phished client, an
 * infected one, 40 users browsing), the scenario's "untrusted hosts" loaded as a CERT bulletin list first.
 * Every detection must name exactly the client/host pairs the ground truth labels, and nothing else.
 */
class ProxyRealgenTopologyTest {

    private static final List<String> UNTRUSTED = List.of(
            "127.0.0.45",
            "maj-logiciel-cdn.info",
            "telechargement-gratuit.top",
            "portail-factures.click",
            "partage-docs-securise.top",
            "stats-collect.site");

    @TempDir
    Path stateDir;

    @Test
    void eachDetectionNamesTheLabelledPairsAndNothingElse() throws IOException {
        final List<RealgenSquid.Labelled> requests = RealgenSquid.combined();
        final List<Alert> alerts;
        try (ProxyDriver driver = new ProxyDriver(RulesConfig.defaults(), stateDir)) {
            UNTRUSTED.forEach(driver::indicator);
            try (InputStream in = getClass().getResourceAsStream("/realgen/squid/access_combined.log")) {
                for (final String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
                    driver.proxy.pipeInput("access_combined.log", line, ProxyDriver.NOW);
                }
            }
            alerts = driver.alerts();
            assertThat(driver.dlq.isEmpty()).as("every real line parses").isTrue();
        }

        // What each rule should name, from the log and the labels alone (no topology involved).
        final Set<String> listed = requests.stream()
                .map(RealgenSquid.Labelled::event)
                .filter(e -> UNTRUSTED.contains(UrlNormalizer.host(e.host())))
                .map(e -> e.clientIp() + "|" + UrlNormalizer.host(e.host()))
                .collect(Collectors.toCollection(TreeSet::new));
        final Set<String> downloads = pairs(requests, "suspicious_download", true);
        final Set<String> complex = pairs(requests, "complex_no_referer", false);

        assertThat(entities(alerts, "vigie.proxy.intel-match")).isEqualTo(listed);
        assertThat(entities(alerts, "vigie.proxy.suspicious-download")).isEqualTo(downloads);
        assertThat(entities(alerts, "vigie.proxy.complex-url-no-referer")).isEqualTo(complex);
        assertThat(alerts)
                .extracting(Alert::ruleId)
                .containsOnly(
                        "vigie.proxy.intel-match",
                        "vigie.proxy.suspicious-download",
                        "vigie.proxy.complex-url-no-referer");
        assertThat(listed).anyMatch(p -> p.startsWith("127.20.1.37|")).anyMatch(p -> p.startsWith("127.20.1.44|"));
        System.out.printf(
                "realgen through the topology: %d alerts; intel-match %d pairs, suspicious-download %d, "
                        + "complex-url %d%n",
                alerts.size(), listed.size(), downloads.size(), complex.size());
    }

    @Test
    void theBulletinArrivingAfterTheTrafficFindsTheSameHostsByRetroHunt() throws IOException {
        final List<RealgenSquid.Labelled> requests = RealgenSquid.combined();
        final List<Alert> alerts;
        try (ProxyDriver driver = new ProxyDriver(RulesConfig.defaults(), stateDir)) {
            try (InputStream in = getClass().getResourceAsStream("/realgen/squid/access_combined.log")) {
                for (final String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
                    driver.proxy.pipeInput("access_combined.log", line, ProxyDriver.NOW);
                }
            }
            driver.alerts();
            UNTRUSTED.forEach(driver::indicator);
            alerts = driver.alerts();
        }
        final Set<String> listed = requests.stream()
                .map(RealgenSquid.Labelled::event)
                .filter(e -> UNTRUSTED.contains(UrlNormalizer.host(e.host())))
                .map(e -> e.clientIp() + "|" + UrlNormalizer.host(e.host()))
                .collect(Collectors.toCollection(TreeSet::new));
        assertThat(alerts).extracting(Alert::ruleId).containsOnly("vigie.proxy.retro-hunt");
        assertThat(entities(alerts, "vigie.proxy.retro-hunt")).isEqualTo(listed);
    }

    /** Client|host of the labelled requests (delivered ones only for downloads: a refused file is no download). */
    private static Set<String> pairs(
            final List<RealgenSquid.Labelled> requests, final String label, final boolean deliveredOnly) {
        return requests.stream()
                .filter(r -> r.labels().contains(label))
                .map(RealgenSquid.Labelled::event)
                .filter(e -> !deliveredOnly || !e.blocked() && e.status() >= 200 && e.status() < 300)
                .map(e -> e.clientIp() + "|" + e.host())
                .collect(Collectors.toCollection(TreeSet::new));
    }

    /** Client|host named by a rule's alerts; the intel rule's entity ends with the indicator key instead. */
    private static Set<String> entities(final List<Alert> alerts, final String rule) {
        return alerts.stream()
                .filter(a -> a.ruleId().equals(rule))
                .map(a -> a.entity().replace("|host:", "|").replace("|ip:", "|"))
                .collect(Collectors.toCollection(TreeSet::new));
    }
}
