package io.vigie.rules.auth;

import io.vigie.rules.alert.Alert;
import io.vigie.rules.alert.AlertLevel;
import io.vigie.rules.alert.AlertRule;
import io.vigie.rules.auth.SaslSprayingDetection.NetworkState;
import io.vigie.rules.config.AuthConfig;
import io.vigie.rules.detection.Decision;
import io.vigie.rules.detection.Outcome;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The spraying decision, without Kafka, over the failed SMTP AUTH logins of one source network (an IPv4 /24, an
 * IPv6 /64): within {@code mail.auth.window}, {@code spraying-accounts} distinct accounts tried (password spraying;
 * Postfix must log the login tried), or else {@code brute-force-failures} failures whatever the accounts (brute
 * force on one account, or any guessing when Postfix logs no login). One alert per attack: an attack ends when the
 * network stays quiet for a whole window. The same state tells the account stage what failed from a login's
 * network before it. Run by {@link SaslSprayingDetection} in the engine and by {@link SaslRulesInMemory} in memory.
 */
final class SaslSpraying implements Decision<NetworkState, AuthSignal, AuthOutput> {

    static final AlertRule RULE = new AlertRule(
            "vigie.mail.sasl-spraying",
            "Password spraying or brute force on SMTP AUTH",
            "One source network failed to log in to the mail server (SMTP AUTH) on many accounts, or many times: "
                    + "password spraying or brute force, which usually comes before an account is taken over.",
            AlertLevel.MEDIUM,
            List.of("authentication", "email"),
            "vigie.mail",
            List.of(
                    "Block the source network on the mail server's submission ports (firewall, fail2ban, "
                            + "CrowdSec).",
                    "Look for a successful login from that network (rule vigie.mail.account-takeover): reset the "
                            + "password of any account it reached and revoke the account's sessions.",
                    "Check that the accounts tried that exist have strong passwords; turn SMTP AUTH off for the "
                            + "accounts that do not need it.",
                    "Keep the logs as evidence; report the addresses to the CERT if the attack goes on."));

    static final String SPRAYING = "spraying";
    static final String BRUTE_FORCE = "brute-force";
    /** Accounts and addresses tracked per network: enough to count past any threshold and list the worst. */
    static final int MAX_TRACKED = 500;

    static final int MAX_LISTED = 20;
    private static final int MAX_CONTEXT_ADDRESSES = 10;
    private static final int MAX_NAMES = 10;

    private final AuthConfig config;
    private final long window;

    SaslSpraying(final AuthConfig config) {
        this.config = config;
        this.window = config.window().toMillis();
    }

    /**
     * A signal of a source network: a failure is counted, and passed on to the account stage when it names its login;
     * a login is passed on with what failed from its network before it.
     *
     * @param network the signal's source network
     * @param known   the network's recent failures, null when none
     */
    @Override
    public Outcome<NetworkState, AuthOutput> decide(
            final String network, final NetworkState known, final AuthSignal signal) {
        if (signal.type() != AuthSignal.Type.FAILURE) {
            return Outcome.unchanged(List.of(new AuthOutput.Passed(context(known, signal))));
        }
        final Outcome<NetworkState, Alert> counted = failure(known, signal);
        final List<AuthOutput> outputs = new ArrayList<>(2);
        counted.output().ifPresent(alert -> outputs.add(new AuthOutput.Raised(alert)));
        if (signal.account() != null) {
            outputs.add(new AuthOutput.Passed(signal));
        }
        return Outcome.put(counted.state(), outputs);
    }

    /** Counts a failed login of the signal's network; the alert when it makes the network's attack known. */
    private Outcome<NetworkState, Alert> failure(final NetworkState stored, final AuthSignal failure) {
        final long time = failure.time().toEpochMilli();
        NetworkState previous = stored;
        if (previous != null && time - previous.lastFailure() > window) {
            previous = null; // quiet for a whole window: a new attack
        }
        final TreeMap<Long, Long> byMinute =
                previous == null ? new TreeMap<>() : new TreeMap<>(previous.failuresByMinute());
        final Map<String, Tries> accounts = previous == null ? new HashMap<>() : new HashMap<>(previous.accounts());
        final Map<String, Tries> addresses = previous == null ? new HashMap<>() : new HashMap<>(previous.addresses());
        final TreeMap<String, Long> methods = previous == null ? new TreeMap<>() : new TreeMap<>(previous.methods());
        final TreeMap<String, Long> hosts = previous == null ? new TreeMap<>() : new TreeMap<>(previous.hosts());
        final long lastFailure = previous == null ? time : Math.max(previous.lastFailure(), time);
        final long start = previous == null ? time : Math.min(previous.attackStart(), time);
        // Two windows are kept: a login is judged on the window before it, and its message may come late.
        final long kept = lastFailure - 2 * window;
        Tries.addToMinute(byMinute, time, 1);
        byMinute.headMap(kept, true).clear();
        if (failure.account() != null) {
            accounts.merge(failure.account(), Tries.at(time), (known, one) -> known.plus(time));
        }
        addresses.merge(failure.clientIp(), Tries.at(time), (known, one) -> known.plus(time));
        accounts.values().removeIf(tries -> tries.last() <= kept);
        addresses.values().removeIf(tries -> tries.last() <= kept);
        Tries.keepLatest(accounts, MAX_TRACKED);
        Tries.keepLatest(addresses, MAX_TRACKED);
        countName(methods, failure.method());
        countName(hosts, failure.host());
        final boolean usernames = failure.account() != null || previous != null && previous.usernamesLogged();

        // Judged at the attack's latest failure, not this one's: lines of several partitions come in any order.
        final long failures = Tries.sumWithin(byMinute, lastFailure, window);
        final long accountsTried = accounts.values().stream()
                .filter(tries -> tries.last() > lastFailure - window)
                .count();
        final String signal = accountsTried >= config.sprayingAccounts()
                ? SPRAYING
                : failures >= config.bruteForceFailures() ? BRUTE_FORCE : null;
        boolean alerted = previous != null && previous.alerted();
        Alert alert = null;
        if (signal != null && !alerted) {
            alerted = true;
            alert = alert(
                    failure,
                    lastFailure,
                    signal,
                    failures,
                    accountsTried,
                    accounts,
                    addresses,
                    methods,
                    hosts,
                    usernames,
                    start);
        }
        return Outcome.put(
                new NetworkState(byMinute, accounts, addresses, methods, hosts, usernames, start, lastFailure, alerted),
                Optional.ofNullable(alert));
    }

