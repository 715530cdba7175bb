package io.vigie.rules.mail;

import io.vigie.core.model.Direction;
import io.vigie.core.model.MailCount;
import io.vigie.rules.alert.Alert;
import io.vigie.rules.alert.AlertLevel;
import io.vigie.rules.alert.AlertRule;
import io.vigie.rules.config.FlowAnomalyConfig;
import io.vigie.rules.mail.OutboundVolumeSpikeDetection.HourlyCounts;
import io.vigie.rules.store.KeyedState;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The outbound-spike decision, without Kafka: an internal sender whose outbound messages in the current hour
 * are at least the minimum and at least {@code spike-factor} times its mean hourly volume over the previous
 * {@code baseline-hours}. Run by {@link OutboundVolumeSpikeDetection} in the engine and by
 * {@link OfflineMailFlow} in memory.
 */
final class OutboundVolumeSpike {

    private static final long HOUR = 3_600_000L;

    static final AlertRule RULE = new AlertRule("vigie.mail.outbound-volume-spike",
            "Internal sender far above its usual outbound volume",
            "An internal account sends much more mail to the outside than it usually does: "
                    + "the typical sign of a compromised mailbox used to send spam or phishing.",
            AlertLevel.HIGH, List.of("email"), "vigie.mail",
            List.of("Disable the account and revoke its sessions (webmail, ActiveSync, OAuth tokens).",
                    "Reset its password and check its mailbox rules (forwarding, deletion).",
                    "Hold or purge its queued outbound mail ('postsuper -h' / 'postsuper -d').",
                    "Check whether the hospital's sending IPs were blocklisted; warn the recipients if needed.",
                    "Find which host the account logged in from and isolate it powered on if it is infected."));

    private final FlowAnomalyConfig config;

    OutboundVolumeSpike(final FlowAnomalyConfig config) {
        this.config = config;
    }

    /** Counts a sender's message; the alert when it makes this hour a spike (once per sender and hour). */
    Optional<Alert> observe(final KeyedState<HourlyCounts> state, final MailCount count) {
        if (count.role() != MailCount.Role.SENDER || count.direction() != Direction.OUTBOUND
                || count.messages() == 0) {
            return Optional.empty();
        }
        final long hour = Math.floorDiv(count.time().toEpochMilli(), HOUR) * HOUR;
        final HourlyCounts previous = state.get(count.address());
        final TreeMap<Long, Long> byHour = previous == null ? new TreeMap<>() : new TreeMap<>(previous.byHour());
        long alertedHour = previous == null ? Long.MIN_VALUE : previous.alertedHour();
        byHour.merge(hour, 1L, Long::sum);
        byHour.headMap(hour - config.baselineHours() * HOUR).clear();
        final long current = byHour.get(hour);
        final long baselineTotal = byHour.subMap(hour - config.baselineHours() * HOUR, hour).values().stream()
                .mapToLong(Long::longValue).sum();
        final double baseline = (double) baselineTotal / config.baselineHours();
        Alert alert = null;
        if (alertedHour != hour && current >= config.spikeMinimumMessages()
                && current >= config.spikeFactor() * baseline) {
            alertedHour = hour;
            final Instant hourStart = Instant.ofEpochMilli(hour);
            alert = RULE.raise(count.time(), count.address(), hourStart,
                            "%s sent %d messages to the outside since %s, usual hourly volume %.1f"
                                    .formatted(count.address(), current, hourStart, baseline))
                    .email("from", Map.of("address", List.of(count.address())))
                    .user("email", count.address())
                    .observed("messages_this_hour", current)
                    .observed("baseline_per_hour", Math.round(baseline * 10) / 10.0)
                    .observed("baseline_hours", config.baselineHours())
                    .related("user", List.of(count.address()))
                    .build();
        }
        state.put(count.address(), new HourlyCounts(byHour, alertedHour));
        return Optional.ofNullable(alert);
    }
}
