package io.vigie.core.time;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Objects;

/**
 * Supplies the year that traditional (RFC 3164) syslog timestamps leave out, from an injected clock.
 *
 * <p>The year is the clock's, except around New Year: a line whose month is more than one month
 * ahead of the clock's month was written last year (December lines read in January), and a January
 * line read in December was written next year (a sender whose clock is a little ahead, or a
 * collector whose clock is a little behind). One month ahead is allowed as clock skew at a month
 * boundary. pflogsumm only handles the first case; the second matters to a streaming reader that
 * stamps lines as they arrive.
 *
 * <p>Thread-safe. The clock's month is cached until the month changes, because asking a
 * {@link ZoneId} for the local date of every line is a measurable cost at 300k lines/s.
 */
public final class SyslogYearResolver {

    private final Clock clock;
    private final ZoneId zone;
    private volatile MonthWindow window;

    /**
     * @param clock the reader's clock ({@code Clock.systemUTC()} in production, {@code Clock.fixed} in tests)
     * @param zone  the zone the syslog timestamps are written in (the mail host's local time)
     */
    public SyslogYearResolver(final Clock clock, final ZoneId zone) {
        this.clock = Objects.requireNonNull(clock, "clock");
        this.zone = Objects.requireNonNull(zone, "zone");
    }

    /** The zone the syslog timestamps are written in. */
    public ZoneId zone() {
        return zone;
    }

    /**
     * @param month 1 (January) to 12 (December), as read from the line
     * @return the year the line was most likely written in, according to the clock now
     */
    public int yearFor(final int month) {
        if (month < 1 || month > 12) {
            throw new IllegalArgumentException("month out of range: " + month);
        }
        final MonthWindow current = currentWindow();
        final int ahead = month - current.month;
        if (ahead > 1) {
            return current.year - 1;
        }
        if (ahead < -10) {
            return current.year + 1;
        }
        return current.year;
    }

    private MonthWindow currentWindow() {
        final long now = clock.millis();
        final MonthWindow cached = window;
        if (cached != null && now >= cached.fromMillis && now < cached.untilMillis) {
            return cached;
        }
        final LocalDate today = LocalDate.ofInstant(Instant.ofEpochMilli(now), zone);
        final LocalDate first = today.withDayOfMonth(1);
        final MonthWindow fresh = new MonthWindow(today.getYear(), today.getMonthValue(),
                first.atStartOfDay(zone).toInstant().toEpochMilli(),
                first.plusMonths(1).atStartOfDay(zone).toInstant().toEpochMilli());
        window = fresh;
        return fresh;
    }

    private record MonthWindow(int year, int month, long fromMillis, long untilMillis) {
    }
}
