package io.vigie.core.parse;

import com.fasterxml.jackson.databind.JsonNode;
import io.vigie.core.model.QueueSnapshot;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Golden test of {@link PostqueueSnapshotParser}: each snapshot file (the committed {@code postqueue -j} sample,
 * then hand-made truncated, non-JSON, empty, IPv6 and Latin-1 ones under {@code golden/}) is one input, its
 * snapshot (or failure) one line of {@code samples/postqueue/golden/expected.jsonl}, in the order listed here.
 * Regenerate with {@code -Dvigie.golden.regenerate=true}.
 */
class PostqueueSnapshotGoldenTest {

    private static final String DIR = "samples/postqueue/";
    private static final List<String> SNAPSHOTS = List.of(
            "postqueue-j.jsonl",
            "golden/truncated.jsonl",
            "golden/not-json.txt",
            "golden/empty.jsonl",
            "golden/ipv6-and-latin1.jsonl");
    private static final Instant TAKEN_AT = Instant.parse("2026-11-28T08:30:00Z");

    @Test
    void shouldReadEveryGoldenSnapshotAsBefore() {
        final PostqueueSnapshotParser parser = new PostqueueSnapshotParser();
        final List<JsonNode> actual = SNAPSHOTS.stream()
                .map(name -> new String(GoldenFiles.bytes(DIR + name), StandardCharsets.UTF_8))
                .map(text -> toJson(parser.parse(text, TAKEN_AT, "mx1")))
                .toList();
        GoldenFiles.assertMatches(DIR + "golden/expected.jsonl", SNAPSHOTS, actual);
    }

    private static JsonNode toJson(final ParseResult<QueueSnapshot> result) {
        return GoldenFiles.render(result, GoldenFiles::withoutNulls);
    }
}
