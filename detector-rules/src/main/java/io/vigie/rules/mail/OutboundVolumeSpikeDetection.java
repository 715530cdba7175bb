package io.vigie.rules.mail;

import io.vigie.core.model.Direction;
import io.vigie.core.model.MailCount;
import io.vigie.rules.alert.Alert;
import io.vigie.rules.alert.AlertLevel;
import io.vigie.rules.alert.AlertRule;
import io.vigie.rules.config.FlowAnomalyConfig;
import io.vigie.rules.store.JsonStores;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.StoreBuilder;

/**
 * A compromised mailbox sending spam: an internal sender whose outbound messages in the current
 * hour are at least the minimum and at least {@code spike-factor} times its own mean hourly
 * volume over the previous {@code baseline-hours} (a sender with no history has a baseline of 0,
 * so only the minimum applies).
 *
 * <p>Input: sender {@link MailCount}s keyed by address (outbound ones are used). State:
 * {@code outbound-volume-store}, hourly counts per sender for the baseline period plus the
 * current hour. Output: one alert per sender and hour at most (throttled downstream too).
 */
public final class OutboundVolumeSpikeDetection implements Processor<String, MailCount, String, Alert> {

    public static final String STORE = "outbound-volume-store";
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
    private ProcessorContext<String, Alert> context;
    private KeyValueStore<String, HourlyCounts> store;

    public OutboundVolumeSpikeDetection(final FlowAnomalyConfig config) {
        this.config = config;
    }

    /** Messages per hour (hour start, epoch ms → count) and the last hour an alert was raised for. */
    public record HourlyCounts(TreeMap<Long, Long> byHour, long alertedHour) {
    }

    public static StoreBuilder<KeyValueStore<String, HourlyCounts>> storeBuilder() {
        return JsonStores.keyValue(STORE, HourlyCounts.class);
    }

    @Override
    public void init(final ProcessorContext<String, Alert> ctx) {
        this.context = ctx;
        this.store = ctx.getStateStore(STORE);
    }

    @Override
    public void process(final Record<String, MailCount> countRecord) {
        final MailCount count = countRecord.value();
        if (count.role() != MailCount.Role.SENDER || count.direction() != Direction.OUTBOUND
                || count.messages() == 0) {
            return;
        }
        final long hour = Math.floorDiv(count.time().toEpochMilli(), HOUR) * HOUR;
        final HourlyCounts previous = store.get(count.address());
        final TreeMap<Long, Long> byHour = previous == null ? new TreeMap<>() : new TreeMap<>(previous.byHour());
        long alertedHour = previous == null ? Long.MIN_VALUE : previous.alertedHour();
        byHour.merge(hour, 1L, Long::sum);
        byHour.headMap(hour - config.baselineHours() * HOUR).clear();
        final long current = byHour.get(hour);
        final long baselineTotal = byHour.subMap(hour - config.baselineHours() * HOUR, hour).values().stream()
                .mapToLong(Long::longValue).sum();
        final double baseline = (double) baselineTotal / config.baselineHours();
        if (alertedHour != hour && current >= config.spikeMinimumMessages()
                && current >= config.spikeFactor() * baseline) {
            alertedHour = hour;
            final Instant hourStart = Instant.ofEpochMilli(hour);
            context.forward(new Record<>(count.address(), RULE.raise(count.time(), count.address(), hourStart,
                            "%s sent %d messages to the outside since %s, usual hourly volume %.1f"
                                    .formatted(count.address(), current, hourStart, baseline))
                    .email("from", Map.of("address", List.of(count.address())))
                    .user("email", count.address())
                    .observed("messages_this_hour", current)
                    .observed("baseline_per_hour", Math.round(baseline * 10) / 10.0)
                    .observed("baseline_hours", config.baselineHours())
                    .related("user", List.of(count.address()))
                    .build(), countRecord.timestamp()));
        }
        store.put(count.address(), new HourlyCounts(byHour, alertedHour));
    }
}
