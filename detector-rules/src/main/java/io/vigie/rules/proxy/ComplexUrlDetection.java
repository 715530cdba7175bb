package io.vigie.rules.proxy;

import io.vigie.core.model.ProxyEvent;
import io.vigie.rules.alert.Alert;
import io.vigie.rules.alert.AlertLevel;
import io.vigie.rules.alert.AlertRule;
import io.vigie.rules.config.UrlComplexityConfig;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.function.Supplier;

/**
 * "Complex URL with no Referer": a request without a Referer (typed, scripted, or clicked in a mail) to a
 * rarely visited destination, whose URL scores as machine-made ({@link UrlComplexity}): what a beacon, a
 * one-time payload link or a phishing redirector looks like. Only formats that log the Referer are judged.
 */
final class ComplexUrlDetection implements ProxyJudgement {

    static final AlertRule RULE = new AlertRule(
            "vigie.proxy.complex-url-no-referer",
            "Complex URL reached without a Referer",
            "A client requested a long, random-looking URL on a destination few internal hosts visit, with no "
                    + "Referer: typical of a link clicked in a mail, a malware beacon or a one-time payload link.",
            AlertLevel.MEDIUM,
            List.of("network"),
            "vigie.proxy",
            List.of(
                    "Look at what the client did just before (mail client open? document opened?) and at its "
                            + "antivirus events.",
                    "Check the destination's reputation and its other requests (GET /api/proxy/contacts?host=).",
                    "If it is a beacon or a phishing page: add it as an indicator, isolate the host keeping it "
                            + "powered on, and revoke the user's sessions."));

    private final UrlComplexity complexity;

    ComplexUrlDetection(final UrlComplexityConfig config) {
        this.complexity = new UrlComplexity(config);
    }

    @Override
    public List<Alert> judge(final ProxyEvent event, final Supplier<DestinationContext> destination) {
        // A null Referer means the format has none: never judged. Cheap checks before the destination scan.
        if (!event.withoutReferer() || "CONNECT".equals(event.method()) || event.host() == null) {
            return List.of();
        }
        final Assessment assessment = complexity.assess(event, destination.get());
        if (!complexity.complex(assessment)) {
            return List.of();
        }
        return List.of(ProxyAlerts.scored(
                RULE,
                event,
                assessment,
                event.time().truncatedTo(ChronoUnit.HOURS),
                event.clientIp() + " reached a complex URL on " + event.host() + " without a Referer (score "
                        + assessment.score() + ")"));
    }
}
