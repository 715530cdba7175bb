package io.vigie.rules.correlation;

import static org.assertj.core.api.Assertions.assertThat;

import io.vigie.core.model.AuthSession;
import io.vigie.rules.alert.Alert;
import io.vigie.rules.detection.Outcome;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The compromised-account decision alone: an account's history and a session or an account alert in. */
class CompromisedAccountDecisionTest {

    private static final String ACCOUNT = "alice";
    private static final Instant T = Instant.parse("2026-12-01T09:16:05Z");
    private static final Duration WINDOW = Duration.ofDays(7);
    private static final CompromisedAccountVpn RULE = new CompromisedAccountVpn(
            WINDOW, (account, from, to) -> ACCOUNT.equals(account) ? List.of("pc-0042") : List.of());

    @Test
    void shouldRaiseForASessionWithinTheWindowAfterTheAccountAlert() {
        final AccountHistory flagged =
                RULE.decide(ACCOUNT, null, flag("takeover-1", T)).state();

        final Outcome<AccountHistory, Alert> outcome =
                RULE.decide(ACCOUNT, flagged, session(AuthSession.Kind.START, T.plus(Duration.ofDays(2))));

        assertThat(outcome.change()).isEqualTo(Outcome.StateChange.PUT);
        assertThat(outcome.state().sessions()).hasSize(1);
        final Alert alert = outcome.output().orElseThrow();
        assertThat(alert.ruleId()).isEqualTo(CompromisedAccountVpn.RULE.id());
        assertThat(alert.entity()).isEqualTo(ACCOUNT);
        assertThat(alert.timestamp()).isEqualTo(T.plus(Duration.ofDays(2)));
        assertThat(alert.vigie().observed()).containsEntry("workstations", List.of("pc-0042"));
    }

    @Test
    void shouldRaiseOncePerKnownSessionWhenTheAccountAlertComesLast() {
        AccountHistory history = null;
        for (int day = 1; day <= 2; day++) {
            final Outcome<AccountHistory, Alert> outcome =
                    RULE.decide(ACCOUNT, history, session(AuthSession.Kind.START, T.minus(Duration.ofDays(day))));
            assertThat(outcome.outputs()).isEmpty();
            history = outcome.state();
        }

        final Outcome<AccountHistory, Alert> flagged = RULE.decide(ACCOUNT, history, flag("takeover-1", T));

        assertThat(flagged.outputs())
                .extracting(Alert::timestamp)
                .containsExactly(T.minus(Duration.ofDays(2)), T.minus(Duration.ofDays(1)));
        assertThat(RULE.decide(ACCOUNT, flagged.state(), flag("takeover-1", T)).outputs())
                .as("the same alert read again (a replay) raises the same alerts, with the same ids")
                .extracting(a -> a.event().id())
                .containsExactlyElementsOf(
                        flagged.outputs().stream().map(a -> a.event().id()).toList());
        assertThat(flagged.state().alerts()).hasSize(1);
    }

    @Test
    void shouldIgnoreASessionEndAndKeepTheHistory() {
        final Outcome<AccountHistory, Alert> outcome = RULE.decide(ACCOUNT, null, session(AuthSession.Kind.END, T));

        assertThat(outcome.change()).isEqualTo(Outcome.StateChange.KEEP);
        assertThat(outcome.outputs()).isEmpty();
    }

    @Test
    void shouldForgetTheSessionsOlderThanTwiceTheWindowBeforeTheArrival() {
        final AccountHistory old =
                RULE.decide(ACCOUNT, null, session(AuthSession.Kind.START, T)).state();
        final Instant later = T.plus(WINDOW.multipliedBy(2)).plusSeconds(1);

        final Outcome<AccountHistory, Alert> outcome =
                RULE.decide(ACCOUNT, old, session(AuthSession.Kind.START, later));

        assertThat(outcome.state().sessions()).extracting(AuthSession::start).containsExactly(later);
    }

    private static CompromisedAccountVpn.Arrived session(final AuthSession.Kind kind, final Instant time) {
        return new CompromisedAccountVpn.Arrived(
                AccountInput.of(new AuthSession(
                        time, "openvpn", kind, ACCOUNT, "198.51.100.7", "10.8.0.2", "s-" + time, time, null, "gw1")),
                time);
    }

    private static CompromisedAccountVpn.Arrived flag(final String id, final Instant time) {
        return new CompromisedAccountVpn.Arrived(AccountInput.alert(id, "vigie.auth.account-takeover", time), time);
    }
}
