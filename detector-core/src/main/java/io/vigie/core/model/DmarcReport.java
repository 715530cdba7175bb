package io.vigie.core.model;

import java.time.Instant;
import java.util.List;

/**
 * One DMARC aggregate report (RFC 7489 appendix C, and the DMARCbis variant), as sent by a receiver to
 * the {@code rua} address. Optional fields the reporter left out are null.
 *
 * @param version         the {@code <version>} element (DMARCbis and some RFC 7489 reporters), else null
 * @param orgName         {@code report_metadata/org_name}: the reporting organisation
 * @param email           {@code report_metadata/email}
 * @param reportId        {@code report_metadata/report_id}: with {@code orgName}, identifies the report
 * @param begin           start of the reported period
 * @param end             end of the reported period
 * @param policyPublished the DMARC policy the reporter saw for the domain
 * @param records         one entry per {@code <record>}, in document order
 */
public record DmarcReport(
        String version,
        String orgName,
        String email,
        String reportId,
        Instant begin,
        Instant end,
        PolicyPublished policyPublished,
        List<DmarcRecord> records) {

    public DmarcReport {
        records = records == null ? List.of() : List.copyOf(records);
    }

    /** Sum of the {@code count} of all rows: the number of messages the report covers. */
    public long messageCount() {
        long total = 0;
        for (final DmarcRecord r : records) {
            total += r.count();
        }
        return total;
    }

    /**
     * {@code policy_published}. Values are lower-cased; {@code pct} is null when absent.
     */
    public record PolicyPublished(String domain, String adkim, String aspf, String p, String sp, Integer pct) {}
}
