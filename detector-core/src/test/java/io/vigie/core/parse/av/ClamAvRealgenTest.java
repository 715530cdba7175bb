package io.vigie.core.parse.av;

import static org.assertj.core.api.Assertions.assertThat;

import io.vigie.core.model.AvEvent;
import io.vigie.core.parse.ParseResult;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The realgen ClamAV run (ClamAV 1.4.6 on planted files): every file that ClamAV reported in a log is found
 * with the threat name the ground truth expects, and nothing else is a detection.
 */
class ClamAvRealgenTest {

    private static final String ROOT = "/var/tmp/realgen/clamav/root/";

    private final ClamAvParser parser =
            new ClamAvParser("fileserver01", java.time.ZoneId.of("Europe/Paris"), AvSamples.CLOCK);

    @ParameterizedTest(name = "{0}")
    @ValueSource(
            strings = {
                "clamav.log",
                "clamd.log",
                "clamdscan.log",
                "clamdscan.stdout.txt",
                "clamdscan_infected.txt",
                "clamscan.stdout.txt",
                "clamscan_allmatch.txt",
                "clamscan_infected.txt"
            })
    void shouldFindEveryPlantedFileWithItsThreatWhenReadingRealClamAvOutput(final String file) {
        final Map<String, String> expected = groundTruth();
        final List<String> failures = new ArrayList<>();
        final Map<String, String> found = new LinkedHashMap<>();
        int foundLines = 0;
        for (final String line : AvSamples.resourceLines("realgen/" + file)) {
            final ParseResult<AvLine> r = parser.parse(line);
            if (!r.isOk()) {
                failures.add(r.error().reason() + ": " + line);
                continue;
            }
            if (line.endsWith(" FOUND")) {
                foundLines++;
            }
            if (r.value().isDetection()) {
                final AvEvent e = r.value().event();
                assertThat(e.path()).startsWith(ROOT);
                assertThat(e.host()).isEqualTo("fileserver01");
                assertThat(e.action()).isEqualTo("none");
                found.put(e.path().substring(ROOT.length()), e.threat());
            }
        }
        assertThat(failures).isEmpty();
        // every FOUND line is a detection, and each reported file is a planted one with the expected threat
        assertThat(found).isNotEmpty();
        assertThat(foundLines).isGreaterThanOrEqualTo(found.size());
        found.forEach((path, threat) -> assertThat(expected).as(path).containsEntry(path, threat));
        if (!file.contains("infected")) {
            // the full runs report every planted file; the *_infected runs scanned a subset
            assertThat(found.keySet()).containsExactlyInAnyOrderElementsOf(expected.keySet());
        }
    }

    /** Planted path → expected threat; "(only with --alert-encrypted)" is dropped: that run used the option. */
    private static Map<String, String> groundTruth() {
        return AvSamples.resourceLines("realgen/planted_ground_truth.tsv").stream()
                .filter(l -> !l.isBlank() && !l.startsWith("#") && !l.startsWith("path\t"))
                .map(l -> l.split("\t"))
                .collect(Collectors.toMap(
                        f -> f[0],
                        f -> f[2].replace(" (only with --alert-encrypted)", ""),
                        (a, b) -> a,
                        LinkedHashMap::new));
    }
}
