package io.vigie.rules.av;

import static org.assertj.core.api.Assertions.assertThat;

import io.vigie.core.model.AvEvent;
import io.vigie.rules.alert.Alert;
import io.vigie.rules.av.OutbreakDetection.Spread;
import io.vigie.rules.config.AntivirusConfig;
import io.vigie.rules.detection.Outcome;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The outbreak decision alone: the hosts seen under a threat or a file in, the new ones and the alert out. */
class OutbreakDetectionTest {

    private static final Instant T0 = Instant.parse("2026-11-28T09:00:00Z");
    private static final String KEY = "threat:Win.Trojan.Agent";
    private static final OutbreakDetection RULE = new OutbreakDetection(AntivirusConfig.defaults().toBuilder()
            .format("auto")
            .serverHosts(List.of())
            .serverNetworks(List.of())
            .servers(List.of())
            .internetPaths(List.of())
            .outbreakHosts(3)
            .outbreakWindow(Duration.ofHours(1))
            .build());

    @Test
    void shouldAlertWhenTheThirdHostIsReachedThenOnlyWhenTheHostsDouble() {
        Spread spread = null;
        int alerts = 0;
        for (int i = 1; i <= 6; i++) {
            final Outcome<Spread, Alert> outcome = RULE.decide(KEY, spread, detection("pc" + i, T0.plusSeconds(i)));
            if (i == 3 || i == 6) {
                assertThat(outcome.output()).as("host %d", i).hasValueSatisfying(alert -> {
                    assertThat(alert.vigie().observed()).containsEntry("key", KEY);
                    assertThat(alert.vigie().entity())
                            .isEqualTo(KEY + "|" + outcome.state().hosts().size());
                });
                alerts++;
            } else {
                assertThat(outcome.outputs()).as("host %d", i).isEmpty();
            }
            spread = outcome.state();
        }
        assertThat(alerts).isEqualTo(2);
        assertThat(spread.alertedAt()).isEqualTo(6);
    }

    @Test
    void shouldForgetHostsOutsideTheWindowAndRearm() {
        final Spread reported =
                new Spread(Map.of("pc1", T0.toEpochMilli(), "pc2", T0.toEpochMilli(), "pc3", T0.toEpochMilli()), 3);

        final Outcome<Spread, Alert> later = RULE.decide(KEY, reported, detection("pc4", T0.plus(Duration.ofHours(2))));

        assertThat(later.outputs()).isEmpty();
        assertThat(later.state())
                .isEqualTo(new Spread(Map.of("pc4", T0.plus(Duration.ofHours(2)).toEpochMilli()), 0));
    }

    @Test
    void shouldLeaveTheStateAsItWasForADetectionWithoutHost() {
        assertThat(RULE.decide(KEY, null, detection(null, T0))).isEqualTo(Outcome.unchanged());
    }

    static AvEvent detection(final String host, final Instant time) {
        return new AvEvent(
                time,
                "ClamAV",
                host,
                null,
                null,
                "Win.Trojan.Agent",
                "/home/u/Downloads/x.exe",
                null,
                null,
                "found",
                null,
                null);
    }
}
