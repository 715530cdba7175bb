package io.vigie.rules.proxy;

import io.vigie.core.model.Indicator;
import io.vigie.core.model.ProxyEvent;
import io.vigie.core.net.UrlNormalizer;
import io.vigie.rules.alert.Alert;
import io.vigie.rules.alert.AlertLevel;
import io.vigie.rules.alert.AlertRule;
import java.time.temporal.ChronoUnit;
import java.util.List;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * A request to a URL or host of the threat-intelligence table (URLhaus, the hospital's own lists, analysts'
 * indicators). The exact URL is looked up after normalisation, then the host (a host entry covers every URL
 * on it), then the address when the host is an IP literal. High when the proxy let it through; medium when
 * it blocked it, since the user was still lured there (a phishing mail, a compromised page).
 */
final class IntelMatchDetection {

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

    private final KeyValueStore<String, Indicator> intel;

    IntelMatchDetection(final KeyValueStore<String, Indicator> intel) {
        this.intel = intel;
    }

    /** @return the alert, or null when the request matches no indicator */
    Alert judge(final ProxyEvent e) {
        final Indicator match = lookup(e);
        return match == null ? null : alert(e, match);
    }

    /** The alert of a request matching an indicator found by {@link #lookup}. */
    Alert alert(final ProxyEvent e, final Indicator match) {
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

    /** The indicator a request matches: its URL, else its host, else its address; null when none. */
    Indicator lookup(final ProxyEvent e) {
        if (e.url() != null && !"CONNECT".equals(e.method())) {
            final String url = UrlNormalizer.normalize(e.url());
            if (url != null) {
                final Indicator byUrl = intel.get(Indicator.Kind.URL.key(url));
                if (byUrl != null) {
                    return byUrl;
                }
            }
        }
        final String host = UrlNormalizer.host(e.host());
        if (host == null) {
            return null;
        }
        final Indicator byHost = intel.get(Indicator.Kind.HOST.key(host));
        return byHost != null ? byHost : intel.get(Indicator.Kind.IP.key(host));
    }
}
