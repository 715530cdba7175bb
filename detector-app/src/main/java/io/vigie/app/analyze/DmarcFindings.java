package io.vigie.app.analyze;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.vigie.core.model.DmarcEvent;
import io.vigie.core.serde.JsonSerde;
import io.vigie.rules.dmarc.DmarcDayStats;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * What the DMARC part of the engine produced over the analysed files.
 *
 * @param rows the report rows counted, each once
 * @param days the latest figures per {@code domain|day}
 */
public record DmarcFindings(List<DmarcEvent> rows, Map<String, DmarcDayStats> days) {

    public DmarcFindings {
        rows = List.copyOf(rows);
        days = Map.copyOf(days);
    }

    /** Distinct reports (reporter and report id) among the rows. */
    public long reports() {
        final Set<String> ids = new HashSet<>();
        rows.forEach(r -> ids.add(r.reporterOrg() + '\u0000' + r.reportId()));
        return ids.size();
    }

    public long messages() {
        return rows.stream().mapToLong(DmarcEvent::count).sum();
    }

    /** Per protected domain: the totals over every day, and each day's figures. */
    public Map<String, Map<String, DmarcDayStats>> protectedDomainDays() {
        final Map<String, Map<String, DmarcDayStats>> byDomain = new TreeMap<>();
        days.values().stream()
                .filter(DmarcDayStats::protectedDomain)
                .forEach(d -> byDomain.computeIfAbsent(d.domain(), k -> new TreeMap<>())
                        .put(d.day().toString(), d));
        return byDomain;
    }

    /** The {@code dmarc} object of {@code vigie analyze --json}. */
    ObjectNode json() {
        final ObjectNode dmarc = JsonSerde.MAPPER.createObjectNode();
        dmarc.put("reports", reports());
        dmarc.put("rows", rows.size());
        dmarc.put("messages", messages());
        final ObjectNode protectedDomains = dmarc.putObject("protected_domains");
        protectedDomainDays().forEach((domain, byDay) -> {
            final DmarcDayStats total =
                    byDay.values().stream().reduce(DmarcDayStats::add).orElseThrow();
            final ObjectNode node = figures(protectedDomains.putObject(domain), total);
            node.set("reporters", JsonSerde.MAPPER.valueToTree(total.reporters()));
            final ObjectNode perDay = node.putObject("days");
            byDay.forEach((day, stats) -> figures(perDay.putObject(day), stats));
        });
        final ObjectNode headerFrom = dmarc.putObject("header_from");
        final Map<String, long[]> byHeaderFrom = new TreeMap<>();
        for (final DmarcEvent r : rows) {
            final long[] f = byHeaderFrom.computeIfAbsent(r.headerFrom(), k -> new long[4]);
            f[0] += r.count();
            if (r.dmarcPass()) {
                f[1] += r.count();
            }
            switch (r.disposition()) {
                case "quarantine" -> f[2] += r.count();
                case "reject" -> f[3] += r.count();
                default -> {}
            }
        }
        byHeaderFrom.forEach((domain, f) -> {
            final ObjectNode node = headerFrom.putObject(domain);
            node.put("messages", f[0]);
            node.put("pass", f[1]);
            node.put("fail", f[0] - f[1]);
            final ObjectNode disposition = node.putObject("disposition");
            disposition.put("none", f[0] - f[2] - f[3]);
            disposition.put("quarantine", f[2]);
            disposition.put("reject", f[3]);
        });
        return dmarc;
    }

    private static ObjectNode figures(final ObjectNode node, final DmarcDayStats s) {
        node.put("messages", s.messages());
        node.put("pass", s.dmarcPass());
        node.put("fail", s.dmarcFail());
        node.put("dkim_aligned_pass", s.dkimAlignedPass());
        node.put("spf_aligned_pass", s.spfAlignedPass());
        final ObjectNode disposition = node.putObject("disposition");
        disposition.put("none", s.dispositionNone());
        disposition.put("quarantine", s.dispositionQuarantine());
        disposition.put("reject", s.dispositionReject());
        node.put("failing_from_unknown", s.failingFromUnknown());
        node.put("failing_from_legitimate", s.failingFromLegitimate());
        return node;
    }
}
