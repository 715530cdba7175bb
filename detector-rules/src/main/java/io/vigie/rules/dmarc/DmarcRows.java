package io.vigie.rules.dmarc;

import io.vigie.core.model.DmarcEvent;
import io.vigie.core.model.DmarcRecord;
import io.vigie.core.model.DmarcReport;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** Turns a parsed report into its normalised rows, each attributed to a protected domain and a day. */
final class DmarcRows {

    static final String UNKNOWN = "unknown";

    private final ProtectedDomains domains;
    private final ZoneId zone;

    DmarcRows(final ProtectedDomains domains, final ZoneId zone) {
        this.domains = domains;
        this.zone = zone;
    }

    /**
     * @param receivedAt when the report reached Vigie: its date when the report states no period
     */
    List<DmarcEvent> of(final DmarcReport report, final Instant receivedAt) {
        final DmarcReport.PolicyPublished policy = report.policyPublished();
        final String policyDomain = policy == null ? null : policy.domain();
        final LocalDate day = dayOf(report.begin(), report.end(), receivedAt);
        final List<DmarcEvent> rows = new ArrayList<>(report.records().size());
        int index = 0;
        for (final DmarcRecord r : report.records()) {
            final String headerFrom =
                    r.headerFrom() != null ? r.headerFrom() : policyDomain != null ? policyDomain : UNKNOWN;
            final String dkim = result(r.dkim());
            final String spf = result(r.spf());
            rows.add(new DmarcEvent(
                    report.orgName(),
                    report.email(),
                    report.reportId(),
                    report.begin(),
                    report.end(),
                    day,
                    index++,
                    policyDomain,
                    policy == null ? null : policy.p(),
                    domains.of(headerFrom, policyDomain),
                    r.sourceIp(),
                    r.count(),
                    r.disposition() == null ? "none" : r.disposition(),
                    dkim,
                    spf,
                    "pass".equals(dkim) || "pass".equals(spf),
                    headerFrom,
                    r.envelopeFrom(),
                    r.envelopeTo(),
                    r.reasons(),
                    r.dkimResults(),
                    r.spfResults()));
        }
        return rows;
    }

    /** The reported period's event time: its end, else its start, else the arrival. */
    static Instant eventTime(final DmarcEvent event) {
        return event.end() != null ? event.end() : event.begin();
    }

    /**
     * The day the middle of the period falls on, in the organisation's zone. Reporters cover one UTC day
     * (00:00-23:59Z); its middle is on that same date in any zone within 12 hours of UTC, whereas its start
     * would be the day before west of Greenwich.
     */
    LocalDate dayOf(final Instant begin, final Instant end, final Instant receivedAt) {
        final Instant middle;
        if (begin != null && end != null && !end.isBefore(begin)) {
            middle = begin.plus(Duration.between(begin, end).dividedBy(2));
        } else if (end != null) {
            middle = end;
        } else if (begin != null) {
            middle = begin;
        } else {
            middle = receivedAt;
        }
        return LocalDate.ofInstant(middle, zone);
    }

    /** Aligned results as reported, lower-cased; a missing one counts as fail (it did not pass). */
    private static String result(final String value) {
        return value == null ? "fail" : value.toLowerCase(Locale.ROOT);
    }
}
