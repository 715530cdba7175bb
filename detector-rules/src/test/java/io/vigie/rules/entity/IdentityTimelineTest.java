package io.vigie.rules.entity;

import static org.assertj.core.api.Assertions.assertThat;

import io.vigie.rules.entity.IdentityFact.Kind;
import io.vigie.rules.entity.IdentityTimeline.Interval;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class IdentityTimelineTest {

    private static final Instant T0 = Instant.parse("2026-12-01T08:00:00Z");
    private static final Duration GRACE = Duration.ofHours(12);

    private static Instant h(final double hours) {
        return T0.plusSeconds((long) (hours * 3600));
    }

    private static IdentityFact seen(final Kind kind, final String account, final String ip, final double hours) {
        final String key = kind == Kind.ACCOUNT ? IdentityFact.accountKey(account) : IdentityFact.addressKey(ip);
        return new IdentityFact(h(hours), kind, key, account, null, ip, null, "proxy");
    }

    private static IdentityTimeline add(final IdentityTimeline timeline, final IdentityFact fact) {
        return timeline.with(fact, 4, Duration.ofDays(31), Identities.GAP);
    }

    @Test
    void shouldMergeTheSameUserSeenAgainAndStartAnIntervalAfterSomeoneElse() {
        IdentityTimeline t = IdentityTimeline.empty();
        t = add(t, seen(Kind.ADDRESS, "alice", "10.1.2.3", 0));
        t = add(t, seen(Kind.ADDRESS, "alice", "10.1.2.3", 1));
        t = add(t, seen(Kind.ADDRESS, "bob", "10.1.2.3", 2));
        t = add(t, seen(Kind.ADDRESS, "alice", "10.1.2.3", 3));

        assertThat(t.intervals())
                .containsExactly(
                        new Interval("alice", null, "10.1.2.3", h(0), h(1), false, "proxy"),
                        new Interval("bob", null, "10.1.2.3", h(2), h(2), false, "proxy"),
                        new Interval("alice", null, "10.1.2.3", h(3), h(3), false, "proxy"));
        assertThat(t.accountsAt(h(0.5), GRACE)).containsExactly("alice");
        assertThat(t.accountsAt(h(2.5), GRACE)).containsExactly("bob");
        assertThat(t.accountsAt(h(-1), GRACE)).isEmpty();
    }

    @Test
    void shouldGiveTheSameTimelineForARepeatedFactAndMergeALateOneIntoItsNeighbour() {
        final IdentityTimeline t = add(
                add(IdentityTimeline.empty(), seen(Kind.ADDRESS, "alice", "10.1.2.3", 2)),
                seen(Kind.ADDRESS, "alice", "10.1.2.3", 3));

        assertThat(add(t, seen(Kind.ADDRESS, "alice", "10.1.2.3", 2.5))).isSameAs(t);
        assertThat(add(t, seen(Kind.ADDRESS, "alice", "10.1.2.3", 1)).intervals())
                .containsExactly(new Interval("alice", null, "10.1.2.3", h(1), h(3), false, "proxy"));
    }

    @Test
    void shouldNotMergeAfterAGapLongerThanTwelveHours() {
        final IdentityTimeline t = add(
                add(IdentityTimeline.empty(), seen(Kind.ADDRESS, "alice", "10.1.2.3", 0)),
                seen(Kind.ADDRESS, "alice", "10.1.2.3", 13));

        assertThat(t.intervals()).hasSize(2);
        assertThat(t.accountsAt(h(12.5), GRACE)).as("last seen 12.5 h before").isEmpty();
        assertThat(t.accountsAt(h(11.5), GRACE)).containsExactly("alice");
    }

    @Test
    void shouldKeepOneIntervalPerAddressInAnAccountTimelineWhateverTheOrder() {
        IdentityTimeline t = IdentityTimeline.empty();
        for (int hour = 0; hour < 10; hour++) {
            t = add(t, seen(Kind.ACCOUNT, "alice", hour % 2 == 0 ? "10.1.2.3" : "10.8.0.12", hour));
        }

        assertThat(t.intervals())
                .containsExactly(
                        new Interval("alice", null, "10.1.2.3", h(0), h(8), false, "proxy"),
                        new Interval("alice", null, "10.8.0.12", h(1), h(9), false, "proxy"));
        assertThat(t.between(h(8.5), h(8.7), Duration.ZERO))
                .extracting(Interval::ip)
                .containsExactly("10.8.0.12");
    }

    @Test
    void shouldKeepAtMostTheLimitAndDropWhatEndedMoreThanTheRetentionBeforeTheNewest() {
        IdentityTimeline t = IdentityTimeline.empty();
        for (int i = 0; i < 6; i++) {
            t = add(t, seen(Kind.ADDRESS, i % 2 == 0 ? "alice" : "bob", "10.1.2.3", i));
        }
        assertThat(t.intervals()).extracting(Interval::from).containsExactly(h(2), h(3), h(4), h(5));

        final IdentityTimeline later = add(t, seen(Kind.ADDRESS, "carol", "10.1.2.3", 24 * 31 + 4.5));
        assertThat(later.intervals()).extracting(Interval::account).containsExactly("bob", "carol");
        assertThat(add(later, seen(Kind.ADDRESS, "dave", "10.1.2.3", 1)))
                .as("older than the retention")
                .isSameAs(later);
    }

    @Test
    void shouldRoundTripThroughTheTopicAndStoreSerdes() {
        final IdentityTimeline t = new IdentityTimeline(java.util.List.of(
                new Interval("alice", "pc-0042", "10.1.2.3", h(0), h(1), false, "av"),
                new Interval("bob", null, "10.1.2.3", h(2), h(3), true, "vpn")));
        final byte[] json = Identities.TIMELINE_SERDE.serializer().serialize("state.identities", t);

        assertThat(new String(json, java.nio.charset.StandardCharsets.UTF_8))
                .isEqualTo("{\"intervals\":["
                        + "{\"account\":\"alice\",\"host\":\"pc-0042\",\"ip\":\"10.1.2.3\",\"from\":\"2026-12-01T08:00:00Z\","
                        + "\"to\":\"2026-12-01T09:00:00Z\",\"ended\":false,\"source\":\"av\"},"
                        + "{\"account\":\"bob\",\"host\":null,\"ip\":\"10.1.2.3\",\"from\":\"2026-12-01T10:00:00Z\","
                        + "\"to\":\"2026-12-01T11:00:00Z\",\"ended\":true,\"source\":\"vpn\"}]}");
        assertThat(Identities.TIMELINE_SERDE.deserializer().deserialize("state.identities", json))
                .isEqualTo(t);
        final io.vigie.core.serde.JsonSerde<IdentityTimeline> store =
                io.vigie.core.serde.JsonSerde.internal(IdentityTimeline.class);
        assertThat(store.fromBytes(store.toBytes(t))).isEqualTo(t);
        assertThat(t.lastSeen()).isEqualTo(h(3));
    }
}
