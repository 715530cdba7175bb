package io.vigie.rules.av;

import io.vigie.core.model.AvEvent;
import io.vigie.rules.alert.Alert;
import io.vigie.rules.alert.AlertLevel;
import io.vigie.rules.alert.AlertRule;
import io.vigie.rules.config.AntivirusConfig;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;

/**
 * The two per-detection rules of the CERT sheet: malware that came from the internet (a download, a mail
 * attachment, an archive opened from one), and any detection on a server, which calls for the CERT at once.
 */
final class AvEventDetections {

    static final AlertRule FROM_INTERNET = new AlertRule(
            "vigie.av.malware-from-internet",
            "Malware that came from the internet",
            "The antivirus detected a file where internet content lands (downloads, browser cache, mail "
                    + "attachments, archives opened from them) or marked as coming from the internet.",
            AlertLevel.HIGH,
            List.of("malware", "file"),
            "vigie.av",
            List.of(
                    "If the action is not quarantined/removed, or the file ran: isolate the host from the network, "
                            + "keeping it powered on.",
                    "Find how it came: the mail (quarantine, the user's mailbox: warn the other recipients) or the "
                            + "download (proxy logs: GET /api/proxy/contacts?host= for the source host).",
                    "Disable the user's account and revoke its sessions if credentials may be exposed.",
                    "Add the source URL or host as an indicator to find the other hosts that fetched it."));

    static final AlertRule ON_SERVER = new AlertRule(
            "vigie.av.detection-on-server",
            "Antivirus detection on a server",
            "The antivirus detected malware on a server: the CERT sheet asks to call the CERT by phone at once.",
            AlertLevel.CRITICAL,
            List.of("malware", "host"),
            "vigie.av",
            List.of(
                    "Call the CERT by phone now.",
                    "Isolate the server from the network keeping it powered on (memory is evidence); do not reboot.",
                    "Check the backups (offline copies, last good date) before any restoration.",
                    "Revoke the sessions and service accounts used on the server; look for the same threat on other "
                            + "hosts (outbreak alerts)."));

    private final InternetOrigin internet;
    private final Servers servers;

    AvEventDetections(final AntivirusConfig config) {
        this.internet = new InternetOrigin(config.internetPaths());
        this.servers = new Servers(config);
    }

    /** Why the detected file came from the internet (a download, a mail attachment...), or null. */
    String internetOrigin(final AvEvent e) {
        return internet.why(e);
    }

    /** @param why {@link #internetOrigin} of the event, worked out once by the caller, which also counts it */
    List<Alert> judge(final AvEvent e, final String why) {
        final List<Alert> alerts = new ArrayList<>(2);
        final String server = servers.why(e.host(), e.hostIp());
        if (server != null) {
            alerts.add(AvAlerts.describe(
                            ON_SERVER.raise(
                                    e.time(),
                                    e.host() + "|" + e.threat(),
                                    e.time().truncatedTo(ChronoUnit.HOURS),
                                    "Detection of " + e.threat() + " on server " + e.host() + " (" + server
                                            + "): call the CERT"),
                            e)
                    .observed("server", server)
                    .build());
        }
        if (why != null) {
            final boolean contained = AvAlerts.contained(e);
            alerts.add(AvAlerts.describe(
                            FROM_INTERNET.raise(
                                    e.time(),
                                    e.host() + "|" + e.path(),
                                    e.time().truncatedTo(ChronoUnit.HOURS),
                                    e.threat() + " in " + e.path() + " on " + e.host()
                                            + (contained ? " (" + e.action() + ")" : " (not contained)")),
                            e)
                    .level(contained ? AlertLevel.MEDIUM : AlertLevel.HIGH)
                    .observed("internet", why)
                    .build());
        }
        return alerts;
    }
}
