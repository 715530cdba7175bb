package io.vigie.app.analyze;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.vigie.core.model.TopEntry;
import io.vigie.core.model.TopLists;
import io.vigie.core.model.TopSnapshot;
import io.vigie.core.report.PflogsummRanking;
import io.vigie.core.serde.JsonSerde;
import java.io.PrintWriter;
import java.util.List;
import java.util.Map;

/** Renders an {@link AnalysisResult}: one JSON object ({@code --json}), or a text report a person reads. */
public final class AnalysisReport {

    private AnalysisReport() {}

    public static ObjectNode json(final String source, final AnalysisResult result) {
        final ObjectNode root = JsonSerde.MAPPER.createObjectNode();
        root.put("source", source);
        if (result.dmarc() != null) {
            root.set("dmarc", result.dmarc().json());
        } else if (result.proxy() != null) {
            final ObjectNode proxy = root.putObject("proxy");
            proxy.put("indicators", result.proxy().indicators());
            proxy.set(
                    "ignored_lines", JsonSerde.MAPPER.valueToTree(result.proxy().ignoredLines()));
            final Map<String, Long> byRule = new java.util.TreeMap<>();
            result.alerts().forEach(a -> byRule.merge(a.path("rule").path("id").asText(), 1L, Long::sum));
            proxy.set("alerts_by_rule", JsonSerde.MAPPER.valueToTree(byRule));
        } else if (!result.reports().isEmpty()) {
            final ArrayNode reports = root.putArray("reports");
            result.reports().forEach(reports::add);
        } else if (result.period() != null || !result.days().isEmpty()) {
            topLists(root, result);
        }
        final ArrayNode alerts = root.putArray("alerts");
        result.alerts().forEach(alerts::add);
        final ObjectNode stats = root.putObject("stats");
        stats.put("records", result.records());
        stats.put("blank_lines", result.blankLines());
        stats.put("dlq", result.deadLetterCount());
        stats.set("dlq_by_reason", JsonSerde.MAPPER.valueToTree(result.deadLetters()));
        stats.put("alerts", result.alerts().size());
        if (result.proxy() != null) {
            stats.put("ignored_lines", result.proxy().ignoredLineCount());
        }
        if (!result.otherPrograms().isEmpty()) {
            // other programs' lines of a mail.log: valid, not dead letters
            stats.put(
                    "other_program_lines",
                    result.otherPrograms().values().stream()
                            .mapToLong(Long::longValue)
                            .sum());
            stats.set("other_program_lines_by_program", JsonSerde.MAPPER.valueToTree(result.otherPrograms()));
        }
        if (result.dmarc() != null) {
            stats.put("reports", result.dmarc().reports());
            stats.put("rows", result.dmarc().rows().size());
        }
        stats.put("seconds", Math.round(result.seconds() * 100) / 100.0);
        // The drain check waits a few settle periods once caught up: that wait is inside pipeline_seconds.
        stats.put("pipeline_seconds", Math.round(result.pipelineSeconds() * 100) / 100.0);
        stats.put(
                "lines_per_second",
                result.pipelineSeconds() <= 0 ? 0 : Math.round(result.records() / result.pipelineSeconds()));
        return root;
    }

    private static void topLists(final ObjectNode root, final AnalysisResult result) {
        final ObjectNode top = root.putObject("top20");
        final TopSnapshot period = result.period();
        top.set("all", JsonSerde.MAPPER.valueToTree(period == null ? TopLists.empty() : period.all()));
        top.set("inbound", JsonSerde.MAPPER.valueToTree(period == null ? TopLists.empty() : period.inbound()));
        top.set("outbound", JsonSerde.MAPPER.valueToTree(period == null ? TopLists.empty() : period.outbound()));
        final ObjectNode byDay = root.putObject("top20_by_day");
        result.days().forEach((day, snapshot) -> {
            final ObjectNode node = byDay.putObject(day);
            node.put("closed", snapshot.closed());
            node.set("all", JsonSerde.MAPPER.valueToTree(snapshot.all()));
            node.set("inbound", JsonSerde.MAPPER.valueToTree(snapshot.inbound()));
            node.set("outbound", JsonSerde.MAPPER.valueToTree(snapshot.outbound()));
        });
    }