    /** The login with what failed from its network within the window before it (unchanged when nothing did). */
    private AuthSignal context(final NetworkState known, final AuthSignal login) {
        if (known == null) {
            return login;
        }
        final long time = login.time().toEpochMilli();
        final long failures = Tries.sumWithin(known.failuresByMinute(), time, window);
        if (failures == 0) {
            return login;
        }
        final long since = time - window;
        final long accountsTried = known.accounts().values().stream()
                .filter(tries -> tries.last() > since && tries.first() <= time)
                .count();
        final Tries own = login.account() == null ? null : known.accounts().get(login.account());
        final long accountFailures = own != null && own.last() > since && own.first() <= time ? own.failures() : 0;
        final List<String> addresses = Tries.mostTried(known.addresses(), since, time, MAX_CONTEXT_ADDRESSES);
        long first = time;
        long last = since;
        for (final Tries tries : known.addresses().values()) {
            if (tries.last() > since && tries.first() <= time) {
                first = Math.min(first, Math.max(tries.first(), since));
                last = Math.max(last, Math.min(tries.last(), time));
            }
        }
        return login.withNetworkFailures(
                new AuthSignal.NetworkFailures(failures, accountsTried, accountFailures, addresses, first, last));
    }

    /** Whether a network's state can go: no failure for two windows, so nothing reads it any more. */
    static boolean expired(final NetworkState known, final long streamTime, final Duration window) {
        return known.lastFailure() < streamTime - 2 * window.toMillis();
    }

    private Alert alert(
            final AuthSignal failure,
            final long latest,
            final String signal,
            final long failures,
            final long accountsTried,
            final Map<String, Tries> accounts,
            final Map<String, Tries> addresses,
            final TreeMap<String, Long> methods,
            final TreeMap<String, Long> hosts,
            final boolean usernames,
            final long start) {
        final List<String> listedAccounts = Tries.mostTried(accounts, latest - window, latest, MAX_LISTED);
        final List<String> listedAddresses = Tries.mostTried(addresses, latest - window, latest, MAX_LISTED);
        final Instant lastSeen = Instant.ofEpochMilli(latest);
        final String network = failure.network();
        final String within = AuthAlerts.human(config.window());
        final String message;
        if (SPRAYING.equals(signal)) {
            message = "%s tried %d accounts in %d failed SMTP logins within %s"
                    .formatted(network, accountsTried, failures, within);
        } else if (!usernames) {
            message = "%s failed %d SMTP logins within %s (Postfix did not log the logins tried)"
                    .formatted(network, failures, within);
        } else {
            message = "%s failed %d SMTP logins within %s, on %s"
                    .formatted(
                            network,
                            failures,
                            within,
                            String.join(", ", listedAccounts.subList(0, Math.min(3, listedAccounts.size())))
                                    + (accountsTried > 3 ? " and %d more".formatted(accountsTried - 3) : ""));
        }
        final Instant attackStart = Instant.ofEpochMilli(start);
        final AlertRule.Builder builder = RULE.raiseInClockHour(lastSeen, network, message)
                .source("ip", listedAddresses.size() == 1 ? listedAddresses.get(0) : null)
                .related("ip", listedAddresses)
                .related("user", listedAccounts)
                .observed("signal", signal)
                .observed("network", network)
                .observed("failures", failures)
                .observed("accounts_tried", accountsTried);
        AuthAlerts.observedList(builder, "accounts", listedAccounts);
        AuthAlerts.observedList(builder, "addresses", listedAddresses);
        return builder.observed("usernames_logged", usernames)
                .observed("methods", List.copyOf(methods.keySet()))
                .observed("mail_hosts", List.copyOf(hosts.keySet()))
                .observed("first_seen", attackStart.toString())
                .observed("last_seen", lastSeen.toString())
                .observed("window_seconds", config.window().toSeconds())
                .observed(
                        "threshold", SPRAYING.equals(signal) ? config.sprayingAccounts() : config.bruteForceFailures())
                .build();
    }

    private static void countName(final TreeMap<String, Long> names, final String name) {
        if (name != null && (names.containsKey(name) || names.size() < MAX_NAMES)) {
            names.merge(name, 1L, Long::sum);
        }
    }
}
