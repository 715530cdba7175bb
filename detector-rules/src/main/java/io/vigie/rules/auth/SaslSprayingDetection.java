package io.vigie.rules.auth;

import io.vigie.rules.config.AuthConfig;
import io.vigie.rules.detection.DecisionProcessor;
import io.vigie.rules.detection.Sweep;
import io.vigie.rules.store.JsonStores;
import java.time.Duration;
import java.util.Map;
import java.util.TreeMap;
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
 * {@link SaslSpraying}'s; a {@link DecisionProcessor} keeps its state in the store and sweeps it.
 */
final class SaslSprayingDetection {

    public static final String STORE = "sasl-network-store";
    private static final Duration SWEEP_INTERVAL = Duration.ofHours(1);

    private SaslSprayingDetection() {}

    /** The rule's thin processor: state and outputs under the input's key, the source network. */
    static DecisionProcessor<AuthSignal, NetworkState, AuthOutput> processor(final AuthConfig config) {
        return DecisionProcessor.inStore(
                        STORE,
                        DecisionProcessor.<AuthSignal>recordKey(),
                        DecisionProcessor.recordKey(),
                        new SaslSpraying(config))
                .sweeping(new Sweep<>(
                        STORE,
                        SWEEP_INTERVAL,
                        (known, streamTime) -> SaslSpraying.expired(known, streamTime, config.window())));
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
    public record NetworkState(
            TreeMap<Long, Long> failuresByMinute,
            Map<String, Tries> accounts,
            Map<String, Tries> addresses,
            TreeMap<String, Long> methods,
            TreeMap<String, Long> hosts,
            boolean usernamesLogged,
            long attackStart,
            long lastFailure,
            boolean alerted) {}

    public static StoreBuilder<KeyValueStore<String, NetworkState>> storeBuilder() {
        return JsonStores.keyValue(STORE, NetworkState.class);
    }
}
