package io.vigie.rules.proxy;

import io.vigie.core.model.Indicator;
import io.vigie.rules.alert.Alert;
import io.vigie.rules.alert.AlertLevel;
import io.vigie.rules.alert.AlertRule;
import io.vigie.rules.detection.Decision;
import io.vigie.rules.detection.Outcome;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * "Who else went there": when an indicator arrives (a feed entry, a list, an analyst, another detection),
 * every internal client that contacted its host within the contacts retention gets an alert with the first
 * and last time seen, except the client that revealed the indicator.
 *
 * <p>The decision's key is the host, its state the host's contacts (every client and day of the retention, as the
 * destination task keeps them): it reads them and never changes them ({@link Outcome.StateChange#KEEP}).
 */
final class RetroHuntDetection implements Decision<Collection<Contact>, RetroHuntDetection.NewIndicator, Alert> {

    /**
     * An indicator naming the host, and when it reached the destination task: the alerts' time.
     *
     * @param indicator the new indicator
     * @param arrived   the time of the record that brought it
     */
    record NewIndicator(Indicator indicator, Instant arrived) {}

    static final AlertRule RULE = new AlertRule(
            "vigie.proxy.retro-hunt",
            "Host contacted a destination now known to be malicious",
            "A new threat indicator names a host that this client contacted within the retention period.",
            AlertLevel.HIGH,
            List.of("network", "threat"),
            "vigie.proxy",
            List.of(
                    "Check whether the client is still in contact with the destination (proxy logs after "
                            + "the last time seen).",
                    "Isolate the host from the network, keeping it powered on, and have it scanned; disable the "
                            + "listed users' accounts and revoke their sessions if the indicator is a phishing page.",
                    "Look for how it got there (mail, download) and for the same indicator on other hosts.",
                    "Check the backups of the host and of the shares it writes to before restoring anything."));

    /** One alert per client that contacted the host within the retention, but the one that revealed it. */
    @Override
    public Outcome<Collection<Contact>, Alert> decide(
            final String host, final Collection<Contact> contacts, final NewIndicator input) {
        if (contacts == null || contacts.isEmpty()) {
            return Outcome.unchanged();
        }
        final Map<String, Contact> byClient = new TreeMap<>();
        for (final Contact contact : contacts) {
            byClient.merge(contact.client(), contact, Contact::merge);
        }
        final List<Alert> alerts = new ArrayList<>(byClient.size());
        for (final Contact contact : byClient.values()) {
            if (!contact.client().equals(input.indicator().seenBy())) {
                alerts.add(alert(input.indicator(), host, contact, input.arrived()));
            }
        }
        return Outcome.unchanged(alerts);
    }

    static Alert alert(final Indicator indicator, final String host, final Contact contact, final Instant now) {
        return RULE.raise(
                        now,
                        contact.client() + "|" + host,
                        contact.first(),
                        contact.client() + " contacted " + host + " (" + contact.requests() + " requests, "
                                + contact.first() + " to " + contact.last() + "), now listed by "
                                + indicator.source())
                .source("ip", contact.client())
                .user("name", contact.users().isEmpty() ? null : contact.users().get(0))
                .related("ip", List.of(contact.client()))
                .related("hosts", List.of(host))
                .related("user", contact.users())
                .observed("first_seen", contact.first().toString())
                .observed("last_seen", contact.last().toString())
                .observed("requests", contact.requests())
                .observed("blocked_requests", contact.blocked())
                .observed("indicator", ProxyAlerts.indicator(indicator))
                .build();
    }
}
