package io.vigie.rules.proxy;

import static org.assertj.core.api.Assertions.assertThat;

import io.vigie.core.model.Indicator;
import io.vigie.rules.detection.Outcome;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The possible C2's detection side alone: which contacts of the machine count, and a candidate host's summary in,
 * the indicator out when the host is rare.
 */
class PossibleC2DecisionTest {

    private static final Instant DETECTED = Instant.parse("2026-11-28T10:00:00Z");
    private static final Duration WINDOW = Duration.ofMinutes(30);
    private static final Duration RETENTION = Duration.ofDays(30);
    private static final AvSighting AV =
            new AvSighting("av-1", "vigie.av.detection", DETECTED, List.of("10.1.2.3"), "pc-0042", "Trojan.Generic");
    private static final PossibleC2Detection RULE =
            new PossibleC2Detection(WINDOW, 2, RETENTION, host -> host.endsWith(".chu.local"));

    @Test
    void shouldPublishARareHostAsOurIndicatorSeenByTheMachine() {
        final DestinationSummary oneClient = summary("10.1.2.3");

        final Outcome<DestinationSummary, Indicator> outcome =
                RULE.decide("evil.example", oneClient, new PossibleC2Detection.Candidate(AV, "10.1.2.3"));

        assertThat(outcome.change()).isEqualTo(Outcome.StateChange.KEEP);
        final Indicator indicator = outcome.output().orElseThrow();
        assertThat(indicator.kind()).isEqualTo(Indicator.Kind.HOST);
        assertThat(indicator.value()).isEqualTo("evil.example");
        assertThat(PossibleC2Detection.isOurs(indicator)).isTrue();
        assertThat(indicator.reference()).isEqualTo("av-1");
        assertThat(indicator.seenBy()).isEqualTo("10.1.2.3");
        assertThat(indicator.added()).isEqualTo(DETECTED);
        assertThat(indicator.tags()).containsExactly("av-correlation", "Trojan.Generic");
    }

    @Test
    void shouldPublishAnAddressAsAnIpIndicator() {
        assertThat(RULE.decide("203.0.113.7", summary("10.1.2.3"), new PossibleC2Detection.Candidate(AV, "10.1.2.3"))
                        .output()
                        .orElseThrow()
                        .kind())
                .isEqualTo(Indicator.Kind.IP);
    }

    @Test
    void shouldPublishNothingForAPopularHostAnInternalOneOrOneNotSummarised() {
        final PossibleC2Detection.Candidate candidate = new PossibleC2Detection.Candidate(AV, "10.1.2.3");

        assertThat(RULE.decide("cdn.example", summary("10.1.2.3", "10.1.2.4", "10.1.2.5"), candidate)
                        .outputs())
                .isEmpty();
        assertThat(RULE.considers("intranet.chu.local")).isFalse();
        assertThat(RULE.decide("intranet.chu.local", summary("10.1.2.3"), candidate)
                        .outputs())
                .isEmpty();
        assertThat(RULE.decide("evil.example", null, candidate).outputs()).isEmpty();
    }

    @Test
    void shouldCountTheMachinesContactsThatOverlapTheWindowAroundTheDetection() {
        assertThat(RULE.near(AV, contact("10.1.2.3", DETECTED.minus(WINDOW), DETECTED.minus(WINDOW))))
                .isTrue();
        assertThat(RULE.near(AV, contact("10.1.2.3", DETECTED.minusSeconds(7200), DETECTED.plusSeconds(7200))))
                .isTrue();
        assertThat(RULE.near(AV, contact("10.1.2.3", DETECTED.plus(WINDOW).plusSeconds(1), DETECTED.plusSeconds(7200))))
                .isFalse();
        assertThat(RULE.near(
                        AV,
                        contact(
                                "10.1.2.3",
                                DETECTED.minusSeconds(7200),
                                DETECTED.minus(WINDOW).minusSeconds(1))))
                .isFalse();
        assertThat(RULE.near(AV, contact("10.9.9.9", DETECTED, DETECTED))).isFalse();
    }

    private static DestinationSummary summary(final String... clients) {
        DestinationSummary summary = DestinationSummary.empty();
        for (final String client : clients) {
            summary =
                    summary.seen(client, DETECTED.minusSeconds(600), RETENTION, DestinationProcessor.SUMMARY_CAPACITY);
        }
        return summary;
    }

    private static Contact contact(final String client, final Instant first, final Instant last) {
        return new Contact(client, first, last, 2, 0, List.of());
    }
}
