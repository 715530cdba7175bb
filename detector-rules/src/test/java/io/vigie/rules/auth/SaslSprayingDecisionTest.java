package io.vigie.rules.auth;

import static org.assertj.core.api.Assertions.assertThat;

import io.vigie.rules.auth.SaslSprayingDetection.NetworkState;
import io.vigie.rules.config.AuthConfig;
import io.vigie.rules.detection.Outcome;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** The network stage's decision alone: a network's failures in, the new ones, the alert and the signals out. */
class SaslSprayingDecisionTest {

    static final String NETWORK = "203.0.113.0/24";
    static final Instant T0 = Instant.parse("2026-11-28T03:00:00Z");
    private static final SaslSpraying RULE = new SaslSpraying(AuthConfig.defaults());

    @Test
    void shouldRaiseSprayingOnceWhenTheTenthAccountIsTriedAndPassEveryNamedFailureOn() {
        NetworkState state = null;
        int raised = 0;
        for (int i = 1; i <= 12; i++) {
            final Outcome<NetworkState, AuthOutput> outcome =
                    RULE.decide(NETWORK, state, failure("user" + i, T0.plusSeconds(i)));
            assertThat(outcome.change()).isEqualTo(Outcome.StateChange.PUT);
            assertThat(outcome.outputs()).last().isInstanceOf(AuthOutput.Passed.class);
            if (outcome.outputs().get(0) instanceof AuthOutput.Raised r) {
                assertThat(i).isEqualTo(AuthConfig.defaults().sprayingAccounts());
                assertThat(r.alert().ruleId()).isEqualTo(SaslSpraying.RULE.id());
                raised++;
            }
            state = outcome.state();
        }
        assertThat(raised).isEqualTo(1);
        assertThat(state.alerted()).isTrue();
    }

    @Test
    void shouldCountAFailureWithoutLoginButPassNothingOn() {
        final Outcome<NetworkState, AuthOutput> outcome = RULE.decide(NETWORK, null, failure(null, T0));

        assertThat(outcome.outputs()).isEmpty();
        assertThat(outcome.state().failuresByMinute().values()).containsExactly(1L);
    }

    @Test
    void shouldPassALoginOnWithItsNetworksFailuresAndKeepTheState() {
        NetworkState state = null;
        for (int i = 1; i <= 3; i++) {
            state = RULE.decide(NETWORK, state, failure("user" + i, T0.plusSeconds(i)))
                    .state();
        }

        final Outcome<NetworkState, AuthOutput> outcome =
                RULE.decide(NETWORK, state, login("user2", T0.plusSeconds(60)));

        assertThat(outcome.change()).isEqualTo(Outcome.StateChange.KEEP);
        assertThat(outcome.outputs()).singleElement().isInstanceOfSatisfying(AuthOutput.Passed.class, passed -> {
            assertThat(passed.signal().networkFailures().failures()).isEqualTo(3);
            assertThat(passed.signal().networkFailures().accountsTried()).isEqualTo(3);
            assertThat(passed.signal().networkFailures().accountFailures()).isEqualTo(1);
        });
        assertThat(RULE.decide(NETWORK, null, login("user2", T0)).outputs())
                .containsExactly(new AuthOutput.Passed(login("user2", T0)));
    }

    @Test
    void shouldLetANetworkGoAfterTwoQuietWindows() {
        final NetworkState state =
                RULE.decide(NETWORK, null, failure("user1", T0)).state();
        final long twoWindowsLater = T0.plus(Duration.ofHours(2)).toEpochMilli();

        assertThat(SaslSpraying.expired(state, twoWindowsLater, Duration.ofHours(1)))
                .isFalse();
        assertThat(SaslSpraying.expired(state, twoWindowsLater + 1, Duration.ofHours(1)))
                .isTrue();
    }

    static AuthSignal failure(final String account, final Instant time) {
        return new AuthSignal(
                AuthSignal.Type.FAILURE,
                time,
                "mx1",
                account,
                "203.0.113.7",
                "unknown",
                NETWORK,
                "LOGIN",
                null,
                null,
                false,
                0,
                null);
    }

    static AuthSignal login(final String account, final Instant time) {
        return new AuthSignal(
                AuthSignal.Type.LOGIN,
                time,
                "mx1",
                account,
                "203.0.113.7",
                "unknown",
                NETWORK,
                null,
                "4F9D21C0A1",
                account + "@chu-exemple.fr",
                true,
                1,
                null);
    }
}
