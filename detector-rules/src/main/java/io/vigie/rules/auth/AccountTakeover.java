package io.vigie.rules.auth;

import io.vigie.core.net.InternalNetworks;
import io.vigie.rules.alert.Alert;
import io.vigie.rules.alert.AlertLevel;
import io.vigie.rules.alert.AlertRule;
import io.vigie.rules.auth.AccountTakeoverDetection.AccountState;
import io.vigie.rules.auth.AccountTakeoverDetection.KnownNetwork;
import io.vigie.rules.config.AuthConfig;
import io.vigie.rules.detection.Decision;
import io.vigie.rules.detection.Outcome;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/**
 * The takeover decision, without Kafka, over the SMTP AUTH history of one account. A successful login (seen on the
 * message it sent) is a likely takeover when, within {@code mail.auth.window} before it:
 * <ul>
 *   <li>the account had {@code takeover-failures} failed logins (from anywhere; needs a Postfix that logs the login
 *       tried): {@code failures-before-login};</li>
 *   <li>or its source network had that many failed logins, on any accounts: {@code failing-network} (not for the
 *       organisation's own networks, where many users share an address);</li>
 *   <li>or it comes from a network the account never used, outside the organisation, and the account sends mail to
 *       the outside from there: {@code new-network}. The networks an account uses are learned silently for
 *       {@code learning-period} after its first login seen; a network stays new for one window after its first
 *       login, and is forgotten after {@code known-network-retention} without a login from it.</li>
 * </ul>
 * The alert names the account, the addresses, the failures and the account's outbound volume in the last hour;
 * once per account and clock hour. Run by {@link AccountTakeoverDetection} in the engine and by
 * {@link SaslRulesInMemory} in memory.
 */
final class AccountTakeover implements Decision<AccountState, AuthSignal, Alert> {

    static final AlertRule RULE = new AlertRule(
            "vigie.mail.account-takeover",
            "Mail account probably taken over",
            "A successful SMTP AUTH login after failed logins on the account or from its network, or from a network "
                    + "the account never used that then sent mail to the outside: someone else probably knows the "
                    + "account's password.",
            AlertLevel.HIGH,
            List.of("authentication", "email"),
            "vigie.mail",
            List.of(
                    "Reset the account's password now and revoke its sessions (webmail, ActiveSync, OAuth tokens).",
                    "Hold or purge its queued outbound mail ('postsuper -h' / 'postsuper -d') and look at its "
                            + "outbound volume (rule vigie.mail.outbound-volume-spike, /api/top by sender).",
                    "Check its mailbox rules (forwarding, deletion) and what it sent since the login.",
                    "Block the login's address; check whether the hospital's sending IPs were blocklisted.",
                    "Ask the user whether the login was theirs (travel, a new phone) before closing the alert."));

    static final String FAILURES_BEFORE_LOGIN = "failures-before-login";
    static final String FAILING_NETWORK = "failing-network";
    static final String NEW_NETWORK = "new-network";
    private static final long HOUR = 3_600_000L;
    private static final int MAX_NETWORKS = 50;
    private static final int MAX_ADDRESSES = 100;
    private static final int MAX_SENDERS = 20;
    private static final int MAX_LISTED = 20;
    private static final int MAX_LISTED_NETWORKS = 10;

    private final AuthConfig config;
    private final InternalNetworks internal;
    private final long window;

    AccountTakeover(final AuthConfig config, final InternalNetworks internal) {
        this.config = config;
        this.internal = internal;
        this.window = config.window().toMillis();
    }

    /**
     * A signal of an account: a failure that named it is noted; a login is noted, and alerted on when it looks like a
     * takeover.
     *
     * @param account the signal's account (lower case)
     * @param known   its history, null when none
     */
    @Override
    public Outcome<AccountState, Alert> decide(
            final String account, final AccountState known, final AuthSignal signal) {
        if (signal.type() == AuthSignal.Type.FAILURE) {
            return Outcome.put(failure(known, signal), List.of());
        }
        return login(known, signal);
    }

    private AccountState failure(final AccountState known, final AuthSignal failure) {
        final long time = failure.time().toEpochMilli();
        final Mutable account = new Mutable(current(known, time), time);
        Tries.addToMinute(account.failures, time, 1);
        account.addresses.merge(failure.clientIp(), Tries.at(time), (previous, one) -> previous.plus(time));
        Tries.keepLatest(account.addresses, MAX_ADDRESSES);
        return account.state();
    }

