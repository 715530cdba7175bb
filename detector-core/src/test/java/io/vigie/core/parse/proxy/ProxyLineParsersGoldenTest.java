package io.vigie.core.parse.proxy;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.vigie.core.model.ProxyEvent;
import io.vigie.core.parse.ParseResult;
import io.vigie.core.parse.proxy.ProxyLineParsers.Parsed;
import io.vigie.core.parse.proxy.ProxyLineParsers.State;
import io.vigie.core.serde.JsonSerde;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Golden test: {@code samples/proxy/golden/raw.log} read line by line through {@code auto}, the W3C state passed
 * from line to line as a stream processor would, against the same line of {@code expected.jsonl} (the event
 * without null fields, {@code {"ignored": why}} or {@code {"failed": reason, "source": parser}}). The last raw
 * line is Latin-1, decoded as UTF-8 with replacement as a Kafka string deserializer does. To regenerate after a
 * deliberate change, run with {@code -Dvigie.golden.write=true} and review the diff line by line.
 */
class ProxyLineParsersGoldenTest {

    private static final String DIR = "/samples/proxy/golden/";

    private static List<JsonNode> parseRaw() throws IOException {
        final ProxyLineParsers auto = ProxyLineParsers.forSource("auto");
        State state = State.INITIAL;
        final List<JsonNode> out = new ArrayList<>();
        for (final String line : W3cLogParserTest.resourceLines(DIR + "raw.log")) {
            final Parsed parsed = auto.parse(line, state);
            state = parsed.state();
            out.add(toJson(parsed.result()));
        }
        return out;
    }

    @Test
    void shouldProduceTheExpectedResultForEveryGoldenLine() throws IOException {
        final List<String> raw = W3cLogParserTest.resourceLines(DIR + "raw.log");
        final List<JsonNode> actual = parseRaw();
        if (Boolean.getBoolean("vigie.golden.write")) {
            final StringBuilder text = new StringBuilder();
            for (final JsonNode node : actual) {
                text.append(JsonSerde.MAPPER.writeValueAsString(node)).append('\n');
            }
            Files.writeString(Path.of("src/test/resources" + DIR + "expected.jsonl"), text, StandardCharsets.UTF_8);
        }
        final List<String> expected = W3cLogParserTest.resourceLines(DIR + "expected.jsonl");
        assertThat(expected).hasSameSizeAs(raw);
        for (int i = 0; i < raw.size(); i++) {
            assertThat(actual.get(i)).as("line %d: %s", i + 1, raw.get(i))
                    .isEqualTo(JsonSerde.MAPPER.readTree(expected.get(i)));
        }
    }

    @Test
    void shouldSurviveAJsonRoundTripForEveryGoldenEvent() throws IOException {
        final JsonSerde<ProxyEvent> serde = JsonSerde.of(ProxyEvent.class);
        final ProxyLineParsers auto = ProxyLineParsers.forSource("auto");
        State state = State.INITIAL;
        int events = 0;
        for (final String line : W3cLogParserTest.resourceLines(DIR + "raw.log")) {
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

    private static JsonNode toJson(final ParseResult<ProxyLine> result) {
        try {
            if (!result.isOk()) {
                return JsonSerde.MAPPER.valueToTree(Map.of("failed", result.error().reason(),
                        "source", result.error().source()));
            }
            if (!result.value().isAccess()) {
                return JsonSerde.MAPPER.valueToTree(Map.of("ignored", result.value().ignoredBecause()));
            }
            final ObjectNode node = JsonSerde.MAPPER.valueToTree(result.value().event());
            final List<String> nullFields = new ArrayList<>();
            node.properties().forEach(field -> {
                if (field.getValue().isNull()) {
                    nullFields.add(field.getKey());
                }
            });
            node.remove(nullFields);
            // through text, so that number node types match what reading expected.jsonl gives
            return JsonSerde.MAPPER.readTree(JsonSerde.MAPPER.writeValueAsString(node));
        } catch (final IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
