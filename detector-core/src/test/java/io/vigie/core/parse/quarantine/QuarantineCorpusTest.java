package io.vigie.core.parse.quarantine;

import static org.assertj.core.api.Assertions.assertThat;

import io.vigie.core.parse.GoldenFiles;
import io.vigie.core.parse.LogParser;
import io.vigie.core.parse.ParseResult;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * Every file of {@code shared/data/mail_gateway/} through the {@code auto} parser: never a failure, and the
 * number of quarantine events each gives. The SEKOIA samples have no licence, so they are read in place (skipped
 * when absent); only the Apache-2.0 Metron file is copied into the test resources, where {@code QuarantineGoldenTest}
 * compares its reading line by line. Committing the SEKOIA files' readings would copy unlicensed content into the
 * repository, so each line's reading is compared through the SHA-256 of its canonical JSON instead
 * ({@code samples/quarantine/corpus-digests/}, {@link GoldenFiles#digest}).
 */
class QuarantineCorpusTest {

    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-30T12:00:00Z"), ZoneOffset.UTC);
    private final LogParser<QuarantineLine> auto = QuarantineParsers.byName("auto", CLOCK, ZoneOffset.UTC);

    /** Events per file, checked by hand against each record's action (see the report on the branch). */
    private static final Map<String, Integer> EXPECTED_EVENTS = Map.of(
            "cisco_ironport/apache-metron_IronportOutput.log", 0,
            "cisco_ironport/sekoia_cisco_esa_tests.jsonl", 0,
            "cisco_ironport/sekoia_cisco_esa_tests.log", 0,
            "fortimail/sekoia_fortimail_tests.jsonl", 0,
            "fortimail/sekoia_fortimail_tests.log", 0,
            "mimecast/sekoia_mimecast_tests.jsonl", 9,
            "proofpoint/sekoia_proofpoint_pod_tests.jsonl", 1,
            "spamassassin/sekoia_spamassassin_tests.jsonl", 0,
            "spamassassin/sekoia_spamassassin_tests.log", 0,
            "trendmicro/sekoia_trend_email_security_tests.jsonl", 1);

    static Optional<Path> mailGateway() {
        return Stream.of("../../shared/data", "../shared/data", "/work/shared/data")
                .map(Path::of)
                .map(p -> p.resolve("mail_gateway"))
                .filter(Files::isDirectory)
                .findFirst();
    }

    private Map<String, Integer> count(final List<String> lines) {
        int events = 0;
        int ignored = 0;
        for (final String line : lines) {
            final ParseResult<QuarantineLine> r = auto.parse(line);
            assertThat(r.isOk()).as("failed on %s", line).isTrue();
            if (r.value().isEvent()) {
                events++;
            } else {
                ignored++;
            }
        }
        return Map.of("events", events, "ignored", ignored);
    }

    private static List<String> lines(final Path file) throws IOException {
        return Arrays.stream(new String(Files.readAllBytes(file), StandardCharsets.UTF_8).split("\n"))
                .filter(l -> !l.isEmpty())
                .collect(Collectors.toList());
    }

    @Test
    void shouldNeverFailAndFindTheQuarantineEventsInEveryGatewayFile() throws IOException {
        final Optional<Path> root = mailGateway();
        Assumptions.assumeTrue(root.isPresent(), "shared/data/mail_gateway is absent");
        final Map<String, Integer> seen = new TreeMap<>();
        try (Stream<Path> files = Files.walk(root.get())) {
            for (final Path file : files.filter(Files::isRegularFile).sorted().collect(Collectors.toList())) {
                final String name = root.get().relativize(file).toString().replace('\\', '/');
                final List<String> lines = lines(file);
                final Map<String, Integer> counts = count(lines);
                seen.put(name, counts.get("events"));
                GoldenFiles.assertMatches(
                        "samples/quarantine/corpus-digests/" + name.replace('/', '_') + ".sha256.jsonl",
                        lines,
                        lines.stream()
                                .map(line -> GoldenFiles.digest(QuarantineGoldenTest.toJson(auto.parse(line))))
                                .toList());
            }
        }
        assertThat(seen).isEqualTo(new TreeMap<>(EXPECTED_EVENTS));
    }
}
