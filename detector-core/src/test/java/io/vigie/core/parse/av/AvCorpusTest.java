package io.vigie.core.parse.av;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.vigie.core.parse.GoldenFiles;
import io.vigie.core.parse.ParseResult;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every text or JSON file of {@code shared/data/antivirus} read in {@code auto} mode: each line (each document
 * for a {@code .json} file) is a detection or an ignored line, never a dead letter, and the detections are as
 * many as a reading of the file finds; and each record's full reading is the one committed, compared through the
 * SHA-256 of its canonical JSON ({@code samples/av/corpus-digests/}, {@link GoldenFiles#digest}). The SEKOIA files
 * are read here only: they carry no licence, so neither a copy nor their parsed fields are committed.
 */
class AvCorpusTest {

    static Stream<Arguments> files() {
        return Stream.of(
                // file, detections, ignored lines
                Arguments.of("bitdefender/sekoia_gravityzone_tests.log", 3, 7),
                Arguments.of("bitdefender/sekoia_gravityzone_tests.jsonl", 3, 7),
                Arguments.of("eset/sekoia_eset_protect_tests.log", 2, 16),
                Arguments.of("eset/sekoia_eset_protect_tests.jsonl", 2, 16),
                Arguments.of("kaspersky/sekoia_kes_tests.log", 3, 3),
                Arguments.of("kaspersky/sekoia_kes_tests.jsonl", 3, 3),
                Arguments.of("mcafee_epo/apache-metron_McAfeeEpoOutput.log", 1, 2),
                Arguments.of("mcafee_epo/sekoia_trellix_epo_onprem_tests.log", 6, 13),
                Arguments.of("mcafee_epo/sekoia_trellix_epo_onprem_tests.jsonl", 6, 13),
                Arguments.of("mcafee_vse/plaso_AccessProtectionLog.txt", 14, 0),
                Arguments.of("sophos/sekoia_sophos_edr_tests.log", 2, 17),
                Arguments.of("sophos/sekoia_sophos_edr_tests.jsonl", 2, 17),
                Arguments.of("sophos_sav/plaso_sav_utf16.txt", 2, 7),
                Arguments.of("symantec_sep/plaso_Symantec.Log", 4, 4),
                Arguments.of("symantec_sep/sekoia_sep_tests.log", 3, 11),
                Arguments.of("symantec_sep/sekoia_sep_tests.jsonl", 3, 11),
                Arguments.of("trendmicro_apexone/sekoia_apexone_tests.log", 6, 15),
                Arguments.of("trendmicro_apexone/sekoia_apexone_tests.jsonl", 6, 15),
                Arguments.of("trendmicro_officescan/plaso_pccnt35.log", 3, 0),
                Arguments.of("windows_defender/sekoia_m365_defender_tests.jsonl", 1, 76),
                Arguments.of("windows_defender/sekoia_windows_defender_events.jsonl", 2, 4),
                Arguments.of("windows_defender/sigma-regression_defender_1119_eicar.json", 1, 0),
                Arguments.of(
                        "windows_defender/evtx_as_json/mdecrevoisier_ID5007-Defender_threat_exclusion_native.jsonl",
                        0,
                        4),
                Arguments.of(
                        "windows_defender/evtx_as_json/sbousseaden_WinDefender_Events_1117_1116_AtomicRedTeam.jsonl",
                        11,
                        0),
                Arguments.of("windows_defender/evtx_as_json/sigma-regression_defender_1119_eicar.jsonl", 1, 0));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("files")
    void shouldReadEveryRecordAsDetectionOrIgnoredLineWhenReadingRealAvLogs(
            final String file, final int detections, final int ignored) throws IOException {
        final Path path = antivirus().resolve(file);
        assumeTrue(Files.isRegularFile(path), () -> path + " missing: skipped");
        final List<String> failures = new ArrayList<>();
        final List<String> read = new ArrayList<>();
        final List<JsonNode> digests = new ArrayList<>();
        int seen = 0;
        int skipped = 0;
        for (final String record : records(path)) {
            if (record.isBlank()) {
                continue;
            }
            final ParseResult<AvLine> r = AvSamples.PARSERS.auto(record);
            read.add(record);
            digests.add(GoldenFiles.digest(AvGoldenTest.toJson(r)));
            if (!r.isOk()) {
                failures.add(r.error().source() + ": " + r.error().reason() + ": "
                        + record.substring(0, Math.min(120, record.length())));
            } else if (r.value().isDetection()) {
                seen++;
            } else {
                skipped++;
            }
        }
        assertThat(failures).isEmpty();
        assertThat(seen).as("detections").isEqualTo(detections);
        assertThat(skipped).as("ignored").isEqualTo(ignored);
        GoldenFiles.assertMatches(
                "samples/av/corpus-digests/" + file.replace('/', '_') + ".sha256.jsonl", read, digests);
    }

    /** Every text/JSON file of the folder is in the table above: a new sample must be looked at. */
    @Test
    void shouldCoverEveryTextFileWhenTheFolderChanges() throws IOException {
        final Path root = antivirus();
        final List<String> listed = files().map(a -> (String) a.get()[0]).toList();
        try (Stream<Path> all = Files.walk(root)) {
            final List<String> text = all.filter(Files::isRegularFile)
                    .map(p -> root.relativize(p).toString().replace('\\', '/'))
                    .filter(n -> !n.endsWith(".bin") && !n.endsWith(".evtx"))
                    .toList();
            assertThat(listed).containsExactlyInAnyOrderElementsOf(text);
        }
    }

    private static Path antivirus() {
        final Optional<Path> root = AvSamples.sharedData();
        assumeTrue(root.isPresent(), "shared/data not found (set -Dvigie.shared.data): AV corpus test skipped");
        return root.get().resolve("antivirus");
    }

    /** Lines; a {@code .json} file is one document; the SAV log is UTF-16, decoded as a collector would. */
    static List<String> records(final Path path) throws IOException {
        final String name = path.getFileName().toString();
        if (name.endsWith(".json")) {
            return List.of(Files.readString(path, StandardCharsets.UTF_8));
        }
        final byte[] bytes = Files.readAllBytes(path);
        final String text = name.contains("utf16")
                ? new String(bytes, StandardCharsets.UTF_16)
                : new String(bytes, StandardCharsets.UTF_8);
        return List.of(text.split("\r?\n"));
    }
}
