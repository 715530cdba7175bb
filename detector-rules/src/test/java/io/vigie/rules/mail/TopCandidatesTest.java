package io.vigie.rules.mail;

import static org.assertj.core.api.Assertions.assertThat;

import io.vigie.core.model.Direction;
import io.vigie.core.model.MailCount;
import io.vigie.core.model.TopEntry;
import io.vigie.rules.config.TopConfig;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Set;
import org.apache.kafka.streams.processor.api.MockProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.Stores;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The partition stage of the top lists on its own, over in-memory stores that outlive a processor instance. */
class TopCandidatesTest {

    private static final Instant T0 = Instant.parse("2026-11-28T10:00:00Z");
    private static final Duration FLUSH = Duration.ofMillis(500);

    private KeyValueStore<String, AddressCounts> counts;
    private KeyValueStore<String, TopWindows.Window> windows;

    @BeforeEach
    void stores() {
        counts = Stores.keyValueStoreBuilder(
                        Stores.inMemoryKeyValueStore(TopCandidates.COUNTS_STORE),
                        org.apache.kafka.common.serialization.Serdes.String(),
                        AddressCounts.SERDE)
                .withLoggingDisabled()
                .build();
        windows = Stores.keyValueStoreBuilder(
                        Stores.inMemoryKeyValueStore(TopCandidates.WINDOWS_STORE),
                        org.apache.kafka.common.serialization.Serdes.String(),
                        io.vigie.core.serde.JsonSerde.internal(TopWindows.Window.class))
                .withLoggingDisabled()
                .build();
    }

    private MockProcessorContext<String, TopCandidate> start(final TopCandidates processor) {
        final MockProcessorContext<String, TopCandidate> context = new MockProcessorContext<>();
        context.setCurrentStreamTimeMs(T0.toEpochMilli());
        if (!counts.isOpen()) {
            counts.init(context.getStateStoreContext(), counts);
            windows.init(context.getStateStoreContext(), windows);
        }
        context.addStateStore(counts);
        context.addStateStore(windows);
        processor.init(context);
        return context;
    }

    private static TopCandidates processor() {
        final TopConfig config = TopConfig.defaults().toBuilder()
                .size(20)
                .windows(Set.of(TopConfig.TopWindow.PERIOD))
                .hourAdvance(Duration.ofMinutes(10))
                .grace(Duration.ofMinutes(5))
                .publishInterval(Duration.ofSeconds(1))
                .build();
        return new TopCandidates(new TopWindows(config, ZoneOffset.UTC), 20, Duration.ofMinutes(5), FLUSH);
    }

    private static Record<String, MailCount> sent(final String sender, final long bytes) {
        return new Record<>(
                sender,
                new MailCount(T0, MailCount.Role.SENDER, sender, Direction.INBOUND, 1, bytes, null),
                T0.toEpochMilli());
    }

    private static void flush(final MockProcessorContext<String, TopCandidate> context) {
        context.scheduledPunctuators().stream()
                .filter(p -> p.getInterval().equals(FLUSH))
                .findFirst()
                .orElseThrow()
                .getPunctuator()
                .punctuate(T0.toEpochMilli());
    }

    private static List<TopCandidate> sentLists(final MockProcessorContext<String, TopCandidate> context) {
        return context.forwarded().stream()
                .<TopCandidate>map(f -> f.record().value())
                .toList();
    }

    @Test
    void shouldSendAChangedListOncePerFlushWithItsWholeTop() {
        final TopCandidates candidates = processor();
        final MockProcessorContext<String, TopCandidate> context = start(candidates);
        flush(context); // the first flush after a start sends every open window's lists: none here
        assertThat(context.forwarded()).isEmpty();
        for (int i = 0; i < 50; i++) {
            candidates.process(sent("amy@aaa.org", 10));
        }
        candidates.process(sent("bob@bbb.org", 10));
        assertThat(context.forwarded()).isEmpty();

        flush(context);

        final List<TopCandidate> lists = sentLists(context);
        // S|A|C, S|A|B, S|I|C, S|I|B of the period window: one record each, whatever the number of counts
        assertThat(lists).extracting(TopCandidate::list).containsExactlyInAnyOrder("S|A|C", "S|A|B", "S|I|C", "S|I|B");
        assertThat(lists)
                .filteredOn(c -> c.list().equals("S|A|C"))
                .singleElement()
                .satisfies(c -> assertThat(c.entries())
                        .containsExactly(new TopEntry("amy@aaa.org", 50, 500), new TopEntry("bob@bbb.org", 1, 10)));
        context.resetForwards();
        flush(context);
        assertThat(context.forwarded()).isEmpty(); // nothing changed since
    }

