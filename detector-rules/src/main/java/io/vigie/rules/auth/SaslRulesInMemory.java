package io.vigie.rules.auth;

import io.vigie.core.model.MailMessage;
import io.vigie.core.model.PostfixEvent;
import io.vigie.core.model.PostfixKind;
import io.vigie.core.net.InternalNetworks;
import io.vigie.core.net.SourceNetworks;
import io.vigie.rules.alert.Alert;
import io.vigie.rules.auth.AccountTakeoverDetection.AccountState;
import io.vigie.rules.auth.SaslSprayingDetection.NetworkState;
import io.vigie.rules.config.RulesConfig;
import io.vigie.rules.store.KeyedState;
import java.util.List;
import java.util.Optional;

/**
 * The SASL rules of {@link SaslAuthentication} run in memory, for a log replayed without Kafka
 * ({@code vigie analyze}): the same decisions, their state in maps, the lines and messages in the log's order.
 * Not thread-safe; one instance per analysis.
 */
public final class SaslRulesInMemory {

    private final SourceNetworks networks;
    private final SaslSpraying spraying;
    private final AccountTakeover takeover;
    private final KeyedState<NetworkState> byNetwork = KeyedState.inMemory();
    private final KeyedState<AccountState> byAccount = KeyedState.inMemory();

    public SaslRulesInMemory(final RulesConfig config) {
        this.networks =
                new SourceNetworks(config.auth().ipv4Prefix(), config.auth().ipv6Prefix());
        this.spraying = new SaslSpraying(config.auth());
        this.takeover = new AccountTakeover(config.auth(), InternalNetworks.of(config.internalNetworks()));
    }

    /** A parsed Postfix line: a failed login counts, any other line is left. */
    public Optional<Alert> line(final PostfixEvent line) {
        if (line.kind() != PostfixKind.AUTH_FAILURE) {
            return Optional.empty();
        }
        final AuthSignal failure = AuthSignal.failure(line, networks);
        if (failure.network() == null) {
            return Optional.empty();
        }
        return passOn(spraying.applyTo(byNetwork, failure.network(), failure));
    }

    /** A finished message: one sent after a SASL login is a successful login. */
    public Optional<Alert> message(final MailMessage message) {
        if (!AuthSignal.isLogin(message)) {
            return Optional.empty();
        }
        final AuthSignal login = AuthSignal.login(message, networks);
        if (login.network() == null) {
            return Optional.empty();
        }
        return passOn(spraying.applyTo(byNetwork, login.network(), login));
    }

    /**
     * What the network stage emitted, as the engine routes it: its alert returned, its signals to the account stage
     * (whose alert is returned then: a network stage raises only on failures, the account stage only on logins).
     */
    private Optional<Alert> passOn(final List<AuthOutput> outputs) {
        Optional<Alert> alert = Optional.empty();
        for (final AuthOutput output : outputs) {
            if (output instanceof AuthOutput.Raised raised) {
                alert = Optional.of(raised.alert());
            } else if (output instanceof AuthOutput.Passed passed) {
                final List<Alert> takeovers =
                        takeover.applyTo(byAccount, passed.signal().account(), passed.signal());
                alert = takeovers.isEmpty() ? alert : Optional.of(takeovers.get(0));
            }
        }
        return alert;
    }
}
