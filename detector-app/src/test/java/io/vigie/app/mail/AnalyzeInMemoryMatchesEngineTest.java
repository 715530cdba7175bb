package io.vigie.app.mail;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.vigie.app.pflogsumm.PflogsummCorpus;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * {@code vigie analyze --source postfix} runs the mail flow's rules in memory; {@code --engine} runs the topology on
 * a broker. On a real Postfix's log (23,202 lines of realgen, committed, with compromised accounts and a congested
 * queue), both must report the same: the lists of the period and of each day, the alerts, the dead letters.
 */
class AnalyzeInMemoryMatchesEngineTest {

    @Test
    void inMemoryAndThroughTheEngineReportTheSame() throws Exception {
        final PflogsummCorpus.Case realgen = PflogsummCorpus.byName("realgen_mail");

        final JsonNode inMemory = AnalyzePflogsummParityTest.analyze(realgen);
        final JsonNode engine = AnalyzePflogsummParityTest.analyze(realgen, "--engine");

        assertThat(inMemory.path("top20")).isEqualTo(engine.path("top20"));
        assertThat(inMemory.path("top20_by_day")).isNotEmpty().isEqualTo(engine.path("top20_by_day"));
        assertThat(ruleAndEntity(inMemory)).isNotEmpty().containsExactlyInAnyOrderElementsOf(ruleAndEntity(engine));
        assertThat(inMemory.path("stats").path("records")).isEqualTo(engine.path("stats").path("records"));
        assertThat(inMemory.path("stats").path("dlq_by_reason")).isEqualTo(engine.path("stats").path("dlq_by_reason"));
    }

    private static List<String> ruleAndEntity(final JsonNode report) {
        final List<String> alerts = new ArrayList<>();
        report.path("alerts").forEach(a -> alerts.add(a.path("rule").path("id").asText() + " "
                + a.path("vigie").path("entity").asText()));
        return alerts;
    }
}
