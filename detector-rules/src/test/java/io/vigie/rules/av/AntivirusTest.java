package io.vigie.rules.av;

import static org.assertj.core.api.Assertions.assertThat;

import io.vigie.rules.TestDrivers;
import io.vigie.rules.alert.Alert;
import io.vigie.rules.alert.AlertThrottle;
import io.vigie.rules.alert.PartAlerts;
import io.vigie.rules.config.AntivirusConfig;
import io.vigie.rules.config.RulesConfig;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AntivirusTest {

    private static final Instant NOW = Instant.parse("2026-11-28T12:00:00Z");
    private static final String ROOT = "/var/tmp/realgen/clamav/root/home/";

    @TempDir
    Path stateDir;

    private TopologyTestDriver driver;
    private TestInputTopic<String, String> av;
    private TestOutputTopic<String, Alert> alerts;

    @BeforeEach
    void start() {
        final RulesConfig config = RulesConfig.defaults()
                .withAntivirus(AntivirusConfig.defaults().toBuilder()
                        .format("auto")
                        .serverHosts(List.of("srv-*"))
                        .serverNetworks(List.of("10.20.0.0/16"))
                        .servers(List.of("pacs01"))
                        .internetPaths(List.of())
                        .outbreakHosts(3)
                        .outbreakWindow(Duration.ofHours(1))
                        .build())
                .withClock(Clock.fixed(NOW, ZoneOffset.UTC));
        // the antivirus part alone, its alerts through the throttle as the whole detector sends them
        driver = TestDrivers.part(
                builder -> TestDrivers.throttled(
                        builder,
                        config,
                        new PartAlerts("av", Antivirus.addTo(builder, config).alerts())),
                stateDir,
                NOW);
        av = driver.createInputTopic("raw.av", new StringSerializer(), new StringSerializer());
        alerts = driver.createOutputTopic(
                "alerts", new StringDeserializer(), AlertThrottle.serde().deserializer());
    }

    @AfterEach
    void stop() {
        driver.close();
    }

    /** A clamd log line, as real ClamAV 1.4.6 writes it, about a file under a user's home. */
    private void clamd(final String host, final String time, final String file, final String threat) {
        av.pipeInput(host, "Sat Nov 28 " + time + " 2026 -> " + ROOT + file + ": " + threat + " FOUND", NOW);
    }

    private List<Alert> alerts(final String rule) {
        return alerts.readValuesToList().stream()
                .filter(a -> a.ruleId().equals(rule))
                .toList();
    }

    @Test
    void aDetectionInTheDownloadsOrTheBrowserCacheIsMalwareFromTheInternet() {
        clamd("pc-mleroy", "05:29:33", "mleroy/Downloads/flash_update.exe", "Win.Test.EICAR_HDB-1.UNOFFICIAL");
        clamd(
                "pc-mleroy",
                "05:29:34",
                "mleroy/AppData/Local/Microsoft/Windows/INetCache/IE/7HQ2LX0D/flash_update[1].exe",
                "Win.Test.EICAR_HDB-1.UNOFFICIAL");
        clamd("pc-amoreau", "05:29:35", "amoreau/Documents/scan_0042.pdf.scr", "Win.Test.EICAR_HDB-1.UNOFFICIAL");

        final List<Alert> internet = alerts("vigie.av.malware-from-internet");
        assertThat(internet).hasSize(2).allSatisfy(a -> {
            assertThat(a.vigie().observed())
                    .containsEntry("host", "pc-mleroy")
                    .containsEntry("threat", "Win.Test.EICAR_HDB-1.UNOFFICIAL");
            assertThat(a.vigie().level())
                    .as("ClamAV only detects: not contained")
                    .isEqualTo("high");
        });
        assertThat(internet.get(0).vigie().observed().get("internet").toString())
                .contains("/downloads/");
        assertThat(internet.get(1).vigie().observed().get("internet").toString())
                .contains("/inetcache/");
    }

    @Test
    void aDetectionOnAServerIsCriticalByNameNetworkOrInventory() {
        clamd("srv-fichiers", "05:30:00", "partage/compta/facture.zip", "Win.Trojan.Agent-1");
        clamd("PACS01.chu-exemple.fr", "05:30:01", "pacs/tmp/x.dll", "Win.Trojan.Agent-2");
        clamd("pc-accueil", "05:30:02", "accueil/Documents/y.doc", "Doc.Macro.Agent-3");

        assertThat(alerts.readValuesToList())
                .filteredOn(a -> a.ruleId().equals("vigie.av.detection-on-server"))
                .extracting(a -> a.vigie().observed().get("host") + " "
                        + a.vigie().level() + " " + a.vigie().observed().get("server"))
                .containsExactlyInAnyOrder(
                        "srv-fichiers critical name matches srv-*",
                        "pacs01.chu-exemple.fr critical listed in the server inventory");
    }

    @Test
    void theSameThreatOnThreeHostsWithinTheWindowIsAnOutbreakReportedAgainOnlyWhenItDoubles() {
        clamd("pc-1", "06:00:00", "a/Desktop/photos.zip", "Win.Worm.Spread-7");
        clamd("pc-2", "06:10:00", "b/Desktop/photos.zip", "Win.Worm.Spread-7");
        assertThat(alerts("vigie.av.outbreak")).isEmpty();
        clamd("pc-3", "06:20:00", "c/Desktop/photos.zip", "Win.Worm.Spread-7");
        assertThat(alerts("vigie.av.outbreak")).singleElement().satisfies(a -> {
            assertThat(a.vigie().observed()).containsEntry("hosts", 3).containsEntry("threshold", 3);
            assertThat(a.related().get("hosts")).containsExactly("pc-1", "pc-2", "pc-3");
        });
        clamd("pc-4", "06:25:00", "d/Desktop/photos.zip", "Win.Worm.Spread-7");
        clamd("pc-5", "06:26:00", "e/Desktop/photos.zip", "Win.Worm.Spread-7");
        assertThat(alerts("vigie.av.outbreak")).isEmpty();
        clamd("pc-6", "06:27:00", "f/Desktop/photos.zip", "Win.Worm.Spread-7");
        assertThat(alerts("vigie.av.outbreak"))
                .singleElement()
                .satisfies(a -> assertThat(a.vigie().observed()).containsEntry("hosts", 6));
    }

    @Test
    void detectionsSpreadOverMoreThanTheWindowAreNoOutbreak() {
        clamd("pc-1", "06:00:00", "a/Desktop/x.zip", "Win.Worm.Slow-1");
        clamd("pc-2", "07:30:00", "b/Desktop/x.zip", "Win.Worm.Slow-1");
        clamd("pc-3", "09:00:00", "c/Desktop/x.zip", "Win.Worm.Slow-1");
        assertThat(alerts("vigie.av.outbreak")).isEmpty();
    }

    @Test
    void aDefenderDetectionWithAnInternetOriginAndNoDetectionAtAll() {
        av.pipeInput(
                "winlogbeat",
                "{\"@timestamp\":\"2026-11-28T08:00:00.000Z\",\"host\":{\"name\":\"PC-GGARNIER\"},"
                        + "\"winlog\":{\"channel\":\"Microsoft-Windows-Windows Defender/Operational\",\"event_id\":1116,"
                        + "\"provider_name\":\"Microsoft-Windows-Windows Defender\",\"event_data\":{\"Threat Name\":"
                        + "\"Trojan:Win32/Emotet.RPX!MTB\",\"Path\":\"file:_C:\\\\Users\\\\ggarnier\\\\AppData\\\\Local\\\\Temp\\\\"
                        + "x.docm\",\"Detection User\":\"CHU\\\\ggarnier\",\"Origin Name\":\"Internet\",\"Action Name\":"
                        + "\"Not Applicable\",\"Severity Name\":\"Severe\"}}}",
                NOW);
        av.pipeInput("pc-ok", "/home/x/Documents/rapport.pdf: OK", NOW);

        assertThat(alerts.readValuesToList()).singleElement().satisfies(a -> {
            assertThat(a.ruleId()).isEqualTo("vigie.av.malware-from-internet");
            assertThat(a.vigie().observed().get("internet").toString()).isEqualToIgnoringCase("origin: internet");
            assertThat(a.vigie().observed()).containsEntry("host", "pc-ggarnier");
        });
    }

    @Test
    void clamscanOutputHasNoTimeNorHostTheRecordGivesBoth() {
        av.pipeInput(
                "pc-ggarnier",
                ROOT + "ggarnier/AppData/Local/Microsoft/Windows/INetCache/Content.Outlook/"
                        + "K3M9Q2ZT/Facture_2026-11.docm: Win.Test.EICAR_HDB-1.UNOFFICIAL FOUND",
                NOW);

        assertThat(alerts.readValuesToList()).singleElement().satisfies(a -> {
            assertThat(a.ruleId()).isEqualTo("vigie.av.malware-from-internet");
            assertThat(a.timestamp()).isEqualTo(NOW);
            assertThat(a.vigie().observed()).containsEntry("host", "pc-ggarnier");
            assertThat(a.vigie().observed().get("internet").toString()).contains("/content.outlook/");
        });
    }

    @Test
    void everyDetectionIsCountedByProductOutcomeAndOriginAndEveryEmittedAlertByRuleAndLevel() {
        clamd("pc-mleroy", "05:29:33", "mleroy/Downloads/flash_update.exe", "Win.Test.EICAR_HDB-1.UNOFFICIAL");
        // the same rule for the same file within the hour: throttled, so not an emitted alert
        clamd("pc-mleroy", "05:29:40", "mleroy/Downloads/flash_update.exe", "Win.Test.EICAR_HDB-1.UNOFFICIAL");
        clamd("pc-amoreau", "05:29:35", "amoreau/Documents/scan_0042.pdf.scr", "Win.Test.EICAR_HDB-1.UNOFFICIAL");
        av.pipeInput("pc-ok", "/home/x/Documents/rapport.pdf: OK", NOW);

        assertThat(alerts.readValuesToList())
                .extracting(Alert::ruleId)
                .containsExactly("vigie.av.malware-from-internet");
        assertThat(counter(
                        "vigie-av",
                        "av-detections-total",
                        Map.of("product", "clamav", "outcome", "not_contained", "origin", "internet")))
                .isEqualTo(2.0);
        assertThat(counter(
                        "vigie-av",
                        "av-detections-total",
                        Map.of("product", "clamav", "outcome", "not_contained", "origin", "other")))
                .isEqualTo(1.0);
        assertThat(counter("vigie-av", "av-detections-total", null))
                .as("an OK line is no detection")
                .isEqualTo(3.0);
        assertThat(counter("vigie-av", "av-ignored-records-total", Map.of("reason", "clean file")))
                .isEqualTo(1.0);
        assertThat(counter(
                        "vigie-alerts",
                        "alerts-total",
                        Map.of("rule", "vigie.av.malware-from-internet", "level", "high")))
                .isEqualTo(1.0);
    }

    /** The sum of a counter over the tags given, or over every tag set when {@code tags} is null. */
    private double counter(final String group, final String metric, final Map<String, String> tags) {
        return driver.metrics().entrySet().stream()
                .filter(e -> e.getKey().group().equals(group)
                        && e.getKey().name().equals(metric)
                        && (tags == null || e.getKey().tags().equals(tags)))
                .mapToDouble(e -> ((Number) e.getValue().metricValue()).doubleValue())
                .sum();
    }
}
