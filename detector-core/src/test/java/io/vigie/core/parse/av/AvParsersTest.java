package io.vigie.core.parse.av;

import static org.assertj.core.api.Assertions.assertThat;

import io.vigie.core.model.AvEvent;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The dispatcher, and one representative line of each small vendor format, field by field. */
class AvParsersTest {

    @Test
    void shouldNameEveryFormatWhenAskedForTheParsers() {
        assertThat(AvSamples.PARSERS.formats())
                .containsExactlyInAnyOrder(
                        "clamav",
                        "defender",
                        "cef",
                        "json",
                        "mcafee-epo",
                        "trellix-epo",
                        "kaspersky",
                        "sep",
                        "symantec-log",
                        "mcafee-vse",
                        "officescan",
                        "sophos-sav");
        assertThat(AvSamples.PARSERS.parser("nope")).isEmpty();
    }

    @Test
    void shouldDetectEachFormatFromItsShape() {
        assertThat(AvParsers.detect("{\"a\":1}")).isEqualTo("json");
        assertThat(AvParsers.detect("<13> h CEF:0|a|b|c|d|e|f|x=y")).isEqualTo("cef");
        assertThat(AvParsers.detect("<?xml version=\"1.0\"?><EPOEvent>")).isEqualTo("trellix-epo");
        assertThat(AvParsers.detect("20180130<;>1445<;>x")).isEqualTo("officescan");
        assertThat(AvParsers.detect("Result description: Detected\\r\\nType: Virus"))
                .isEqualTo("kaspersky");
        assertThat(AvParsers.detect("2A0A1E0A2F1D,5,1,2,HOST,user,V,F")).isEqualTo("symantec-log");
        assertThat(AvParsers.detect("20160926 122635 File \"C:\\x\" belongs to virus/spyware 'E'."))
                .isEqualTo("sophos-sav");
        assertThat(AvParsers.detect("\uFEFF9/27/2013\t2:42:26 PM\tBlocked")).isEqualTo("mcafee-vse");
        assertThat(AvParsers.detect("Virus found,IP Address: 1.2.3.4,Computer name: X"))
                .isEqualTo("sep");
        assertThat(AvParsers.detect("/home/a: Eicar FOUND")).isNull();
    }

    @Test
    void shouldReadEveryFieldWhenMcAfeeEpoForwardsAnAccessProtectionEvent() {
        final AvEvent e = AvSamples.event(AvSamples.PARSERS.auto(
                AvSamples.resourceLines("apache-metron_McAfeeEpoOutput.log").get(1)));
        assertThat(e.product()).isEqualTo("mcafee-epo");
        assertThat(e.time()).isEqualTo(Instant.parse("2016-04-10T23:14:22Z"));
        assertThat(e.threat()).startsWith("Common Standard Protection:Prevent common programs");
        assertThat(e.path()).endsWith("HELP16_B24[1].PNG");
        assertThat(e.user()).isEqualTo("xyz789");
        assertThat(e.action()).isEqualTo("none");
    }

    @Test
    void shouldReadEveryFieldWhenVirusScanLogsAnAccessProtectionBlock() {
        final AvEvent e = AvSamples.event(AvSamples.PARSERS.auto(
                AvSamples.resourceLines("plaso_AccessProtectionLog.txt").get(0)));
        assertThat(e)
                .isEqualTo(new AvEvent(
                        Instant.parse("2013-09-27T14:42:26Z"),
                        "mcafee-vse",
                        "testhost",
                        null,
                        "SOMEDOMAIN\\someUser",
                        "Common Standard Protection:Prevent termination of McAfee processes",
                        "C:\\Program Files (x86)\\McAfee\\Common Framework\\UdaterUI.exe",
                        null,
                        null,
                        "blocked",
                        null,
                        null));
    }

    @Test
    void shouldReadEveryFieldWhenOfficeScanLogsAVirus() {
        final AvEvent e = AvSamples.event(AvSamples.PARSERS.auto(
                AvSamples.resourceLines("plaso_pccnt35.log").get(0)));
        assertThat(e)
                .isEqualTo(new AvEvent(
                        Instant.ofEpochSecond(1517323525L),
                        "officescan",
                        "testhost",
                        null,
                        null,
                        "Eicar_test_1",
                        "C:\\temp\\eicar.com_.gstmp",
                        null,
                        null,
                        null,
                        null,
                        null));
    }

    @Test
    void shouldReadHexTimeAndRiskWhenTheSymantecClientLogsAVirus() {
        final List<String> lines = AvSamples.resourceLines("plaso_Symantec.Log");
        assertThat(AvSamples.ignored(AvSamples.PARSERS.auto(lines.get(0)))).isEqualTo(AvFields.NOT_DETECTION);
        final AvEvent e = AvSamples.event(AvSamples.PARSERS.auto(lines.get(1)));
        assertThat(e.time()).isEqualTo(Instant.parse("2012-11-30T10:47:29Z"));
        assertThat(e.host()).isEqualTo("sqlzzservedd");
        assertThat(e.user()).isEqualTo("davnads");
        assertThat(e.threat()).isEqualTo("W32.Changeup!gen33");
        assertThat(e.path()).isEqualTo("D:\\Twinkle_Prod$\\VM11 XXX\\outside\\test.exe.txt");
    }

    @Test
    void shouldReadTheKasperskyAndSepAndSavShapesWhenTheyReportAThreat() {
        final AvEvent k = AvSamples.event(AvSamples.PARSERS.auto("Result description: Deleted\\r\\nType: Virus"
                + "\\r\\nName: EICAR-Test-File\\r\\nUser: PC\\jdoe (Initiator)\\r\\nObject: C:\\e.txt\\r\\n"
                + "MD5: 44D88612FEA8A8F36DE82E1278ABB02F"));
        assertThat(k)
                .isEqualTo(new AvEvent(
                        null,
                        "kaspersky",
                        null,
                        null,
                        "PC\\jdoe",
                        "EICAR-Test-File",
                        "C:\\e.txt",
                        null,
                        "44d88612fea8a8f36de82e1278abb02f",
                        "removed",
                        null,
                        null));
        final AvEvent s = AvSamples.event(AvSamples.PARSERS.auto("Virus found,IP Address: 1.2.3.4,Computer name: "
                + "PC9,Source: Auto-Protect scan,Risk name: EICAR Test String,Occurrences: 1,File path: C:\\t.txt,"
                + "Actual action: Quarantined,Event time: 2022-10-04 19:10:48,User Name: bob"));
        assertThat(s)
                .isEqualTo(new AvEvent(
                        Instant.parse("2022-10-04T19:10:48Z"),
                        "sep",
                        "pc9",
                        "1.2.3.4",
                        "bob",
                        "EICAR Test String",
                        "C:\\t.txt",
                        null,
                        null,
                        "quarantined",
                        null,
                        null));
        final AvEvent v = AvSamples.event(AvSamples.PARSERS.auto(
                "20160926 122635 File \"C:\\Tempo\\EicarTest.txt\" belongs to virus/spyware 'EICAR-AV-Test'."));
        assertThat(v.threat()).isEqualTo("EICAR-AV-Test");
        assertThat(v.path()).isEqualTo("C:\\Tempo\\EicarTest.txt");
        assertThat(v.time()).isEqualTo(Instant.parse("2016-09-26T12:26:35Z"));
    }
}
