package io.vigie.rules.auth;

import io.vigie.core.net.InternalNetworks;
import io.vigie.rules.alert.Alert;
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
 * An SMTP account probably taken over: a successful login after failures on the account or from its network, or
 * from a network the account never used followed by outbound mail ({@link AccountTakeover} decides).
 *
 * <p>Input: {@link AuthSignal}s keyed by account (lower case): the failures that name their login, and the logins,
 * each with what failed from its network before it. State: {@code sasl-account-store}, per account its first login
 * (the start of its learning period), the networks it logged in from (forgotten after
 * {@code known-network-retention} without a login), its failures of the last two windows, its outbound volume of
 * the last two hours and the last hour it alerted. Logins that never succeeded (a sprayer's guesses) are forgotten
 * two windows after their last failure (swept every hour of stream time); an account that logged in is kept. Output:
 * at most one {@code vigie.mail.account-takeover} alert per account and clock hour (throttled downstream too), keyed
 * by the account. The decision is {@link AccountTakeover}'s; a {@link DecisionProcessor} keeps its state in the store
 * and sweeps it.
 */
final class AccountTakeoverDetection {

    public static final String STORE = "sasl-account-store";
    private static final Duration SWEEP_INTERVAL = Duration.ofHours(1);

    private AccountTakeoverDetection() {}

    /** The rule's thin processor: state and alerts keyed by the signal's account; signals without one are left. */
    static DecisionProcessor<AuthSignal, AccountState, Alert> processor(
            final AuthConfig config, final InternalNetworks internal) {
        return DecisionProcessor.inStore(
                        STORE,
                        (key, signal) -> signal.account(),
                        (key, signal) -> signal.account(),
                        new AccountTakeover(config, internal))
                .sweeping(new Sweep<>(
                        STORE,
                        SWEEP_INTERVAL,
                        (account, streamTime) -> AccountTakeover.expired(account, streamTime, config)));
    }

    /**
     * One account's SMTP AUTH history (times in epoch ms).
     *
     * @param firstLogin                 its first successful login seen, null if none: the learning period's start
     * @param networks                   the source networks it logged in from
     * @param failuresByMinute           failed logins naming it, per minute, for the last two windows
     * @param failingAddresses           the addresses of those failures
     * @param outboundMessagesByMinute   messages it sent to the outside, per minute, for the last two hours
     * @param outboundRecipientsByMinute their external recipients, per minute
     * @param senders                    envelope senders it used, with the last time, for the last two hours
     * @param lastActivity               its latest failure or login
     * @param alertedHour                the clock hour of its last alert
     */
    public record AccountState(
            Long firstLogin,
            Map<String, KnownNetwork> networks,
            TreeMap<Long, Long> failuresByMinute,
            Map<String, Tries> failingAddresses,
            TreeMap<Long, Long> outboundMessagesByMinute,
            TreeMap<Long, Long> outboundRecipientsByMinute,
            Map<String, Long> senders,
            long lastActivity,
            long alertedHour) {}

    /** A source network an account logged in from: first and last login (epoch ms), and how many. */
    public record KnownNetwork(long firstSeen, long lastSeen, long logins) {}

    public static StoreBuilder<KeyValueStore<String, AccountState>> storeBuilder() {
        return JsonStores.keyValue(STORE, AccountState.class);
    }
}
