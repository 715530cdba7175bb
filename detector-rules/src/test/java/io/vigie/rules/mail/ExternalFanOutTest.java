package io.vigie.rules.mail;

import static org.assertj.core.api.Assertions.assertThat;

import io.vigie.core.model.Direction;
import io.vigie.core.model.MailCount;
import io.vigie.rules.alert.Alert;
import io.vigie.rules.config.FlowAnomalyConfig;
import io.vigie.rules.detection.Outcome;
import io.vigie.rules.mail.ExternalFanOutDetection.Recipients;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The fan-out decision alone: state in, state and alert out, no Kafka. */
class ExternalFanOutTest {

    private static final String SENDER = "eric.barre@free.fr";
    private static final Instant T0 = Instant.parse("2026-11-28T05:20:00Z");
    private static final ExternalFanOut RULE = new ExternalFanOut(FlowAnomalyConfig.defaults().toBuilder()
            .spikeMinimumMessages(50)
            .spikeFactor(10)
            .baselineHours(24)
            .learningPeriod(Duration.ofDays(7))
            .fanOutRecipients(3)
            .fanOutWindow(Duration.ofMinutes(15))
            .build());

    @Test
    void shouldRememberTheRecipientWithoutAlertWhenBelowThreshold() {
        final Outcome<Recipients, Alert> outcome = RULE.decide(SENDER, null, delivery("a@chu-exemple.fr", T0));

        assertThat(outcome.change()).isEqualTo(Outcome.StateChange.PUT);
        assertThat(outcome.state()).isEqualTo(new Recipients(Map.of("a@chu-exemple.fr", T0.toEpochMilli()), false));
        assertThat(outcome.outputs()).isEmpty();
    }

    @Test
    void shouldAlertOnceWhenTheThirdDistinctRecipientIsReached() {
        // a's second delivery counts once, at its last time
        Recipients state =
                RULE.decide(SENDER, null, delivery("a@chu-exemple.fr", T0)).state();
        state = RULE.decide(SENDER, state, delivery("a@chu-exemple.fr", T0.plusSeconds(10)))
                .state();
        state = RULE.decide(SENDER, state, delivery("b@chu-exemple.fr", T0.plusSeconds(20)))
                .state();
        final Outcome<Recipients, Alert> third =
                RULE.decide(SENDER, state, delivery("c@chu-exemple.fr", T0.plusSeconds(30)));
        final Outcome<Recipients, Alert> fourth =
                RULE.decide(SENDER, third.state(), delivery("d@chu-exemple.fr", T0.plusSeconds(40)));

        assertThat(third.output()).hasValueSatisfying(alert -> {
            assertThat(alert.ruleId()).isEqualTo(ExternalFanOut.RULE.id());
            assertThat(alert.vigie().observed())
                    .containsEntry("recipients", 3)
                    .containsEntry("first_seen", T0.plusSeconds(10).toString());
        });
        assertThat(third.state().alerted()).isTrue();
        assertThat(fourth.outputs()).isEmpty();
        assertThat(fourth.state().lastDelivery()).hasSize(4);
    }

    @Test
    void shouldForgetRecipientsOutsideTheWindowAndAlertAgainOnANewWave() {
        Recipients state = null;
        for (final String user : new String[] {"a", "b", "c"}) {
            state = RULE.decide(SENDER, state, delivery(user + "@chu-exemple.fr", T0))
                    .state();
        }
        assertThat(state.alerted()).isTrue();
        final Instant later = T0.plus(Duration.ofMinutes(16));

        final Outcome<Recipients, Alert> alone = RULE.decide(SENDER, state, delivery("d@chu-exemple.fr", later));
        Recipients again = alone.state();
        again = RULE.decide(SENDER, again, delivery("e@chu-exemple.fr", later)).state();
        final Outcome<Recipients, Alert> wave = RULE.decide(SENDER, again, delivery("f@chu-exemple.fr", later));

        assertThat(alone.state()).isEqualTo(new Recipients(Map.of("d@chu-exemple.fr", later.toEpochMilli()), false));
        assertThat(alone.outputs()).isEmpty();
        assertThat(wave.outputs()).hasSize(1);
    }

    @Test
    void shouldLeaveTheStateAsItWasForACountItDoesNotRead() {
        final MailCount outbound = new MailCount(
                T0, MailCount.Role.RECIPIENT, "x@gmail.com", Direction.OUTBOUND, 1, 1000, "a@chu-exemple.fr");
        final MailCount noSender =
                new MailCount(T0, MailCount.Role.RECIPIENT, "a@chu-exemple.fr", Direction.INBOUND, 1, 1000, null);

        assertThat(RULE.decide(SENDER, null, outbound)).isEqualTo(Outcome.unchanged());
        assertThat(RULE.decide(SENDER, null, noSender)).isEqualTo(Outcome.unchanged());
    }

    static MailCount delivery(final String recipient, final Instant time) {
        return new MailCount(time, MailCount.Role.RECIPIENT, recipient, Direction.INBOUND, 1, 1000, SENDER);
    }
}
