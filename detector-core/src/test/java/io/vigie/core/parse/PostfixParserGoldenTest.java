package io.vigie.core.parse;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.vigie.core.model.PostfixEvent;
import io.vigie.core.model.PostfixKind;
import io.vigie.core.serde.JsonSerde;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * Golden test: every line of {@code samples/postfix/raw.log} against the same line of
 * {@code expected.jsonl} (the event as JSON without null fields, or {@code {"failed": reason}}), through
 * {@link GoldenFiles}. The raw file's Latin-1 lines show what a non-UTF-8 producer turns into. To regenerate after
 * a deliberate change, run with {@code -Dvigie.golden.regenerate=true} and review the diff line by line.
 */
class PostfixParserGoldenTest {

    private static final String DIR = "samples/postfix/";
    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-30T12:00:00Z"), ZoneOffset.UTC);
    private static final PostfixParser PARSER = new PostfixParser(CLOCK, ZoneOffset.UTC);

    @Test
    void shouldProduceTheExpectedEventWhenParsingEveryGoldenLine() {
        GoldenFiles.assertLines(DIR + "raw.log", DIR + "expected.jsonl", line -> toJson(PARSER.parse(line)));
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
        assertThat(reasons)
                .contains(
                        "not syslog",
                        "not postfix",
                        "bad timestamp",
                        "truncated line",
                        "empty line",
                        "to= without angle brackets");
    }

    @Test
    void shouldSurviveAJsonRoundTripWhenEveryGoldenEventIsSerialized() {
        final JsonSerde<PostfixEvent> serde = JsonSerde.of(PostfixEvent.class);
        for (final String line : resourceLines("raw.log")) {
            final ParseResult<PostfixEvent> result = PARSER.parse(line);
            if (result.isOk()) {
                assertThat(serde.fromBytes(serde.toBytes(result.value())))
                        .as(line)
                        .isEqualTo(result.value());
            }
        }
    }

    /** The event without null fields, or only the reason of a failure (the source is always postfix). */
    static JsonNode toJson(final ParseResult<PostfixEvent> result) {
        if (!result.isOk()) {
            return JsonSerde.MAPPER
                    .createObjectNode()
                    .put("failed", result.error().reason());
        }
        return GoldenFiles.withoutNulls(result.value());
    }

    static List<String> resourceLines(final String name) {
        return GoldenFiles.lines(DIR + name);
    }
}
