package io.vigie.core.parse.av;

import com.fasterxml.jackson.databind.JsonNode;
import io.vigie.core.parse.GoldenFiles;
import io.vigie.core.parse.ParseResult;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Golden test of the antivirus parsers: every committed sample of {@code samples/av} (one per local-log format
 * whose licence allows a copy, plus ClamAV's realgen output) and {@code golden/handmade.log} (one line or more of
 * each remaining format: CEF, Defender JSON, shipper JSON, Kaspersky, SEP syslog, SAV, Trellix XML, with
 * truncated, malformed, IPv6 and Latin-1 lines) read by {@code auto}, each line against the same line of
 * {@code golden/<sample>.expected.jsonl}: the detection without null fields, {@code {"ignored": why}} or
 * {@code {"failed": reason, "source": parser}}. Lines are split on CR LF or LF, as the AV corpus test reads them
 * (the Windows products write CR LF). Regenerate with {@code -Dvigie.golden.regenerate=true}.
 */
class AvGoldenTest {

    private static final String DIR = "samples/av/";

    @ParameterizedTest(name = "{0}")
    @ValueSource(
            strings = {
                "golden/handmade.log",
                "apache-metron_McAfeeEpoOutput.log",
                "mdecrevoisier_ID5007-Defender_threat_exclusion_native.jsonl",
                "plaso_AccessProtectionLog.txt",
                "plaso_Symantec.Log",
                "plaso_pccnt35.log",
                "realgen/clamav.log",
                "realgen/clamd.log",
                "realgen/clamdscan.log",
                "realgen/clamdscan.stdout.txt",
                "realgen/clamdscan_infected.txt",
                "realgen/clamscan.stdout.txt",
                "realgen/clamscan_allmatch.txt",
                "realgen/clamscan_infected.txt"
            })
    void shouldReadEveryGoldenLineAsBefore(final String sample) {
        final String text = new String(GoldenFiles.bytes(DIR + sample), StandardCharsets.UTF_8);
        final List<String> lines = GoldenFiles.splitLines(text.replace("\r\n", "\n"));
        final String expected = DIR + "golden/"
                + sample.replace("golden/", "").replace('/', '_').replaceFirst("\\.[A-Za-z]+$", "") + ".expected.jsonl";
        GoldenFiles.assertMatches(
                expected,
                lines,
                lines.stream().map(line -> toJson(AvSamples.PARSERS.auto(line))).toList());
    }

    static JsonNode toJson(final ParseResult<AvLine> result) {
        return GoldenFiles.render(
                result,
                line -> line.isDetection()
                        ? GoldenFiles.withoutNulls(line.event())
                        : GoldenFiles.ignored(line.ignoredBecause()));
    }
}
