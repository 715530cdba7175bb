package io.vigie.rules.mail;

import static org.assertj.core.api.Assertions.assertThat;

import io.vigie.core.model.Direction;
import io.vigie.core.model.MailMessage;
import io.vigie.core.model.MailRecipient;
import io.vigie.rules.config.RulesConfig;
import io.vigie.rules.detection.Outcome;
import io.vigie.rules.mail.LookalikeSenderDetection.Seen;
import io.vigie.rules.mail.LookalikeSenderDetection.Sighting;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The look-alike decision alone: what is known of a domain in, the new knowledge and the verdict out. */
class LookalikeSenderTest {

    static final String DOMAIN = "chu-exemp1e.fr";
    static final Instant T0 = Instant.parse("2026-11-28T09:15:00Z");
    private static final RulesConfig CONFIG = LookalikeSenderDetectionTest.config();
    private static final LookalikeSender RULE = new LookalikeSender(CONFIG);

    @Test
    void shouldRaiseAndPublishTheDomainOnItsFirstSighting() {
        final Outcome<Seen, LookalikeSender.Verdict> outcome = RULE.decide(DOMAIN, null, sighting(T0));

        assertThat(outcome.state())
                .isEqualTo(new Seen(T0.toEpochMilli(), 1, List.of("rh@" + DOMAIN), T0.toEpochMilli()));
        assertThat(outcome.output()).hasValueSatisfying(verdict -> {
            assertThat(verdict.alert().ruleId()).isEqualTo(LookalikeSender.RULE.id());
            assertThat(verdict.indicator().value()).isEqualTo(DOMAIN);
            assertThat(verdict.indicator().source()).isEqualTo(LookalikeSender.INDICATOR_SOURCE);
        });
    }

    @Test
    void shouldCountTheNextSightingsAndRaiseAgainOnlyOnceTheThrottlePeriodHasPassed() {
        final Seen seen = RULE.decide(DOMAIN, null, sighting(T0)).state();
        final Instant within = T0.plus(CONFIG.alertThrottle()).minusSeconds(1);
        final Instant after = T0.plus(CONFIG.alertThrottle());

        final Outcome<Seen, LookalikeSender.Verdict> repeat = RULE.decide(DOMAIN, seen, sighting(within));
        final Outcome<Seen, LookalikeSender.Verdict> again = RULE.decide(DOMAIN, repeat.state(), sighting(after));

        assertThat(repeat.outputs()).isEmpty();
        assertThat(repeat.state().messages()).isEqualTo(2);
        assertThat(again.outputs()).hasSize(1);
        assertThat(again.state().alertedAt()).isEqualTo(after.toEpochMilli());
    }

    /** A delivered inbound message from the look-alike domain, as the rule sees it. */
    static Sighting sighting(final Instant time) {
        return RULE.sighting(inbound(time)).orElseThrow();
    }

    static MailMessage inbound(final Instant time) {
        final MailRecipient recipient = new MailRecipient(
                "paie@chu-exemple.fr",
                null,
                "sent",
                "exch-hub",
                "2.0.0",
                0.6,
                null,
                "250 ok",
                1,
                time,
                Direction.INBOUND);
        return new MailMessage(
                "mx",
                "4F9D21C0A1",
                "x@" + DOMAIN,
                "rh@" + DOMAIN,
                4627L,
                1,
                "mail.example.net",
                "198.51.100.20",
                null,
                MailMessage.Origin.EXTERNAL,
                Direction.INBOUND,
                time,
                time,
                List.of(recipient),
                "delivered",
                null,
                false,
                null);
    }
}
