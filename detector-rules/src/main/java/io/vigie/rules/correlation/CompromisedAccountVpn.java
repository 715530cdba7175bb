package io.vigie.rules.correlation;

import io.vigie.core.model.AuthSession;
import io.vigie.rules.alert.Alert;
import io.vigie.rules.alert.AlertLevel;
import io.vigie.rules.alert.AlertRule;
import io.vigie.rules.alert.ObservedObject;
import io.vigie.rules.detection.Decision;
import io.vigie.rules.detection.Outcome;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * "VPN sessions of a compromised account": a VPN session of an account that an account-takeover or outbound-spike
 * alert flagged, started within {@code window} before or after that alert. One alert per session, whatever came first:
 * the session or the alert (a restart or a replay reads them in another order), its id made of the account and the
 * session's start, so two runs give the same ids. The alert lists the machines the account logged on to around the
 * flag, as the identities know them.
 *
 * <p>The decision's key is the account, its state the account's {@link AccountHistory}: the input is added to it
 * (pruned to twice the window before the input's arrival, so that a flag and a session within the window of each
 * other always meet) and the alerts it completes are raised. Pure: the machines come from a {@link Workstations}
 * lookup, the clock is the input's.
 */
final class CompromisedAccountVpn implements Decision<AccountHistory, CompromisedAccountVpn.Arrived, Alert> {

    /**
     * A session event or an account alert, and when its record arrived (its timestamp, which the parsing step
     * bounded): what the history is pruned against.
     */
    record Arrived(AccountInput input, Instant at) {}

    static final AlertRule RULE = new AlertRule(
            "vigie.correlation.compromised-account-vpn",
            "VPN session of a possibly compromised account",
            "An account flagged as possibly in someone else's hands (account takeover, outbound mail spike) had a VPN "
                    + "session around that time: the attacker may be inside the network with it.",
            AlertLevel.HIGH,
            List.of("authentication", "intrusion_detection"),
            "vigie.correlation",
            List.of(
                    "Disable the account's VPN access now and cut its open sessions on the gateway.",
                    "Check the session's source address (country, provider) against the user's usual ones.",
                    "Look at what the session's assigned address reached (proxy, firewall) while it was open.",
                    "Reset the account's password and revoke its tokens; follow the incident's checklist."));

    /** Alerts that say an account may be in someone else's hands. */
    static final List<String> ACCOUNT_RULES =
            List.of("vigie.mail.account-takeover", "vigie.mail.outbound-volume-spike");

    private final Duration window;
    private final Workstations workstations;

    /** A rule that knows no machines: for {@link #onSession} and {@link #onAlert}, given theirs. */
    CompromisedAccountVpn(final Duration window) {
        this(window, Workstations.UNKNOWN);
    }

    /** @param workstations the machines an account logged on to, for the alerts; {@link Workstations#UNKNOWN} */
    CompromisedAccountVpn(final Duration window, final Workstations workstations) {
        this.window = window;
        this.workstations = workstations;
    }

    @Override
    public Outcome<AccountHistory, Alert> decide(
            final String account, final AccountHistory known, final Arrived arrived) {
        final AccountInput in = arrived.input();
        final AccountHistory before = known == null ? AccountHistory.empty() : known;
        // Kept for twice the window: a flag and a session within the window of each other always meet.
        final Instant oldestKept = arrived.at().minus(window.multipliedBy(2));
        if (in.session() != null) {
            if (!counts(in.session())) {
                return Outcome.unchanged();
            }
            final AccountHistory after = before.with(in.session(), oldestKept);
            return Outcome.put(after, onSession(account, in.session(), after, workstations));
        }
        final AccountHistory.FlaggedBy flag =
                new AccountHistory.FlaggedBy(in.alertId(), in.alertRule(), in.alertTime());
        final AccountHistory after = before.with(flag, oldestKept);
        return Outcome.put(after, onAlert(account, flag, after, workstations));
    }

    static Instant startOf(final AuthSession s) {
        return s.start() != null ? s.start() : s.time();
    }

    /** A session event that counts: a start, or a whole session (an end says nothing new about who came in). */
    static boolean counts(final AuthSession s) {
        return s.kind() != AuthSession.Kind.END;
    }

    /** The machines an account logged on to in a period: the identities' timelines, or none. */
    @FunctionalInterface
    interface Workstations {
        Workstations UNKNOWN = (account, from, to) -> List.of();

        List<String> of(String account, Instant from, Instant to);
    }

    /** The alerts a new session raises: one, when an alert flagged the account within the window. */
    List<Alert> onSession(
            final String account,
            final AuthSession session,
            final AccountHistory history,
            final Workstations workstations) {
        return flagging(history, startOf(session))
                .map(flag -> List.of(alert(account, session, flag, workstations)))
                .orElse(List.of());
    }

    /** The alerts a new account alert raises: one per session of the account within the window. */
    List<Alert> onAlert(
            final String account,
            final AccountHistory.FlaggedBy flag,
            final AccountHistory history,
            final Workstations workstations) {
        final List<Alert> alerts = new ArrayList<>();
        for (final AuthSession s : history.sessions()) {
            // Raised by the earliest flag in its window: what the session's alert says is the same in any order.
            final Optional<AccountHistory.FlaggedBy> first = flagging(history, startOf(s));
            if (first.isPresent() && first.get().alertId().equals(flag.alertId())) {
                alerts.add(alert(account, s, flag, workstations));
            }
        }
        return alerts;
    }

    private Optional<AccountHistory.FlaggedBy> flagging(final AccountHistory history, final Instant start) {
        return history.alerts().stream()
                .filter(a -> !start.isBefore(a.time().minus(window))
                        && !start.isAfter(a.time().plus(window)))
                .findFirst();
    }

    private Alert alert(
            final String account,
            final AuthSession s,
            final AccountHistory.FlaggedBy flag,
            final Workstations workstations) {
        final Instant start = startOf(s);
        // The machines the account logged on to around the flag: their accounts' passwords and stored credentials
        // are the checklist's next steps. Looked up when the alert is raised, so what the identities knew then.
        final List<String> machines =
                workstations.of(account, flag.time().minus(window), flag.time().plus(window));
        final List<String> ips = new ArrayList<>();
        if (s.sourceIp() != null) {
            ips.add(s.sourceIp());
        }
        if (s.assignedIp() != null) {
            ips.add(s.assignedIp());
        }
        return RULE.raise(
                        start,
                        account,
                        start,
                        "VPN session of " + account + " from "
                                + (s.sourceIp() == null ? "an unknown address" : s.sourceIp()) + " at " + start + ", "
                                + (start.isBefore(flag.time()) ? "before" : "after") + " the " + flag.rule() + " alert")
                .source("ip", s.sourceIp())
                .user("name", account)
                .related("user", List.of(account))
                .related("ip", ips)
                .observed(
                        "session",
                        ObservedObject.of()
                                .put("start", start.toString())
                                .put("end", s.end() == null ? null : s.end().toString())
                                .put("source_ip", s.sourceIp())
                                .put("assigned_ip", s.assignedIp())
                                .put("gateway", s.gateway())
                                .put("vpn", s.source())
                                .fields())
                .observed(
                        "flagged_by",
                        ObservedObject.of()
                                .put("alert_id", flag.alertId())
                                .put("rule", flag.rule())
                                .put("time", flag.time().toString())
                                .fields())
                .observed("workstations", machines.isEmpty() ? null : machines)
                .build();
    }
}
