package io.vigie.rules.quarantine;

import static org.assertj.core.api.Assertions.assertThat;

import io.vigie.rules.alert.Alert;
import io.vigie.rules.detection.Outcome;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The campaign decision alone: a trait's campaign in, the new campaign and the alert out. */
class CampaignDetectionTest {

    private static final long T0 = Instant.parse("2026-11-28T09:00:00Z").toEpochMilli();
    private static final long WINDOW = Duration.ofHours(1).toMillis();
    private static final String TRAIT = "subject:facture impayee";
    private static final CampaignDetection RULE = new CampaignDetection(3, WINDOW);

    @Test
    void shouldAlertWhenTheThirdMessageSharesTheTraitThenWhenTheRecipientsDouble() {
        Campaign campaign = null;
        for (int i = 1; i <= 6; i++) {
            final Outcome<Campaign, Alert> outcome = RULE.decide(TRAIT, campaign, message("m" + i, T0 + i, "u" + i));
            assertThat(outcome.outputs()).as("message %d", i).hasSize(i == 3 || i == 6 ? 1 : 0);
            campaign = outcome.state();
        }
        assertThat(campaign.messages()).hasSize(6);
        assertThat(campaign.alertedAt()).isEqualTo(6);
    }

    @Test
    void shouldCountAMessageOnceAndForgetThoseOutsideTheWindow() {
        Campaign campaign = RULE.decide(TRAIT, null, message("m1", T0, "u1")).state();
        campaign = RULE.decide(TRAIT, campaign, message("m1", T0 + 1, "u1")).state();
        assertThat(campaign.messages()).hasSize(1);

        final Outcome<Campaign, Alert> later = RULE.decide(TRAIT, campaign, message("m2", T0 + 1 + WINDOW, "u2"));

        assertThat(later.state().messages()).extracting(Campaign.Message::id).containsExactly("m2");
        assertThat(later.outputs()).isEmpty();
    }

    @Test
    void shouldNeedOnlyTwoMessagesForATraitThatIsAReportedIndicator() {
        final String trait = CampaignDetection.INDICATOR_TRAIT + "host:factures-chu.fr";
        final Campaign one = RULE.decide(trait, null, message("m1", T0, "u1")).state();

        final Outcome<Campaign, Alert> two = RULE.decide(trait, one, message("m2", T0 + 1, "u2"));

        assertThat(two.output())
                .hasValueSatisfying(alert -> assertThat(alert.vigie().observed())
                        .containsEntry("trait", trait)
                        .containsEntry("messages", 2));
    }

    private static Campaign.Message message(final String id, final long time, final String user) {
        return new Campaign.Message(
                id,
                time,
                "x@factures-chu.fr",
                "Facture impayee",
                "SPAM",
                null,
                List.of(user + "@chu-exemple.fr"),
                List.of(),
                null);
    }
}
