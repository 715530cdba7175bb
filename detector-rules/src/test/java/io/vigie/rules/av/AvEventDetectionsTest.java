package io.vigie.rules.av;

import static org.assertj.core.api.Assertions.assertThat;

import io.vigie.core.model.AvEvent;
import io.vigie.rules.alert.Alert;
import io.vigie.rules.config.AntivirusConfig;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The per-detection antivirus rules alone, as pure decisions: one detection in, its alerts out, no Kafka. */
class AvEventDetectionsTest {

    private static final Instant T0 = Instant.parse("2026-11-28T09:12:00Z");
    private static final AvEventDetections RULES = new AvEventDetections(AntivirusConfig.defaults().toBuilder()
            .format("auto")
            .serverHosts(List.of("srv-*"))
            .serverNetworks(List.of("10.20.0.0/16"))
            .servers(List.of("pacs01"))
            .internetPaths(List.of())
            .outbreakHosts(3)
            .outbreakWindow(Duration.ofHours(1))
            .build());

    @Test
    void shouldRaiseFromInternetAtMediumWhenContainedAndHighWhenNot() {
        final AvEvent quarantined = detection("pc-042", "C:\\Users\\jdupont\\Downloads\\facture.js", "quarantined");
        final AvEvent left = detection("pc-042", "C:\\Users\\jdupont\\Downloads\\facture.js", "found");

        final List<Alert> contained = RULES.judge(quarantined, RULES.internetOrigin(quarantined));
        final List<Alert> notContained = RULES.judge(left, RULES.internetOrigin(left));

        assertThat(RULES.internetOrigin(left)).isEqualTo("path under /downloads/");
        assertThat(contained).singleElement().satisfies(alert -> {
            assertThat(alert.ruleId()).isEqualTo(AvEventDetections.FROM_INTERNET.id());
            assertThat(alert.vigie().level()).isEqualTo("medium");
        });
        assertThat(notContained)
                .singleElement()
                .satisfies(alert -> assertThat(alert.vigie().level()).isEqualTo("high"));
    }

    @Test
    void shouldRaiseOnAServerNamedByPatternAddressOrList() {
        for (final AvEvent onServer : List.of(
                detection("srv-db1", "/var/tmp/x", "found"),
                detection("pacs01", "/var/tmp/x", "found"),
                new AvEvent(
                        T0,
                        "ClamAV",
                        "imaging7",
                        "10.20.3.4",
                        null,
                        "Eicar-Signature",
                        "/var/tmp/x",
                        null,
                        null,
                        "found",
                        null,
                        null))) {
            assertThat(RULES.judge(onServer, RULES.internetOrigin(onServer)))
                    .extracting(Alert::ruleId)
                    .as(onServer.host())
                    .containsExactly(AvEventDetections.ON_SERVER.id());
        }
    }

    @Test
    void shouldRaiseNothingForAWorkstationFileFromElsewhere() {
        final AvEvent local = detection("pc-042", "C:\\Users\\jdupont\\Documents\\old.doc", "quarantined");

        assertThat(RULES.judge(local, RULES.internetOrigin(local))).isEmpty();
    }

    private static AvEvent detection(final String host, final String path, final String action) {
        return new AvEvent(T0, "ClamAV", host, null, null, "Eicar-Signature", path, null, null, action, null, null);
    }
}
