package io.vigie.rules.alert;

import static org.assertj.core.api.Assertions.assertThat;

import io.vigie.rules.store.KeyedState;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class ThrottleWindowTest {

    private static final AlertRule RULE = new AlertRule(
            "vigie.test.rule",
            "A test rule",
            "For the throttle.",
            AlertLevel.LOW,
            List.of("email"),
            "vigie.test",
            List.of("Nothing to do."));
    private static final Instant T = Instant.parse("2026-11-28T21:20:00Z");

    private final ThrottleWindow throttle = new ThrottleWindow(Duration.ofHours(1));
    private final KeyedState<Long> lastFired = KeyedState.inMemory();

    private boolean admits(final String entity, final Instant time) {
        return throttle.admits(lastFired, RULE.raise(time, entity, time, "m").build());
    }

    @Test
    void theSameRuleAndEntityWithinThePeriodIsARepeat() {
        assertThat(admits("mx", T)).isTrue();
        assertThat(admits("mx", T.plusSeconds(600))).isFalse();
        assertThat(admits("other-host", T.plusSeconds(600)))
                .as("another entity")
                .isTrue();
        assertThat(admits("mx", T.plus(Duration.ofHours(1))))
                .as("a period later")
                .isTrue();
    }

    @Test
    void alertsArrivingInDecreasingTimeOrderAreRepeatsToo() {
        // three partitions' queue states, read newest first
        assertThat(admits("mx", T.plusSeconds(14))).isTrue();
        assertThat(admits("mx", T.plusSeconds(12))).isFalse();
        assertThat(admits("mx", T)).isFalse();
    }

    @Test
    void anAlertFromLongBeforeIsNotARepeatAndDoesNotReopenTheLatestPeriod() {
        assertThat(admits("mx", T)).isTrue();
        assertThat(admits("mx", T.minus(Duration.ofDays(3))))
                .as("a replayed backlog, days earlier")
                .isTrue();
        assertThat(admits("mx", T.plusSeconds(60)))
                .as("still within the latest period")
                .isFalse();
    }
}
