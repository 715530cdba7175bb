package io.vigie.core.parse.av;

import static org.assertj.core.api.Assertions.assertThat;

import io.vigie.core.model.AvEvent;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

class CefAvParserTest {

    private final CefAvParser parser = new CefAvParser(ZoneOffset.UTC);

    @Test
    void shouldReadEveryFieldWhenTrendMicroLogsAVirus() {
        final AvEvent e = AvSamples.event(parser.parse("<134>Nov 28 08:00:00 apexcentral CEF:0|Trend Micro|Apex "
                + "Central|2019|AV:File quarantined|TROJ_GEN.R002C0DK|3|deviceExternalId=1 rt=Sep 02 2024 07:28:21 "
                + "GMT+00:00 dhost=PC-URG-042 dst=10.1.2.3 duser=CHU\\\\mleroy act=File quarantined "
                + "cs1Label=VLF_FunctionCode cs1=Real-time Scan filePath=C:\\\\Users\\\\mleroy\\\\Downloads\\\\ "
                + "fname=a.exe fileHash=3395856CE81F2B7382DEE72602F798B642F14140"));
        assertThat(e)
                .isEqualTo(new AvEvent(
                        Instant.parse("2024-09-02T07:28:21Z"),
                        "cef",
                        "pc-urg-042",
                        "10.1.2.3",
                        "CHU\\mleroy",
                        "TROJ_GEN.R002C0DK",
                        "C:\\Users\\mleroy\\Downloads\\",
                        null,
                        "3395856ce81f2b7382dee72602f798b642f14140",
                        "quarantined",
                        null,
                        "low"));
    }

    @Test
    void shouldReadCefDatesWithAOneDigitOrPaddedDayAndAFraction() {
        final String line = "CEF:0|Trend Micro|Apex Central|2019|AV:File quarantined|TROJ_GEN.R002C0DK|3|"
                + "dhost=pc1 act=File quarantined fname=a.exe rt=";
        assertThat(AvSamples.event(parser.parse(line + "Sep 2 2024 07:28:21")).time())
                .isEqualTo(Instant.parse("2024-09-02T07:28:21Z"));
        assertThat(AvSamples.event(parser.parse(line + "Sep  2 2024 07:28:21 GMT+02:00"))
                        .time())
                .isEqualTo(Instant.parse("2024-09-02T05:28:21Z"));
        assertThat(AvSamples.event(parser.parse(line + "Sep 02 2024 07:28:21.500"))
                        .time())
                .isEqualTo(Instant.parse("2024-09-02T07:28:21.500Z"));
    }

    @Test
    void shouldReadTheLabelledThreatWhenTheConsoleUsesCustomStrings() {
        final AvEvent e = AvSamples.event(parser.parse("CEF:0|ESET|Protect|1|1|Threat|8|rt=1732780800000 "
                + "dvchost=pc1 suser=bob cs1Label=ThreatName cs1=Win32/Agent.X cs2Label=Action cs2=Cleaned "
                + "filePath=C:\\\\x.exe"));
        assertThat(e.threat()).isEqualTo("Win32/Agent.X");
        assertThat(e.host()).isEqualTo("pc1");
        assertThat(e.user()).isEqualTo("bob");
        assertThat(e.action()).isEqualTo("cleaned");
        assertThat(e.severity()).isEqualTo("high");
        assertThat(e.time()).isEqualTo(Instant.ofEpochMilli(1732780800000L));
    }

    @Test
    void shouldIgnoreConsoleRecordsThatNameNoThreat() {
        assertThat(AvSamples.ignored(parser.parse("CEF:0|Trend Micro|Apex Central|2019|800101|Pattern Update "
                        + "Status|3|rt=Nov 02 2017 12:46:44 GMT+00:00 shost=shost1")))
                .isEqualTo(AvFields.NOT_DETECTION);
    }

    @Test
    void shouldFailWhenTheHeaderIsTruncated() {
        assertThat(parser.parse("CEF:0|Sophos|Central|1|x").error().reason()).isEqualTo(CefAvParser.BAD_HEADER);
    }
}
