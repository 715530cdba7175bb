package io.vigie.rules.mail;

import io.vigie.core.model.Direction;
import io.vigie.core.model.MailCount;
import io.vigie.rules.alert.Alert;
import io.vigie.rules.alert.AlertLevel;
import io.vigie.rules.alert.AlertRule;
import io.vigie.rules.config.FlowAnomalyConfig;
import io.vigie.rules.store.JsonStores;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.StoreBuilder;

/**
 * A phishing or malware wave in progress: one external sender delivered to at least
 * {@code fan-out-recipients} distinct internal recipients within {@code fan-out-window}.
 *
 * <p>Input: recipient {@link MailCount}s keyed by their sender (inbound ones are used). State:
 * {@code external-fan-out-store}, per sender the last delivery time of each recipient within the
 * window. Output: one alert when the threshold is crossed (throttled downstream); the alert lists
 * the recipients, who are the users to warn and whose mailboxes to check.
 */
public final class ExternalFanOutDetection implements Processor<String, MailCount, String, Alert> {

    public static final String STORE = "external-fan-out-store";
    private static final int MAX_LISTED_RECIPIENTS = 100;

    static final AlertRule RULE = new AlertRule("vigie.mail.external-sender-fan-out",
            "External sender reaching many internal recipients",
            "One external sender delivered to many internal mailboxes in a short time: a phishing or malware "
                    + "campaign may be in progress.",
            AlertLevel.MEDIUM, List.of("email"), "vigie.mail",
            List.of("Look at one of the messages (quarantine or a recipient's mailbox) and judge it.",
                    "If malicious: block the sender and its URLs/attachments at the gateway and the proxy, purge the "
                            + "messages from the mailboxes, and warn the listed recipients.",
                    "Check the proxy logs for the message's URLs: who clicked? Isolate those hosts powered on.",
                    "Report the campaign to the CERT with one original message (EML with full headers)."));

    private final FlowAnomalyConfig config;
    private ProcessorContext<String, Alert> context;
    private KeyValueStore<String, Recipients> store;

    public ExternalFanOutDetection(final FlowAnomalyConfig config) {
        this.config = config;
    }

    /** Recipients reached within the window (address → last delivery, epoch ms) and whether the alert fired. */
    public record Recipients(Map<String, Long> lastDelivery, boolean alerted) {
    }

    public static StoreBuilder<KeyValueStore<String, Recipients>> storeBuilder() {
        return JsonStores.keyValue(STORE, Recipients.class);
    }

    @Override
    public void init(final ProcessorContext<String, Alert> ctx) {
        this.context = ctx;
        this.store = ctx.getStateStore(STORE);
    }

    @Override
    public void process(final Record<String, MailCount> countRecord) {
        final MailCount count = countRecord.value();
        if (count.role() != MailCount.Role.RECIPIENT || count.direction() != Direction.INBOUND
                || count.messages() == 0 || count.counterpart() == null) {
            return;
        }
        final String sender = count.counterpart();
        final long now = count.time().toEpochMilli();
        final Recipients previous = store.get(sender);
        final Map<String, Long> reached = previous == null ? new HashMap<>() : new HashMap<>(previous.lastDelivery());
        reached.merge(count.address(), now, Math::max);
        reached.values().removeIf(at -> at <= now - config.fanOutWindow().toMillis());
        boolean alerted = previous != null && previous.alerted();
        if (reached.size() < config.fanOutRecipients()) {
            alerted = false;
        } else if (!alerted) {
            alerted = true;
            final List<String> recipients = new ArrayList<>(reached.keySet());
            recipients.sort(null);
            final List<String> listed = recipients.subList(0, Math.min(MAX_LISTED_RECIPIENTS, recipients.size()));
            final Instant firstSeen = Instant.ofEpochMilli(reached.values().stream().mapToLong(Long::longValue).min()
                    .orElse(now));
            context.forward(new Record<>(sender, RULE.raise(count.time(), sender, firstSeen,
                            "%s reached %d internal recipients within %s".formatted(sender, reached.size(),
                                    QueueCongestionDetection.humanDuration(config.fanOutWindow())))
                    .email("from", Map.of("address", List.of(sender)))
                    .email("to", Map.of("address", listed))
                    .observed("recipients", reached.size())
                    .observed("first_seen", firstSeen.toString())
                    .observed("last_seen", count.time().toString())
                    .related("user", listed)
                    .build(), countRecord.timestamp()));
        }
        if (reached.isEmpty()) {
            store.delete(sender);
        } else {
            store.put(sender, new Recipients(reached, alerted));
        }
    }
}
