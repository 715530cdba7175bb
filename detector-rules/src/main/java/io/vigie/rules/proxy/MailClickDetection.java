package io.vigie.rules.proxy;

import io.vigie.core.model.ProxyEvent;
import io.vigie.rules.alert.Alert;
import io.vigie.rules.alert.AlertLevel;
import io.vigie.rules.alert.AlertRule;
import io.vigie.rules.detection.Decision;
import io.vigie.rules.detection.Outcome;
import io.vigie.rules.entity.UserMapping;
import io.vigie.rules.store.JsonStores;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.StoreBuilder;

/**
 * Mail to click: a recipient of a suspicious mail (a quarantined campaign, a mail a user reported, a look-alike
 * sender) whose proxy user, or the account using its workstation's address, then reaches one of the mail's URL hosts,
 * at or after the delivery and within the lure retention.
 *
 * <p>State: {@value #STORE}, per host the {@link Lure}s naming it (at most {@value #MAX_LURES_PER_HOST}, those
 * delivered more than the lure retention before the stream time swept hourly) and the accounts already alerted for
 * each, so that a lure that arrives after the click (read from the contacts) and a click after the lure give the same
 * single alert. The destination task keeps the store ({@link KeptLures}, which also holds in memory the hosts that
 * have lures: a request to any other host, nearly all of them, costs one hash lookup, no store read).
 *
 * <p>Two decisions, keyed by the host and over its {@link HostLures}: {@link #onRequest} (a request to a host with
 * lures) and {@link #onLure} (a new lure, with the host's contacts); {@link #unexpired} is what the hourly sweep
 * keeps. All pure: who used an address comes from an {@link AddressAccounts} lookup.
 *
 * <p>The alert's id hangs on the account, the host and the UTC day of the first click after the delivery: the
 * contacts keep one entry per client, host and day, so a lure arriving late knows the day of that click for sure but
 * not always its minute (a client that reached the host before and after the delivery on the same day: its last
 * request of the day stands in, and no URL).
 */
final class MailClickDetection {

    static final String STORE = ProxyStores.LURES;
    static final int MAX_LURES_PER_HOST = 32;

    static final AlertRule RULE = new AlertRule(
            "vigie.correlation.mail-click",
            "Recipient of a suspicious mail reached its link",
            "A recipient of a quarantined campaign, a reported mail or a look-alike sender's mail reached one of "
                    + "the mail's URL hosts through the proxy after the mail was delivered.",
            AlertLevel.HIGH,
            List.of("network", "email"),
            "vigie.correlation",
            List.of(
                    "Call the user: did they type a password or open a file on that page?",
                    "If credentials may have been typed: reset the password, revoke the sessions and check the "
                            + "mailbox rules and the sign-ins since the click.",
                    "If a file came down: isolate the workstation from the network, keeping it powered on, and have "
                            + "it scanned.",
                    "Block the host at the proxy and look for the other recipients who reached it (retro-hunt)."));

    /** A lure kept for a host, and the accounts it has already raised an alert for. */
    record Kept(Lure lure, List<String> alerted) {
        Kept {
            alerted = alerted == null ? List.of() : List.copyOf(alerted);
        }
    }

    /** The value of {@value #STORE}: a host's lures, oldest delivery first. */
    record HostLures(List<Kept> lures) {
        HostLures {
            lures = lures == null ? List.of() : List.copyOf(lures);
        }
    }

    /** The first click of an account on a host after a delivery, as the request or the contacts tell it. */
    record Click(String account, String client, Instant time, String url, String proxyUser, String identifiedBy) {}

    /**
     * A new lure, with what the destination task knows of the host's traffic.
     *
     * @param lure     the lure
     * @param contacts the host's contacts, any client and day of the retention
     */
    record NewLure(Lure lure, Collection<Contact> contacts) {}

    private final Duration retention;
    private final UserMapping mapping;
    private final AddressAccounts addresses;
    private final Decision<HostLures, ProxyEvent, Alert> requests = this::onRequest;
    private final Decision<HostLures, NewLure, Alert> lures = this::onLure;

    MailClickDetection(final Duration retention, final UserMapping mapping, final AddressAccounts addresses) {
        this.retention = retention;
        this.mapping = mapping;
        this.addresses = addresses;
    }

    static StoreBuilder<KeyValueStore<String, HostLures>> storeBuilder() {
        return JsonStores.keyValue(STORE, HostLures.class);
    }

    /** The decision on a request to a host with lures. */
    Decision<HostLures, ProxyEvent, Alert> requests() {
        return requests;
    }

    /** The decision on a new lure for a host. */
    Decision<HostLures, NewLure, Alert> lures() {
        return lures;
    }

    /**
     * A request to a host with lures: an alert per lure whose recipient it is, the first time only. The lures are
     * written again only when an alert was raised (it is remembered).
     */
    Outcome<HostLures, Alert> onRequest(final String host, final HostLures known, final ProxyEvent e) {
        if (known == null) {
            return Outcome.unchanged();
        }
        List<Click> clicks = null;
        final List<Alert> alerts = new ArrayList<>();
        final List<Kept> after = new ArrayList<>(known.lures().size());
        for (final Kept kept : known.lures()) {
            final Lure lure = kept.lure();
            if (!within(lure, e.time())) {
                after.add(kept);
                continue;
            }
            if (clicks == null) {
                clicks = clicksOf(e);
            }
            List<String> alerted = kept.alerted();
            for (final Click click : clicks) {
                if (lure.accounts().contains(click.account()) && !alerted.contains(click.account())) {
                    alerts.add(alert(lure, click));
                    alerted = plus(alerted, click.account());
                }
            }
            after.add(alerted == kept.alerted() ? kept : new Kept(lure, alerted));
        }
        return alerts.isEmpty() ? Outcome.unchanged() : Outcome.put(new HostLures(after), alerts);
    }

