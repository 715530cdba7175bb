package io.vigie.rules.auth;

import io.vigie.rules.config.AuthConfig;
import io.vigie.rules.store.JsonStores;
import io.vigie.rules.store.KeyedState;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.StoreBuilder;

/**
 * Password spraying and brute force on SMTP AUTH, per source network; and the network stage of the takeover rule.
 *
 * <p>Input: {@link AuthSignal}s keyed by source network (failed logins from the Postfix lines, successful ones from
 * the messages). State: {@code sasl-network-store}, per network the failures of the last two windows (per minute,
 * per account tried, per address) and whether the current attack was reported; a network quiet for two windows is
 * forgotten (swept every hour of stream time). Output ({@link AuthOutput}): at most one
 * {@code vigie.mail.sasl-spraying} alert per attack (throttled downstream too), and, for the account stage, the
 * failures that name a login and every login with what failed from its network before it. The decision is
 * {@link SaslSpraying}'s; this processor keeps its state in the store.
 */
public final class SaslSprayingDetection implements Processor<String, AuthSignal, String, AuthOutput> {

    public static final String STORE = "sasl-network-store";
    private static final Duration SWEEP_INTERVAL = Duration.ofHours(1);

    private final SaslSpraying spraying;
    private final Duration window;
    private ProcessorContext<String, AuthOutput> context;
    private KeyValueStore<String, NetworkState> store;
    private KeyedState<NetworkState> state;

    public SaslSprayingDetection(final AuthConfig config) {
        this.spraying = new SaslSpraying(config);
        this.window = config.window();
    }

    /**
     * The recent failed logins of one source network (times in epoch ms).
     *
     * @param failuresByMinute failures per minute, for the last two windows
     * @param accounts         per login tried (lower case), when Postfix logged it
     * @param addresses        per client address
     * @param methods          SASL mechanisms used, with counts (a few)
     * @param hosts            Postfix hosts that logged the failures, with counts (a few)
     * @param usernamesLogged  whether any failure of the attack named its login
     * @param attackStart      the first failure of the current attack
     * @param lastFailure      the latest failure
     * @param alerted          whether the current attack was reported
     */
    public record NetworkState(TreeMap<Long, Long> failuresByMinute, Map<String, Tries> accounts,
                               Map<String, Tries> addresses, TreeMap<String, Long> methods,
                               TreeMap<String, Long> hosts, boolean usernamesLogged, long attackStart,
                               long lastFailure, boolean alerted) {
    }

    public static StoreBuilder<KeyValueStore<String, NetworkState>> storeBuilder() {
        return JsonStores.keyValue(STORE, NetworkState.class);
    }

    @Override
    public void init(final ProcessorContext<String, AuthOutput> ctx) {
        this.context = ctx;
        this.store = ctx.getStateStore(STORE);
        this.state = KeyedState.of(store);
        ctx.schedule(SWEEP_INTERVAL, PunctuationType.STREAM_TIME, this::forgetQuietNetworks);
    }

    @Override
    public void process(final Record<String, AuthSignal> signalRecord) {
        final AuthSignal signal = signalRecord.value();
        if (signal.type() == AuthSignal.Type.FAILURE) {
            spraying.failure(state, signal).ifPresent(alert ->
                    context.forward(signalRecord.withValue(new AuthOutput.Raised(alert))));
            if (signal.account() != null) {
                context.forward(signalRecord.withValue(new AuthOutput.Passed(signal)));
            }
        } else {
            context.forward(signalRecord.withValue(new AuthOutput.Passed(spraying.context(state, signal))));
        }
    }

    private void forgetQuietNetworks(final long streamTime) {
        final List<String> quiet = new ArrayList<>();
        try (KeyValueIterator<String, NetworkState> all = store.all()) {
            all.forEachRemaining(entry -> {
                if (SaslSpraying.expired(entry.value, streamTime, window)) {
                    quiet.add(entry.key);
                }
            });
        }
        quiet.forEach(store::delete);
    }
}
