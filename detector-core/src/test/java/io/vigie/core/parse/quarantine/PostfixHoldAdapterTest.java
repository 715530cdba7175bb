package io.vigie.core.parse.quarantine;

import static org.assertj.core.api.Assertions.assertThat;

import io.vigie.core.model.PostfixEvent;
import io.vigie.core.model.QuarantineEvent;
import io.vigie.core.parse.PostfixParser;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

/** Lines written here after Postfix cleanup's documented {@code hold:} format. */
class PostfixHoldAdapterTest {

    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-30T12:00:00Z"), ZoneOffset.UTC);
    private final PostfixParser postfix = new PostfixParser(CLOCK, ZoneOffset.UTC);

    @Test
    void shouldGiveHoldEventWhenCleanupHoldsOnSubject() {
        final PostfixEvent p = postfix.parse("Nov 28 05:24:14 mx postfix/cleanup[1]: 6344820E167: hold: header "
                        + "Subject: Facture impayée from mail.evil.example[203.0.113.5]; from=<A@Evil.example> "
                        + "to=<b.roux@chu-exemple.fr> proto=ESMTP helo=<mail.evil.example>")
                .value();

        final QuarantineEvent e = PostfixHoldAdapter.adapt(p).orElseThrow();

        assertThat(e.time()).isEqualTo(Instant.parse("2026-11-28T05:24:14Z"));
        assertThat(e.source()).isEqualTo("postfix");
        assertThat(e.reason()).isEqualTo("HOLD");
        assertThat(e.queueId()).isEqualTo("6344820E167");
        assertThat(e.sender()).isEqualTo("a@evil.example");
        assertThat(e.recipients()).containsExactly("b.roux@chu-exemple.fr");
        assertThat(e.threat()).isEqualTo("header Subject: Facture impayée");
        assertThat(e.subject()).isEqualTo("Facture impayée");
    }

    @Test
    void shouldGiveNothingWhenNotHold() {
        final PostfixEvent p = postfix.parse("Nov 28 05:24:14 mx postfix/smtpd[1]: connect from x[192.0.2.1]")
                .value();

        assertThat(PostfixHoldAdapter.adapt(p)).isEmpty();
        assertThat(PostfixHoldAdapter.adapt(null)).isEmpty();
    }
}
