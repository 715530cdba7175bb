package io.vigie.core.parse.quarantine;

import com.fasterxml.jackson.databind.JsonNode;
import io.vigie.core.parse.GoldenFiles;
import io.vigie.core.parse.LogParser;
import io.vigie.core.parse.ParseResult;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Golden test of the quarantine parsers: the copied Metron IronPort sample (Apache-2.0) and
 * {@code golden/handmade.log} (Amavis, Rspamd history and task-log, ECS JSON; truncated, malformed, IPv6 and
 * Latin-1 lines) read by {@code auto}, each line against {@code golden/<sample>.expected.jsonl}: the decision
 * without null fields, {@code {"ignored": why}} or {@code {"failed": reason, "source": parser}}. Regenerate with
 * {@code -Dvigie.golden.regenerate=true}.
 */
class QuarantineGoldenTest {

    private static final String DIR = "samples/quarantine/";
    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-30T12:00:00Z"), ZoneOffset.UTC);
    private static final LogParser<QuarantineLine> AUTO = QuarantineParsers.byName("auto", CLOCK, ZoneOffset.UTC);

    @ParameterizedTest(name = "{0}")
    @CsvSource({
        "golden/handmade.log, golden/handmade.expected.jsonl",
        "apache-metron_IronportOutput.log, golden/apache-metron_IronportOutput.expected.jsonl"
    })
    void shouldReadEveryGoldenLineAsBefore(final String sample, final String expected) {
        GoldenFiles.assertLines(DIR + sample, DIR + expected, line -> toJson(AUTO.parse(line)));
    }

    static JsonNode toJson(final ParseResult<QuarantineLine> result) {
        return GoldenFiles.render(
                result,
                line -> line.isEvent()
                        ? GoldenFiles.withoutNulls(line.event())
                        : GoldenFiles.ignored(line.ignoredBecause()));
    }
}
