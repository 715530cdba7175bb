package io.vigie.core.parse.proxy;

import static org.assertj.core.api.Assertions.assertThat;

import io.vigie.core.model.ProxyEvent;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class UmbrellaCsvParserTest {

    private final UmbrellaCsvParser parser = new UmbrellaCsvParser();

    @Test
    void shouldMapColumnsByPositionWhenIdentityIsAUser() {
        final ProxyEvent e = Samples.event(parser.parse("\"2025-02-10 08:15:30\",\"DOE, Jane (jane@corp.example)\","
                + "\"10.3.3.3\",\"198.51.100.1\",\"203.0.113.5\",\"application/pdf\",\"BLOCKED\","
                + "\"https://files.example/doc.pdf?id=4\",\"https://mail.example/\",\"Mozilla/5.0 \"\"quoted\"\"\","
                + "\"403\",\"800\",\"1500\",\"1200\",\"abc\",\"Malware\",\"\",\"\",\"\",\"\",\"\",\"AD Users\",\"\","
                + "\"x\",\"y\",\"GET\""));

        assertThat(e.format()).isEqualTo("umbrella");
        assertThat(e.time()).isEqualTo(Instant.parse("2025-02-10T08:15:30Z"));
        assertThat(e.user()).isEqualTo("DOE, Jane (jane@corp.example)");
        assertThat(e.clientIp()).isEqualTo("10.3.3.3");
        assertThat(e.contentType()).isEqualTo("application/pdf");
        assertThat(e.action()).isEqualTo("BLOCKED");
        assertThat(e.blocked()).isTrue();
        assertThat(e.url()).isEqualTo("https://files.example/doc.pdf?id=4");
        assertThat(e.referer()).isEqualTo("https://mail.example/");
        assertThat(e.userAgent()).as("doubled quotes").isEqualTo("Mozilla/5.0 \"quoted\"");
        assertThat(e.status()).isEqualTo(403);
        assertThat(e.bytes()).isEqualTo(1500);
        assertThat(e.method()).isEqualTo("GET");
    }

    @Test
    void shouldLeaveUserUnsetAndUseExternalIpWhenIdentityIsAMachine() {
        final ProxyEvent e = Samples.event(parser.parse(" \"2020-06-12 14:31:38\",\"laptop-7\",\"\",\"192.0.2.7\","
                + "\"203.0.113.9\",\"\",\"ALLOWED\",\"https://chat.example/api\",\"\",\"\",\"204\",\"471\",\"\",\"\","
                + "\"\",\"Chat\",\"\",\"\",\"\",\"\",\"\",\"Roaming Computers\",\"\""));

        assertThat(e.user()).isNull();
        assertThat(e.clientIp()).isEqualTo("192.0.2.7");
        assertThat(e.withoutReferer()).isTrue();
        assertThat(e.bytes()).isEqualTo(-1);
        assertThat(e.blocked()).isFalse();
    }

    @Test
    void shouldDropLineBreaksInsideFieldsWhenExportFoldedTheRecord() {
        final ProxyEvent e = Samples.event(parser.parse("\"2024-03-03 \\n20:28:52\",\"PC1\",\"10.0.0.1\",\"1.1.1.1\","
                + "\"2.2.2.2\",\"text/plain\",\"ALLOWED\",\"htt\\nps://login.example/token\",\"\",\"UA\","
                + "\"200\",\"1\",\"2\""));

        assertThat(e.time()).isEqualTo(Instant.parse("2024-03-03T20:28:52Z"));
        assertThat(e.url()).isEqualTo("https://login.example/token");
    }

    @Test
    void shouldRefuseShortOrBrokenLinesWithoutThrowing() {
        assertThat(parser.parse("\"2024-01-01 00:00:00\",\"a\",\"b\"").error().reason())
                .isEqualTo(UmbrellaCsvParser.TOO_FEW_COLUMNS);
        assertThat(parser.parse("\"never closed,\"a\",\"b\"").error().reason())
                .isEqualTo(UmbrellaCsvParser.TOO_FEW_COLUMNS);
        assertThat(parser.parse("\"soon\",\"a\",\"\",\"\",\"\",\"\",\"ALLOWED\",\"http://x/\",\"\",\"\","
                                + "\"200\",\"1\",\"2\"")
                        .error()
                        .reason())
                .isEqualTo(UmbrellaCsvParser.BAD_TIME);
        assertThat(parser.parse(",".repeat(1 << 20)).error().reason()).isEqualTo(UmbrellaCsvParser.TOO_LONG);
        final ProxyEvent e = Samples.event(parser.parse("\"2024-01-01 00:00:00\",\"a\",\"1.2.3.4\",\"\",\"\",\"\","
                + "\"ALLOWED\",\"http://x.example/\",\"\",\"\",\"two hundred\",\"1\",\"-3\""));
        assertThat(e.status()).isZero();
        assertThat(e.bytes()).isEqualTo(-1);
    }
}
