package io.vigie.rules.correlation;

import io.vigie.core.model.AuthSession;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * One account's recent VPN session starts and the alerts that flagged it, bounded and pruned by event time: the
 * state of {@link CompromisedAccountVpn}.
 *
 * @param sessions the sessions that started (or were logged whole), oldest first
 * @param alerts   the account alerts, oldest first
 */
record AccountHistory(List<AuthSession> sessions, List<FlaggedBy> alerts) {

    static final int MAX_SESSIONS = 200;
    static final int MAX_ALERTS = 50;

    /** An alert that flagged the account. */
    record FlaggedBy(String alertId, String rule, Instant time) {}

    AccountHistory {
        sessions = sessions == null ? List.of() : List.copyOf(sessions);
        alerts = alerts == null ? List.of() : List.copyOf(alerts);
    }

    static AccountHistory empty() {
        return new AccountHistory(List.of(), List.of());
    }

    AccountHistory with(final AuthSession session, final Instant oldestKept) {
        final List<AuthSession> all = new ArrayList<>(sessions);
        all.add(session);
        all.sort(Comparator.comparing(CompromisedAccountVpn::startOf));
        all.removeIf(s -> CompromisedAccountVpn.startOf(s).isBefore(oldestKept));
        return new AccountHistory(all.subList(Math.max(0, all.size() - MAX_SESSIONS), all.size()), alerts);
    }

    AccountHistory with(final FlaggedBy alert, final Instant oldestKept) {
        final List<FlaggedBy> all = new ArrayList<>(alerts);
        if (all.stream().noneMatch(a -> a.alertId().equals(alert.alertId()))) {
            all.add(alert);
        }
        all.sort(Comparator.comparing(FlaggedBy::time).thenComparing(FlaggedBy::alertId));
        all.removeIf(a -> a.time().isBefore(oldestKept));
        return new AccountHistory(sessions, all.subList(Math.max(0, all.size() - MAX_ALERTS), all.size()));
    }
}