    private Outcome<AccountState, Alert> login(final AccountState known, final AuthSignal login) {
        final long time = login.time().toEpochMilli();
        final Mutable account = new Mutable(current(known, time), time);
        account.firstLogin = account.firstLogin == null ? time : Math.min(account.firstLogin, time);
        final KnownNetwork before = account.networks.get(login.network());
        final KnownNetwork network = before == null
                ? new KnownNetwork(time, time, 1)
                : new KnownNetwork(
                        Math.min(before.firstSeen(), time), Math.max(before.lastSeen(), time), before.logins() + 1);
        account.networks.put(login.network(), network);
        if (account.networks.size() > MAX_NETWORKS) {
            account.networks.entrySet().stream()
                    .filter(e -> !e.getKey().equals(login.network()))
                    .min(Comparator.comparingLong((Map.Entry<String, KnownNetwork> e) ->
                                    e.getValue().lastSeen())
                            .thenComparing(Map.Entry::getKey))
                    .ifPresent(oldest -> account.networks.remove(oldest.getKey()));
        }
        if (login.outbound()) {
            Tries.addToMinute(account.outboundMessages, time, 1);
            Tries.addToMinute(account.outboundRecipients, time, login.outboundRecipients());
            if (login.sender() != null && !login.sender().isEmpty()) {
                account.senders.merge(login.sender(), time, Math::max);
                if (account.senders.size() > MAX_SENDERS) {
                    account.senders.entrySet().stream()
                            .min(Map.Entry.comparingByValue())
                            .ifPresent(oldest -> account.senders.remove(oldest.getKey()));
                }
            }
        }

        final boolean organisation = internal.contains(login.clientIp());
        final long accountFailures = Tries.sumWithin(account.failures, time, window);
        final AuthSignal.NetworkFailures fromNetwork = organisation ? null : login.networkFailures();
        final long networkFailures = fromNetwork == null ? 0 : fromNetwork.failures();
        final List<String> reasons = new ArrayList<>(3);
        if (accountFailures >= config.takeoverFailures()) {
            reasons.add(FAILURES_BEFORE_LOGIN);
        }
        if (networkFailures >= config.takeoverFailures()) {
            reasons.add(FAILING_NETWORK);
        }
        final long learnedUntil = account.firstLogin + config.learningPeriod().toMillis();
        if (!organisation
                && login.outbound()
                && network.firstSeen() >= learnedUntil
                && time - network.firstSeen() <= window) {
            reasons.add(NEW_NETWORK);
        }
        final long hour = Math.floorDiv(time, HOUR) * HOUR;
        Alert alert = null;
        if (!reasons.isEmpty() && account.alertedHour != hour) {
            account.alertedHour = hour;
            alert = alert(login, account, network, reasons, accountFailures, fromNetwork, hour);
        }
        return Outcome.put(account.state(), Optional.ofNullable(alert));
    }

    /**
     * Whether an account's state can go: only for logins that never succeeded (a sprayer's guesses), once their
     * failures are two windows old. An account that logged in is kept, so a dormant account does not learn again.
     */
    static boolean expired(final AccountState account, final long streamTime, final AuthConfig config) {
        return account.firstLogin() == null
                && account.lastActivity() < streamTime - 2 * config.window().toMillis();
    }

    private AccountState current(final AccountState known, final long time) {
        return known == null || expired(known, time, config) ? null : known;
    }

