package io.vigie.rules.proxy;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class DestinationSummaryTest {

    private static final Duration RETENTION = Duration.ofDays(30);
    private static final Instant T0 = Instant.parse("2026-11-28T05:27:26Z");

    private static DestinationSummary seen(final DestinationSummary summary, final String client, final Instant time) {
        return summary.seen(client, time, RETENTION, 4);
    }

    @Test
    void shouldCountDistinctClientsSinceTheFirstContact() {
        DestinationSummary summary = seen(DestinationSummary.empty(), "10.0.0.1", T0);
        summary = seen(summary, "10.0.0.2", T0.plusSeconds(60));
        summary = seen(summary, "10.0.0.1", T0.plusSeconds(120));

        assertThat(summary.context(T0.plusSeconds(120), RETENTION)).isEqualTo(new DestinationContext(2, T0, false));
    }

    @Test
    void shouldReturnTheSameSummaryWhenAKnownClientComesBackTheSameDay() {
        final DestinationSummary summary = seen(DestinationSummary.empty(), "10.0.0.1", T0);

        assertThat(seen(summary, "10.0.0.1", T0.plusSeconds(3600))).isSameAs(summary);
        assertThat(seen(summary, "10.0.0.1", T0.plus(Duration.ofDays(1)))).isNotSameAs(summary);
    }

    @Test
    void shouldForgetClientsWhoseLastContactIsOlderThanTheRetention() {
        DestinationSummary summary = seen(DestinationSummary.empty(), "10.0.0.1", T0);
        summary = seen(summary, "10.0.0.2", T0.plus(Duration.ofDays(20)));
        final Instant later = T0.plus(Duration.ofDays(40));

        assertThat(summary.context(later, RETENTION).distinctClients()).isEqualTo(1);
        assertThat(summary.context(T0.plus(Duration.ofDays(60)), RETENTION)).isEqualTo(new DestinationContext(0, null));
        assertThat(seen(summary, "10.0.0.3", later).clients())
                .extracting(DestinationSummary.ClientSeen::client)
                .containsExactly("10.0.0.2", "10.0.0.3");
    }

    @Test
    void shouldStartAgainWhenTheHostWasUnusedForAWholeRetention() {
        final DestinationSummary old = seen(DestinationSummary.empty(), "10.0.0.1", T0);
        final Instant back = T0.plus(Duration.ofDays(45));

        assertThat(seen(old, "10.0.0.9", back).context(back, RETENTION)).isEqualTo(new DestinationContext(1, back));
    }

    @Test
    void shouldNotReachBeyondTheRetentionForAHostInContinuousUse() {
        DestinationSummary summary = DestinationSummary.empty();
        for (int day = 0; day <= 50; day += 5) {
            summary = seen(summary, "10.0.0.1", T0.plus(Duration.ofDays(day)));
        }
        final Instant now = T0.plus(Duration.ofDays(50));

        assertThat(summary.context(now, RETENTION).firstSeen()).isEqualTo(Instant.parse("2026-12-18T00:00:00Z"));
    }

    @Test
    void shouldKeepALowerBoundPastTheCapacityAndNeverCallItRare() {
        DestinationSummary summary = DestinationSummary.empty();
        for (int i = 1; i <= 6; i++) {
            summary = seen(summary, "10.0.0." + i, T0.plusSeconds(i));
        }
        final DestinationContext context = summary.context(T0.plusSeconds(6), RETENTION);

        assertThat(summary.clients()).hasSize(4);
        assertThat(context.atLeast()).isTrue();
        assertThat(context.rare(100)).isFalse();
        assertThat(context.describe()).isEqualTo("at least 4 internal clients since " + T0.plusSeconds(1));
    }

    @Test
    void shouldForgetTheLeastRecentClientFirst() {
        DestinationSummary summary = seen(DestinationSummary.empty(), "old", T0);
        for (int i = 1; i <= 3; i++) {
            summary = seen(summary, "10.0.0." + i, T0.plus(Duration.ofDays(1)));
        }
        summary = seen(summary, "old", T0.plus(Duration.ofDays(2)));
        summary = seen(summary, "new", T0.plus(Duration.ofDays(2)));

        assertThat(summary.clients())
                .extracting(DestinationSummary.ClientSeen::client)
                .containsExactlyInAnyOrder("old", "new", "10.0.0.2", "10.0.0.3");
    }

    @Test
    void shouldRebuildTheSummariesOfStoredContacts() {
        final Contact a = new Contact("10.0.0.1", T0, T0.plusSeconds(30), 3, 0, List.of());
        final Contact b = new Contact("10.0.0.2", T0.minusSeconds(60), T0.plusSeconds(10), 1, 0, List.of());
        final Contact c = new Contact("10.0.0.1", T0, T0, 1, 0, List.of());

        final Map<String, DestinationSummary> rebuilt = DestinationSummary.rebuild(
                List.of(
                        new DestinationSummary.HostContact("a.example", a),
                        new DestinationSummary.HostContact("a.example", b),
                        new DestinationSummary.HostContact("c.example", c)),
                RETENTION,
                4);

        assertThat(rebuilt.get("a.example").context(T0.plusSeconds(30), RETENTION))
                .isEqualTo(new DestinationContext(2, T0.minusSeconds(60), false));
        assertThat(rebuilt.get("c.example").context(T0, RETENTION)).isEqualTo(new DestinationContext(1, T0, false));
    }

    @Test
    void shouldNotRewriteAFullSummaryForMoreClientsOfTheSameDay() {
        DestinationSummary summary = DestinationSummary.empty();
        for (int i = 1; i <= 5; i++) {
            summary = seen(summary, "10.0.0." + i, T0.plusSeconds(i));
        }
        final DestinationSummary full = summary;

        assertThat(seen(full, "10.0.0.99", T0.plusSeconds(60))).isSameAs(full);
        assertThat(seen(full, "10.0.0.99", T0.plus(Duration.ofDays(1))).clients())
                .extracting(DestinationSummary.ClientSeen::client)
                .contains("10.0.0.99")
                .hasSize(4);
    }

    @Test
    void shouldReadBackAStoredSummary() {
        DestinationSummary summary = seen(DestinationSummary.empty(), "10.0.0.1", T0);
        summary = seen(summary, "fe80::1", T0.plusSeconds(5));

        assertThat(DestinationSummary.SERDE.fromBytes(DestinationSummary.SERDE.toBytes(summary)))
                .isEqualTo(summary);
    }
}
