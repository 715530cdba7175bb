package io.vigie.rules.mail;

import io.vigie.core.model.MailCount;
import io.vigie.rules.alert.Alert;
import io.vigie.rules.config.FlowAnomalyConfig;
import io.vigie.rules.store.JsonStores;
import io.vigie.rules.store.KeyedState;
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
 * the recipients, who are the users to warn and whose mailboxes to check. The decision is
 * {@link ExternalFanOut}'s; this processor keeps its state in the store.
 */
public final class ExternalFanOutDetection implements Processor<String, MailCount, String, Alert> {

    public static final String STORE = "external-fan-out-store";
    private final ExternalFanOut fanOut;
    private ProcessorContext<String, Alert> context;
    private KeyedState<Recipients> state;

    public ExternalFanOutDetection(final FlowAnomalyConfig config) {
        this.fanOut = new ExternalFanOut(config);
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
        this.state = KeyedState.of(ctx.getStateStore(STORE));
    }

    @Override
    public void process(final Record<String, MailCount> countRecord) {
        final MailCount count = countRecord.value();
        fanOut.observe(state, count).ifPresent(alert ->
                context.forward(new Record<>(count.counterpart(), alert, countRecord.timestamp())));
    }
}
