package io.vigie.app.mail;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.vigie.app.pflogsumm.PflogsummCorpus;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code vigie analyze --source postfix} runs the mail flow's rules in memory; {@code --engine} runs the topology on
 * a broker. On a real Postfix's log (23,202 lines of realgen, committed, with compromised accounts and a congested
 * queue), both must report the same: the lists of the period and of each day, the alerts, the dead letters.
 */
class AnalyzeInMemoryMatchesEngineIT {

    @Test
    void inMemoryAndThroughTheEngineReportTheSame() throws Exception {
        final PflogsummCorpus.Case realgen = PflogsummCorpus.byName("realgen_mail");

        final JsonNode inMemory = AnalyzePflogsummParityTest.analyze(realgen);
        final JsonNode engine = AnalyzePflogsummParityTest.analyze(realgen, "--engine");

        assertThat(inMemory.path("top20")).isEqualTo(engine.path("top20"));
        assertThat(inMemory.path("top20_by_day")).isNotEmpty().isEqualTo(engine.path("top20_by_day"));
        assertThat(ruleAndEntity(inMemory)).isNotEmpty().containsExactlyInAnyOrderElementsOf(ruleAndEntity(engine));
        assertThat(inMemory.path("stats").path("records"))
                .isEqualTo(engine.path("stats").path("records"));
        assertThat(inMemory.path("stats").path("dlq_by_reason"))
                .isEqualTo(engine.path("stats").path("dlq_by_reason"));
    }

    /** A shipped /var/log/mail.log: Postfix's lines with amavis's, dovecot's and opendkim's between them. */
    @Test
    void aMailLogWithOtherProgramsHasNoDeadLetterAndCountsThemByProgramBothWays(@TempDir final Path dir)
            throws Exception {
        final List<String> lines = new ArrayList<>();
        for (int i = 1; i <= 3; i++) {
            final String qid = "AAAA" + i;
            lines.add(
                    "Nov 28 10:0" + i + ":00 mx postfix/smtpd[100]: " + qid + ": client=mail.example.org[192.0.2.10]");
            lines.add("Nov 28 10:0" + i + ":00 mx postfix/qmgr[102]: " + qid + ": from=<alice@example.org>, size=1000, "
                    + "nrcpt=1 (queue active)");
            lines.add("Nov 28 10:0" + i + ":01 mx amavis[2231]: (02231-0" + i + ") Passed CLEAN {RelayedInbound}, "
                    + "[192.0.2.10]:41234 [192.0.2.10] <alice@example.org> -> <bob@chu-exemple.fr>, Queue-ID: " + qid
                    + ", size: 1000, 812 ms");
            lines.add("Nov 28 10:0" + i + ":01 mx opendkim[812]: " + qid + ": DKIM verification successful");
            lines.add("Nov 28 10:0" + i + ":02 mx postfix/lmtp[103]: " + qid + ": to=<bob@chu-exemple.fr>, "
                    + "relay=exch01[10.0.0.25]:24, delay=0.5, delays=0.1/0/0.2/0.2, dsn=2.0.0, status=sent (250 Ok)");
            lines.add("Nov 28 10:0" + i + ":02 mx postfix/qmgr[102]: " + qid + ": removed");
            lines.add("Nov 28 10:0" + i + ":03 mx dovecot: imap-login: Login: user=<bob@chu-exemple.fr>, rip=10.1.2."
                    + i);
        }
        final Path log = Files.write(dir.resolve("mail.log"), lines);

        for (final JsonNode report :
                List.of(AnalyzePflogsummParityTest.analyze(log), AnalyzePflogsummParityTest.analyze(log, "--engine"))) {
            assertThat(report.path("stats").path("dlq").asLong()).isZero();
            assertThat(report.path("stats").path("other_program_lines").asLong())
                    .isEqualTo(9);
            assertThat(report.path("stats")
                            .path("other_program_lines_by_program")
                            .toString())
                    .isEqualTo("{\"amavis\":3,\"dovecot\":3,\"opendkim\":3}");
            assertThat(report.path("top20")
                            .path("all")
                            .path("senders_by_count")
                            .get(0)
                            .path("messages")
                            .asLong())
                    .isEqualTo(3);
        }
    }

    private static List<String> ruleAndEntity(final JsonNode report) {
        final List<String> alerts = new ArrayList<>();
        report.path("alerts")
                .forEach(a -> alerts.add(a.path("rule").path("id").asText() + " "
                        + a.path("vigie").path("entity").asText()));
        return alerts;
    }
}
