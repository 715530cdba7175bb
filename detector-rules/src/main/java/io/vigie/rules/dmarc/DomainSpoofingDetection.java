package io.vigie.rules.dmarc;

import io.vigie.rules.alert.Alert;
import io.vigie.rules.alert.AlertLevel;
import io.vigie.rules.alert.AlertRule;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * "Domain spoofing": for one protected domain and one day, the messages that failed DMARC from sources that
 * are not legitimate senders reached {@code dmarc.spoofing-min-messages}. Fires once per domain and day, when
 * the threshold is crossed, with the worst sources; the day figures keep growing on the API.
 */
final class DomainSpoofingDetection {

    static final AlertRule RULE = new AlertRule(
            "vigie.dmarc.domain-spoofing",
            "Spoofing of a protected mail domain",
            "Receivers reported many messages that claim to come from a protected domain but fail DMARC, sent "
                    + "from addresses that are not the domain's legitimate senders.",
            AlertLevel.MEDIUM,
            List.of("email", "threat"),
            "vigie.dmarc",
            List.of(
                    "Look up the listed sources (reverse DNS, owner): make sure none is a forgotten legitimate "
                            + "sender (newsletter service, partner, multifunction printer); add those to "
                            + "dmarc.known-senders.",
                    "If the domain publishes p=none, spoofed messages were delivered as they were: plan the move to "
                            + "p=quarantine then p=reject.",
                    "Warn staff and partners that mails claiming to come from the domain may be fraudulent, and "
                            + "search the mail quarantine and user reports for them.",
                    "Report the campaign and its sources to the CERT with this alert."));

    static final int LISTED_SOURCES = 10;

    private final Threshold threshold;
    private final ZoneId zone;

    DomainSpoofingDetection(final long threshold, final ZoneId zone) {
        this.threshold = new Threshold(threshold);
        this.zone = zone;
    }

    /** Whether going from {@code before} to {@code after} messages crosses the threshold. */
    boolean crosses(final long before, final long after) {
        return threshold.crossedBy(before, after);
    }

    /**
     * @param day        the domain's figures for the day, this row included
     * @param topSources the day's non-legitimate failing sources, most messages first
     * @param policy     the p= the domain published, as the reporter saw it; null when unknown
     */
    Alert alert(
            final DmarcDayStats day, final List<DmarcSourceStats> topSources, final String policy, final Instant time) {
        final List<Map<String, Object>> sources = new ArrayList<>();
        final List<String> ips = new ArrayList<>();
        for (final DmarcSourceStats s : topSources.subList(0, Math.min(LISTED_SOURCES, topSources.size()))) {
            final Map<String, Object> entry = new LinkedHashMap<>();
            entry.put("ip", s.sourceIp());
            entry.put("failing_messages", s.failOn(day.day()));
            if (s.lastFailure() != null) {
                entry.put("envelope_from", s.lastFailure().envelopeFrom());
                entry.put("disposition", s.lastFailure().disposition());
            }
            sources.add(entry);
            ips.add(s.sourceIp());
        }
        // Under p=none receivers deliver failing mail as it is: the spoofed messages reached inboxes.
        final boolean delivered = "none".equals(policy);
        return RULE.raise(
                        time,
                        day.domain(),
                        day.day().atStartOfDay(zone).toInstant(),
                        day.failingFromUnknown() + " messages claiming to be from " + day.domain() + " on " + day.day()
                                + " failed DMARC from " + topSources.size() + " unknown source(s)")
                .level(delivered ? AlertLevel.HIGH : AlertLevel.MEDIUM)
                .email("from", Map.of("domain", day.domain()))
                .related("ip", ips)
                .observed("day", day.day().toString())
                .observed("failing_from_unknown", day.failingFromUnknown())
                .observed("threshold", threshold.value())
                .observed("messages", day.messages())
                .observed("dmarc_fail", day.dmarcFail())
                // Plural: the legitimate-sender alert has a single "disposition" text, and one field name
                // cannot be an object in one alert and a keyword in another once a SIEM has mapped it.
                .observed("dispositions", dispositions(day))
                .observed("published_policy", policy)
                .observed("unknown_sources", topSources.size())
                .observed("top_sources", sources)
                .observed("reporters", day.reporters())
                .build();
    }

    private static Map<String, Long> dispositions(final DmarcDayStats day) {
        final Map<String, Long> counts = new LinkedHashMap<>();
        counts.put("none", day.dispositionNone());
        counts.put("quarantine", day.dispositionQuarantine());
        counts.put("reject", day.dispositionReject());
        return counts;
    }
}
