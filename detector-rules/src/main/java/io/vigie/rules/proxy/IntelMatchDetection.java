package io.vigie.rules.proxy;

import io.vigie.core.model.Indicator;
import io.vigie.core.model.ProxyEvent;
import io.vigie.rules.alert.Alert;
import io.vigie.rules.alert.AlertLevel;
import io.vigie.rules.alert.AlertRule;
import io.vigie.rules.detection.Decision;
import io.vigie.rules.detection.Outcome;
import java.time.temporal.ChronoUnit;
import java.util.List;

/**
 * A request to a URL or host of the threat-intelligence table (URLhaus, the hospital's own lists, analysts'
 * indicators). The exact URL is looked up after normalisation, then the host (a host entry covers every URL
 * on it), then the address when the host is an IP literal. High when the proxy let it through; medium when
 * it blocked it, since the user was still lured there (a phishing mail, a compromised page).
 *
 * <p>The decision's key is the destination host, its state the table's entry the request matched, looked up by the
 * destination task ({@link IntelTable}); the table is the intel part's and is never changed here.
 */
final class IntelMatchDetection implements Decision<Indicator, ProxyEvent, Alert> {

    static final AlertRule RULE = new AlertRule(
            "vigie.proxy.intel-match",
            "Request to a known malicious URL or host",
            "A client requested a URL or host listed by threat intelligence (URLhaus, CERT bulletin, analyst).",
            AlertLevel.HIGH,
            List.of("network", "threat"),
            "vigie.proxy",
            List.of(
                    "If the request was allowed: isolate the host from the network, keeping it powered on "
                            + "(memory is evidence), and have its antivirus scan it.",
                    "Disable the user's account and revoke its sessions if credentials may have been typed in "
                            + "(phishing page).",
                    "Find how the user got there: the mail (quarantine, the user's mailbox) or the referring page.",
                    "Check which other hosts contacted the same destination (the retro-hunt alerts, or "
                            + "GET /api/proxy/contacts?host=).",
                    "Keep the proxy, antivirus and VPN logs of the host (30 days) as evidence."));

    /**
     * @param host  the request's destination host
     * @param entry the entry of the table the request matched ({@link IntelTable#entryFor}); null when none
     */
    @Override
    public Outcome<Indicator, Alert> decide(final String host, final Indicator entry, final ProxyEvent request) {
        if (entry == null || PossibleC2Detection.isOurs(entry)) {
            // Our own suspicion drawn from an antivirus detection: the possible-C2 rule raises in place of this one.
            return Outcome.unchanged();
        }
        return Outcome.unchanged(List.of(alert(request, entry)));
    }

    static Alert alert(final ProxyEvent e, final Indicator match) {
        final String destination = e.url() != null ? e.url() : e.host();
        return RULE.raise(
                        e.time(),
                        e.clientIp() + "|" + match.key(),
                        e.time().truncatedTo(ChronoUnit.HOURS),
                        e.clientIp() + (e.blocked() ? " tried to reach " : " reached ") + destination
                                + " listed by " + match.source()
                                + (match.threat() != null ? " (" + match.threat() + ")" : ""))
                .level(e.blocked() ? AlertLevel.MEDIUM : AlertLevel.HIGH)
                .source("ip", e.clientIp())
                .user("name", e.user())
                .related("ip", List.of(e.clientIp()))
                .related("hosts", e.host() == null ? List.of() : List.of(e.host()))
                .observed("url", e.url())
                .observed("method", e.method())
                .observed("status", e.status())
                .observed("action", e.action())
                .observed("blocked", e.blocked())
                .observed("indicator", ProxyAlerts.indicator(match))
                .build();
    }
}
