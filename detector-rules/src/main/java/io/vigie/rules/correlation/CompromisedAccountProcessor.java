package io.vigie.rules.correlation;

import io.vigie.rules.alert.Alert;
import io.vigie.rules.entity.IdentityLookup;
import io.vigie.rules.entity.IdentityTimeline;
import java.time.Instant;
import java.util.List;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;

/** Runs {@link CompromisedAccountVpn} on the per-account history store; inputs keyed by account. */
final class CompromisedAccountProcessor implements Processor<String, AccountInput, String, Alert> {

    private final CompromisedAccountVpn rule;
    private final String identitiesStore;
    private CompromisedAccountVpn.Workstations workstations;
    private ProcessorContext<String, Alert> context;
    private KeyValueStore<String, AccountHistory> histories;

    /** @param identitiesStore the global store of the identities' timelines; null without one (the part alone) */
    CompromisedAccountProcessor(final CompromisedAccountVpn rule, final String identitiesStore) {
        this.rule = rule;
        this.identitiesStore = identitiesStore;
    }

    @Override
    public void init(final ProcessorContext<String, Alert> ctx) {
        this.context = ctx;
        this.histories = ctx.getStateStore(CompromisedAccounts.STORE);
        if (identitiesStore == null) {
            this.workstations = CompromisedAccountVpn.Workstations.UNKNOWN;
        } else {
            final IdentityLookup identities =
                    new IdentityLookup(ctx.<KeyValueStore<String, IdentityTimeline>>getStateStore(identitiesStore));
            // Machines by name (antivirus, a proxy that logs names) and by address (a proxy, the VPN pool).
            this.workstations = (account, from, to) -> java.util.stream.Stream.concat(
                            identities.hostsOf(account, from, to).stream(),
                            identities.addressesOf(account, from, to).stream())
                    .distinct()
                    .toList();
        }
    }

    @Override
    public void process(final Record<String, AccountInput> input) {
        final String account = input.key();
        final AccountInput in = input.value();
        final AccountHistory known = histories.get(account);
        final AccountHistory before = known == null ? AccountHistory.empty() : known;
        // Kept for twice the window: a flag and a session within the window of each other always meet.
        final Instant oldestKept =
                Instant.ofEpochMilli(input.timestamp()).minus(rule.window().multipliedBy(2));
        final List<Alert> alerts;
        final AccountHistory after;
        if (in.session() != null) {
            if (!CompromisedAccountVpn.counts(in.session())) {
                return;
            }
            after = before.with(in.session(), oldestKept);
            alerts = rule.onSession(account, in.session(), after, workstations);
        } else {
            final AccountHistory.FlaggedBy flag =
                    new AccountHistory.FlaggedBy(in.alertId(), in.alertRule(), in.alertTime());
            after = before.with(flag, oldestKept);
            alerts = rule.onAlert(account, flag, after, workstations);
        }
        histories.put(account, after);
        for (final Alert alert : alerts) {
            context.forward(
                    input.withValue(alert).withTimestamp(alert.timestamp().toEpochMilli()));
        }
    }
}
