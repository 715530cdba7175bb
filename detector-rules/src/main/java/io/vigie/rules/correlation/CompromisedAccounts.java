package io.vigie.rules.correlation;

import io.vigie.core.model.AuthSession;
import io.vigie.core.serde.JsonSerde;
import io.vigie.rules.alert.Alert;
import io.vigie.rules.store.JsonStores;
import java.time.Duration;
import java.util.function.UnaryOperator;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.kstream.KStream;
import org.apache.kafka.streams.kstream.Named;
import org.apache.kafka.streams.kstream.Repartitioned;

/**
 * The compromised-account correlation: the VPN sessions of an account that an account alert flagged.
 *
 * <ol>
 *   <li>Input: the VPN session events keyed by account, and the alerts already written to the alerts topic (read back:
 *       this part's alerts go through the throttle too, so it cannot take the throttle's output directly), of the
 *       account rules, keyed by the account they name.</li>
 *   <li>Each crosses its repartition ({@code compromised-account-sessions}, {@code compromised-account-flags});
 *       {@link CompromisedAccountProcessor} keeps each account's
 *       recent sessions and flags in {@value #STORE} and raises {@link CompromisedAccountVpn}.</li>
 * </ol>
 */
public final class CompromisedAccounts {

    public static final String NAME = "correlation-account";
    /** How far before or after an account alert a VPN session counts. */
    public static final Duration DEFAULT_WINDOW = Duration.ofDays(7);

    static final String STORE = "compromised-account-history";
    private static final JsonSerde<AccountInput> INPUT_SERDE = JsonSerde.internal(AccountInput.class);

    private CompromisedAccounts() {}

    /**
     * @param sessions  VPN session events keyed by account
     * @param written   the alerts as written to the alerts topic, read back
     * @param accountOf a mail address or logon to the account name, null when it names none of ours
     * @param window    how far before or after the account alert a session counts
     * @param identitiesStore the global store of who used which machine when, for the workstations; null for none
     */
    public static KStream<String, Alert> addTo(
            final StreamsBuilder builder,
            final KStream<String, AuthSession> sessions,
            final KStream<String, Alert> written,
            final UnaryOperator<String> accountOf,
            final Duration window,
            final String identitiesStore) {
        builder.addStateStore(JsonStores.keyValue(STORE, AccountHistory.class));
        final KStream<String, AccountInput> flags = written.filter(
                        (key, alert) -> alert != null && CompromisedAccountVpn.ACCOUNT_RULES.contains(alert.ruleId()),
                        Named.as("account-alerts-only"))
                .flatMap(
                        (key, alert) -> {
                            final String account = accountOf(alert, accountOf);
                            return account == null
                                    ? java.util.List.<KeyValue<String, AccountInput>>of()
                                    : java.util.List.of(KeyValue.pair(
                                            account,
                                            AccountInput.alert(alert.event().id(), alert.ruleId(), alert.timestamp())));
                        },
                        Named.as("account-alerts-by-account"));
        // Each side crosses its own repartition before they meet: merged upstream, the VPN lines' parsing and the
        // alerts read back would share a task. Both topics follow from topics.partitions, so an account's sessions
        // and alerts land on the same partition number.
        return sessions.mapValues(AccountInput::of, Named.as("account-sessions"))
                .repartition(Repartitioned.with(Serdes.String(), INPUT_SERDE).withName("compromised-account-sessions"))
                .merge(
                        flags.repartition(
                                Repartitioned.with(Serdes.String(), INPUT_SERDE).withName("compromised-account-flags")),
                        Named.as("account-sessions-and-alerts"))
                .process(
                        () -> new CompromisedAccountProcessor(window, identitiesStore),
                        Named.as("compromised-account"),
                        STORE);
    }

    private static String accountOf(final Alert alert, final UnaryOperator<String> accountOf) {
        if (alert.user() != null && alert.user().get("name") instanceof String name) {
            return accountOf.apply(name);
        }
        if (alert.user() != null && alert.user().get("email") instanceof String email) {
            return accountOf.apply(email);
        }
        return null;
    }
}
