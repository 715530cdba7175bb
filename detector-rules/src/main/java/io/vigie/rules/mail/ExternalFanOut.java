package io.vigie.rules.mail;

import io.vigie.core.model.Direction;
import io.vigie.core.model.MailCount;
import io.vigie.rules.alert.Alert;
import io.vigie.rules.alert.AlertLevel;
import io.vigie.rules.alert.AlertRule;
import io.vigie.rules.config.FlowAnomalyConfig;
import io.vigie.rules.detection.Decision;
import io.vigie.rules.detection.Outcome;
import io.vigie.rules.mail.ExternalFanOutDetection.Recipients;
import io.vigie.rules.store.KeyedState;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The fan-out decision, without Kafka: one external sender delivered to at least {@code fan-out-recipients}
 * distinct internal recipients within {@code fan-out-window}. State: the sender's {@link Recipients}. Run by
 * {@link ExternalFanOutDetection} in the engine (state keyed by sender) and by {@link OfflineMailFlow} in memory.
 */
final class ExternalFanOut implements Decision<Recipients, MailCount, Alert> {

    private static final int MAX_LISTED_RECIPIENTS = 100;

    static final AlertRule RULE = new AlertRule(
            "vigie.mail.external-sender-fan-out",
            "External sender reaching many internal recipients",
            "One external sender delivered to many internal mailboxes in a short time: a phishing or malware "
                    + "campaign may be in progress.",
            AlertLevel.MEDIUM,
            List.of("email"),
            "vigie.mail",
            List.of(
                    "Look at one of the messages (quarantine or a recipient's mailbox) and judge it.",
                    "If malicious: block the sender and its URLs/attachments at the gateway and the proxy, purge the "
                            + "messages from the mailboxes, and warn the listed recipients.",
                    "Check the proxy logs for the message's URLs: who clicked? Isolate those hosts powered on.",
                    "Report the campaign to the CERT with one original message (EML with full headers)."));

    private final FlowAnomalyConfig config;

    ExternalFanOut(final FlowAnomalyConfig config) {
        this.config = config;
    }

    /** Whether a count is one this rule reads: an inbound delivery whose sender is known. */
    static boolean reads(final MailCount count) {
        return count.role() == MailCount.Role.RECIPIENT
                && count.direction() == Direction.INBOUND
                && count.counterpart() != null;
    }

    /** Notes a delivery in the state kept under its sender; the alert when the sender crosses the threshold. */
    Optional<Alert> observe(final KeyedState<Recipients> state, final MailCount count) {
        if (!reads(count)) {
            return Optional.empty();
        }
        return applyTo(state, count.counterpart(), count).stream().findFirst();
    }

    /**
     * Notes a delivery to an internal recipient; the alert when its sender crosses the threshold. A byte correction
     * (0 messages) is a delivery too: the message join sends one, with the sender, for a delivery it counted before
     * its qmgr {@code from=} line, without a sender then. With null keys a message's lines come through several
     * partitions, and such a delivery was lost to this rule whenever its {@code to=} line was read first: a restart
     * that changed which partition ran ahead made an alert come or go. A recipient counts once, whatever the number of
     * its counts.
     *
     * @param sender   the sender, the count's counterpart
     * @param previous the recipients it reached within the window, null when none
     */
    @Override
    public Outcome<Recipients, Alert> decide(final String sender, final Recipients previous, final MailCount count) {
        if (!reads(count)) {
            return Outcome.unchanged();
        }
        final long now = count.time().toEpochMilli();
        final Map<String, Long> reached = previous == null ? new HashMap<>() : new HashMap<>(previous.lastDelivery());
        reached.merge(count.address(), now, Math::max);
        reached.values().removeIf(at -> at <= now - config.fanOutWindow().toMillis());
        boolean alerted = previous != null && previous.alerted();
        Alert alert = null;
        if (reached.size() < config.fanOutRecipients()) {
            alerted = false;
        } else if (!alerted) {
            alerted = true;
            final List<String> recipients = new ArrayList<>(reached.keySet());
            recipients.sort(null);
            final List<String> listed = recipients.subList(0, Math.min(MAX_LISTED_RECIPIENTS, recipients.size()));
            final Instant firstSeen = Instant.ofEpochMilli(
                    reached.values().stream().mapToLong(Long::longValue).min().orElse(now));
            alert = RULE.raiseInClockHour(
                            count.time(),
                            sender,
                            "%s reached %d internal recipients within %s"
                                    .formatted(
                                            sender,
                                            reached.size(),
                                            QueueCongestion.humanDuration(config.fanOutWindow())))
                    .email("from", Map.of("address", List.of(sender)))
                    .email("to", Map.of("address", List.copyOf(listed)))
                    .observed("recipients", reached.size())
                    .observed("first_seen", firstSeen.toString())
                    .observed("last_seen", count.time().toString())
                    .related("user", List.copyOf(listed))
                    .build();
        }
        if (reached.isEmpty()) {
            return Outcome.delete(Optional.ofNullable(alert));
        }
        return Outcome.put(new Recipients(reached, alerted), Optional.ofNullable(alert));
    }
}
