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

    @ParameterizedTest(name = "clock {0}, line month {1} -> {2}")
    @CsvSource({
        // the clock's month and the month before it
        "2026-11-28T05:00:00Z, 11, 2026",
        "2026-11-28T05:00:00Z, 10, 2026",
        "2026-11-28T05:00:00Z, 1, 2026",
        // one month ahead is clock skew at a month boundary, not last year
        "2026-11-30T23:59:59Z, 12, 2026",
        // two months ahead can only be last year
        "2026-10-15T00:00:00Z, 12, 2025",
        "2026-03-15T00:00:00Z, 5, 2025",
        // December lines read in January
        "2027-01-01T00:00:00Z, 12, 2026",
        "2027-01-15T00:00:00Z, 12, 2026",
        "2027-01-15T00:00:00Z, 11, 2026",
        "2027-01-15T00:00:00Z, 2, 2027",
        // January lines read in December: written by a host whose clock is already in the new year
        "2026-12-31T23:59:59Z, 1, 2027",
        "2026-12-31T23:59:59Z, 12, 2026",
        "2026-12-01T00:00:00Z, 11, 2026",
    })
    void shouldInferTheYearFromTheClockWhenTheLineHasNone(final String clock, final int month, final int year) {
        assertThat(at(clock).yearFor(month)).isEqualTo(year);
    }

    @Test
    void shouldUseLastYearWhenADecemberLineIsReadJustAfterNewYear() {
        assertThat(at("2027-01-01T00:00:00Z").yearFor(12)).isEqualTo(2026);
        assertThat(at("2027-01-01T00:00:00Z").yearFor(1)).isEqualTo(2027);
    }

    @Test
    void shouldUseNextYearWhenAJanuaryLineIsReadJustBeforeNewYear() {
        assertThat(at("2026-12-31T23:59:59Z").yearFor(1)).isEqualTo(2027);
        assertThat(at("2026-12-31T23:59:59Z").yearFor(12)).isEqualTo(2026);
    }

    @Test
    void shouldReadTheClockInTheGivenZoneWhenDecidingTheCurrentMonth() {
        // 23:30 UTC on Dec 31 is already 00:30 on Jan 1 in Paris
        final Clock clock = Clock.fixed(Instant.parse("2026-12-31T23:30:00Z"), ZoneOffset.UTC);
        final SyslogYearResolver paris = new SyslogYearResolver(clock, ZoneId.of("Europe/Paris"));
        final SyslogYearResolver utc = new SyslogYearResolver(clock, ZoneOffset.UTC);

        assertThat(paris.yearFor(1)).isEqualTo(2027);
        assertThat(paris.yearFor(12)).isEqualTo(2026);
        assertThat(utc.yearFor(1)).isEqualTo(2027);
        assertThat(utc.yearFor(12)).isEqualTo(2026);
        assertThat(paris.zone()).isEqualTo(ZoneId.of("Europe/Paris"));
    }

    @Test
    void shouldFollowTheClockWhenItMovesIntoTheNextYear() {
        final AtomicReference<Instant> now = new AtomicReference<>(Instant.parse("2026-12-31T23:59:59Z"));
        final SyslogYearResolver resolver = new SyslogYearResolver(new MovingClock(now), ZoneOffset.UTC);
        assertThat(resolver.yearFor(12)).isEqualTo(2026);

        now.set(Instant.parse("2027-01-01T00:00:01Z"));

        assertThat(resolver.yearFor(12)).isEqualTo(2026);
        assertThat(resolver.yearFor(1)).isEqualTo(2027);
        assertThat(resolver.yearFor(2)).isEqualTo(2027);
        assertThat(resolver.yearFor(3)).isEqualTo(2026);
    }

    @Test
    void shouldRefuseWhenTheMonthIsOutOfRange() {
        assertThatThrownBy(() -> at("2026-11-28T05:00:00Z").yearFor(0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> at("2026-11-28T05:00:00Z").yearFor(13)).isInstanceOf(IllegalArgumentException.class);
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
