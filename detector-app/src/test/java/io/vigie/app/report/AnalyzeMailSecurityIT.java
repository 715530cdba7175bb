package io.vigie.app.report;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.vigie.app.Cli;
import io.vigie.app.EngineHttp;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code vigie analyze} over antivirus output and reported mails, through the CLI. */
class AnalyzeMailSecurityIT {

    @TempDir
    Path workDir;

    private JsonNode analyze(final String... args) {
        final String out =
                Cli.run(Map.of("VIGIE_DATA_DIR", workDir.resolve("data").toString()), args);
        return EngineHttp.json(out.substring(out.indexOf('{')));
    }

    @Test
    void realClamavOutputOfAWorkstationGivesTheInternetMalwareAlerts() throws IOException {
        final JsonNode report = analyze(
                "analyze",
                "--source",
                "clamav",
                "--host",
                "pc-mleroy",
                "--json",
                MailSecurityIntegrationIT.CLAMDSCAN.toString());

        final long found = Files.readAllLines(MailSecurityIntegrationIT.CLAMDSCAN).stream()
                .filter(l -> l.endsWith(" FOUND"))
                .count();
        assertThat(found).isPositive();
        assertThat(report.path("stats").path("dlq").asLong()).isZero();
        assertThat(report.path("alerts")).isNotEmpty().allSatisfy(a -> {
            assertThat(a.path("rule").path("id").asText()).isEqualTo("vigie.av.malware-from-internet");
            assertThat(a.path("vigie").path("observed").path("host").asText()).isEqualTo("pc-mleroy");
        });
    }

    @Test
    void reportedMailsInADirectoryAreAnalysedOneByOne() throws IOException {
        final Path dir = Files.createDirectories(workDir.resolve("reported"));
        Files.writeString(
                dir.resolve("a.eml"),
                MailSecurityIntegrationIT.phishing("Votre bulletin de paie"),
                StandardCharsets.US_ASCII);
        Files.writeString(
                dir.resolve("b.eml"),
                MailSecurityIntegrationIT.phishing("Mot de passe expire aujourd hui"),
                StandardCharsets.US_ASCII);

        final JsonNode report = analyze("analyze", "--source", "eml", "--json", dir.toString());

        assertThat(report.path("reports"))
                .hasSize(2)
                .allSatisfy(r -> assertThat(r.path("findings").toString()).contains("link text shows another host"));
        assertThat(report.path("alerts"))
                .hasSize(2)
                .allSatisfy(a -> assertThat(a.path("rule").path("id").asText()).isEqualTo("vigie.mail.user-report"));
        assertThat(report.path("stats").path("records").asLong()).isEqualTo(2);
    }
}
