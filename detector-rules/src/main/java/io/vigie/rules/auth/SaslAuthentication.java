package io.vigie.rules.auth;

import io.vigie.core.model.MailMessage;
import io.vigie.core.model.PostfixEvent;
import io.vigie.core.model.PostfixKind;
import io.vigie.core.net.InternalNetworks;
import io.vigie.core.net.SourceNetworks;
import io.vigie.core.serde.JsonSerde;
import io.vigie.rules.alert.Alert;
import io.vigie.rules.config.AuthConfig;
import io.vigie.rules.config.RulesConfig;
import java.util.Map;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.kstream.Branched;
import org.apache.kafka.streams.kstream.KStream;
import org.apache.kafka.streams.kstream.Named;
import org.apache.kafka.streams.kstream.Repartitioned;

/**
 * SMTP AUTH (SASL) password spraying and account takeover, from the Postfix mail flow.
 *
 * <ol>
 *   <li>Failed logins are the {@code AUTH_FAILURE} lines of {@code raw.postfix}; successful ones are the messages
 *       sent after a SASL login ({@code client=..., sasl_username=}), as the message assembly emits them, with their
 *       external recipients. Both are keyed by source network (repartition topics {@code sasl-failures-by-network},
 *       {@code sasl-logins-by-network}).</li>
 *   <li>{@link SaslSprayingDetection} ({@code sasl-network-store}) raises {@code vigie.mail.sasl-spraying} and
 *       passes on the failures that name a login and every login with its network's recent failures, keyed by
 *       account ({@code sasl-signals-by-account}).</li>
 *   <li>{@link AccountTakeoverDetection} ({@code sasl-account-store}) raises {@code vigie.mail.account-takeover}.</li>
 * </ol>
 *
 * <p>Windows: {@code mail.auth.window} (1 h) for failures; the learning period and network retention for the
 * networks of each account ({@link AuthConfig}). Output: both rules' alerts, not yet throttled.
 */
public final class SaslAuthentication {

    private static final JsonSerde<AuthSignal> SIGNAL_SERDE = JsonSerde.internal(AuthSignal.class);

    private SaslAuthentication() {}

    /**
     * @param postfixLines the parsed Postfix lines
     * @param messages     the messages the mail flow's assembly finished, keyed by {@code host|queue id}
     */
    public static KStream<String, Alert> addTo(
            final StreamsBuilder builder,
            final RulesConfig config,
            final KStream<String, PostfixEvent> postfixLines,
            final KStream<String, MailMessage> messages) {
        final AuthConfig auth = config.auth();
        final SourceNetworks networks = new SourceNetworks(auth.ipv4Prefix(), auth.ipv6Prefix());
        final KStream<String, AuthSignal> failures = postfixLines
                .filter((key, line) -> line.kind() == PostfixKind.AUTH_FAILURE, Named.as("sasl-failure-lines"))
                .mapValues(line -> AuthSignal.failure(line, networks), Named.as("sasl-failure-signal"))
                .filter((key, failure) -> failure.network() != null, Named.as("sasl-failures-with-address"))
                .selectKey((key, failure) -> failure.network(), Named.as("sasl-failure-key-by-network"))
                .repartition(Repartitioned.with(Serdes.String(), SIGNAL_SERDE).withName("sasl-failures-by-network"));
        final KStream<String, AuthSignal> logins = messages.filter(
                        (key, message) -> AuthSignal.isLogin(message), Named.as("sasl-login-messages"))
                .mapValues(message -> AuthSignal.login(message, networks), Named.as("sasl-login-signal"))
                .filter((key, login) -> login.network() != null, Named.as("sasl-logins-with-address"))
                .selectKey((key, login) -> login.network(), Named.as("sasl-login-key-by-network"))
                .repartition(Repartitioned.with(Serdes.String(), SIGNAL_SERDE).withName("sasl-logins-by-network"));

        builder.addStateStore(SaslSprayingDetection.storeBuilder());
        final Map<String, KStream<String, AuthOutput>> byNetwork = failures.merge(
                        logins, Named.as("sasl-signals-by-network"))
                .process(
                        () -> SaslSprayingDetection.processor(auth),
                        Named.as("sasl-spraying"),
                        SaslSprayingDetection.STORE)
                .split(Named.as("sasl-network-"))
                .branch((key, out) -> out instanceof AuthOutput.Raised, Branched.as("alert"))
                .branch((key, out) -> out instanceof AuthOutput.Passed, Branched.as("signal"))
                .noDefaultBranch();
        final KStream<String, Alert> spraying = byNetwork
                .get("sasl-network-alert")
                .mapValues(out -> ((AuthOutput.Raised) out).alert(), Named.as("sasl-spraying-alert"));

        final InternalNetworks internal = InternalNetworks.of(config.internalNetworks());
        builder.addStateStore(AccountTakeoverDetection.storeBuilder());
        final KStream<String, Alert> takeover = byNetwork
                .get("sasl-network-signal")
                .mapValues(out -> ((AuthOutput.Passed) out).signal(), Named.as("sasl-signal"))
                .selectKey((key, signal) -> signal.account(), Named.as("sasl-signal-key-by-account"))
                .repartition(Repartitioned.with(Serdes.String(), SIGNAL_SERDE).withName("sasl-signals-by-account"))
                .process(
                        () -> AccountTakeoverDetection.processor(auth, internal),
                        Named.as("sasl-account-takeover"),
                        AccountTakeoverDetection.STORE);
        return spraying.merge(takeover, Named.as("sasl-alerts"));
    }
}
