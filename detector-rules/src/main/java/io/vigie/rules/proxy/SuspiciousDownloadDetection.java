package io.vigie.rules.proxy;

import io.vigie.core.model.ProxyEvent;
import io.vigie.rules.alert.Alert;
import io.vigie.rules.alert.AlertLevel;
import io.vigie.rules.alert.AlertRule;
import io.vigie.rules.config.DownloadRiskConfig;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.function.Supplier;

/**
 * "Suspicious download": an allowed download whose {@link DownloadRisk} score reaches the threshold (a risky
 * file kind plus where it comes from, or a file lying about its type). The alert lists every feature that
 * fired with its weight, so the analyst sees why.
 */
final class SuspiciousDownloadDetection implements ProxyJudgement {

    static final AlertRule RULE = new AlertRule(
            "vigie.proxy.suspicious-download",
            "Suspicious download",
            "A client downloaded a risky file (executable, script, disk image, archive, macro-enabled document) "
                    + "from a destination that makes it suspicious.",
            AlertLevel.MEDIUM,
            List.of("network", "malware"),
            "vigie.proxy",
            List.of(
                    "Look at the antivirus events of the client around the time of the download, and have it scan "
                            + "the downloads folder.",
                    "Ask the user where the link came from (a mail? a web page?); if a mail, find it in the "
                            + "quarantine or the mailbox and warn the other recipients.",
                    "If the file ran: isolate the host, keeping it powered on, and disable the user's sessions.",
                    "Add the destination as an indicator (POST /api/indicators) to find the other hosts that "
                            + "went there."));

    private final DownloadRisk risk;

    SuspiciousDownloadDetection(final DownloadRiskConfig config) {
        this.risk = new DownloadRisk(config);
    }

    @Override
    public List<Alert> judge(final ProxyEvent event, final Supplier<DestinationContext> destination) {
        // Cheap checks first: the destination's figures cost a scan of its contacts.
        if (event.blocked() || event.status() < 200 || event.status() > 299 || event.host() == null) {
            return List.of();
        }
        final Assessment assessment = risk.assess(event, destination.get());
        if (!risk.suspicious(assessment)) {
            return List.of();
        }
        return List.of(ProxyAlerts.scored(
                RULE,
                event,
                assessment,
                event.time().truncatedTo(ChronoUnit.HOURS),
                event.clientIp() + " downloaded " + event.url() + " (score " + assessment.score() + ")"));
    }
}
