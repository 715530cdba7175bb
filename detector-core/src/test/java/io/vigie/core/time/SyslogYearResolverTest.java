package io.vigie.core.time;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class SyslogYearResolverTest {

    private static SyslogYearResolver at(final String instant) {
        return new SyslogYearResolver(Clock.fixed(Instant.parse(instant), ZoneOffset.UTC), ZoneOffset.UTC);
    }

    @ParameterizedTest(name = "clock {0}, line {1}-{2} -> {3}")
    @CsvSource({
        // today and the past of this year
        "2026-11-28T05:00:00Z, 11, 28, 2026",
        "2026-11-28T05:00:00Z, 10, 1, 2026",
        "2026-11-28T05:00:00Z, 1, 1, 2026",
        // up to one day ahead is clock or zone skew, not last year
        "2026-11-28T05:00:00Z, 11, 29, 2026",
        "2026-11-30T23:59:59Z, 12, 1, 2026",
        // further ahead can only be last year: an old log read later
        "2026-11-28T05:00:00Z, 11, 30, 2025",
        "2026-11-28T05:00:00Z, 12, 11, 2025",
        "2026-03-15T00:00:00Z, 5, 1, 2025",
        // December lines read in January
        "2027-01-01T00:00:00Z, 12, 31, 2026",
        "2027-01-15T00:00:00Z, 12, 1, 2026",
        "2027-01-15T00:00:00Z, 1, 16, 2027",
        "2027-01-15T00:00:00Z, 2, 1, 2026",
        // January lines read on New Year's Eve: written by a host whose clock is already in the new year
        "2026-12-31T23:59:59Z, 1, 1, 2027",
        "2026-12-31T23:59:59Z, 12, 31, 2026",
        "2026-12-30T12:00:00Z, 1, 1, 2026",
    })
    void shouldInferTheYearFromTheClockWhenTheLineHasNone(
            final String clock, final int month, final int day, final int year) {
        assertThat(at(clock).yearFor(month, day)).isEqualTo(year);
    }

    @Test
    void shouldReadFebruaryTwentyNinthAsTheTwentyEighthWhenTheYearHasNone() {
        assertThat(at("2027-03-01T00:00:00Z").yearFor(2, 29)).isEqualTo(2027);
    }

    @Test
    void shouldReadTheClockInTheGivenZoneWhenDecidingToday() {
        // 23:30 UTC on Dec 30 is already 00:30 on Dec 31 in Paris: Jan 1 is then at most a day ahead
        final Clock clock = Clock.fixed(Instant.parse("2026-12-30T23:30:00Z"), ZoneOffset.UTC);
        final SyslogYearResolver paris = new SyslogYearResolver(clock, ZoneId.of("Europe/Paris"));
        final SyslogYearResolver utc = new SyslogYearResolver(clock, ZoneOffset.UTC);

        assertThat(paris.yearFor(1, 1)).isEqualTo(2027);
        assertThat(utc.yearFor(1, 1)).isEqualTo(2026);
        assertThat(paris.zone()).isEqualTo(ZoneId.of("Europe/Paris"));
    }

    @Test
    void shouldFollowTheClockWhenItMovesIntoTheNextYear() {
        final AtomicReference<Instant> now = new AtomicReference<>(Instant.parse("2026-12-31T23:59:59Z"));
        final SyslogYearResolver resolver = new SyslogYearResolver(new MovingClock(now), ZoneOffset.UTC);
        assertThat(resolver.yearFor(12, 31)).isEqualTo(2026);

        now.set(Instant.parse("2027-01-01T00:00:01Z"));

        assertThat(resolver.yearFor(12, 31)).isEqualTo(2026);
        assertThat(resolver.yearFor(1, 1)).isEqualTo(2027);
        assertThat(resolver.yearFor(1, 2)).isEqualTo(2027);
        assertThat(resolver.yearFor(1, 3)).isEqualTo(2026);
    }

    @Test
    void shouldRefuseWhenTheMonthOrDayIsOutOfRange() {
        assertThatThrownBy(() -> at("2026-11-28T05:00:00Z").yearFor(0, 1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> at("2026-11-28T05:00:00Z").yearFor(13, 1))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> at("2026-11-28T05:00:00Z").yearFor(1, 32))
                .isInstanceOf(IllegalArgumentException.class);
    }

    /** A clock the test moves by hand. */
    private static final class MovingClock extends Clock {
        private final AtomicReference<Instant> now;

        MovingClock(final AtomicReference<Instant> now) {
            this.now = now;
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(final ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now.get();
        }
    }
}
