package io.vigie.rules.detection;

import static org.assertj.core.api.Assertions.assertThat;

import io.vigie.rules.TestDrivers;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.Named;
import org.apache.kafka.streams.kstream.Produced;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.Stores;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The thin processor with a toy decision: words counted per first letter ("a" for "apple"), the count emitted under
 * the word at the third, "reset" forgetting the letter, "noise" read without a change, blank words left unplaced.
 */
class DecisionProcessorTest {

    private static final String STORE = "letters";
    private static final Instant T0 = Instant.parse("2026-11-28T09:00:00Z");
    private static final Decision<Long, String, String> COUNT = (letter, count, word) -> {
        if ("noise".equals(word)) {
            return Outcome.unchanged();
        }
        if ("reset".equals(word)) {
            return Outcome.delete(List.of("forgot " + letter));
        }
        final long next = (count == null ? 0 : count) + 1;
        return Outcome.put(next, next == 3 ? List.of(letter + "=3") : List.of());
    };

    /** A letter seen once is forgotten by the sweeps from an hour after the start (the first one runs at once). */
    private static boolean expired(final long count, final long streamTime) {
        return count < 2 && streamTime >= T0.plus(Duration.ofHours(1)).toEpochMilli();
    }

    @TempDir
    Path stateDir;

    private TopologyTestDriver driver;
    private TestInputTopic<String, String> words;
    private TestOutputTopic<String, String> out;

    @BeforeEach
    void setUp() {
        driver = TestDrivers.part(
                builder -> {
                    builder.addStateStore(Stores.keyValueStoreBuilder(
                            Stores.persistentKeyValueStore(STORE), Serdes.String(), Serdes.Long()));
                    builder.stream("words", Consumed.with(Serdes.String(), Serdes.String()))
                            .process(
                                    () -> DecisionProcessor.<String, Long, String>inStore(
                                                    STORE,
                                                    (key, word) -> word.isBlank() ? null : word.substring(0, 1),
                                                    (key, word) -> word,
                                                    COUNT)
                                            .sweeping(new Sweep<>(
                                                    STORE, Duration.ofHours(1), DecisionProcessorTest::expired)),
                                    Named.as("count-letters"),
                                    STORE)
                            .to("out", Produced.with(Serdes.String(), Serdes.String()));
                },
                stateDir,
                T0);
        words = driver.createInputTopic("words", new StringSerializer(), new StringSerializer());
        out = driver.createOutputTopic("out", new StringDeserializer(), new StringDeserializer());
    }

    @AfterEach
    void tearDown() {
        driver.close();
    }

    @Test
    void shouldKeepTheStateUnderTheStateKeyAndForwardUnderTheOutputKeyWithTheInputTime() {
        words.pipeInput("k", "apple", T0);
        words.pipeInput("k", "avocado", T0);
        words.pipeInput("k", "noise", T0);
        words.pipeInput("k", "  ", T0);
        words.pipeInput("k", "apricot", T0.plusSeconds(5));

        final List<KeyValue<String, String>> emitted = out.readKeyValuesToList();
        assertThat(emitted).containsExactly(KeyValue.pair("apricot", "a=3"));
        final KeyValueStore<String, Long> store = driver.getKeyValueStore(STORE);
        assertThat(store.get("a")).isEqualTo(3L);
        assertThat(store.get("n")).as("unchanged: nothing written").isNull();
    }

    @Test
    void shouldDeleteTheStateWhenTheDecisionForgetsIt() {
        words.pipeInput("k", "apple", T0);
        words.pipeInput("k", "reset", T0);

        assertThat(out.readValuesToList()).containsExactly("forgot r");
        words.pipeInput("k", "ruby", T0);
        words.pipeInput("k", "rose", T0);
        final KeyValueStore<String, Long> store = driver.getKeyValueStore(STORE);
        assertThat(store.get("r")).isEqualTo(2L);
    }

    @Test
    void shouldSweepTheExpiredKeysAsStreamTimeAdvances() {
        words.pipeInput("k", "apple", T0);
        words.pipeInput("k", "banana", T0);
        words.pipeInput("k", "blueberry", T0);
        final KeyValueStore<String, Long> store = driver.getKeyValueStore(STORE);
        assertThat(store.get("a")).isEqualTo(1L);

        words.pipeInput("k", "cherry", T0.plus(Duration.ofHours(2)));

        assertThat(store.get("a")).isNull();
        assertThat(store.get("c")).isNull();
        assertThat(store.get("b")).isEqualTo(2L);
    }
}
