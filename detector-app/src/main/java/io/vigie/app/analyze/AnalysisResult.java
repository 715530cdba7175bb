package io.vigie.app.analyze;

import com.fasterxml.jackson.databind.JsonNode;
import io.vigie.core.model.TopSnapshot;
import java.util.List;
import java.util.Map;

/**
 * What {@code vigie analyze} found in a set of files.
 *
 * @param period      top lists over everything the files cover (what pflogsumm reports)
 * @param days        closed or current top lists per calendar day, by day id
 * @param dmarc       DMARC rows and figures, null for other sources
 * @param proxy       proxy counts besides the alerts, null for other sources
 * @param reports     analyses of reported mails ({@code eml}), empty for other sources
 * @param alerts      alerts as written to the alert topic
 * @param records     records read from the files
 * @param blankLines  empty lines skipped (they carry nothing)
 * @param deadLetters records sent to the dead-letter topic, by reason
 * @param otherPrograms postfix: valid lines of other programs (amavis, dovecot...), by program; empty otherwise
 * @param seconds     wall-clock time of the whole run, broker start included
 * @param pipelineSeconds from the first record sent to the pipeline drained: the streaming part alone
 */
public record AnalysisResult(
        TopSnapshot period,
        Map<String, TopSnapshot> days,
        DmarcFindings dmarc,
        ProxyFindings proxy,
        List<JsonNode> reports,
        List<JsonNode> alerts,
        long records,
        long blankLines,
        Map<String, Long> deadLetters,
        Map<String, Long> otherPrograms,
        double seconds,
        double pipelineSeconds) {

    /** The same result with the proxy counts. */
    public AnalysisResult withProxy(final ProxyFindings findings) {
        return new AnalysisResult(
                period,
                days,
                dmarc,
                findings,
                reports,
                alerts,
                records,
                blankLines,
                deadLetters,
                otherPrograms,
                seconds,
                pipelineSeconds);
    }

    public long deadLetterCount() {
        return deadLetters.values().stream().mapToLong(Long::longValue).sum();
    }
}
