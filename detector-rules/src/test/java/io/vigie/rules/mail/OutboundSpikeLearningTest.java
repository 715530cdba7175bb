package io.vigie.rules.mail;

import static org.assertj.core.api.Assertions.assertThat;

import io.vigie.rules.alert.Alert;
import io.vigie.rules.config.FlowAnomalyConfig;
import io.vigie.rules.config.QueueConfig;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The outbound-spike rule's learning period: a sender whose history is younger than {@code learning-period} is judged
 * against a busy sender's hour in the organisation, not against an empty history that reads "usually sends nothing".
 */
class OutboundSpikeLearningTest {

    private static final String SPIKE = "vigie.mail.outbound-volume-spike";

    @TempDir
    Path stateDir;

    private static MailFlowDriver driver(final Duration learningPeriod, final Path stateDir) {
        return new MailFlowDriver(
                MailFlowDetectionsTest.config(
                        QueueConfig.defaults(),
                        FlowAnomalyConfig.defaults().toBuilder()
                                .spikeMinimumMessages(50)
                                .spikeFactor(10)
                                .baselineHours(24)
                                .learningPeriod(learningPeriod)
                                .fanOutRecipients(30)
                                .fanOutWindow(Duration.ofMinutes(15))
                                .build()),
                stateDir);
    }

    private static List<String> outbound(final String tag, final String sender, final int count, final String hhmm) {
        return MailFlowDetectionsTest.outboundMessages(tag, sender, count, hhmm);
    }

    /** An organisation's usual hour at 09:xx: 55 senders with 2 messages, 5 with 8: a busy sender's hour is 8. */
    private static void usualHour(final MailFlowDriver flow) {
        for (int s = 0; s < 60; s++) {
            final String tag = "A%02X".formatted(s);
            flow.lines(outbound(tag, "staff" + s + "@chu-exemple.fr", s < 55 ? 2 : 8, "09:1" + s % 10)
                    .toArray(String[]::new));
        }
    }

    private static List<Alert> spikes(final MailFlowDriver flow) {
        return flow.alertsList().stream().filter(a -> SPIKE.equals(a.ruleId())).toList();
    }

    @Test
    void shouldNotAlertOnANewSendersMailingWhenTheOrganisationIsNotKnownYet() {
        // a fresh install: the first hour read holds a secretariat's 60-message mailing
        try (MailFlowDriver flow = driver(Duration.ofDays(7), stateDir)) {
            flow.lines(outbound("E", "secretariat@chu-exemple.fr", 60, "10:15").toArray(String[]::new));

            assertThat(spikes(flow)).isEmpty();
        }
    }

    @Test
    void shouldStillAlertOnAMassiveBurstWhenTheOrganisationIsNotKnownYet() {
        // until the organisation is known, the baseline is the minimum: spike-factor times it (500) fires
        try (MailFlowDriver flow = driver(Duration.ofDays(7), stateDir)) {
            flow.lines(outbound("D", "m.leroy@chu-exemple.fr", 520, "10:15").toArray(String[]::new));

            assertThat(spikes(flow)).singleElement().satisfies(alert -> {
                assertThat(alert.vigie().observed())
                        .containsEntry("messages_this_hour", 500)
                        .containsEntry("baseline_kind", "organisation")
                        .containsEntry("baseline_per_hour", 50.0);
            });
        }
    }

    @Test
    void shouldJudgeANewSenderAgainstABusySendersHourOfTheOrganisation() {
        try (MailFlowDriver flow = driver(Duration.ofDays(7), stateDir)) {
            usualHour(flow);
            // 60 is over the minimum but under 10 x 8: a mailing, not a compromised account
            flow.lines(outbound("E", "secretariat@chu-exemple.fr", 60, "10:15").toArray(String[]::new));
            assertThat(spikes(flow)).isEmpty();

            flow.lines(outbound("D", "m.leroy@chu-exemple.fr", 100, "10:20").toArray(String[]::new));
            assertThat(spikes(flow)).singleElement().satisfies(alert -> {
                assertThat(alert.entity()).isEqualTo("m.leroy@chu-exemple.fr");
                assertThat(alert.vigie().observed())
                        .containsEntry("messages_this_hour", 80)
                        .containsEntry("baseline_kind", "organisation")
                        .containsEntry("baseline_per_hour", 8.0)
                        .containsEntry("sender_first_seen", "2026-11-28T09:00:00Z")
                        .containsEntry("baseline_since", "2026-11-28T08:00:00Z");
                assertThat(alert.message())
                        .contains("still learning this sender")
                        .contains("a busy sender's hour is 8.0 messages");
            });
        }
    }

    @Test
    void shouldLearnTheOrganisationFromCompletedHoursOnly() {
        // the usual traffic and the burst in the same hour: the hour is not over, so the organisation is not known
        // yet (its total would depend on the order the lines are read in) and only 500 messages would fire
        try (MailFlowDriver flow = driver(Duration.ofDays(7), stateDir)) {
            for (int s = 0; s < 60; s++) {
                flow.lines(
                        outbound("A%02X".formatted(s), "staff" + s + "@chu-exemple.fr", s < 55 ? 2 : 8, "10:0" + s % 10)
                                .toArray(String[]::new));
            }
            flow.lines(outbound("D", "m.leroy@chu-exemple.fr", 100, "10:20").toArray(String[]::new));

            assertThat(spikes(flow)).isEmpty();
        }
    }

    @Test
    void shouldJudgeASenderByItsOwnHistoryOnceItIsOlderThanTheLearningPeriod() {
        try (MailFlowDriver flow = driver(Duration.ofHours(1), stateDir)) {
            usualHour(flow);
            // staff0 was first seen at 09:xx Paris time (08:00Z), more than an hour before 10:xx: its own mean (2 / 24
            // h) is the baseline
            flow.lines(outbound("F", "staff0@chu-exemple.fr", 60, "10:15").toArray(String[]::new));

            assertThat(spikes(flow)).singleElement().satisfies(alert -> {
                assertThat(alert.entity()).isEqualTo("staff0@chu-exemple.fr");
                assertThat(alert.vigie().observed())
                        .containsEntry("messages_this_hour", 50)
                        .containsEntry("baseline_kind", "sender")
                        .containsEntry("baseline_per_hour", 0.1)
                        .containsEntry("baseline_since", "2026-11-28T08:00:00Z")
                        .containsEntry("baseline_age_hours", 1);
                assertThat(alert.message())
                        .contains("its usual hourly volume 0.1 (history since 2026-11-28T08:00:00Z)");
            });
        }
    }

    @Test
    void shouldKeepLearningASenderWhoseHistoryIsYoungerThanTheLearningPeriod() {
        try (MailFlowDriver flow = driver(Duration.ofDays(7), stateDir)) {
            usualHour(flow);
            // the same 60 messages as above: with a week of learning, staff0 is judged against the organisation (80)
            flow.lines(outbound("F", "staff0@chu-exemple.fr", 60, "10:15").toArray(String[]::new));

            assertThat(spikes(flow)).isEmpty();
        }
    }
}
