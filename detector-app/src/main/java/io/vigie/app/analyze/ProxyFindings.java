package io.vigie.app.analyze;

import java.util.Map;
import java.util.TreeMap;
import org.apache.kafka.common.Metric;
import org.apache.kafka.common.MetricName;

/**
 * What the proxy part of the engine counted over the analysed files, besides its alerts.
 *
 * @param indicators   indicators in the intel table when the first proxy line was read
 * @param ignoredLines lines that were valid but not access records (W3C directives, other record types), by reason
 */
public record ProxyFindings(long indicators, Map<String, Long> ignoredLines) {

    public ProxyFindings {
        ignoredLines = Map.copyOf(ignoredLines);
    }

    static ProxyFindings of(final Map<MetricName, ? extends Metric> metrics, final long indicators) {
        final Map<String, Long> ignored = new TreeMap<>();
        metrics.forEach((name, metric) -> {
            if ("vigie-proxy".equals(name.group()) && "proxy-ignored-lines-total".equals(name.name())) {
                ignored.merge(name.tags().get("reason"), ((Number) metric.metricValue()).longValue(), Long::sum);
            }
        });
        return new ProxyFindings(indicators, ignored);
    }

    public long ignoredLineCount() {
        return ignoredLines.values().stream().mapToLong(Long::longValue).sum();
    }
}
