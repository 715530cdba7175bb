package io.vigie.rules.mail;

import static org.assertj.core.api.Assertions.assertThat;

import io.vigie.core.model.Direction;
import io.vigie.core.model.MailCount;
import io.vigie.rules.alert.Alert;
import io.vigie.rules.config.FlowAnomalyConfig;
import io.vigie.rules.store.KeyedState;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * The same deliveries read in two orders, as two runs of one log read them through several partitions (a replay, a
 * restart after a crash): the fan-out alert must keep its id, or a SIEM that deduplicates on {@code event.id} gets
 * the same alert twice. Its first event counted differs between the two orders, which is why the id no longer hangs
 * on it.
 */
class ExternalFanOutIdTest {

    private static final String SENDER = "eric.barre@free.fr";

    @Test
    void shouldGiveTheSameIdWhateverTheOrderTheDeliveriesArriveIn() {
        final int threshold = FlowAnomalyConfig.defaults().fanOutRecipients();
        final List<MailCount> deliveries = new ArrayList<>();
        for (int i = 0; i < threshold + 5; i++) {
            deliveries.add(delivery(
                    "user" + i + "@chu-exemple.fr",
                    Instant.parse("2026-11-28T05:20:00Z").plusSeconds(30L * i)));
        }
        final List<MailCount> otherOrder = new ArrayList<>(deliveries.subList(5, deliveries.size()));
        otherOrder.addAll(deliveries.subList(0, 5));

        final Alert inOrder = fanOut(deliveries);
        final Alert reordered = fanOut(otherOrder);

        // the two runs crossed the threshold on different deliveries...
        assertThat(reordered.vigie().observed().get("first_seen"))
                .isNotEqualTo(inOrder.vigie().observed().get("first_seen"));
        // ...and it is still one alert
        assertThat(reordered.event().id()).isEqualTo(inOrder.event().id());
        assertThat(inOrder.event().id())
                .isEqualTo(Alert.deterministicId(inOrder.ruleId(), SENDER, Instant.parse("2026-11-28T05:00:00Z")));
    }

    @Test
    void shouldGiveAnotherIdInAnotherHour() {
        final int threshold = FlowAnomalyConfig.defaults().fanOutRecipients();
        final List<MailCount> morning = new ArrayList<>();
        final List<MailCount> afternoon = new ArrayList<>();
        for (int i = 0; i < threshold; i++) {
            morning.add(delivery(
                    "user" + i + "@chu-exemple.fr",
                    Instant.parse("2026-11-28T05:20:00Z").plusSeconds(i)));
            afternoon.add(delivery(
                    "user" + i + "@chu-exemple.fr",
                    Instant.parse("2026-11-28T15:20:00Z").plusSeconds(i)));
        }
        assertThat(fanOut(afternoon).event().id())
                .isNotEqualTo(fanOut(morning).event().id());
    }

    @Test
    void shouldCountADeliveryWhoseSenderCameWithTheByteCorrection() {
        // the to= lines read before their message's from= line: counted without a sender, then corrected with it
        final int threshold = FlowAnomalyConfig.defaults().fanOutRecipients();
        final List<MailCount> counts = new ArrayList<>();
        for (int i = 0; i < threshold; i++) {
            final Instant time = Instant.parse("2026-11-28T05:24:19Z").plusSeconds(i);
            final String recipient = "user" + i + "@chu-exemple.fr";
            if (i % 2 == 0) {
                counts.add(new MailCount(time, MailCount.Role.RECIPIENT, recipient, Direction.INBOUND, 1, 0, null));
                counts.add(
                        new MailCount(time, MailCount.Role.RECIPIENT, recipient, Direction.INBOUND, 0, 1000, SENDER));
            } else {
                counts.add(delivery(recipient, time));
            }
        }
        assertThat(fanOut(counts).vigie().observed()).containsEntry("recipients", threshold);
    }

    private static Alert fanOut(final List<MailCount> deliveries) {
        final ExternalFanOut rule = new ExternalFanOut(FlowAnomalyConfig.defaults());
        final KeyedState<ExternalFanOutDetection.Recipients> state = KeyedState.inMemory();
        final List<Alert> alerts = new ArrayList<>();
        for (final MailCount delivery : deliveries) {
            final Optional<Alert> alert = rule.observe(state, delivery);
            alert.ifPresent(alerts::add);
        }
        assertThat(alerts).hasSize(1);
        return alerts.get(0);
    }

    private static MailCount delivery(final String recipient, final Instant time) {
        return new MailCount(time, MailCount.Role.RECIPIENT, recipient, Direction.INBOUND, 1, 1000, SENDER);
    }
}
