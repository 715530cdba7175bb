package io.vigie.core.parse.av;

import static org.assertj.core.api.Assertions.assertThat;

import io.vigie.core.model.AvEvent;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

class JsonAvParserTest {

    private final AvLogParser json = AvSamples.PARSERS.parser("json").orElseThrow();

    @Test
    void shouldReadEveryFieldWhenAnEcsDocumentCarriesAThreat() {
        final AvEvent e = AvSamples.event(
                json.parse(
                        "{\"@timestamp\":\"2026-11-28T08:00:00Z\","
                                + "\"host\":{\"name\":\"PC1\",\"ip\":[\"10.0.0.5\",\"fe80::1\"]},\"user\":{\"name\":\"amoreau\"},"
                                + "\"threat\":{\"indicator\":{\"name\":\"EICAR\"}},\"file\":{\"path\":\"C:\\\\e.com\","
                                + "\"hash\":{\"sha256\":\"275A021BBFB6489E54D471899F7DB9D1663FC695EC2FE2A2C4538AABF651FD0F\"},"
                                + "\"origin_url\":\"https://x.example/e.com\"},\"event\":{\"action\":\"quarantine\",\"severity\":73}}"));
        assertThat(e)
                .isEqualTo(new AvEvent(
                        Instant.parse("2026-11-28T08:00:00Z"),
                        "json",
                        "pc1",
                        "10.0.0.5",
                        "amoreau",
                        "EICAR",
                        "C:\\e.com",
                        "275a021bbfb6489e54d471899f7db9d1663fc695ec2fe2a2c4538aabf651fd0f",
                        null,
                        "quarantined",
                        "https://x.example/e.com",
                        "73"));
    }

    @Test
    void shouldUseTheConfiguredPathsWhenTheMappingIsNotEcs() {
        final AvJsonMapping custom = new AvJsonMapping(
                java.util.List.of("ts"),
                java.util.List.of("machine"),
                java.util.List.of(),
                java.util.List.of(),
                java.util.List.of("detection.name"),
                java.util.List.of("f"),
                java.util.List.of(),
                java.util.List.of(),
                java.util.List.of(),
                java.util.List.of(),
                java.util.List.of());
        final JsonAvParser parser = new JsonAvParser(custom, line -> null, ZoneOffset.UTC);
        final AvEvent e = AvSamples.event(parser.parse(
                "{\"ts\":1732780800,\"machine\":\"M\"," + "\"detection\":{\"name\":\"X\"},\"f\":\"/tmp/x\"}"));
        assertThat(e.threat()).isEqualTo("X");
        assertThat(e.time()).isEqualTo(Instant.ofEpochSecond(1732780800));
    }

    @Test
    void shouldHandTheInnerLineToTheLineParserWhenTheDocumentWrapsARawLine() {
        final AvEvent e = AvSamples.event(json.parse("{\"message\":\"CEF:0|Trend Micro|Apex Central|2019|"
                + "AV:File cleaned|WORM_X|3|dhost=pc2 filePath=C:\\\\\\\\w.exe\"}"));
        assertThat(e.product()).isEqualTo("cef");
        assertThat(e.threat()).isEqualTo("WORM_X");
        assertThat(e.action()).isEqualTo("cleaned");
    }

    @Test
    void shouldOpenFluentBitsLogKeyAsAWrapperToo() {
        final AvEvent e = AvSamples.event(json.parse("{\"date\":1.7963e9,\"log\":\"CEF:0|Trend Micro|Apex Central|"
                + "2019|AV:File cleaned|WORM_Y|3|dhost=pc3 filePath=C:\\\\\\\\y.exe\"}"));
        assertThat(e.threat()).isEqualTo("WORM_Y");
        assertThat(e.host()).isEqualTo("pc3");
    }

    @Test
    void shouldReadEsetSophosAndM365RecordsWhenTheConsolesSendTheirOwnJson() {
        final AvEvent eset = AvSamples.event(json.parse("{\"event_type\":\"Threat_Event\",\"ipv4\":\"3.4.5.6\","
                + "\"hostname\":\"srv01\",\"occured\":\"07-May-2024 08:21:10\",\"severity\":\"Warning\","
                + "\"threat_name\":\"Win32/ShellcodeRunner.B\",\"object_uri\":\"file:///C:/Windows/Temp/t.exe\","
                + "\"action_taken\":\"Cleaned by deleting\",\"username\":\"NT\\\\SYSTEM\","
                + "\"hash\":\"ADC83B19E793491B1C6EA0FD8B46CD9F32E592FC\"}"));
        assertThat(eset)
                .isEqualTo(new AvEvent(
                        Instant.parse("2024-05-07T08:21:10Z"),
                        "eset",
                        "srv01",
                        "3.4.5.6",
                        "NT\\SYSTEM",
                        "Win32/ShellcodeRunner.B",
                        "C:\\Windows\\Temp\\t.exe",
                        null,
                        "adc83b19e793491b1c6ea0fd8b46cd9f32e592fc",
                        "removed",
                        null,
                        "warning"));
        final AvEvent sophos = AvSamples.event(json.parse("{\"type\":\"Event::Endpoint::CoreDetection\","
                + "\"name\":\"Malware detected: 'Troj/Agent-X' at 'C:\\\\a.exe'\",\"dhost\":\"PC3\","
                + "\"end\":\"2022-04-25T03:15:31.760Z\",\"suser\":\"CHU\\\\bob\",\"severity\":\"high\"}"));
        assertThat(sophos.threat()).isEqualTo("Troj/Agent-X");
        assertThat(sophos.path()).isEqualTo("C:\\a.exe");
        assertThat(AvSamples.ignored(json.parse("{\"event_type\":\"Audit_Event\",\"occured\":\"x\"}")))
                .isEqualTo(AvFields.NOT_DETECTION);
        assertThat(AvSamples.ignored(json.parse("{\"category\":\"AdvancedHunting-DeviceInfo\",\"properties\":{}}")))
                .isEqualTo(AvFields.NOT_DETECTION);
    }

    @Test
    void shouldIgnoreAValidDocumentWithoutDetectionAndFailOnBrokenJson() {
        assertThat(AvSamples.ignored(json.parse("{\"hello\":\"world\"}"))).isEqualTo(AvFields.NOT_DETECTION);
        assertThat(json.parse("{\"a\":").error().reason()).isEqualTo(JsonAvParser.NOT_JSON);
        assertThat(json.parse("[1,2]").error().reason()).isEqualTo(JsonAvParser.NOT_JSON);
    }
}
