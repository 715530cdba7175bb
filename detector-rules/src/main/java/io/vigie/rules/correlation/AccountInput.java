package io.vigie.rules.correlation;

import io.vigie.core.model.AuthSession;
import java.time.Instant;

/**
 * What the compromised-account task reads, keyed by account: a VPN session event, or an alert that says the account
 * may be in someone else's hands.
 *
 * @param session     the VPN session event; null for an alert
 * @param alertId     the account alert's id; null for a session
 * @param alertRule   the account alert's rule
 * @param alertTime   the account alert's time
 */
record AccountInput(AuthSession session, String alertId, String alertRule, Instant alertTime) {

    static AccountInput of(final AuthSession session) {
        return new AccountInput(session, null, null, null);
    }

    static AccountInput alert(final String id, final String rule, final Instant time) {
        return new AccountInput(null, id, rule, time);
    }
}
