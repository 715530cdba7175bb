package io.vigie.rules.incident;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Set;

/**
 * The answer to "did the user open it": the first proxy or antivirus sign after the mail was delivered.
 *
 * @param deliveredAt when the mail reached the mailbox (the last Received hop of a reported mail, else the time of
 *                    the mail alert)
 * @param time        when the sign happened
 * @param source      proxy or antivirus
 * @param alertId     the alert that shows it
 * @param message     that alert's message
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record FirstSign(Instant deliveredAt, Instant time, String source, String alertId, String message) {

    /** Where the sign is looked for: the network and the machine, and what correlates a mail with them. */
    private static final Set<String> SIGNS =
            Set.of(AlertEvidence.PROXY, AlertEvidence.ANTIVIRUS, AlertEvidence.CORRELATION);

    /**
     * The earliest sign at or after the first delivery of a mail of the timeline; null when the timeline has no
     * mail, or no sign after it.
     */
    static FirstSign in(final List<TimelineEntry> timeline) {
        final Instant delivered = timeline.stream()
                .filter(e -> AlertEvidence.MAIL.equals(e.source()))
                .map(e -> e.deliveredAt() != null ? e.deliveredAt() : e.time())
                .min(Comparator.naturalOrder())
                .orElse(null);
        if (delivered == null) {
            return null;
        }
        return timeline.stream()
                .filter(e -> SIGNS.contains(e.source()) && !e.time().isBefore(delivered))
                .min(Comparator.comparing(TimelineEntry::time).thenComparing(TimelineEntry::alertId))
                .map(e -> new FirstSign(delivered, e.time(), e.source(), e.alertId(), e.message()))
                .orElse(null);
    }
}
