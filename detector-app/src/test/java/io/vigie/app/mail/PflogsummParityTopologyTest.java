package io.vigie.app.mail;

import static org.assertj.core.api.Assertions.assertThat;

import io.vigie.app.analyze.SourceFiles;
import io.vigie.app.ingest.LineBatch;
import io.vigie.app.pflogsumm.PflogsummCorpus;
import io.vigie.app.pflogsumm.PflogsummReport;
import io.vigie.core.model.TopEntry;
import io.vigie.core.model.TopLists;
import io.vigie.core.model.TopSnapshot;
import io.vigie.rules.DetectorTopology;
import io.vigie.rules.config.RulesConfig;
import io.vigie.rules.config.TopConfig;
import io.vigie.rules.config.TopConfig.TopWindow;
import io.vigie.rules.mail.PostfixMailFlow;
import java.io.BufferedReader;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Stream;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The detection topology itself, without a broker, must rank exactly like pflogsumm on every real
 * Postfix log of the corpus. The same comparison through {@code vigie analyze} on the embedded
 * broker is {@code AnalyzePflogsummParityIT}; this one is fast and pinpoints ranking mistakes.
 */
class PflogsummParityTopologyTest {

    @TempDir
    Path stateDir;

    static Stream<PflogsummCorpus.Case> corpus() {
        return PflogsummCorpus.cases().stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("corpus")
    void shouldRankLikePflogsummWhenFedTheSameLog(final PflogsummCorpus.Case corpusCase) throws IOException {
        Assumptions.assumeTrue(corpusCase.log().isPresent(), corpusCase::skipMessage);
        final TopLists ours = topLists(corpusCase.log().get());
        final PflogsummReport expected = corpusCase.expected();
        assertSameList("senders by count", ours.sendersByCount(), expected.sendersByCount(), TopEntry::messages);
        assertSameList(
                "recipients by count", ours.recipientsByCount(), expected.recipientsByCount(), TopEntry::messages);
        assertSameList("senders by size", ours.sendersByBytes(), expected.sendersBySize(), TopEntry::bytes);
        assertSameList("recipients by size", ours.recipientsByBytes(), expected.recipientsBySize(), TopEntry::bytes);
    }

    static void assertSameList(
            final String what,
            final List<TopEntry> ours,
            final List<PflogsummReport.Entry> expected,
            final Function<TopEntry, Long> value) {
        final List<String> printed = ours.stream()
                .map(e -> PflogsummReport.formatLikePflogsumm(value.apply(e), e.address())
                        .printed())
                .toList();
        assertThat(printed)
                .as(what)
                .containsExactlyElementsOf(
                        expected.stream().map(PflogsummReport.Entry::printed).toList());
    }

    private TopLists topLists(final Path log) throws IOException {
        final Instant now = Instant.parse("2026-11-28T12:00:00Z");
        final RulesConfig defaults = RulesConfig.defaults();
        final RulesConfig config = defaults.withTop(TopConfig.defaults().toBuilder()
                        .size(20)
                        .windows(Set.of(TopWindow.PERIOD))
                        .hourAdvance(Duration.ofMinutes(10))
                        .grace(Duration.ofMinutes(5))
                        .publishInterval(Duration.ofSeconds(1))
                        .build())
                .withClock(Clock.fixed(now, ZoneOffset.UTC));
        final Properties props = new Properties();
        props.put(StreamsConfig.APPLICATION_ID_CONFIG, "parity");
        props.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "dummy:9092");
        props.put(StreamsConfig.STATE_DIR_CONFIG, stateDir.toString());
        try (TopologyTestDriver driver = new TopologyTestDriver(DetectorTopology.build(config), props, now)) {
            final TestInputTopic<String, String> raw = driver.createInputTopic(
                    config.topics().rawPostfix(), new StringSerializer(), new StringSerializer());
            final TestOutputTopic<String, TopSnapshot> top20 = driver.createOutputTopic(
                    config.topics().top20State(),
                    new StringDeserializer(),
                    PostfixMailFlow.SNAPSHOT_SERDE.deserializer());
            // Lines go as vigie ingest sends them, 500 per record: the parser groups each record's lines by message
            // (a message's lines are usually in one record, across the lines of others), which the parity checks too.
            try (BufferedReader reader = SourceFiles.open(log)) {
                final List<String> batch = new ArrayList<>();
                String line;
                while ((line = reader.readLine()) != null) {
                    if (!line.isBlank()) {
                        batch.add(line);
                    }
                    if (batch.size() == LineBatch.MAX_LINES) {
                        raw.pipeInput(log.getFileName().toString(), String.join("\n", batch), now);
                        batch.clear();
                    }
                }
                if (!batch.isEmpty()) {
                    raw.pipeInput(log.getFileName().toString(), String.join("\n", batch), now);
                }
            }
            // The partitions' lists reach the merge on one punctuation and are published on a later one.
            driver.advanceWallClockTime(Duration.ofSeconds(2));
            driver.advanceWallClockTime(Duration.ofSeconds(2));
            TopSnapshot period = null;
            for (final KeyValue<String, TopSnapshot> kv : top20.readKeyValuesToList()) {
                if ("period".equals(kv.key) && kv.value != null) {
                    period = kv.value;
                }
            }
            return period == null ? TopLists.empty() : period.all();
        }
    }
}
