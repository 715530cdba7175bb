package io.vigie.rules.proxy;

import static org.assertj.core.api.Assertions.assertThat;

import io.vigie.core.model.Indicator;
import io.vigie.rules.alert.Alert;
import io.vigie.rules.detection.Outcome;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The retro-hunt's decision alone: a host's contacts and a new indicator naming it in, the alerts out. */
class RetroHuntDecisionTest {

    private static final Instant DAY1 = Instant.parse("2026-11-27T09:00:00Z");
    private static final Instant DAY2 = Instant.parse("2026-11-28T14:00:00Z");
    private static final Instant ARRIVED = Instant.parse("2026-11-29T08:00:00Z");
    private static final String HOST = "evil.example";
    private static final RetroHuntDetection RULE = new RetroHuntDetection();

    @Test
    void shouldRaiseOneAlertPerClientWithItsDaysMergedButNoneForTheClientThatRevealedIt() {
        final List<Contact> contacts = List.of(
                new Contact("10.1.2.3", DAY1, DAY1.plusSeconds(60), 3, 0, List.of("jdupont")),
                new Contact("10.1.2.3", DAY2, DAY2.plusSeconds(30), 2, 1, List.of("jdupont")),
                new Contact("10.9.9.9", DAY2, DAY2, 1, 0, List.of()),
                new Contact("10.4.4.4", DAY1, DAY1, 1, 0, List.of("mmartin")));

        final Outcome<Collection<Contact>, Alert> outcome =
                RULE.decide(HOST, contacts, new RetroHuntDetection.NewIndicator(indicator("10.9.9.9"), ARRIVED));

        assertThat(outcome.change()).isEqualTo(Outcome.StateChange.KEEP);
        assertThat(outcome.outputs()).extracting(Alert::entity).containsExactly("10.1.2.3|" + HOST, "10.4.4.4|" + HOST);
        final Alert first = outcome.outputs().get(0);
        assertThat(first.ruleId()).isEqualTo(RetroHuntDetection.RULE.id());
        assertThat(first.timestamp()).isEqualTo(ARRIVED);
        assertThat(first.vigie().observed())
                .containsEntry("first_seen", DAY1.toString())
                .containsEntry("last_seen", DAY2.plusSeconds(30).toString())
                .containsEntry("requests", 5L)
                .containsEntry("blocked_requests", 1L);
    }

    @Test
    void shouldRaiseNothingWhenNobodyContactedTheHost() {
        final Outcome<Collection<Contact>, Alert> outcome =
                RULE.decide(HOST, List.of(), new RetroHuntDetection.NewIndicator(indicator(null), ARRIVED));

        assertThat(outcome.change()).isEqualTo(Outcome.StateChange.KEEP);
        assertThat(outcome.outputs()).isEmpty();
    }

    private static Indicator indicator(final String seenBy) {
        return new Indicator(
                Indicator.Kind.HOST,
                HOST,
                "urlhaus",
                "https://urlhaus.abuse.ch/x",
                "malware_download",
                List.of(),
                null,
                ARRIVED,
                seenBy);
    }
}
