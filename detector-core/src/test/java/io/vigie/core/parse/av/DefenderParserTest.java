package io.vigie.core.parse.av;

import static org.assertj.core.api.Assertions.assertThat;

import io.vigie.core.model.AvEvent;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

class DefenderParserTest {

    private final DefenderParser parser = new DefenderParser(ZoneOffset.UTC);

    @Test
    void shouldReadEveryFieldWhenWinlogbeatShipsA1117() {
        final String line = "{\"@timestamp\":\"2026-11-28T08:12:44.120Z\",\"host\":{\"name\":\"PC-URG-042\"},"
                + "\"winlog\":{\"channel\":\"Microsoft-Windows-Windows Defender/Operational\","
                + "\"provider_name\":\"Microsoft-Windows-Windows Defender\",\"event_id\":\"1117\","
                + "\"computer_name\":\"PC-URG-042.chu.local\",\"event_data\":{"
                + "\"Threat Name\":\"Trojan:Win32/Wacatac.B!ml\",\"Severity ID\":\"5\",\"Severity Name\":\"Severe\","
                + "\"Detection Time\":\"2026-11-28T08:12:40.003Z\",\"Detection User\":\"CHU\\\\mleroy\","
                + "\"Path\":\"file:_C:\\\\Users\\\\mleroy\\\\Downloads\\\\facture.exe;webfile:_C:\\\\Users\\\\mleroy"
                + "\\\\Downloads\\\\facture.exe|https://evil.example/facture.exe|pid:4242,ProcessStart:1\","
                + "\"Origin ID\":\"3\",\"Origin Name\":\"Internet\",\"Action ID\":\"2\",\"Action Name\":\"Quarantine\","
                + "\"Process Name\":\"C:\\\\Program Files\\\\Mozilla Firefox\\\\firefox.exe\"}}}";
        assertThat(AvSamples.event(parser.parse(line)))
                .isEqualTo(new AvEvent(
                        Instant.parse("2026-11-28T08:12:40.003Z"),
                        "defender",
                        "pc-urg-042",
                        null,
                        "CHU\\mleroy",
                        "Trojan:Win32/Wacatac.B!ml",
                        "C:\\Users\\mleroy\\Downloads\\facture.exe",
                        null,
                        null,
                        "quarantined",
                        "internet https://evil.example/facture.exe",
                        "severe"));
    }

    @Test
    void shouldReadEvtxAsJsonWhenTheEventIsA1116() {
        final String line = "{\"System\":{"
                + "\"Provider\":{\"Name\":\"Microsoft-Windows-Windows Defender\"},\"EventID\":\"1116\","
                + "\"TimeCreated\":{\"SystemTime\":\"2019-07-18 20:40:00.730675\"},\"Computer\":\"MSEDGEWIN10\"},"
                + "\"EventData\":{\"Threat Name\":\"HackTool:JS/Jsprat\",\"Severity ID\":\"4\","
                + "\"Path\":\"containerfile:_C:\\\\t\\\\a.zip; file:_C:\\\\t\\\\a.zip->b.jsp\","
                + "\"Origin ID\":\"1\",\"Origin Name\":\"%%845\"}}";
        final AvEvent e = AvSamples.event(parser.parse(line));
        assertThat(e.time()).isEqualTo(Instant.parse("2019-07-18T20:40:00.730675Z"));
        assertThat(e.host()).isEqualTo("msedgewin10");
        assertThat(e.path()).isEqualTo("C:\\t\\a.zip");
        assertThat(e.action()).isEqualTo("none");
        assertThat(e.origin()).isEqualTo("local machine");
        assertThat(e.severity()).isEqualTo("high");
    }

    @Test
    void shouldIgnoreHealthAndConfigurationEventsWhenTheyAreNotDetections() {
        assertThat(AvSamples.ignored(AvSamples.PARSERS.auto(
                        AvSamples.resourceLines("mdecrevoisier_ID5007-Defender_threat_exclusion_native.jsonl")
                                .get(0))))
                .isEqualTo(DefenderEvents.NOT_DETECTION_EVENT);
        assertThat(AvSamples.ignored(parser.parse("{\"EventID\":1151,\"SourceName\":"
                        + "\"Microsoft-Windows-Windows Defender\",\"Hostname\":\"x\"}")))
                .isEqualTo(DefenderEvents.NOT_DETECTION_EVENT);
    }

    @Test
    void shouldSayFailedWhenDefenderCouldNotAct() {
        final AvEvent e = AvSamples.event(parser.parse("{\"EventID\":1119,\"SourceName\":"
                + "\"Microsoft-Windows-Windows Defender\",\"Hostname\":\"pc1\",\"EventTime\":\"2026-11-28 08:00:00\","
                + "\"Threat Name\":\"Virus:DOS/EICAR_Test_File\",\"Path\":\"file:_C:\\\\e.com\"}"));
        assertThat(e.action()).isEqualTo("failed");
        assertThat(e.time()).isEqualTo(Instant.parse("2026-11-28T08:00:00Z"));
    }

    @Test
    void shouldCleanDefenderPathsWhenTheyListSeveralResources() {
        assertThat(DefenderEvents.cleanPath("file:_C:\\a.exe")).containsExactly("C:\\a.exe", null);
        assertThat(DefenderEvents.cleanPath("process:_pid:12,ProcessStart:1; file:_C:\\b.exe"))
                .containsExactly("C:\\b.exe", null);
        assertThat(DefenderEvents.cleanPath("webfile:_C:\\d\\x.zip|http://h/x.zip|pid:1"))
                .containsExactly("C:\\d\\x.zip", "http://h/x.zip");
        assertThat(DefenderEvents.cleanPath("C:\\plain.exe")).containsExactly("C:\\plain.exe", null);
        assertThat(DefenderEvents.cleanPath(null)).containsExactly(null, null);
    }

    @Test
    void shouldFailWhenTheRecordIsNotDefender() {
        assertThat(parser.parse("{\"a\":1}").error().reason()).isEqualTo(DefenderParser.NOT_DEFENDER);
        assertThat(parser.parse("{not json").error().reason()).isEqualTo(DefenderParser.NOT_JSON);
    }
}
