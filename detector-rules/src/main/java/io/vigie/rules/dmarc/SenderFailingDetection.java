package io.vigie.rules.dmarc;

import io.vigie.rules.alert.Alert;
import io.vigie.rules.alert.AlertLevel;
import io.vigie.rules.alert.AlertRule;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;

/**
 * "Legitimate sender now failing": a source that is a legitimate sender of a protected domain (configured,
 * or learned from passing DMARC) has {@code dmarc.sender-failing-min-messages} failing messages on one day.
 * That is an outage, not an attack: a rotated DKIM key not published, an SPF record that lost an include,
 * or a relay that stopped signing. Its mails are being quarantined or rejected by the receivers.
 */
final class SenderFailingDetection {

    static final AlertRule RULE = new AlertRule(
            "vigie.dmarc.legitimate-sender-failing",
            "Legitimate sender now failing DMARC",
            "A known legitimate sender of a protected domain started failing DMARC: its DKIM signature or SPF "
                    + "authorisation broke, and receivers may quarantine or reject its mail.",
            AlertLevel.MEDIUM,
            List.of("email", "configuration"),
            "vigie.dmarc",
            List.of(
                    "Check the DKIM selector(s) listed: is the public key still published in DNS "
                            + "(selector._domainkey.domain), did the signing service rotate its key?",
                    "Check the SPF record of the envelope domain: does it still authorise this address, and does "
                            + "it stay under 10 DNS lookups?",
                    "Warn the service that owns this sender (application, relay, provider) that its mail may be "
                            + "quarantined or rejected until it is fixed.",
                    "If the sender was not expected to send any more, remove it from dmarc.known-senders."));

    private final Threshold threshold;
    private final ZoneId zone;

    SenderFailingDetection(final long threshold, final ZoneId zone) {
        this.threshold = new Threshold(threshold);
        this.zone = zone;
    }

    /** Whether going from {@code before} to {@code after} messages crosses the threshold. */
    boolean crosses(final long before, final long after) {
        return threshold.crossedBy(before, after);
    }

    Alert alert(final DmarcSourceStats source, final LocalDate day, final Instant time) {
        final DmarcSourceStats.Failure failure = source.lastFailure();
        final String broken = "fail".equals(failure.dkimAligned()) && "fail".equals(failure.spfAligned())
                ? "DKIM and SPF"
                : "fail".equals(failure.dkimAligned()) ? "DKIM" : "SPF";
        return RULE.raise(
                        time,
                        source.domain() + "|" + source.sourceIp(),
                        day.atStartOfDay(zone).toInstant(),
                        "Legitimate sender " + source.sourceIp() + " of " + source.domain() + " failed DMARC for "
                                + source.failOn(day) + " messages on " + day + " (" + broken + " not aligned)")
                .email("from", Map.of("domain", source.domain()))
                .source("ip", source.sourceIp())
                .related("ip", List.of(source.sourceIp()))
                .observed("day", day.toString())
                .observed("failing_messages", source.failOn(day))
                .observed("threshold", threshold.value())
                .observed("legitimate", source.configured() ? "configured" : "learned on " + source.legitimateSince())
                .observed("passing_messages_before", source.passMessages())
                .observed("dkim_aligned", failure.dkimAligned())
                .observed("spf_aligned", failure.spfAligned())
                .observed("envelope_from", failure.envelopeFrom())
                .observed("dkim_results", failure.dkimResults())
                .observed("spf_results", failure.spfResults())
                .observed("disposition", failure.disposition())
                .observed("reporter", failure.reporterOrg())
                .build();
    }
}
