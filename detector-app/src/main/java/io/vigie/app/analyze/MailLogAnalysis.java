package io.vigie.app.analyze;

import com.fasterxml.jackson.databind.JsonNode;
import io.vigie.app.config.VigieConfig;
import io.vigie.app.ingest.LineBatch;
import io.vigie.core.serde.JsonSerde;
import io.vigie.rules.alert.Alert;
import io.vigie.rules.config.RulesConfig;
import io.vigie.rules.config.TopConfig;
import io.vigie.rules.config.TopConfig.TopWindow;
import io.vigie.rules.mail.OfflineMailFlow;
import java.io.BufferedReader;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Set;

/**
 * {@code vigie analyze --source postfix} in memory: the mail flow's own rules ({@link OfflineMailFlow}) over the
 * files, with no broker. The lines are grouped into records as {@code vigie ingest} sends them, so that they are
 * joined as the engine joins them; the report is the one {@link Analysis} gives through the engine.
 */
public final class MailLogAnalysis {

    private final VigieConfig base;

    public MailLogAnalysis(final VigieConfig base) {
        this.base = base;
    }

    /** The rules as the operator configured them, with the lists an analysis reports: the whole period and days. */
    static RulesConfig rulesConfig(final VigieConfig base) {
        final RulesConfig rules = base.toRulesConfig();
        final TopConfig top = rules.top();
        return rules.withTop(new TopConfig(top.size(), Set.of(TopWindow.PERIOD, TopWindow.DAY), top.hourAdvance(),
                top.grace(), top.publishInterval()));
    }

    public AnalysisResult run(final List<Path> files) throws IOException {
        final long started = System.nanoTime();
        final OfflineMailFlow flow = new OfflineMailFlow(rulesConfig(base));
        long lines = 0;
        long blank = 0;
        final List<String> batch = new ArrayList<>(LineBatch.MAX_LINES);
        for (final Path file : files) {
            try (BufferedReader reader = SourceFiles.open(file)) {
                String line;
                while ((line = reader.readLine()) != null) {
                    if (line.isBlank()) {
                        blank++;
                        continue;
                    }
                    batch.add(line);
                    lines++;
                    if (batch.size() == LineBatch.MAX_LINES) {
                        flow.accept(String.join("\n", batch));
                        batch.clear();
                    }
                }
            }
            // ingest starts a new record with each file
            if (!batch.isEmpty()) {
                flow.accept(String.join("\n", batch));
                batch.clear();
            }
        }
        final OfflineMailFlow.Result found = flow.finish();
        final List<JsonNode> alerts = new ArrayList<>(found.alerts().size());
        for (final Alert alert : found.alerts()) {
            alerts.add(JsonSerde.MAPPER.valueToTree(alert));
        }
        alerts.sort(Comparator.comparing(a -> a.path("@timestamp").asText()));
        final double seconds = (System.nanoTime() - started) / 1e9;
        return new AnalysisResult(found.period(), found.days(), null, null, List.of(), alerts, lines, blank,
                found.deadLetters(), seconds, seconds);
    }
}
