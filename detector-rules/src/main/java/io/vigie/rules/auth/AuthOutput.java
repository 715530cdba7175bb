package io.vigie.rules.auth;

import io.vigie.rules.alert.Alert;

/** What the network stage emits; split by type right after it, never written to a topic as such. */
sealed interface AuthOutput {

    /** A spraying or brute-force alert. */
    record Raised(Alert alert) implements AuthOutput {}

    /** A signal for the account stage: a login with its network's failures, or a failure that names its login. */
    record Passed(AuthSignal signal) implements AuthOutput {}
}