    /**
     * A new lure: kept (the host's {@value #MAX_LURES_PER_HOST} latest deliveries), and checked against the host's
     * contacts already kept.
     */
    Outcome<HostLures, Alert> onLure(final String host, final HostLures known, final NewLure input) {
        final Lure lure = input.lure();
        final List<Kept> lures = new ArrayList<>(known == null ? List.of() : known.lures());
        Kept kept = new Kept(lure, List.of());
        for (int i = 0; i < lures.size(); i++) {
            if (lures.get(i).lure().alertId().equals(lure.alertId())) {
                // The same mail alert again (a replay, a throttled alert's repeat): what it raised stays raised.
                kept = new Kept(lure, lures.remove(i).alerted());
                break;
            }
        }
        final Map<String, Click> firstClicks = firstClicks(lure, input.contacts());
        final List<Alert> alerts = new ArrayList<>();
        List<String> alerted = kept.alerted();
        for (final Click click : firstClicks.values()) {
            if (!alerted.contains(click.account())) {
                alerts.add(alert(lure, click));
                alerted = plus(alerted, click.account());
            }
        }
        lures.add(new Kept(lure, alerted));
        lures.sort(Comparator.comparing((Kept k) -> k.lure().delivered())
                .thenComparing(k -> k.lure().alertId()));
        while (lures.size() > MAX_LURES_PER_HOST) {
            lures.remove(0);
        }
        return Outcome.put(new HostLures(lures), alerts);
    }

    /**
     * What the sweep keeps of a host's lures at a stream time: those delivered within the retention before it.
     *
     * @return {@code known} itself when none expired, null when none is left
     */
    HostLures unexpired(final HostLures known, final Instant now) {
        final List<Kept> live = known.lures().stream()
                .filter(k -> !k.lure().delivered().plus(retention).isBefore(now))
                .toList();
        if (live.size() == known.lures().size()) {
            return known;
        }
        return live.isEmpty() ? null : new HostLures(live);
    }

    private boolean within(final Lure lure, final Instant time) {
        return !time.isBefore(lure.delivered())
                && !time.isAfter(lure.delivered().plus(retention));
    }

    /** Who made the request: its proxy user as an account, else whoever used the client address then. */
    private List<Click> clicksOf(final ProxyEvent e) {
        final String byUser = mapping.accountOfUser(e.user());
        if (byUser != null) {
            return List.of(new Click(byUser, e.clientIp(), e.time(), e.url(), e.user(), "proxy-user"));
        }
        return addresses.accountsAt(e.clientIp(), e.time()).stream()
                .map(a -> new Click(a, e.clientIp(), e.time(), e.url(), null, "identity"))
                .toList();
    }

    /**
     * Per recipient, its first click after the delivery among the contacts: the earliest day with a request at or
     * after the delivery; that day's first request if it was after the delivery, else its last.
     */
    private Map<String, Click> firstClicks(final Lure lure, final Collection<Contact> contacts) {
        final List<Contact> byTime = new ArrayList<>(contacts);
        byTime.sort(Comparator.comparing((Contact c) -> c.first()).thenComparing(c -> c.client()));
        final Map<String, Click> first = new TreeMap<>();
        for (final Contact c : byTime) {
            if (c.last().isBefore(lure.delivered())) {
                continue;
            }
            final Instant time = c.first().isBefore(lure.delivered()) ? c.last() : c.first();
            if (!within(lure, time)) {
                continue;
            }
            for (final Click click : clicksOf(c, time)) {
                if (lure.accounts().contains(click.account())) {
                    first.merge(click.account(), click, (a, b) -> b.time().isBefore(a.time()) ? b : a);
                }
            }
        }
        return first;
    }

    /** The accounts behind one contact: its proxy users, else whoever used the client address at that time. */
    private List<Click> clicksOf(final Contact c, final Instant time) {
        final Set<String> accounts = new TreeSet<>();
        String proxyUser = null;
        for (final String user : c.users()) {
            final String account = mapping.accountOfUser(user);
            if (account != null) {
                accounts.add(account);
                proxyUser = proxyUser == null ? user : proxyUser;
            }
        }
        if (!accounts.isEmpty()) {
            final String shown = proxyUser;
            return accounts.stream()
                    .map(a -> new Click(a, c.client(), time, null, shown, "proxy-user"))
                    .toList();
        }
        return addresses.accountsAt(c.client(), time).stream()
                .map(a -> new Click(a, c.client(), time, null, null, "identity"))
                .toList();
    }

    private static List<String> plus(final List<String> values, final String value) {
        final List<String> out = new ArrayList<>(values);
        out.add(value);
        return out;
    }

    static Alert alert(final Lure lure, final Click click) {
        final Instant day = click.time().truncatedTo(ChronoUnit.DAYS);
        return RULE.raise(
                        click.time(),
                        click.account() + "|" + lure.host(),
                        day,
                        click.account() + " (" + click.client() + ") reached " + lure.host() + " at " + click.time()
                                + ", after a mail delivered at " + lure.delivered() + " (" + lure.rule() + ")")
                .source("ip", click.client())
                .user("name", click.account())
                .related("user", List.of(click.account()))
                .related("ip", List.of(click.client()))
                .related("hosts", List.of(lure.host()))
                .observed("mail_alert_id", lure.alertId())
                .observed("mail_rule", lure.rule())
                .observed("delivered", lure.delivered().toString())
                .observed("clicked", click.time().toString())
                .observed("url", click.url())
                .observed("proxy_user", click.proxyUser())
                .observed("identified_by", click.identifiedBy())
                .build();
    }
}
