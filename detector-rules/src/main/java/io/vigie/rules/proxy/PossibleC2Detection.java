package io.vigie.rules.proxy;

import io.vigie.core.model.Indicator;
import io.vigie.core.model.ProxyEvent;
import io.vigie.rules.alert.Alert;
import io.vigie.rules.alert.AlertLevel;
import io.vigie.rules.alert.AlertRule;
import io.vigie.rules.detection.Decision;
import io.vigie.rules.detection.Outcome;
import io.vigie.rules.entity.UserMapping;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;

/**
 * Antivirus to network: the destinations a machine reached within the window around an antivirus detection on it,
 * that few internal clients ever contact, are published as indicators (source {@value #INDICATOR_SOURCE}, the
 * antivirus alert's id as reference, the machine's address as {@code seen_by}); the intel registry, the retro-hunt
 * (the other clients that contacted them) and the intel match take them from there, as for a look-alike domain. A
 * request to one of them after the detection, by the machine or anyone else, raises
 * {@code vigie.correlation.possible-c2} in place of the generic intel match: the indicator is a suspicion drawn from
 * our own traffic, not a feed's verdict.
 *
 * <p>The decision on a detection's side is keyed by a candidate host (a destination the machine reached within the
 * window, as the destination task reads its contacts with {@link #near}), its state the host's
 * {@link DestinationSummary}, read and never changed: the indicator when the host is rare. The request's side is the
 * {@link Reached} decision.
 */
final class PossibleC2Detection implements Decision<DestinationSummary, PossibleC2Detection.Candidate, Indicator> {

    /**
     * A destination the machine reached around the detection.
     *
     * @param av     the antivirus detection
     * @param client the machine's address that reached it
     */
    record Candidate(AvSighting av, String client) {}

    static final String INDICATOR_SOURCE = "av-correlation";
    static final String THREAT = "possible_c2";

    static final AlertRule RULE = new AlertRule(
            "vigie.correlation.possible-c2",
            "Rare destination of an infected machine reached again",
            "A destination that few internal clients contact, reached by a machine around an antivirus detection "
                    + "on it, was reached again after the detection: a command-and-control server, or the site the "
                    + "malware came from.",
            AlertLevel.HIGH,
            List.of("network", "malware"),
            "vigie.correlation",
            List.of(
                    "Isolate the client from the network, keeping it powered on (memory is evidence).",
                    "Block the destination at the proxy and the firewall.",
                    "Compare with the antivirus detection (its alert id is the indicator's reference): same user, "
                            + "same file, same time of day?",
                    "List the other clients that contacted the destination (retro-hunt alerts, "
                            + "GET /api/proxy/contacts?host=) and have them scanned."));

    private final Duration window;
    private final int rareClients;
    private final Duration retention;
    private final Predicate<String> internal;

    /**
     * @param retention how long the summaries count a destination's clients (the contacts retention)
     * @param internal  whether a destination host is the organisation's own (never a C2)
     */
    PossibleC2Detection(
            final Duration window, final int rareClients, final Duration retention, final Predicate<String> internal) {
        this.window = window;
        this.rareClients = rareClients;
        this.retention = retention;
        this.internal = internal;
    }

    /** Whether a host the machine reached may be a C2 at all: the organisation's own hosts are not even looked up. */
    boolean considers(final String host) {
        return !internal.test(host);
    }

    /** The indicator of a candidate host that few internal clients contact; none for a host not summarised yet. */
    @Override
    public Outcome<DestinationSummary, Indicator> decide(
            final String host, final DestinationSummary summary, final Candidate candidate) {
        if (summary == null
                || !considers(host)
                || !rare(summary.context(candidate.av().time(), retention))) {
            return Outcome.unchanged();
        }
        return Outcome.unchanged(List.of(indicator(candidate.av(), host, candidate.client())));
    }

