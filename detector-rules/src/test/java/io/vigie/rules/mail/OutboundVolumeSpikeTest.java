package io.vigie.rules.mail;

import static org.assertj.core.api.Assertions.assertThat;

import io.vigie.core.model.Direction;
import io.vigie.core.model.MailCount;
import io.vigie.rules.alert.Alert;
import io.vigie.rules.config.FlowAnomalyConfig;
import io.vigie.rules.detection.Outcome;
import io.vigie.rules.mail.OutboundVolumeSpikeDetection.HourlyCounts;
import io.vigie.rules.store.InMemoryState;
import io.vigie.rules.store.KeyedState;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/** The outbound-spike decision alone: a sender's history and the organisation's hours in, the new ones out. */
class OutboundVolumeSpikeTest {

    private static final long HOUR = 3_600_000L;
    private static final String SENDER = "compta@chu-exemple.fr";
    private static final Instant T0 = Instant.parse("2026-11-28T10:15:00Z");
    private static final long THIS_HOUR = Instant.parse("2026-11-28T10:00:00Z").toEpochMilli();
    /** A minimum of 5 messages, 2 times the baseline, a day of baseline, a learning period of 2 hours. */
    private static final OutboundVolumeSpike RULE = new OutboundVolumeSpike(FlowAnomalyConfig.defaults().toBuilder()
            .spikeMinimumMessages(5)
            .spikeFactor(2)
            .baselineHours(24)
            .learningPeriod(Duration.ofHours(2))
            .fanOutRecipients(30)
            .fanOutWindow(Duration.ofMinutes(15))
            .build());

    private final Map<String, SenderHourVolumes> organisation = new HashMap<>();

    @Test
    void shouldCountTheMessageInTheSendersHourAndInTheOrganisationsHour() {
        final Outcome<SpikeState, Alert> outcome = RULE.decide(SENDER, fresh(null), sent(T0));

        assertThat(outcome.change()).isEqualTo(Outcome.StateChange.PUT);
        assertThat(outcome.outputs()).isEmpty();
        assertThat(outcome.state().sender().byHour()).containsExactly(Map.entry(THIS_HOUR, 1L));
        assertThat(outcome.state().sender().firstSeen()).isEqualTo(THIS_HOUR);
        assertThat(outcome.state().organisation().at(THIS_HOUR).senderHours()).isEqualTo(1);
        assertThat(organisation).as("the decision writes nothing itself").isEmpty();
    }

    @Test
    void shouldJudgeAKnownSenderAgainstItsOwnHoursAndAlertOncePerHour() {
        final TreeMap<Long, Long> byHour = new TreeMap<>();
        for (long h = 1; h <= 24; h++) {
            byHour.put(THIS_HOUR - h * HOUR, 4L);
        }
        byHour.put(THIS_HOUR, 6L);
        final HourlyCounts known = new HourlyCounts(byHour, Long.MIN_VALUE, THIS_HOUR - 24 * HOUR);

        final Outcome<SpikeState, Alert> seventh = RULE.decide(SENDER, fresh(known), sent(T0));
        final Outcome<SpikeState, Alert> eighth = RULE.decide(SENDER, seventh.state(), sent(T0.plusSeconds(1)));

        assertThat(seventh.outputs()).as("7 < 2 x 4").isEmpty();
        assertThat(eighth.output())
                .hasValueSatisfying(alert -> assertThat(alert.vigie().observed())
                        .containsEntry("messages_this_hour", 8L)
                        .containsEntry("baseline_kind", "sender"));
        assertThat(eighth.state().sender().alertedHour()).isEqualTo(THIS_HOUR);
        assertThat(RULE.decide(SENDER, eighth.state(), sent(T0.plusSeconds(2))).outputs())
                .isEmpty();
    }

    @Test
    void shouldJudgeASenderStillBeingLearntAgainstTheMinimumUntilTheOrganisationIsKnown() {
        SpikeState state = fresh(null);
        for (int i = 0; i < 9; i++) {
            final Outcome<SpikeState, Alert> outcome = RULE.decide(SENDER, state, sent(T0.plusSeconds(i)));
            assertThat(outcome.outputs()).isEmpty();
            state = outcome.state();
        }
        final Outcome<SpikeState, Alert> tenth = RULE.decide(SENDER, state, sent(T0.plusSeconds(9)));

        assertThat(tenth.output())
                .hasValueSatisfying(alert -> assertThat(alert.vigie().observed())
                        .containsEntry("baseline_kind", "organisation")
                        .containsEntry("baseline_per_hour", 5.0));
    }

    @Test
    void shouldDropTheHourThatLeftTheLearningPeriodWhenANewHourStarts() {
        final long leaving = THIS_HOUR - 2 * HOUR;
        organisation.put(Long.toString(leaving), SenderHourVolumes.empty().countedOneMore(0));
        organisation.put(
                Long.toString(THIS_HOUR - HOUR), SenderHourVolumes.empty().countedOneMore(0));

        final Outcome<SpikeState, Alert> outcome = RULE.decide(SENDER, fresh(null), sent(T0));
        final InMemoryState<SenderHourVolumes> stored = KeyedState.inMemory();
        organisation.forEach(stored::put);
        outcome.state().organisation().storeChangesIn(stored);

        assertThat(outcome.state().organisation().at(leaving)).isNull();
        assertThat(stored.entries())
                .extracting(Map.Entry::getKey)
                .containsExactlyInAnyOrder(Long.toString(THIS_HOUR - HOUR), Long.toString(THIS_HOUR));
    }

    @Test
    void shouldLeaveTheStateAsItWasForACountItDoesNotRead() {
        final MailCount inbound = new MailCount(T0, MailCount.Role.SENDER, SENDER, Direction.INBOUND, 1, 10, null);
        final MailCount correction = new MailCount(T0, MailCount.Role.SENDER, SENDER, Direction.OUTBOUND, 0, 10, null);

        assertThat(RULE.decide(SENDER, fresh(null), inbound)).isEqualTo(Outcome.unchanged());
        assertThat(RULE.decide(SENDER, fresh(null), correction)).isEqualTo(Outcome.unchanged());
    }

    private SpikeState fresh(final HourlyCounts sender) {
        return new SpikeState(sender, OrganisationHours.readFrom(organisation::get));
    }

    static MailCount sent(final Instant time) {
        return new MailCount(time, MailCount.Role.SENDER, SENDER, Direction.OUTBOUND, 1, 1000, null);
    }
}
