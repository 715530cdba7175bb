package io.vigie.core.model;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

/**
 * One row of a DMARC aggregate report, normalised: what the {@code events.dmarc} topic carries. A report of
 * N {@code <record>} rows gives N events that share the report's identity ({@code reporterOrg},
 * {@code reportId}) and differ by {@code row}.
 *
 * @param reporterOrg     {@code report_metadata/org_name}, e.g. google.com
 * @param reporterEmail   {@code report_metadata/email}, null when absent
 * @param reportId        {@code report_metadata/report_id}
 * @param begin           start of the reported period
 * @param end             end of the reported period
 * @param day             the calendar day (organisation's zone) the row is counted on
 * @param row             position of the row in the report, from 0
 * @param policyDomain    {@code policy_published/domain}
 * @param policy          {@code policy_published/p}: none, quarantine, reject; null when absent
 * @param protectedDomain the configured protected domain the header_from falls under, null when none does
 * @param sourceIp        the sending IP address
 * @param count           messages this row covers
 * @param disposition     none, quarantine or reject, as applied by the receiver
 * @param dkimAligned     DMARC-aligned DKIM result: pass or fail
 * @param spfAligned      DMARC-aligned SPF result: pass or fail
 * @param dmarcPass       whether DMARC passed (aligned DKIM or aligned SPF passed)
 * @param headerFrom      the RFC 5322 From domain, lower case
 * @param envelopeFrom    the MAIL FROM domain, null when the reporter left it out
 * @param envelopeTo      the recipient domain, null when absent
 * @param reasons         {@code policy_evaluated/reason} entries (forwarded, mailing_list, local_policy...)
 * @param dkimResults     every DKIM signature checked, aligned or not
 * @param spfResults      every SPF check
 */
public record DmarcEvent(
        String reporterOrg,
        String reporterEmail,
        String reportId,
        Instant begin,
        Instant end,
        LocalDate day,
        int row,
        String policyDomain,
        String policy,
        String protectedDomain,
        String sourceIp,
        long count,
        String disposition,
        String dkimAligned,
        String spfAligned,
        boolean dmarcPass,
        String headerFrom,
        String envelopeFrom,
        String envelopeTo,
        List<DmarcRecord.Reason> reasons,
        List<DmarcRecord.DkimResult> dkimResults,
        List<DmarcRecord.SpfResult> spfResults) {

    public DmarcEvent {
        reasons = reasons == null ? List.of() : List.copyOf(reasons);
        dkimResults = dkimResults == null ? List.of() : List.copyOf(dkimResults);
        spfResults = spfResults == null ? List.of() : List.copyOf(spfResults);
    }

    /** What identifies this row across deliveries of the same report: reporter, report id and position. */
    public String rowIdentity() {
        return reporterOrg + '\u0000' + reportId + '\u0000' + row;
    }

    /** The domain the row is accounted to: the protected domain when there is one, else the header_from. */
    public String accountedDomain() {
        return protectedDomain != null ? protectedDomain : headerFrom;
    }
}
