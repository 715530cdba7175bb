package io.vigie.app.mail;

import static org.assertj.core.api.Assertions.assertThat;

import io.vigie.core.model.TopLists;
import io.vigie.core.model.TopSnapshot;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class TopSnapshotsTest {

    private static TopSnapshot hour(final String start, final String updated) {
        final Instant from = Instant.parse(start);
        return new TopSnapshot(
                "hour:" + from,
                "hour",
                from,
                from.plus(Duration.ofHours(1)),
                false,
                TopLists.empty(),
                TopLists.empty(),
                TopLists.empty(),
                Instant.parse(updated));
    }

    @Test
    void shouldPickTheOldestHopStillCoveringTheLatestCountWhenAskedForTheRollingHour() {
        final List<TopSnapshot> hours = new ArrayList<>();
        hours.add(hour("2026-11-28T09:50:00Z", "2026-11-28T10:49:00Z")); // ended before the latest count
        for (int minute = 0; minute <= 50; minute += 10) {
            hours.add(hour("2026-11-28T10:%02d:00Z".formatted(minute), "2026-11-28T10:55:00Z"));
        }

        assertThat(TopSnapshots.rollingHour(hours))
                .get()
                .extracting(TopSnapshot::window)
                .isEqualTo("hour:2026-11-28T10:00:00Z");
    }

    @Test
    void shouldFindNoRollingHourWhenNothingWasCounted() {
        assertThat(TopSnapshots.rollingHour(List.of())).isEmpty();
    }
}
