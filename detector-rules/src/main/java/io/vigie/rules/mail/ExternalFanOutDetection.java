package io.vigie.rules.mail;

import io.vigie.core.model.MailCount;
import io.vigie.core.serde.PostfixSerdes;
import io.vigie.rules.alert.Alert;
import io.vigie.rules.config.FlowAnomalyConfig;
import io.vigie.rules.detection.DecisionProcessor;
import io.vigie.rules.store.JsonStores;
import java.util.Map;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.kstream.KStream;
import org.apache.kafka.streams.kstream.Named;
import org.apache.kafka.streams.kstream.Repartitioned;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.StoreBuilder;

/**
 * A phishing or malware wave in progress: one external sender delivered to at least
 * {@code fan-out-recipients} distinct internal recipients within {@code fan-out-window}.
 *
 * <p>Input: recipient {@link MailCount}s (inbound ones are used), keyed by their sender through
 * {@code inbound-deliveries-by-sender}. State: {@code external-fan-out-store}, per sender the last delivery time of
 * each recipient within the window. Output: one alert when the threshold is crossed (throttled downstream), keyed by
 * the sender; the alert lists the recipients, who are the users to warn and whose mailboxes to check. The decision
 * is {@link ExternalFanOut}'s; a {@link DecisionProcessor} keeps its state in the store.
 */
final class ExternalFanOutDetection {

    public static final String STORE = "external-fan-out-store";

    private ExternalFanOutDetection() {}

    /** Recipients reached within the window (address → last delivery, epoch ms) and whether the alert fired. */
    public record Recipients(Map<String, Long> lastDelivery, boolean alerted) {}

    public static StoreBuilder<KeyValueStore<String, Recipients>> storeBuilder() {
        return JsonStores.keyValue(STORE, Recipients.class);
    }

    /**
     * Adds the rule over the mail counts to the builder.
     *
     * @param counts every {@link MailCount} of the mail flow, whatever its key
     * @return the alerts, keyed by sender (not yet throttled)
     */
    static KStream<String, Alert> addTo(
            final StreamsBuilder builder, final FlowAnomalyConfig config, final KStream<String, MailCount> counts) {
        final ExternalFanOut fanOut = new ExternalFanOut(config);
        builder.addStateStore(storeBuilder());
        return counts.filter((key, count) -> ExternalFanOut.reads(count), Named.as("inbound-deliveries"))
                .selectKey((key, count) -> count.counterpart(), Named.as("inbound-key-by-sender"))
                .repartition(Repartitioned.with(Serdes.String(), PostfixSerdes.COUNT)
                        .withName("inbound-deliveries-by-sender"))
                .process(
                        () -> DecisionProcessor.inStore(
                                STORE,
                                (sender, count) -> count.counterpart(),
                                (sender, count) -> count.counterpart(),
                                fanOut),
                        Named.as("external-sender-fan-out"),
                        STORE);
    }
}
