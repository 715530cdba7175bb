package io.vigie.rules.dmarc;

import io.vigie.core.model.DmarcEvent;
import io.vigie.core.model.DmarcRecord;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.TreeMap;

/**
 * What the reports say about one sending IP for one domain: how much it passed and failed, day by day, and
 * whether it is a legitimate sender of the domain (configured, or learned from passing DMARC).
 *
 * @param domain            the protected domain (or header_from domain)
 * @param sourceIp          the sending address
 * @param firstDay          first day it was reported
 * @param lastDay           last day it was reported
 * @param passMessages      its messages that passed DMARC, all time
 * @param failMessages      its messages that failed DMARC, all time
 * @param configured        whether it is in {@code dmarc.known-senders}
 * @param legitimateSince   the day it was learned as a legitimate sender, null when it is not (yet)
 * @param days              per-day pass/fail counts, the last {@value #HISTORY_DAYS} days
 * @param lastFailure       what the last failing row said, null when it never failed
 */
public record DmarcSourceStats(
        String domain,
        String sourceIp,
        LocalDate firstDay,
        LocalDate lastDay,
        long passMessages,
        long failMessages,
        boolean configured,
        LocalDate legitimateSince,
        NavigableMap<LocalDate, DayCount> days,
        Failure lastFailure) {

    /** Per-day history kept per source; {@code /api/dmarc/sources?days=} goes back that far at most. */
    public static final int HISTORY_DAYS = 92;

    public DmarcSourceStats {
        days = days == null ? new TreeMap<>() : new TreeMap<>(days);
    }

    /** Pass and fail messages of one day. */
    public record DayCount(long pass, long fail) {}

    /** The evidence of a failure: which aligned check failed and what the receiver saw. */
    public record Failure(
            LocalDate day,
            String reporterOrg,
            String headerFrom,
            String envelopeFrom,
            String dkimAligned,
            String spfAligned,
            String disposition,
            List<DmarcRecord.DkimResult> dkimResults,
            List<DmarcRecord.SpfResult> spfResults) {}

    static DmarcSourceStats first(
            final String domain, final String sourceIp, final boolean configured, final LocalDate day) {
        return new DmarcSourceStats(domain, sourceIp, day, day, 0, 0, configured, null, new TreeMap<>(), null);
    }

    /** Whether mail from this source as the domain is expected: configured, or learned. */
    public boolean legitimate() {
        return configured || legitimateSince != null;
    }

    /** Adds a row; learns the source as legitimate once {@code learnAfter} of its messages passed. */
    DmarcSourceStats plus(final DmarcEvent e, final long learnAfter) {
        final boolean pass = e.dmarcPass();
        final long n = e.count();
        final TreeMap<LocalDate, DayCount> history = new TreeMap<>(days);
        history.merge(
                e.day(),
                new DayCount(pass ? n : 0, pass ? 0 : n),
                (a, b) -> new DayCount(a.pass() + b.pass(), a.fail() + b.fail()));
        while (history.size() > HISTORY_DAYS) {
            history.pollFirstEntry();
        }
        final long passed = passMessages + (pass ? n : 0);
        final LocalDate learned =
                legitimateSince != null ? legitimateSince : pass && passed >= learnAfter ? e.day() : null;
        final Failure failure = pass
                ? lastFailure
                : new Failure(
                        e.day(),
                        e.reporterOrg(),
                        e.headerFrom(),
                        e.envelopeFrom(),
                        e.dkimAligned(),
                        e.spfAligned(),
                        e.disposition(),
                        e.dkimResults(),
                        e.spfResults());
        return new DmarcSourceStats(
                domain,
                sourceIp,
                e.day().isBefore(firstDay) ? e.day() : firstDay,
                e.day().isAfter(lastDay) ? e.day() : lastDay,
                passed,
                failMessages + (pass ? 0 : n),
                configured,
                learned,
                history,
                failure);
    }

    /** Failing messages on {@code day}. */
    public long failOn(final LocalDate day) {
        final DayCount c = days.get(day);
        return c == null ? 0 : c.fail();
    }

    /** Pass and fail over the days from {@code from} on (inclusive). */
    public DayCount since(final LocalDate from) {
        long pass = 0;
        long fail = 0;
        for (final Map.Entry<LocalDate, DayCount> d : days.tailMap(from, true).entrySet()) {
            pass += d.getValue().pass();
            fail += d.getValue().fail();
        }
        return new DayCount(pass, fail);
    }

    /** The store and topic key: domain and address. */
    public static String key(final String domain, final String sourceIp) {
        return domain + '|' + sourceIp;
    }
}