    /**
     * The lists changed since the last flush are memory only: a crash loses them. A new instance over the restored
     * stores must send every list of every open window again, from the counts.
     */
    @Test
    void shouldSendEveryListAgainAfterARestartWhenTheLastChangesWereNeverSent() {
        final TopCandidates crashed = processor();
        final MockProcessorContext<String, TopCandidate> before = start(crashed);
        crashed.process(sent("amy@aaa.org", 10));
        crashed.process(sent("amy@aaa.org", 20));
        assertThat(before.forwarded()).isEmpty();

        final MockProcessorContext<String, TopCandidate> after = start(processor());
        flush(after);

        final List<TopCandidate> lists = sentLists(after);
        assertThat(lists).hasSize(12); // every list of the open window, the empty ones too
        assertThat(lists)
                .filteredOn(c -> c.list().equals("S|I|B"))
                .singleElement()
                .satisfies(c -> assertThat(c.entries()).containsExactly(new TopEntry("amy@aaa.org", 2, 30)));
        assertThat(lists)
                .filteredOn(c -> c.list().startsWith("R"))
                .allSatisfy(c -> assertThat(c.entries()).isEmpty());
    }

    private static TopCandidates liveProcessor() {
        final TopConfig config = TopConfig.defaults().toBuilder()
                .size(20)
                .windows(Set.of(TopConfig.TopWindow.DAY, TopConfig.TopWindow.HOUR))
                .hourAdvance(Duration.ofMinutes(10))
                .grace(Duration.ofMinutes(5))
                .publishInterval(Duration.ofSeconds(1))
                .build();
        return new TopCandidates(new TopWindows(config, ZoneOffset.UTC), 20, Duration.ofMinutes(5), FLUSH);
    }

    @Test
    void shouldKeepOneEntryPerAddressForTheDayAndItsSixRollingHours() {
        final TopCandidates candidates = liveProcessor();
        start(candidates);
        candidates.process(sent("amy@aaa.org", 10));
        candidates.process(sent("amy@aaa.org", 5));

        assertThat(counts.approximateNumEntries()).isEqualTo(1);
        final AddressCounts amy = counts.get("S|amy@aaa.org");
        assertThat(amy.windows).hasSize(7);
        assertThat(amy.windows).allSatisfy(w -> {
            assertThat(w.messages(0)).isEqualTo(2); // all directions
            assertThat(w.bytes(1)).isEqualTo(15); // inbound
            assertThat(w.messages(2)).isZero(); // outbound
        });
    }

    @Test
    void shouldDropTheCountsOfAnAddressOnceAllItsWindowsClosed() {
        final TopCandidates candidates = liveProcessor();
        final MockProcessorContext<String, TopCandidate> context = start(candidates);
        candidates.process(sent("amy@aaa.org", 10));
        final Instant twoDaysLater = T0.plus(Duration.ofDays(2));
        context.setCurrentStreamTimeMs(twoDaysLater.toEpochMilli());
        candidates.process(new Record<>(
                "bob@bbb.org",
                new MailCount(twoDaysLater, MailCount.Role.SENDER, "bob@bbb.org", Direction.OUTBOUND, 1, 7, null),
                twoDaysLater.toEpochMilli()));

        context.scheduledPunctuators().stream()
                .filter(p -> p.getInterval().equals(Duration.ofMinutes(1)))
                .findFirst()
                .orElseThrow()
                .getPunctuator()
                .punctuate(twoDaysLater.toEpochMilli());

        assertThat(counts.get("S|amy@aaa.org")).isNull();
        assertThat(counts.get("S|bob@bbb.org").windows).hasSize(7);
    }
}
