package io.vigie.core.parse.proxy;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.vigie.core.model.ProxyEvent;
import io.vigie.core.parse.GoldenFiles;
import io.vigie.core.parse.ParseResult;
import io.vigie.core.parse.proxy.ProxyLineParsers.Parsed;
import io.vigie.core.parse.proxy.ProxyLineParsers.State;
import io.vigie.core.serde.JsonSerde;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Golden test: {@code samples/proxy/golden/raw.log} read line by line through {@code auto}, the W3C state passed
 * from line to line as a stream processor would, against the same line of {@code expected.jsonl} (the event
 * without null fields, {@code {"ignored": why}} or {@code {"failed": reason, "source": parser}}), through
 * {@link GoldenFiles}. The last raw line is Latin-1, decoded as UTF-8 with replacement as a Kafka string
 * deserializer does. To regenerate after a deliberate change, run with {@code -Dvigie.golden.regenerate=true} and
 * review the diff line by line.
 */
class ProxyLineParsersGoldenTest {

    private static final String DIR = "samples/proxy/golden/";

    @Test
    void shouldProduceTheExpectedResultForEveryGoldenLine() {
        final ProxyLineParsers auto = ProxyLineParsers.forSource("auto");
        final List<String> raw = GoldenFiles.lines(DIR + "raw.log");
        State state = State.INITIAL;
        final List<JsonNode> actual = new ArrayList<>();
        for (final String line : raw) {
            final Parsed parsed = auto.parse(line, state);
            state = parsed.state();
            actual.add(toJson(parsed.result()));
        }
        GoldenFiles.assertMatches(DIR + "expected.jsonl", raw, actual);
    }

    @Test
    void shouldSurviveAJsonRoundTripForEveryGoldenEvent() {
        final JsonSerde<ProxyEvent> serde = JsonSerde.of(ProxyEvent.class);
        final ProxyLineParsers auto = ProxyLineParsers.forSource("auto");
        State state = State.INITIAL;
        int events = 0;
        for (final String line : GoldenFiles.lines(DIR + "raw.log")) {
            final Parsed parsed = auto.parse(line, state);
            state = parsed.state();
            if (parsed.result().isOk() && parsed.result().value().isAccess()) {
                final ProxyEvent event = parsed.result().value().event();
                assertThat(serde.fromBytes(serde.toBytes(event))).as(line).isEqualTo(event);
                events++;
            }
        }
        assertThat(events).isGreaterThan(10);
    }

    static JsonNode toJson(final ParseResult<ProxyLine> result) {
        return GoldenFiles.render(
                result,
                line -> line.isAccess()
                        ? GoldenFiles.withoutNulls(line.event())
                        : GoldenFiles.ignored(line.ignoredBecause()));
    }
}
