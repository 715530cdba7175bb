package io.vigie.core.parse.av;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import io.vigie.core.parse.ParseResult;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Whatever arrives, every parser answers with a result: never an exception, never a hang. */
class AvHostileInputTest {

    static List<String> formats() {
        final List<String> all = new ArrayList<>(AvSamples.PARSERS.formats());
        all.add("auto");
        return all;
    }

    static List<String> hostile() {
        return List.of(
                "x".repeat(1024 * 1024),
                "{\"a\":" + "[".repeat(10_000) + "]".repeat(10_000) + "}",
                "{\"message\":" + "{\"message\":".repeat(50) + "1" + "}".repeat(51),
                "{\"message\":\"{\\\"message\\\":\\\"{\\\\\\\"message\\\\\\\":\\\\\\\"{}\\\\\\\"}\\\"}\"}",
                "CEF:0|Sophos|Central|1|Event::Endpoint::CoreDetection|",
                "CEF:0|a|b|c|d|e|f|cs1Label=VirusName cs1=",
                "CEF:0|a|b|c|d|e|f|\\",
                "/home/a\0b: Eicar FOUND",
                "{\"a\":\"\0\"}",
                "\0\0\0\0",
                "Sat Nov 28 05:29:32 2026 -> ",
                "Nov 31 25:61:61 h clamd[1]: /x: Y FOUND",
                ": FOUND",
                " FOUND",
                "<;><;><;><;><;><;><;><;><;><;>",
                "99999999<;>9999<;>x<;>1<;>1<;>0<;>C:\\<;>f<;><;>99999999999<;>",
                "FFFFFFFFFFFF,1,2,3,4,5,6,7",
                "\uFEFF99/99/2013\t2:42:26 PM\ta\tb\tc\td\te",
                "20161399 999999 File \"x\" belongs to virus/spyware 'y'.",
                "<?xml version=\"1.0\"?><EPOEvent><MachineInfo><ThreatCategory>av.detect</ThreatCategory>"
                        + "<ThreatName>X</ThreatName><DetectedUTC>not a date",
                "timestamp=\"9999-99-99\", signature=\"x\", category=\"av.detect\", severity_id=\"",
                "{\"System\":{\"Provider\":{\"Name\":\"Windows Defender\"},\"EventID\":{\"a\":1}},\"EventData\":[]}",
                "{\"winlog\":{\"provider_name\":\"Microsoft-Windows-Windows Defender\",\"event_id\":99999999999}}",
                "{\"EventID\":1116,\"SourceName\":\"Windows Defender\",\"Path\":\";;;:_|||\",\"Severity ID\":[]}",
                "{\"category\":\"AdvancedHunting-DeviceEvents\",\"properties\":{\"ActionType\":\"AntivirusDetection\","
                        + "\"AdditionalFields\":\"{{{\"}}",
                "{\"@timestamp\":\"" + "9".repeat(100) + "\",\"threat\":{\"name\":\"x\"}}",
                "\uD800\uDC00\uD800",
                "   ",
                "");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("formats")
    void shouldNeverThrowWhenTheInputIsHostile(final String format) {
        for (final String line : hostile()) {
            assertThatCode(() -> {
                        final ParseResult<AvLine> r = "auto".equals(format)
                                ? AvSamples.PARSERS.auto(line)
                                : AvSamples.PARSERS.parser(format).orElseThrow().parse(line);
                        assertThat(r).isNotNull();
                        if (!r.isOk()) {
                            assertThat(r.error().reason()).hasSizeLessThan(40);
                        }
                    })
                    .as(format + ": " + line.substring(0, Math.min(60, line.length())))
                    .doesNotThrowAnyException();
        }
        final ParseResult<AvLine> nul = "auto".equals(format)
                ? AvSamples.PARSERS.auto(null)
                : AvSamples.PARSERS.parser(format).orElseThrow().parse(null);
        assertThat(nul.isOk()).isFalse();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("formats")
    void shouldRefuseWhenTheLineIsOverTheLimitOrHoldsNul(final String format) {
        final AvLogParser p = "auto".equals(format)
                ? AvSamples.PARSERS::auto
                : AvSamples.PARSERS.parser(format).orElseThrow();
        assertThat(p.parse("x".repeat(1024 * 1024)).error().reason()).isEqualTo(AvFields.LINE_TOO_LONG);
        assertThat(p.parse("/a\0: X FOUND").error().reason()).isEqualTo(AvFields.NUL_BYTE);
    }
}
