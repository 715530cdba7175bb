package io.vigie.app.dmarc.imap;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class PollBackoffTest {

    @Test
    void shouldWaitThePollIntervalWhenThereIsNoFailure() {
        assertThat(new PollBackoff(Duration.ofMinutes(5)).next(0)).isEqualTo(Duration.ofMinutes(5));
    }

    @Test
    void shouldDoubleFromThirtySecondsUpToOneHourWhenFailuresRepeat() {
        final PollBackoff backoff = new PollBackoff(Duration.ofMinutes(5));
        assertThat(backoff.next(1)).isEqualTo(Duration.ofSeconds(30));
        assertThat(backoff.next(2)).isEqualTo(Duration.ofMinutes(1));
        assertThat(backoff.next(5)).isEqualTo(Duration.ofMinutes(8));
        assertThat(backoff.next(8)).isEqualTo(Duration.ofHours(1));
        assertThat(backoff.next(Integer.MAX_VALUE)).isEqualTo(Duration.ofHours(1));
    }

    @Test
    void shouldStayWithinThePollIntervalBoundsWhenItIsShortOrLong() {
        assertThat(new PollBackoff(Duration.ofSeconds(2)).next(1)).isEqualTo(Duration.ofSeconds(2));
        assertThat(new PollBackoff(Duration.ofHours(6)).next(30)).isEqualTo(Duration.ofHours(6));
    }
}
