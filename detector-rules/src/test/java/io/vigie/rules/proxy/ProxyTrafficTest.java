package io.vigie.rules.proxy;

import static org.assertj.core.api.Assertions.assertThat;

import io.vigie.core.model.DeadLetter;
import io.vigie.rules.alert.Alert;
import io.vigie.rules.config.RulesConfig;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ProxyTrafficTest {

    private static final String UA = "\"Mozilla/5.0 (Windows NT 10.0; Win64; x64)\"";

    @TempDir
    Path stateDir;

    private ProxyDriver driver;

    @BeforeEach
    void start() {
        driver = new ProxyDriver(RulesConfig.defaults(), stateDir);
    }

    @AfterEach
    void stop() {
        driver.close();
    }

    /** A Squid combined line at 11:mm:ss on 2026-11-28. */
    private static String combined(
            final String client,
            final String user,
            final String time,
            final String method,
            final String url,
            final int status,
            final long bytes,
            final String referer,
            final String action) {
        return client + " - " + user + " [28/Nov/2026:" + time + " +0000] \"" + method + " " + url + " HTTP/1.1\" "
                + status + " " + bytes + " \"" + referer + "\" " + UA + " " + action + ":HIER_DIRECT";
    }

    @Test
    void aListedHostReachedIsHighAndBlockedIsMediumWithTheFeedEntry() {
        driver.indicator("maj-logiciel-cdn.info CERTFR-2026-ALE-012");
        driver.lines(
                "access.log",
                combined(
                        "10.1.1.5",
                        "jdupont",
                        "11:00:00",
                        "GET",
                        "http://maj-logiciel-cdn.info/update.php",
                        200,
                        512,
                        "-",
                        "TCP_MISS"),
                combined(
                        "10.1.1.6",
                        "amartin",
                        "11:00:05",
                        "GET",
                        "http://MAJ-Logiciel-CDN.info./x",
                        403,
                        0,
                        "-",
                        "TCP_DENIED"));

        final List<Alert> alerts = driver.alerts();
        assertThat(alerts).extracting(Alert::ruleId).containsOnly("vigie.proxy.intel-match");
        assertThat(alerts).hasSize(2);
        assertThat(alerts.get(0).vigie().level()).isEqualTo("high");
        assertThat(alerts.get(0).source()).containsEntry("ip", "10.1.1.5");
        assertThat(alerts.get(0).user()).containsEntry("name", "jdupont");
        assertThat(alerts.get(0).vigie().observed().get("indicator").toString())
                .contains("host:maj-logiciel-cdn.info")
                .contains("CERTFR-2026-ALE-012");
        assertThat(alerts.get(1).vigie().level())
                .as("blocked: the user was still lured")
                .isEqualTo("medium");
    }

    @Test
    void aUrlhausUrlMatchesAfterNormalisationButNotAnotherPathOnTheSameHost() {
        driver.urlhaus.pipeInput(
                "urlhaus.csv",
                "\"3520667\",\"2025-04-21 12:35:06\",\"http://117.209.87.242:60905/bin.sh\","
                        + "\"online\",\"2025-04-21 12:35:06\",\"malware_download\",\"32-bit,elf,mips,Mozi\","
                        + "\"https://urlhaus.abuse.ch/url/3520667/\",\"geenensp\"",
                ProxyDriver.NOW);
        driver.lines(
                "access.log",
                combined(
                        "10.1.1.7",
                        "-",
                        "11:01:00",
                        "GET",
                        "http://117.209.87.242:60905/./bin.sh",
                        200,
                        4096,
                        "-",
                        "TCP_MISS"),
                combined(
                        "10.1.1.8",
                        "-",
                        "11:01:10",
                        "GET",
                        "http://117.209.87.242:60905/other",
                        200,
                        10,
                        "-",
                        "TCP_MISS"));

        final List<Alert> matches = driver.alerts().stream()
                .filter(a -> a.ruleId().equals("vigie.proxy.intel-match"))
                .toList();
        assertThat(matches).singleElement().satisfies(a -> {
            assertThat(a.source()).containsEntry("ip", "10.1.1.7");
            assertThat(a.vigie().observed().get("indicator").toString())
                    .contains("malware_download")
                    .contains("https://urlhaus.abuse.ch/url/3520667/");
        });
    }

    @Test
    void aNewIndicatorFindsTheOtherHostsThatWentThereWithFirstAndLastTimes() {
        driver.lines(
                "access.log",
                combined(
                        "10.1.1.20",
                        "odurand",
                        "09:00:00",
                        "GET",
                        "http://stats-collect.site/a",
                        200,
                        10,
                        "http://news.example/",
                        "TCP_MISS"),
                combined(
                        "10.1.1.20",
                        "odurand",
                        "10:30:00",
                        "GET",
                        "http://stats-collect.site/b",
                        200,
                        10,
                        "http://news.example/",
                        "TCP_MISS"),
                combined(
                        "10.1.1.21",
                        "fandre",
                        "10:00:00",
                        "GET",
                        "http://stats-collect.site/c",
                        200,
                        10,
                        "http://news.example/",
                        "TCP_MISS"),
                combined(
                        "10.1.1.22",
                        "oleroy",
                        "10:00:00",
                        "GET",
                        "http://elsewhere.example/",
                        200,
                        10,
                        "http://news.example/",
                        "TCP_MISS"));
        assertThat(driver.alerts()).isEmpty();

        driver.indicators.pipeInput("api", "stats-collect.site", ProxyDriver.NOW);

        final List<Alert> hunt = driver.alerts();
        assertThat(hunt).extracting(Alert::ruleId).containsOnly("vigie.proxy.retro-hunt");
        assertThat(hunt).extracting(a -> a.source().get("ip")).containsExactlyInAnyOrder("10.1.1.20", "10.1.1.21");
        final Alert first = hunt.stream()
                .filter(a -> a.source().get("ip").equals("10.1.1.20"))
                .findFirst()
                .orElseThrow();
        assertThat(first.vigie().observed())
                .containsEntry("first_seen", "2026-11-28T09:00:00Z")
                .containsEntry("last_seen", "2026-11-28T10:30:00Z")
                .containsEntry("requests", 2);
        assertThat(first.related().get("user")).containsExactly("odurand");
    }

    @Test
    void anIndicatorAlreadyKnownDoesNotHuntAgain() {
        driver.lines(
                "access.log",
                combined(
                        "10.1.1.20",
                        "-",
                        "09:00:00",
                        "GET",
                        "http://stats-collect.site/a",
                        200,
                        10,
                        "http://news.example/",
                        "TCP_MISS"));
        driver.indicator("stats-collect.site");
        driver.indicator("stats-collect.site");
        assertThat(driver.alerts()).hasSize(1);
    }

    @Test
    void normalBrowsingWithARefererRaisesNothing() {
        driver.lines(
                "access.log",
                combined(
                        "10.1.1.30",
                        "msimon",
                        "11:02:00",
                        "GET",
                        "https://intranet.chu-exemple.fr/",
                        200,
                        3000,
                        "-",
                        "TCP_MISS"),
                combined(
                        "10.1.1.30",
                        "msimon",
                        "11:02:01",
                        "GET",
                        "https://intranet.chu-exemple.fr/static/app.3f9a7c2e1b5d4a6f8e0c9b7a5d3f1e2c4b6a8d0f.js",
                        200,
                        90_000,
                        "https://intranet.chu-exemple.fr/",
                        "TCP_MISS"),
                combined(
                        "10.1.1.30",
                        "msimon",
                        "11:02:02",
                        "GET",
                        "http://download.windowsupdate.com/c/msdownload/update/software/defu/2026/11/am_delta.exe",
                        200,
                        2_000_000,
                        "-",
                        "TCP_MISS"));
        assertThat(driver.alerts()).isEmpty();
        assertThat(driver.dlq.isEmpty()).isTrue();
    }

    /**
     * The same risky file fetched by several workstations: each download is judged, and the host stays rare for up
     * to {@code proxy.rare-destination-max-clients} (3) clients; the fourth finds it no longer rare.
     */
    @Test
    void aRiskyDownloadStaysSuspiciousForTheNextClientsWhileTheHostIsRare() {
        for (int i = 1; i <= 4; i++) {
            driver.lines(
                    "access.log",
                    combined(
                            "10.1.1.4" + i,
                            "user" + i,
                            "11:0" + i + ":00",
                            "GET",
                            "http://cdn-soft-free.top/dl/keygen.zip",
                            200,
                            900_000,
                            "-",
                            "TCP_MISS"));
        }

        final List<Alert> downloads = driver.alerts().stream()
                .filter(a -> a.ruleId().equals("vigie.proxy.suspicious-download"))
                .toList();
        assertThat(downloads)
                .extracting(a -> a.source().get("ip"))
                .containsExactly("10.1.1.41", "10.1.1.42", "10.1.1.43");
        assertThat(downloads.get(2).vigie().observed().get("features").toString())
                .contains("rare destination: 3 internal clients");
    }

    @Test
    void aDownloadFromARawIpOnAnOddPortIsSuspiciousAndSaysWhy() {
        driver.lines(
                "access.log",
                combined(
                        "10.1.1.40",
                        "nrobert",
                        "11:03:00",
                        "GET",
                        "http://203.0.113.45:8080/files/Facture.exe",
                        200,
                        700_000,
                        "-",
                        "TCP_MISS"));

        assertThat(driver.alerts()).singleElement().satisfies(a -> {
            assertThat(a.ruleId()).isEqualTo("vigie.proxy.suspicious-download");
            assertThat(a.vigie().observed().get("features").toString())
                    .contains("extension .exe")
                    .contains("host is an IP address")
                    .contains("non-standard port 8080");
            assertThat((Integer) a.vigie().observed().get("score")).isGreaterThanOrEqualTo(60);
        });
        assertThat(driver.counter("proxy-detections-total", Map.of("rule", "vigie.proxy.suspicious-download")))
                .isEqualTo(1.0);
    }

    @Test
    void aRandomLookingUrlWithoutRefererOnARareHostIsComplexButNotWithAReferer() {
        final String beacon = "http://cdn-track.example/c/aGVsbG8gd29ybGQgdGhpcyBpcyBhIGJlYWNvbiBwYXlsb2Fk/"
                + "Zm9vYmFyYmF6cXV4cXV1eF9yYW5kb21fZGF0YQ?id=8f3e2a1c9b7d6e5f4a3b2c1d0e9f8a7b";
        driver.lines(
                "access.log",
                combined("10.1.1.50", "-", "11:04:00", "GET", beacon, 200, 100, "http://portal.example/", "TCP_MISS"));
        assertThat(driver.alerts()).as("with a Referer").isEmpty();

        driver.lines("access.log", combined("10.1.1.50", "-", "11:04:10", "GET", beacon, 200, 100, "-", "TCP_MISS"));
        assertThat(driver.alerts()).singleElement().satisfies(a -> {
            assertThat(a.ruleId()).isEqualTo("vigie.proxy.complex-url-no-referer");
            assertThat(a.vigie().observed().get("features").toString()).contains("token");
        });
    }

    @Test
    void w3cFieldsAreLearnedPerFeedDirectivesAreCountedAndGarbageIsDeadLettered() {
        driver.lines(
                "sg.log",
                "#Software: SGOS 6.7",
                "#Fields: date time time-taken c-ip cs-username sc-status s-action sc-bytes cs-method cs-uri-scheme "
                        + "cs-host cs-uri-port cs-uri-path cs-uri-query cs(Referer) cs(User-Agent) sc-filter-result",
                "2026-11-28 11:05:00 12 10.1.1.60 - 200 TCP_MISS 512 GET http maj-logiciel-cdn.info 80 /a - - "
                        + "\"Mozilla/5.0\" OBSERVED");
        driver.lines("junk", "this is not a proxy log line");
        driver.indicator("maj-logiciel-cdn.info");
        driver.lines(
                "sg.log",
                "2026-11-28 11:05:30 12 10.1.1.61 - 200 TCP_MISS 512 GET http maj-logiciel-cdn.info 80 "
                        + "/b - - \"Mozilla/5.0\" OBSERVED");

        final List<Alert> alerts = driver.alerts();
        assertThat(alerts)
                .extracting(a -> a.ruleId() + " " + a.source().get("ip"))
                .containsExactlyInAnyOrder("vigie.proxy.retro-hunt 10.1.1.60", "vigie.proxy.intel-match 10.1.1.61");
        final List<DeadLetter> letters = driver.dlq.readValuesToList();
        assertThat(letters).singleElement().satisfies(l -> {
            assertThat(l.source()).isEqualTo("proxy");
            assertThat(l.topic()).isEqualTo("raw.proxy");
        });
        assertThat(driver.counter("proxy-ignored-lines-total", Map.of("reason", "w3c fields directive")))
                .isEqualTo(1.0);
    }

    @Test
    void shouldReadABatchOfLinesInOrderWithItsDirectivesAndDeadLetterOnlyTheBadLine() {
        final String batch = String.join(
                        "\n",
                        "#Software: SGOS 6.7",
                        "#Fields: date time time-taken c-ip cs-username sc-status s-action sc-bytes cs-method cs-uri-scheme "
                                + "cs-host cs-uri-port cs-uri-path cs-uri-query cs(Referer) cs(User-Agent) sc-filter-result",
                        "2026-11-28 11:05:00 12 10.1.1.60 - 200 TCP_MISS 512 GET http maj-logiciel-cdn.info 80 /a - - "
                                + "\"Mozilla/5.0\" OBSERVED",
                        "this is not a proxy log line",
                        "2026-11-28 11:05:30 12 10.1.1.61 - 200 TCP_MISS 512 GET http maj-logiciel-cdn.info 80 /b - - "
                                + "\"Mozilla/5.0\" OBSERVED")
                + "\n";
        driver.lines("sg.log", batch);
        driver.indicator("maj-logiciel-cdn.info");

        assertThat(driver.alerts())
                .extracting(a -> a.ruleId() + " " + a.source().get("ip"))
                .containsExactlyInAnyOrder("vigie.proxy.retro-hunt 10.1.1.60", "vigie.proxy.retro-hunt 10.1.1.61");
        assertThat(driver.dlq.readValuesToList())
                .singleElement()
                .satisfies(l -> assertThat(l.raw()).isEqualTo("this is not a proxy log line"));
    }
}
