package io.vigie.rules.mail;

import static org.assertj.core.api.Assertions.assertThat;

import io.vigie.core.model.QueueStatus;
import io.vigie.rules.alert.Alert;
import io.vigie.rules.config.QueueConfig;
import io.vigie.rules.detection.Outcome;
import io.vigie.rules.mail.QueueCongestionDetection.History;
import io.vigie.rules.mail.QueueCongestionDetection.Sample;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The queue-congestion decision alone: a host's deferred history in, the new one and the alerts out. */
class QueueCongestionTest {

    private static final Instant T0 = Instant.parse("2026-11-28T09:00:00Z");
    private static final QueueCongestion RULE = new QueueCongestion(QueueConfig.defaults().toBuilder()
            .deferredBacklogThreshold(200)
            .deferredGrowthThreshold(100)
            .growthWindow(Duration.ofMinutes(30))
            .oldestMessageAge(Duration.ofHours(4))
            .statusInterval(Duration.ofSeconds(30))
            .build());

    @Test
    void shouldKeepTheSampleAndRaiseNothingOnAQuietQueue() {
        final Outcome<History, Alert> outcome = RULE.decide("mx1|log", null, status(T0, 10, 60));

        assertThat(outcome.state()).isEqualTo(new History(List.of(new Sample(T0, 10))));
        assertThat(outcome.outputs()).isEmpty();
    }

    @Test
    void shouldRaiseGrowthWithinTheWindowAndForgetOlderSamples() {
        final History history = new History(List.of(new Sample(T0.minus(Duration.ofHours(1)), 0), new Sample(T0, 20)));

        final Outcome<History, Alert> outcome =
                RULE.decide("mx1|log", history, status(T0.plus(Duration.ofMinutes(10)), 150, 60));

        assertThat(outcome.outputs()).extracting(Alert::ruleId).containsExactly(QueueCongestion.GROWTH.id());
        assertThat(outcome.state().samples()).extracting(Sample::deferred).containsExactly(20L, 150L);
    }

    @Test
    void shouldRaiseOneAlertPerConditionMet() {
        final Outcome<History, Alert> outcome = RULE.decide("mx1|log", null, status(T0, 250, 5 * 3600));

        assertThat(outcome.outputs())
                .extracting(Alert::ruleId)
                .containsExactly(QueueCongestion.BACKLOG.id(), QueueCongestion.OLDEST.id());
    }

    static QueueStatus status(final Instant time, final long deferred, final long oldestSeconds) {
        return new QueueStatus(
                "mx1",
                "log",
                time,
                deferred,
                deferred,
                0,
                0,
                oldestSeconds,
                Map.of(),
                Map.of(),
                Map.of(),
                Map.of(),
                0,
                List.of());
    }
}
