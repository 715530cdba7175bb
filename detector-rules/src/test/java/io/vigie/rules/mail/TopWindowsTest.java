package io.vigie.rules.mail;

import static org.assertj.core.api.Assertions.assertThat;

import io.vigie.rules.config.TopConfig;
import io.vigie.rules.config.TopConfig.TopWindow;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;

class TopWindowsTest {

    /** The memo must give what a fresh computation gives, for times in any order, across days and a DST change. */
    @Test
    void theMemoAgreesWithAFreshComputationAcrossHourStepsDaysAndADaylightSavingChange() {
        for (final ZoneId zone : new ZoneId[] {ZoneId.of("Europe/Paris"), ZoneId.of("Asia/Kathmandu")}) {
            final TopWindows windows = new TopWindows(
                    TopConfig.defaults().toBuilder()
                            .size(20)
                            .windows(Set.of(TopWindow.PERIOD, TopWindow.DAY, TopWindow.HOUR))
                            .hourAdvance(Duration.ofMinutes(10))
                            .grace(Duration.ofMinutes(5))
                            .publishInterval(Duration.ofSeconds(1))
                            .build(),
                    zone);
            final TopWindows.Memo memo = windows.memo();
            final Random random = new Random(42);
            // 2026-10-25: Paris leaves summer time; Kathmandu's days start at 18:15 UTC, off the 10-minute steps
            Instant time = Instant.parse("2026-10-24T20:00:00Z");
            for (int i = 0; i < 20_000; i++) {
                time = time.plusSeconds(random.nextInt(180) - (random.nextInt(10) == 0 ? 900 : 0));
                assertThat(memo.windowsOf(time)).as("%s at %s", zone, time).isEqualTo(windows.windowsOf(time));
            }
        }
    }

    @Test
    void theMemoHandsBackTheSameWindowsWithinAStep() {
        final TopWindows windows = new TopWindows(
                TopConfig.defaults().toBuilder()
                        .size(20)
                        .windows(Set.of(TopWindow.PERIOD, TopWindow.DAY))
                        .hourAdvance(Duration.ofMinutes(10))
                        .grace(Duration.ofMinutes(5))
                        .publishInterval(Duration.ofSeconds(1))
                        .build(),
                ZoneId.of("Europe/Paris"));
        final TopWindows.Memo memo = windows.memo();

        assertThat(memo.windowsOf(Instant.parse("2026-11-28T08:00:00Z")))
                .isSameAs(memo.windowsOf(Instant.parse("2026-11-28T21:00:00Z")));
        assertThat(memo.windowsOf(Instant.parse("2026-11-28T23:30:00Z")).get(1).id())
                .isEqualTo("day:2026-11-29");
    }
}
