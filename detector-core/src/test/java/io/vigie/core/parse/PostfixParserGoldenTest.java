package io.vigie.core.parse;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.vigie.core.model.PostfixEvent;
import io.vigie.core.model.PostfixKind;
import io.vigie.core.serde.JsonSerde;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Golden test: every line of {@code samples/postfix/raw.log} against the same line of
 * {@code expected.jsonl} (the event as JSON without null fields, or {@code {"failed": reason}}).
 * The raw file is decoded as a Kafka {@code StringDeserializer} would (UTF-8, malformed bytes replaced),
 * so its Latin-1 lines show what a non-UTF-8 producer turns into. To regenerate after a deliberate change,
 * run with {@code -Dvigie.golden.write=true} and review the diff line by line.
 */
class PostfixParserGoldenTest {

    private static final String DIR = "samples/postfix/";
    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-30T12:00:00Z"), ZoneOffset.UTC);
    private static final PostfixParser PARSER = new PostfixParser(CLOCK, ZoneOffset.UTC);

    static Stream<Arguments> lines() {
        final List<String> raw = resourceLines("raw.log");
        final List<String> expected = resourceLines("expected.jsonl");
        final List<Arguments> cases = new ArrayList<>();
        for (int i = 0; i < raw.size(); i++) {
            cases.add(Arguments.of(i + 1, raw.get(i), i < expected.size() ? expected.get(i) : "{}"));
        }
        return cases.stream();
    }

    @ParameterizedTest(name = "raw.log line {0}")
    @MethodSource("lines")
    void shouldProduceTheExpectedEventWhenParsingTheGoldenLine(final int number, final String raw,
                                                               final String expected) throws IOException {
        final JsonNode actual = toJson(PARSER.parse(raw));

        assertThat(actual).as("line %d: %s", number, raw).isEqualTo(JsonSerde.MAPPER.readTree(expected));
    }

    @Test
    void shouldHaveOneExpectationPerRawLineWhenTheGoldenFilesAreConsistent() throws IOException {
        final List<String> raw = resourceLines("raw.log");
        if (Boolean.getBoolean("vigie.golden.write")) {
            final StringBuilder out = new StringBuilder();
            for (final String line : raw) {
                out.append(JsonSerde.MAPPER.writeValueAsString(toJson(PARSER.parse(line)))).append('\n');
            }
            Files.writeString(Path.of("src/test/resources", DIR, "expected.jsonl"), out, StandardCharsets.UTF_8);
        }
        assertThat(resourceLines("expected.jsonl")).hasSameSizeAs(raw);
    }

    @Test
    void shouldCoverEveryKindWhenTheGoldenSampleIsRepresentative() {
        final Set<PostfixKind> kinds = EnumSet.noneOf(PostfixKind.class);
        final List<String> reasons = new ArrayList<>();
        for (final String line : resourceLines("raw.log")) {
            final ParseResult<PostfixEvent> result = PARSER.parse(line);
            if (result.isOk()) {
                kinds.add(result.value().kind());
            } else {
                reasons.add(result.error().reason());
            }
        }
        assertThat(kinds).containsExactlyInAnyOrder(PostfixKind.values());
        assertThat(reasons).contains("not syslog", "not postfix", "bad timestamp", "truncated line", "empty line",
                "to= without angle brackets");
    }

    @Test
    void shouldSurviveAJsonRoundTripWhenEveryGoldenEventIsSerialized() {
        final JsonSerde<PostfixEvent> serde = JsonSerde.of(PostfixEvent.class);
        for (final String line : resourceLines("raw.log")) {
            final ParseResult<PostfixEvent> result = PARSER.parse(line);
            if (result.isOk()) {
                assertThat(serde.fromBytes(serde.toBytes(result.value()))).as(line).isEqualTo(result.value());
            }
        }
    }

    static JsonNode toJson(final ParseResult<PostfixEvent> result) {
        try {
            if (!result.isOk()) {
                return JsonSerde.MAPPER.readTree(JsonSerde.MAPPER.writeValueAsString(
                        Map.of("failed", result.error().reason())));
            }
            final ObjectNode node = JsonSerde.MAPPER.valueToTree(result.value());
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

    /** Lines split on LF only (a CR stays part of its line, as it would in a Kafka record). */
    static List<String> resourceLines(final String name) {
        try (InputStream in = PostfixParserGoldenTest.class.getClassLoader().getResourceAsStream(DIR + name)) {
            assertThat(in).as("resource %s%s", DIR, name).isNotNull();
            return SharedData.splitLines(new String(in.readAllBytes(), StandardCharsets.UTF_8));
        } catch (final IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
