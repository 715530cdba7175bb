package io.vigie.rules.dmarc;

import io.vigie.rules.metrics.CounterSensors;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.streams.StreamsMetrics;

/**
 * DMARC counters as Kafka Streams metrics (group {@code vigie-dmarc}), exported to Prometheus as
 * {@code vigie_dmarc_messages_total{domain,result,disposition}}, {@code vigie_dmarc_rows_total{outcome}} and
 * {@code vigie_dmarc_alerts_total{rule}}.
 * Labels stay bounded: {@code domain} is a protected domain (at most {@value #MAX_DOMAINS} of them when they
 * are taken from the reports), anything else is {@value #OTHER}.
 */
final class DmarcSensors {

    static final String GROUP = "vigie-dmarc";
    static final int MAX_DOMAINS = 50;
    static final String OTHER = "other";

    private final CounterSensors counters;
    private final Set<String> domains = new LinkedHashSet<>();

    DmarcSensors(final StreamsMetrics metrics) {
        this.counters = new CounterSensors(metrics, GROUP);
    }

    /** A row counted (new) or recognised as already counted (duplicate: the same report re-sent). */
    void row(final boolean duplicate) {
        final String outcome = duplicate ? "duplicate" : "new";
        counters.add(
                "dmarc-rows-total",
                "DMARC report rows received, new or already counted",
                Map.of("outcome", outcome),
                1);
    }

    /** An alert raised, before throttling. */
    void alert(final String ruleId) {
        counters.add("dmarc-alerts-total", "DMARC alerts raised (before throttling)", Map.of("rule", ruleId), 1);
    }

    void messages(final String protectedDomain, final boolean pass, final String disposition, final long count) {
        final String domain = label(protectedDomain);
        final String result = pass ? "pass" : "fail";
        final String dispositionLabel = switch (disposition) {
            case "none", "quarantine", "reject" -> disposition;
            default -> OTHER;
        };
        counters.add(
                "dmarc-messages-total",
                "Messages reported in DMARC aggregate reports",
                Map.of("domain", domain, "result", result, "disposition", dispositionLabel),
                count);
    }

    private String label(final String protectedDomain) {
        if (protectedDomain == null) {
            return OTHER;
        }
        if (domains.contains(protectedDomain) || domains.size() < MAX_DOMAINS) {
            domains.add(protectedDomain);
            return protectedDomain;
        }
        return OTHER;
    }
}
