package io.vigie.core.time;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZoneId;
import java.util.Objects;

/**
 * Supplies the year that traditional (RFC 3164) syslog timestamps leave out, from an injected clock.
 *
 * <p>A log line cannot come from the future: the year is the clock's, unless that puts the line's
 * date more than one day ahead of today (December lines read in January, or any old log read
 * later: Dec 11 read on Nov 28 is last year's). A day of slack covers a sender whose clock or time
 * zone is ahead. Symmetrically, a January 1st line read on December 31st belongs to the next year
 * when that is at most a day ahead. pflogsumm uses a coarser month rule, which stamps Dec 11 read
 * on Nov 28 in the future; a broker refuses records stamped in the future (Kafka 4 rejects
 * timestamps more than an hour ahead by default), so the day rule matters here.
 *
 * <p>Thread-safe. Today's date is cached until the day changes, because asking a {@link ZoneId}
 * for the local date of every line is a measurable cost at 300k lines/s.
 */
public final class SyslogYearResolver {

    private final Clock clock;
    private final ZoneId zone;
    private volatile Today today;

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
     * @param day   1 to 31, as read from the line
     * @return the year the line was most likely written in, according to the clock now
     */
    public int yearFor(final int month, final int day) {
        if (month < 1 || month > 12) {
            throw new IllegalArgumentException("month out of range: " + month);
        }
        if (day < 1 || day > 31) {
            throw new IllegalArgumentException("day out of range: " + day);
        }
        final Today current = today();
        final int year = current.date.getYear();
        final LocalDate latestPossible = current.date.plusDays(1);
        if (dateIn(year, month, day).isAfter(latestPossible)) {
            return year - 1;
        }
        if (!dateIn(year + 1, month, day).isAfter(latestPossible)) {
            return year + 1;
        }
        return year;
    }

    /** The date, with February 29th of a common year read as February 28th. */
    private static LocalDate dateIn(final int year, final int month, final int day) {
        final YearMonth yearMonth = YearMonth.of(year, month);
        return yearMonth.atDay(Math.min(day, yearMonth.lengthOfMonth()));
    }

    private Today today() {
        final long now = clock.millis();
        final Today cached = today;
        if (cached != null && now >= cached.fromMillis && now < cached.untilMillis) {
            return cached;
        }
        final LocalDate date = LocalDate.ofInstant(Instant.ofEpochMilli(now), zone);
        final Today fresh = new Today(
                date,
                date.atStartOfDay(zone).toInstant().toEpochMilli(),
                date.plusDays(1).atStartOfDay(zone).toInstant().toEpochMilli());
        today = fresh;
        return fresh;
    }

    private record Today(LocalDate date, long fromMillis, long untilMillis) {}
}
