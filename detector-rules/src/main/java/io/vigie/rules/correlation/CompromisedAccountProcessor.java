package io.vigie.rules.correlation;

import io.vigie.rules.alert.Alert;
import io.vigie.rules.entity.IdentityLookup;
import io.vigie.rules.entity.IdentityTimeline;
import io.vigie.rules.store.KeyedState;
import java.time.Duration;
import java.time.Instant;
import java.util.stream.Stream;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * The shell of the {@link CompromisedAccountVpn} decision, inputs keyed by account: loads the account's history
 * from {@value CompromisedAccounts#STORE}, stores what the decision makes of it and forwards its alerts. Not the
 * generic {@code DecisionProcessor}, for two things the rule needs of the record: its timestamp (the history is
 * pruned against it), and alerts stamped with their own time rather than the input's (a session's alert raised by a
 * later account alert is the session's).
 */
final class CompromisedAccountProcessor implements Processor<String, AccountInput, String, Alert> {

    private final Duration window;
    private final String identitiesStore;
    private CompromisedAccountVpn rule;
    private ProcessorContext<String, Alert> context;
    private KeyedState<AccountHistory> histories;

    /**
     * @param window          how far before or after an account alert a session counts
     * @param identitiesStore the global store of the identities' timelines; null without one (the part alone)
     */
    CompromisedAccountProcessor(final Duration window, final String identitiesStore) {
        this.window = window;
        this.identitiesStore = identitiesStore;
    }

    @Override
    public void init(final ProcessorContext<String, Alert> ctx) {
        this.context = ctx;
        this.histories = KeyedState.of(ctx.getStateStore(CompromisedAccounts.STORE));
        this.rule = new CompromisedAccountVpn(window, workstations(ctx));
    }

    private CompromisedAccountVpn.Workstations workstations(final ProcessorContext<String, Alert> ctx) {
        if (identitiesStore == null) {
            return CompromisedAccountVpn.Workstations.UNKNOWN;
        }
        final IdentityLookup identities =
                new IdentityLookup(ctx.<KeyValueStore<String, IdentityTimeline>>getStateStore(identitiesStore));
        // Machines by name (antivirus, a proxy that logs names) and by address (a proxy, the VPN pool).
        return (account, from, to) -> Stream.concat(
                        identities.hostsOf(account, from, to).stream(),
                        identities.addressesOf(account, from, to).stream())
                .distinct()
                .toList();
    }

    @Override
    public void process(final Record<String, AccountInput> input) {
        final CompromisedAccountVpn.Arrived arrived =
                new CompromisedAccountVpn.Arrived(input.value(), Instant.ofEpochMilli(input.timestamp()));
        for (final Alert alert : rule.applyTo(histories, input.key(), arrived)) {
            context.forward(
                    input.withValue(alert).withTimestamp(alert.timestamp().toEpochMilli()));
        }
    }
}