    public static void text(final AnalysisResult result, final PrintWriter out) {
        if (result.dmarc() != null) {
            dmarcText(result, out);
            alertsAndDeadLetters(result, out);
            return;
        }
        if (result.proxy() != null) {
            out.printf("Vigie proxy report%n");
            out.printf(
                    "%d lines read (%d not access records), %d indicators loaded, %d sent to the dead-letter "
                            + "topic, %d alerts, %.1f s%n",
                    result.records(),
                    result.proxy().ignoredLineCount(),
                    result.proxy().indicators(),
                    result.deadLetterCount(),
                    result.alerts().size(),
                    result.seconds());
            alertsAndDeadLetters(result, out);
            return;
        }
        out.printf("Vigie mail flow report over the whole input%n");
        out.printf(
                "%d records read, %d sent to the dead-letter topic, %d alerts, %.1f s%n",
                result.records(), result.deadLetterCount(), result.alerts().size(), result.seconds());
        if (!result.otherPrograms().isEmpty()) {
            out.printf(
                    "Lines of other programs, not Postfix's (not counted, not dead letters): %s%n",
                    result.otherPrograms());
        }
        final TopSnapshot period = result.period();
        final TopLists all = period == null ? TopLists.empty() : period.all();
        section(out, "Senders by message count", all.sendersByCount(), true);
        section(out, "Recipients by message count", all.recipientsByCount(), true);
        section(out, "Senders by message size", all.sendersByBytes(), false);
        section(out, "Recipients by message size", all.recipientsByBytes(), false);
        if (period != null) {
            section(out, "Inbound senders by message count", period.inbound().sendersByCount(), true);
            section(out, "Outbound senders by message count", period.outbound().sendersByCount(), true);
        }
        alertsAndDeadLetters(result, out);
    }

    private static void dmarcText(final AnalysisResult result, final PrintWriter out) {
        final DmarcFindings dmarc = result.dmarc();
        out.printf("Vigie DMARC report%n");
        out.printf(
                "%d files read, %d reports, %d rows, %d messages; %d sent to the dead-letter topic, %d alerts, "
                        + "%.1f s%n",
                result.records(),
                dmarc.reports(),
                dmarc.rows().size(),
                dmarc.messages(),
                result.deadLetterCount(),
                result.alerts().size(),
                result.seconds());
        dmarc.protectedDomainDays().forEach((domain, byDay) -> {
            out.printf("%n%s%n%s%n", domain, "-".repeat(domain.length()));
            out.printf(
                    " %-10s %9s %9s %9s %9s %11s %9s %9s%n",
                    "day", "messages", "pass", "fail", "unknown", "quarantine", "reject", "reporters");
            byDay.forEach((day, s) -> out.printf(
                    " %-10s %9d %9d %9d %9d %11d %9d %9d%n",
                    day,
                    s.messages(),
                    s.dmarcPass(),
                    s.dmarcFail(),
                    s.failingFromUnknown(),
                    s.dispositionQuarantine(),
                    s.dispositionReject(),
                    s.reporters().size()));
        });
    }

    private static void alertsAndDeadLetters(final AnalysisResult result, final PrintWriter out) {
        if (!result.alerts().isEmpty()) {
            out.printf("%nAlerts%n------%n");
            result.alerts()
                    .forEach(alert -> out.printf(
                            "%s  %-8s %-40s %s%n",
                            alert.path("@timestamp").asText(),
                            alert.path("vigie").path("level").asText(),
                            alert.path("rule").path("id").asText(),
                            alert.path("message").asText()));
        }
        if (!result.deadLetters().isEmpty()) {
            out.printf("%nDead letters by reason%n----------------------%n");
            for (final Map.Entry<String, Long> reason : result.deadLetters().entrySet()) {
                out.printf(" %6d  %s%n", reason.getValue(), reason.getKey());
            }
        }
        out.flush();
    }

    private static void section(
            final PrintWriter out, final String title, final List<TopEntry> entries, final boolean byCount) {
        final String heading = "top " + entries.size() + " " + title;
        out.printf("%n%s%n%s%n", heading, "-".repeat(heading.length()));
        if (entries.isEmpty()) {
            out.printf(" none%n");
        }
        for (final TopEntry entry : entries) {
            final PflogsummRanking.Printed printed =
                    PflogsummRanking.printed(byCount ? entry.messages() : entry.bytes());
            out.printf(" %6d%s  %s%n", printed.value(), printed.unit(), entry.address());
        }
    }
}
