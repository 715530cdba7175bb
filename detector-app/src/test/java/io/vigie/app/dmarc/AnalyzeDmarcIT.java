package io.vigie.app.dmarc;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.vigie.app.EngineHttp;
import io.vigie.app.Main;
import io.vigie.core.model.DmarcReport;
import io.vigie.core.parse.DmarcReader;
import io.vigie.core.parse.ParseResult;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** {@code vigie analyze --source dmarc --json DIR} over the real reports, through the CLI. */
class AnalyzeDmarcIT {

    @TempDir
    Path workDir;

    @Test
    void shouldPrintPerDomainFiguresAlertsAndStatsCountingEachReportOnce() throws IOException {
        final StringWriter out = new StringWriter();
        final StringWriter err = new StringWriter();
        final CommandLine cli = new CommandLine(
                new Main(Map.of("VIGIE_DATA_DIR", workDir.toString(), "VIGIE_ORGANISATION_TIME_ZONE", "UTC")));
        cli.setOut(new PrintWriter(out));
        cli.setErr(new PrintWriter(err));

        final int code = cli.execute("analyze", "--source", "dmarc", "--json", DmarcIntegrationIT.CORPUS.toString());

        assertThat(code).as(err.toString()).isZero();
        final JsonNode report = EngineHttp.json(out.toString());
        final Expected expected = expected(DmarcIntegrationIT.CORPUS);
        final JsonNode dmarc = report.path("dmarc");
        assertThat(dmarc.path("messages").asLong()).isEqualTo(expected.messages);
        assertThat(dmarc.path("reports").asLong()).isEqualTo(expected.reports.size());
        long protectedMessages = 0;
        for (final JsonNode domain : dmarc.path("protected_domains")) {
            protectedMessages += domain.path("messages").asLong();
            assertThat(domain.path("pass").asLong() + domain.path("fail").asLong())
                    .isEqualTo(domain.path("messages").asLong());
        }
        long headerFromMessages = 0;
        for (final JsonNode domain : dmarc.path("header_from")) {
            headerFromMessages += domain.path("messages").asLong();
        }
        assertThat(headerFromMessages).isEqualTo(expected.messages);
        assertThat(protectedMessages).isPositive().isLessThanOrEqualTo(expected.messages);
        // parsedmarc's large sample: 2,286 rows, each failing from an unknown source
        final JsonNode largeDay =
                dmarc.path("protected_domains").path("example.com").path("days").path("2024-04-01");
        assertThat(largeDay.path("fail").asLong()).isEqualTo(2286);
        assertThat(largeDay.path("failing_from_unknown").asLong()).isEqualTo(2286);
        assertThat(report.path("alerts"))
                .anySatisfy(alert ->
                        assertThat(alert.path("rule").path("id").asText()).isEqualTo("vigie.dmarc.domain-spoofing"));
        assertThat(report.path("stats").path("dlq").asLong()).isEqualTo(expected.refusals);
        assertThat(report.path("stats").path("records").asLong()).isEqualTo(expected.files);
        assertThat(report.has("top20")).as("no mail lists in a DMARC report").isFalse();
    }

    private record Expected(long files, Set<String> reports, long messages, long refusals) {}

    /** What the files hold, by the reader alone (no topology): each report once, refusals one per failure. */
    private static Expected expected(final Path dir) throws IOException {
        final List<Path> files;
        try (Stream<Path> walk = Files.walk(dir)) {
            files = walk.filter(Files::isRegularFile).sorted().toList();
        }
        final DmarcReader reader = new DmarcReader();
        final Set<String> reports = new HashSet<>();
        long messages = 0;
        long refusals = 0;
        for (final Path file : files) {
            for (final ParseResult<DmarcReport> result : reader.read(Files.readAllBytes(file))) {
                if (!result.isOk()) {
                    refusals++;
                } else if (reports.add(
                        result.value().orgName() + '|' + result.value().reportId())) {
                    messages += result.value().messageCount();
                }
            }
        }
        return new Expected(files.size(), reports, messages, refusals);
    }
}
