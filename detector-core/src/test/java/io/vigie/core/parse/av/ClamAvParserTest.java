package io.vigie.core.parse.av;

import static org.assertj.core.api.Assertions.assertThat;

import io.vigie.core.model.AvEvent;
import java.time.Instant;
import java.time.ZoneId;
import org.junit.jupiter.api.Test;

class ClamAvParserTest {

    private final ClamAvParser parser = new ClamAvParser("FileServer01", ZoneId.of("Europe/Paris"), AvSamples.CLOCK);

    @Test
    void shouldReadEveryFieldWhenClamdLogsADetection() {
        final AvEvent e = AvSamples.event(parser.parse("Sat Nov 28 05:29:33 2026 -> /srv/partages/a.pdf.exe: "
                + "Win.Test.EICAR_HDB-1.UNOFFICIAL(44d88612fea8a8f36de82e1278abb02f:68) FOUND"));
        assertThat(e)
                .isEqualTo(new AvEvent(
                        Instant.parse("2026-11-28T04:29:33Z"),
                        "clamav",
                        "fileserver01",
                        null,
                        null,
                        "Win.Test.EICAR_HDB-1.UNOFFICIAL",
                        "/srv/partages/a.pdf.exe",
                        null,
                        "44d88612fea8a8f36de82e1278abb02f",
                        "none",
                        null,
                        null));
    }

    @Test
    void shouldReadPathAndThreatWhenClamscanReportsAFileWithColonsInItsPath() {
        final AvEvent e = AvSamples.event(parser.parse("/home/a/notes: v2.txt: Eicar-Test-Signature FOUND"));
        assertThat(e.path()).isEqualTo("/home/a/notes: v2.txt");
        assertThat(e.threat()).isEqualTo("Eicar-Test-Signature");
        assertThat(e.time()).isNull();
        assertThat(e.host()).isEqualTo("fileserver01");
    }

    @Test
    void shouldTakeHostAndYearFromSyslogWhenClamdLogsThroughSyslog() {
        final AvEvent e = AvSamples.event(
                parser.parse("Nov 28 05:29:32 MAIL-GW clamd[123]: /var/spool/x.eml: Win.Test.EICAR_HDB-1 FOUND"));
        assertThat(e.host()).isEqualTo("mail-gw");
        assertThat(e.time()).isEqualTo(Instant.parse("2026-11-28T04:29:32Z"));
        assertThat(e.path()).isEqualTo("/var/spool/x.eml");
    }

    @Test
    void shouldIgnoreOkSummaryAndStatusLinesWhenReadingScanOutput() {
        assertThat(AvSamples.ignored(parser.parse("/home/a/ok.docx: OK"))).isEqualTo("clean file");
        assertThat(AvSamples.ignored(parser.parse("----------- SCAN SUMMARY -----------")))
                .isEqualTo("scan summary");
        assertThat(AvSamples.ignored(parser.parse("Infected files: 15"))).isEqualTo("scan summary");
        assertThat(AvSamples.ignored(parser.parse(""))).isEqualTo("blank line");
        assertThat(AvSamples.ignored(parser.parse("Sat Nov 28 05:29:32 2026 -> Loaded 2 signatures.")))
                .isEqualTo("status line");
    }

    @Test
    void shouldFailWhenTheLineIsNotClamAv() {
        assertThat(parser.parse("hello world").error().reason()).isEqualTo(ClamAvParser.NOT_CLAMAV);
    }
}
