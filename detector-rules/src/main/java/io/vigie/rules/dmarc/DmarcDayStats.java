package io.vigie.rules.dmarc;

import io.vigie.core.model.DmarcEvent;
import java.time.LocalDate;
import java.util.Map;
import java.util.TreeMap;

/**
 * One domain's DMARC figures for one day, summed over every report row counted on that day: what
 * {@code GET /api/dmarc/summary} shows and {@code state.dmarc-days} carries.
 *
 * @param domain                the protected domain, or the header_from domain of rows about no protected one
 * @param protectedDomain       whether {@code domain} is a protected domain
 * @param day                   the day
 * @param messages              messages reported
 * @param dmarcPass             messages that passed DMARC
 * @param dmarcFail             messages that failed it
 * @param dkimAlignedPass       messages with aligned DKIM passing
 * @param spfAlignedPass        messages with aligned SPF passing
 * @param dispositionNone       messages delivered as they were
 * @param dispositionQuarantine messages sent to spam or quarantine
 * @param dispositionReject     messages refused
 * @param failingFromUnknown    failing messages from sources that were not legitimate senders: spoofing
 * @param failingFromLegitimate failing messages from legitimate senders: a broken DKIM key or SPF record
 * @param reporters             messages per reporting organisation
 */
public record DmarcDayStats(
        String domain,
        boolean protectedDomain,
        LocalDate day,
        long messages,
        long dmarcPass,
        long dmarcFail,
        long dkimAlignedPass,
        long spfAlignedPass,
        long dispositionNone,
        long dispositionQuarantine,
        long dispositionReject,
        long failingFromUnknown,
        long failingFromLegitimate,
        Map<String, Long> reporters) {

    /** Reporting organisations kept by name; beyond, a hostile stream of reports is summed under "other". */
    static final int MAX_REPORTERS = 200;

    static final String OTHER_REPORTERS = "other";

    public DmarcDayStats {
        reporters = reporters == null ? Map.of() : Map.copyOf(reporters);
    }

    static DmarcDayStats empty(final String domain, final boolean protectedDomain, final LocalDate day) {
        return new DmarcDayStats(domain, protectedDomain, day, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, Map.of());
    }

    /** @param fromLegitimate whether the row's source was a legitimate sender before this row */
    DmarcDayStats plus(final DmarcEvent e, final boolean fromLegitimate) {
        final long n = e.count();
        final boolean fail = !e.dmarcPass();
        final Map<String, Long> byReporter = new TreeMap<>(reporters);
        final String reporter = byReporter.containsKey(e.reporterOrg()) || byReporter.size() < MAX_REPORTERS
                ? e.reporterOrg()
                : OTHER_REPORTERS;
        byReporter.merge(reporter, n, Long::sum);
        return new DmarcDayStats(
                domain,
                protectedDomain,
                day,
                messages + n,
                dmarcPass + (fail ? 0 : n),
                dmarcFail + (fail ? n : 0),
                dkimAlignedPass + ("pass".equals(e.dkimAligned()) ? n : 0),
                spfAlignedPass + ("pass".equals(e.spfAligned()) ? n : 0),
                dispositionNone + ("none".equals(e.disposition()) ? n : 0),
                dispositionQuarantine + ("quarantine".equals(e.disposition()) ? n : 0),
                dispositionReject + ("reject".equals(e.disposition()) ? n : 0),
                failingFromUnknown + (fail && !fromLegitimate ? n : 0),
                failingFromLegitimate + (fail && fromLegitimate ? n : 0),
                byReporter);
    }

    /** The sum of two days' or two domains' figures (reporters merged), for totals over a period. */
    public DmarcDayStats add(final DmarcDayStats o) {
        final Map<String, Long> byReporter = new TreeMap<>(reporters);
        o.reporters.forEach((k, v) -> byReporter.merge(k, v, Long::sum));
        return new DmarcDayStats(
                domain,
                protectedDomain,
                day,
                messages + o.messages,
                dmarcPass + o.dmarcPass,
                dmarcFail + o.dmarcFail,
                dkimAlignedPass + o.dkimAlignedPass,
                spfAlignedPass + o.spfAlignedPass,
                dispositionNone + o.dispositionNone,
                dispositionQuarantine + o.dispositionQuarantine,
                dispositionReject + o.dispositionReject,
                failingFromUnknown + o.failingFromUnknown,
                failingFromLegitimate + o.failingFromLegitimate,
                byReporter);
    }

    /** The store and topic key: domain and ISO date. */
    public static String key(final String domain, final LocalDate day) {
        return domain + '|' + day;
    }
}
