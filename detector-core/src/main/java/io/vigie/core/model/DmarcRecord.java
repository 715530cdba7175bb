package io.vigie.core.model;

import java.util.List;

/**
 * One {@code <record>} of a DMARC aggregate report: {@code count} messages from one source IP with the same
 * identifiers and results. Result and disposition values are lower-cased (some reporters send {@code Pass}).
 *
 * @param sourceIp     {@code row/source_ip}
 * @param count        {@code row/count}: number of messages, never negative
 * @param disposition  {@code policy_evaluated/disposition}: none, quarantine, reject
 * @param dkim         {@code policy_evaluated/dkim}: DMARC-aligned DKIM result, pass or fail
 * @param spf          {@code policy_evaluated/spf}: DMARC-aligned SPF result, pass or fail
 * @param reasons      {@code policy_evaluated/reason}, several possible
 * @param headerFrom   {@code identifiers/header_from}
 * @param envelopeFrom {@code identifiers/envelope_from}, null when absent
 * @param envelopeTo   {@code identifiers/envelope_to}, null when absent
 * @param dkimResults  {@code auth_results/dkim}, several possible
 * @param spfResults   {@code auth_results/spf}, several possible
 */
public record DmarcRecord(
        String sourceIp,
        long count,
        String disposition,
        String dkim,
        String spf,
        List<Reason> reasons,
        String headerFrom,
        String envelopeFrom,
        String envelopeTo,
        List<DkimResult> dkimResults,
        List<SpfResult> spfResults) {

    public DmarcRecord {
        reasons = reasons == null ? List.of() : List.copyOf(reasons);
        dkimResults = dkimResults == null ? List.of() : List.copyOf(dkimResults);
        spfResults = spfResults == null ? List.of() : List.copyOf(spfResults);
    }

    /** {@code policy_evaluated/reason}: why the receiver applied another disposition than the policy's. */
    public record Reason(String type, String comment) {}

    /** {@code auth_results/dkim}: one DKIM signature check (not necessarily aligned). */
    public record DkimResult(String domain, String selector, String result) {}

    /** {@code auth_results/spf}: one SPF check; scope is mfrom or helo, null when absent. */
    public record SpfResult(String domain, String scope, String result) {}
}
