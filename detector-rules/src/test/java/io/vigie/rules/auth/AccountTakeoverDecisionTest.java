package io.vigie.rules.auth;

import static org.assertj.core.api.Assertions.assertThat;

import io.vigie.core.net.InternalNetworks;
import io.vigie.rules.alert.Alert;
import io.vigie.rules.auth.AccountTakeoverDetection.AccountState;
import io.vigie.rules.config.AuthConfig;
import io.vigie.rules.detection.Outcome;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The account stage's decision alone: an account's history in, the new one and the alert out. */
class AccountTakeoverDecisionTest {

    private static final String ACCOUNT = "user2";
    private static final Instant T0 = SaslSprayingDecisionTest.T0;
    private static final AccountTakeover RULE =
            new AccountTakeover(AuthConfig.defaults(), InternalNetworks.of(List.of("10.0.0.0/8")));

    @Test
    void shouldAlertOnALoginAfterFailuresOnTheAccount() {
        AccountState state = null;
        for (int i = 1; i <= AuthConfig.defaults().takeoverFailures(); i++) {
            final Outcome<AccountState, Alert> failed =
                    RULE.decide(ACCOUNT, state, SaslSprayingDecisionTest.failure(ACCOUNT, T0.plusSeconds(i)));
            assertThat(failed.outputs()).isEmpty();
            state = failed.state();
        }

        final Outcome<AccountState, Alert> login =
                RULE.decide(ACCOUNT, state, SaslSprayingDecisionTest.login(ACCOUNT, T0.plusSeconds(60)));

        assertThat(login.output())
                .hasValueSatisfying(alert -> assertThat(alert.ruleId()).isEqualTo(AccountTakeover.RULE.id()));
        assertThat(login.state().firstLogin()).isEqualTo(T0.plusSeconds(60).toEpochMilli());
    }

    @Test
    void shouldLearnAFirstLoginWithoutAlert() {
        final Outcome<AccountState, Alert> login =
                RULE.decide(ACCOUNT, null, SaslSprayingDecisionTest.login(ACCOUNT, T0));

        assertThat(login.outputs()).isEmpty();
        assertThat(login.state().networks()).containsOnlyKeys(SaslSprayingDecisionTest.NETWORK);
        assertThat(AccountTakeover.expired(
                        login.state(), T0.plusSeconds(86_400 * 30).toEpochMilli(), AuthConfig.defaults()))
                .as("an account that logged in is kept")
                .isFalse();
    }

    @Test
    void shouldLetGuessesThatNeverLoggedInGoAfterTwoWindows() {
        final AccountState guessed = RULE.decide(ACCOUNT, null, SaslSprayingDecisionTest.failure(ACCOUNT, T0))
                .state();

        assertThat(AccountTakeover.expired(guessed, T0.plusSeconds(7_201).toEpochMilli(), AuthConfig.defaults()))
                .isTrue();
    }
}
