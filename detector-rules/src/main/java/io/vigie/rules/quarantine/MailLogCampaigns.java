package io.vigie.rules.quarantine;

import io.vigie.core.model.PostfixEvent;
import io.vigie.core.model.QuarantineEvent;
import io.vigie.core.net.MailDomains;
import io.vigie.core.parse.quarantine.MailLogDecisions;
import io.vigie.rules.alert.Alert;
import io.vigie.rules.config.RulesConfig;
import io.vigie.rules.store.KeyedState;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The campaigns of messages Postfix put on hold or amavis blocked, decided in memory: what
 * {@link QuarantineCampaigns} does with the decisions {@code raw.postfix} carries, for a run without Kafka
 * ({@code vigie analyze} of a mail log). The same traits and the same {@link CampaignDetection} decision; no intel table (indicator traits need the
 * engine's).
 */
public final class MailLogCampaigns {

    private final CampaignTraits traits;
    private final MailDomains internal;
    private final CampaignDetection detection;
    private final KeyedState<Campaign> campaigns = KeyedState.inMemory();
    private final MailLogDecisions mailLog = new MailLogDecisions();

    public MailLogCampaigns(final RulesConfig config) {
        this.traits = new CampaignTraits(config.quarantine().ignoredSenderDomains(), config.internalDomains());
        this.internal = MailDomains.of(config.internalDomains());
        this.detection = new CampaignDetection(
                config.quarantine().campaignMessages(),
                config.quarantine().campaignWindow().toMillis());
    }

    /** The campaign alerts a mail.log line raises: none unless it is a {@code hold} action or an amavis decision. */
    public List<Alert> observe(final PostfixEvent line) {
        final Optional<QuarantineEvent> held = mailLog.decision(line);
        if (held.isEmpty()) {
            return List.of();
        }
        final Campaign.Message message = CampaignTraitsProcessor.messageOf(held.get(), internal);
        final List<Alert> alerts = new ArrayList<>(1);
        for (final String trait : traits.of(held.get())) {
            detection.observe(campaigns, trait, message).ifPresent(alerts::add);
        }
        return alerts;
    }
}