    private Alert alert(
            final AuthSignal login,
            final Mutable account,
            final KnownNetwork network,
            final List<String> reasons,
            final long accountFailures,
            final AuthSignal.NetworkFailures fromNetwork,
            final long hour) {
        final long time = login.time().toEpochMilli();
        final long since = time - window;
        final Set<String> failing = new LinkedHashSet<>(Tries.mostTried(account.addresses, since, time, MAX_LISTED));
        long firstFailure = Long.MAX_VALUE;
        long lastFailure = Long.MIN_VALUE;
        for (final Tries tries : account.addresses.values()) {
            if (tries.last() > since && tries.first() <= time) {
                firstFailure = Math.min(firstFailure, Math.max(tries.first(), since));
                lastFailure = Math.max(lastFailure, Math.min(tries.last(), time));
            }
        }
        if (fromNetwork != null && reasons.contains(FAILING_NETWORK)) {
            fromNetwork.addresses().forEach(failing::add);
            firstFailure = Math.min(firstFailure, fromNetwork.firstFailure());
            lastFailure = Math.max(lastFailure, fromNetwork.lastFailure());
        }
        final List<String> failingAddresses = failing.stream().limit(MAX_LISTED).toList();
        final long outboundMessages = Tries.sumWithin(account.outboundMessages, time, HOUR);
        final long outboundRecipients = Tries.sumWithin(account.outboundRecipients, time, HOUR);
        final List<String> senders = account.senders.entrySet().stream()
                .filter(e -> e.getValue() > time - HOUR)
                .map(Map.Entry::getKey)
                .sorted()
                .toList();
        final List<String> otherNetworks = account.networks.entrySet().stream()
                .filter(e -> !e.getKey().equals(login.network()))
                .sorted(Comparator.comparingLong((Map.Entry<String, KnownNetwork> e) ->
                                -e.getValue().lastSeen())
                        .thenComparing(Map.Entry::getKey))
                .limit(MAX_LISTED_NETWORKS)
                .map(Map.Entry::getKey)
                .toList();
        final long networkFailures = fromNetwork == null ? 0 : fromNetwork.failures();

        final List<String> why = new ArrayList<>(2);
        final String within = AuthAlerts.human(config.window());
        if (reasons.contains(FAILURES_BEFORE_LOGIN) && reasons.contains(FAILING_NETWORK)) {
            why.add("after %d failed logins on the account and %d from its network within %s"
                    .formatted(accountFailures, networkFailures, within));
        } else if (reasons.contains(FAILURES_BEFORE_LOGIN)) {
            why.add("after %d failed logins on the account within %s".formatted(accountFailures, within));
        } else if (reasons.contains(FAILING_NETWORK)) {
            why.add("after %d failed logins from its network within %s".formatted(networkFailures, within));
        }
        if (reasons.contains(NEW_NETWORK)) {
            why.add("from a network it had never used");
        }
        final String message = "%s logged in from %s (%s) %s; %s to %s in the last hour"
                .formatted(
                        login.account(),
                        login.clientIp(),
                        login.network(),
                        String.join(", ", why),
                        AuthAlerts.count(outboundMessages, "outbound message"),
                        AuthAlerts.count(outboundRecipients, "external recipient"));

        final List<String> users = new ArrayList<>();
        users.add(login.account());
        senders.stream()
                .filter(sender -> !sender.equalsIgnoreCase(login.account()))
                .forEach(users::add);
        final List<String> ips = new ArrayList<>();
        ips.add(login.clientIp());
        failingAddresses.stream().filter(ip -> !ip.equals(login.clientIp())).forEach(ips::add);
        final AlertRule.Builder builder = RULE.raise(login.time(), login.account(), Instant.ofEpochMilli(hour), message)
                .email("from", senders.isEmpty() ? null : Map.of("address", senders))
                .source("ip", login.clientIp())
                .user("name", login.account())
                .user("email", login.account().indexOf('@') > 0 ? login.account() : null)
                .related("user", users)
                .related("ip", ips)
                .observed("reasons", List.copyOf(reasons))
                .observed("network", login.network())
                .observed("client_host", login.clientHost())
                .observed(
                        "first_seen", Instant.ofEpochMilli(network.firstSeen()).toString())
                .observed("account_failures", accountFailures)
                .observed("network_failures", networkFailures);
        AuthAlerts.observedList(builder, "failing_addresses", failingAddresses);
        if (firstFailure <= lastFailure) {
            builder.observed("first_failure", Instant.ofEpochMilli(firstFailure).toString())
                    .observed("last_failure", Instant.ofEpochMilli(lastFailure).toString());
        }
        AuthAlerts.observedList(builder, "known_networks", otherNetworks);
        return builder.observed("outbound_messages_last_hour", outboundMessages)
                .observed("outbound_recipients_last_hour", outboundRecipients)
                .observed("host", login.host())
                .observed("queue_id", login.queueId())
                .observed("window_seconds", config.window().toSeconds())
                .observed("threshold", config.takeoverFailures())
                .build();
    }

    /** An account's state while one signal is applied, trimmed to what can still matter at {@code now}. */
    private final class Mutable {
        Long firstLogin;
        final Map<String, KnownNetwork> networks;
        final TreeMap<Long, Long> failures;
        final Map<String, Tries> addresses;
        final TreeMap<Long, Long> outboundMessages;
        final TreeMap<Long, Long> outboundRecipients;
        final Map<String, Long> senders;
        final long lastActivity;
        long alertedHour;

        Mutable(final AccountState known, final long time) {
            firstLogin = known == null ? null : known.firstLogin();
            networks = known == null ? new HashMap<>() : new HashMap<>(known.networks());
            failures = known == null ? new TreeMap<>() : new TreeMap<>(known.failuresByMinute());
            addresses = known == null ? new HashMap<>() : new HashMap<>(known.failingAddresses());
            outboundMessages = known == null ? new TreeMap<>() : new TreeMap<>(known.outboundMessagesByMinute());
            outboundRecipients = known == null ? new TreeMap<>() : new TreeMap<>(known.outboundRecipientsByMinute());
            senders = known == null ? new HashMap<>() : new HashMap<>(known.senders());
            lastActivity = known == null ? time : Math.max(known.lastActivity(), time);
            alertedHour = known == null ? Long.MIN_VALUE : known.alertedHour();
            // Two windows of failures (a login's message may come late), two hours of outbound volume.
            final long keptFailures = lastActivity - 2 * window;
            failures.headMap(keptFailures, true).clear();
            addresses.values().removeIf(tries -> tries.last() <= keptFailures);
            outboundMessages.headMap(lastActivity - 2 * HOUR, true).clear();
            outboundRecipients.headMap(lastActivity - 2 * HOUR, true).clear();
            senders.values().removeIf(at -> at <= lastActivity - 2 * HOUR);
            networks.values()
                    .removeIf(n -> n.lastSeen()
                            <= lastActivity - config.knownNetworkRetention().toMillis());
        }

        AccountState state() {
            return new AccountState(
                    firstLogin,
                    networks,
                    failures,
                    addresses,
                    outboundMessages,
                    outboundRecipients,
                    senders,
                    lastActivity,
                    alertedHour);
        }
    }
}
