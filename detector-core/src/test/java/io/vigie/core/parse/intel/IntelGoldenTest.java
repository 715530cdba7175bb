package io.vigie.core.parse.intel;

import com.fasterxml.jackson.databind.JsonNode;
import io.vigie.core.parse.GoldenFiles;
import io.vigie.core.parse.ParseResult;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/**
 * Golden test of the intel feed parsers: {@code samples/intel/urlhaus.csv} (the header and first rows of the
 * committed URLhaus dump, then hand-made broken, IPv6 and Latin-1 rows) and {@code samples/intel/list.txt} (a
 * plain indicator list, defanged and broken entries included), each line against the same line of its
 * {@code .expected.jsonl}. Regenerate with {@code -Dvigie.golden.regenerate=true}.
 */
class IntelGoldenTest {

    private static final String DIR = "samples/intel/";
    private static final Instant ADDED = Instant.parse("2026-11-30T12:00:00Z");

    @Test
    void shouldReadEveryUrlhausGoldenRowAsBefore() {
        final UrlhausCsvParser parser = new UrlhausCsvParser();
        GoldenFiles.assertLines(
                DIR + "urlhaus.csv", DIR + "urlhaus.expected.jsonl", line -> toJson(parser.parse(line)));
    }

    @Test
    void shouldReadEveryListGoldenLineAsBefore() {
        final IndicatorListParser parser = new IndicatorListParser();
        GoldenFiles.assertLines(
                DIR + "list.txt", DIR + "list.expected.jsonl", line -> toJson(parser.parse(line, ADDED)));
    }

    static JsonNode toJson(final ParseResult<IntelLine> result) {
        return GoldenFiles.render(
                result,
                line -> line.indicator() != null
                        ? GoldenFiles.withoutNulls(line.indicator())
                        : GoldenFiles.ignored(line.ignoredBecause()));
    }
}
