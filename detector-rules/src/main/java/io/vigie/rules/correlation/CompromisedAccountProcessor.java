package io.vigie.rules.correlation;

import io.vigie.rules.alert.Alert;
import java.time.Instant;
import java.util.List;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;

/** Runs {@link CompromisedAccountVpn} on the per-account history store; inputs keyed by account. */
final class CompromisedAccountProcessor implements Processor<String, AccountInput, String, Alert> {

    private final CompromisedAccountVpn rule;
    private ProcessorContext<String, Alert> context;
    private KeyValueStore<String, AccountHistory> histories;

    CompromisedAccountProcessor(final CompromisedAccountVpn rule) {
        this.rule = rule;
    }

    @Override
    public void init(final ProcessorContext<String, Alert> ctx) {
        this.context = ctx;
        this.histories = ctx.getStateStore(CompromisedAccounts.STORE);
    }

    @Override
    public void process(final Record<String, AccountInput> input) {
        final String account = input.key();
        final AccountInput in = input.value();
        final AccountHistory known = histories.get(account);
        final AccountHistory before = known == null ? AccountHistory.empty() : known;
        // Kept for twice the window: a flag and a session within the window of each other always meet.
        final Instant oldestKept = Instant.ofEpochMilli(input.timestamp()).minus(rule.window().multipliedBy(2));
        final List<Alert> alerts;
        final AccountHistory after;
        if (in.session() != null) {
            if (!CompromisedAccountVpn.counts(in.session())) {
                return;
            }
            after = before.with(in.session(), oldestKept);
            alerts = rule.onSession(account, in.session(), after);
        } else {
            final AccountHistory.FlaggedBy flag = new AccountHistory.FlaggedBy(in.alertId(), in.alertRule(),
                    in.alertTime());
            after = before.with(flag, oldestKept);
            alerts = rule.onAlert(account, flag, after);
        }
        histories.put(account, after);
        for (final Alert alert : alerts) {
            context.forward(input.withValue(alert).withTimestamp(alert.timestamp().toEpochMilli()));
        }
    }
}