    /** Whether a contact of the machine falls within the window around the detection. */
    boolean near(final AvSighting av, final Contact contact) {
        return av.clients().contains(contact.client())
                && !contact.first().isAfter(av.time().plus(window))
                && !contact.last().isBefore(av.time().minus(window));
    }

    /** The earliest contact time to read from the contacts: the window's start. */
    Instant from(final AvSighting av) {
        return av.time().minus(window);
    }

    Instant to(final AvSighting av) {
        return av.time().plus(window);
    }

    boolean rare(final DestinationContext destination) {
        return destination.rare(rareClients);
    }

    static boolean isOurs(final Indicator indicator) {
        return INDICATOR_SOURCE.equals(indicator.source());
    }

    static Indicator indicator(final AvSighting av, final String host, final String client) {
        final List<String> tags = new ArrayList<>(2);
        tags.add("av-correlation");
        if (av.threat() != null) {
            tags.add(av.threat());
        }
        return new Indicator(
                Hosts.isIpLiteral(host) ? Indicator.Kind.IP : Indicator.Kind.HOST,
                host,
                INDICATOR_SOURCE,
                av.alertId(),
                THREAT,
                tags,
                null,
                av.time(),
                client);
    }

    /**
     * @param account the client's account (the proxy user, or whoever used the address then), or null
     * @return the alert, or null for a request at or before the detection (the evidence itself, not a return)
     */
    static Alert alert(final ProxyEvent e, final String host, final Indicator indicator, final String account) {
        if (indicator.added() != null && !e.time().isAfter(indicator.added())) {
            return null;
        }
        final List<String> ips = new ArrayList<>(2);
        ips.add(e.clientIp());
        if (indicator.seenBy() != null && !indicator.seenBy().equals(e.clientIp())) {
            ips.add(indicator.seenBy());
        }
        return RULE.raiseInClockHour(
                        e.time(),
                        e.clientIp() + "|" + host,
                        e.clientIp() + (e.blocked() ? " tried to reach " : " reached ") + host + ", a rare destination"
                                + " of " + indicator.seenBy() + " around its antivirus detection at "
                                + indicator.added())
                .source("ip", e.clientIp())
                .user("name", account)
                .related("user", account == null ? List.of() : List.of(account))
                .related("ip", ips)
                .related("hosts", List.of(host))
                .observed("url", e.url())
                .observed("blocked", e.blocked())
                .observed("av_alert_id", indicator.reference())
                .observed("seen_by", indicator.seenBy())
                .observed(
                        "detected",
                        indicator.added() == null ? null : indicator.added().toString())
                .observed("indicator", ProxyAlerts.indicator(indicator))
                .build();
    }

    /**
     * A request to a destination the table lists as ours: the alert, in place of the intel match's. The decision's
     * key is the destination host, its state the table's entry the request matched ({@link IntelTable#entryFor}),
     * never changed here.
     */
    static final class Reached implements Decision<Indicator, ProxyEvent, Alert> {

        private final UserMapping mapping;
        private final AddressAccounts addresses;

        Reached(final UserMapping mapping, final AddressAccounts addresses) {
            this.mapping = mapping;
            this.addresses = addresses;
        }

        @Override
        public Outcome<Indicator, Alert> decide(final String host, final Indicator entry, final ProxyEvent request) {
            if (entry == null || !isOurs(entry)) {
                return Outcome.unchanged();
            }
            final Alert alert = alert(request, host, entry, accountOf(request));
            return alert == null ? Outcome.unchanged() : Outcome.unchanged(List.of(alert));
        }

        /** The account behind a request: its proxy user, else whoever used the client address then; null if unknown. */
        private String accountOf(final ProxyEvent e) {
            final String byUser = mapping.accountOfUser(e.user());
            if (byUser != null) {
                return byUser;
            }
            final List<String> accounts = addresses.accountsAt(e.clientIp(), e.time());
            return accounts.isEmpty() ? null : accounts.get(accounts.size() - 1);
        }
    }
}
