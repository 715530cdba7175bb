package io.vigie.rules.quarantine;

import io.vigie.rules.alert.Alert;
import io.vigie.rules.alert.AlertLevel;
import io.vigie.rules.alert.AlertRule;
import io.vigie.rules.detection.Decision;
import io.vigie.rules.detection.DecisionProcessor;
import io.vigie.rules.detection.Outcome;
import io.vigie.rules.store.JsonStores;
import io.vigie.rules.store.KeyedState;
import io.vigie.rules.store.QueryableStores;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.StoreBuilder;

/**
 * "Quarantine campaign": quarantined messages sharing a trait ({@link CampaignTraits}) reach
 * {@code quarantine.campaign-messages} within {@code quarantine.campaign-window}. The alert lists the internal
 * recipients: the users to warn, and whose mailboxes to check for copies that got through. It is raised again
 * only when the recipients have doubled since, so a long campaign does not flood the SIEM. A trait that is an
 * indicator from a mail a user reported needs only 2 messages: the reported mail is the campaign's proof.
 *
 * <p>The decision is pure; {@link #processor} keeps the campaigns in {@code quarantine-campaign-store}, keyed by trait,
 * and forwards the alert under the trait with the input's time, which the parsing step bounded (a gateway clock ahead
 * must not stamp an alert the broker refuses); the alert's own @timestamp is the message's time.
 */
final class CampaignDetection implements Decision<Campaign, Campaign.Message, Alert> {

    static final String STORE = QueryableStores.QUARANTINE_CAMPAIGNS;
    static final String INDICATOR_TRAIT = "indicator:";
    static final int INDICATOR_THRESHOLD = 2;
    private static final int MAX_MESSAGES = 1_000;
    private static final int MAX_LISTED = 100;

    static final AlertRule RULE = new AlertRule(
            "vigie.mail.quarantine-campaign",
            "Mail campaign in the quarantine",
            "Several quarantined messages share an attachment, a subject, a sender domain or a link domain: a "
                    + "phishing or malware campaign is targeting the organisation.",
            AlertLevel.MEDIUM,
            List.of("email", "malware"),
            "vigie.mail",
            List.of(
                    "Warn the listed recipients (and their services) not to open mails like these.",
                    "Search the mailboxes for copies that were delivered (same subject, sender or attachment) and "
                            + "purge them; check the proxy for clicks on the link domains.",
                    "Block the sender domain, the link domains and the attachment hashes at the gateway and the "
                            + "proxy; add them as indicators.",
                    "Send one original (EML with full headers) to the CERT."));

    private final int threshold;
    private final long windowMillis;

    CampaignDetection(final int threshold, final long windowMillis) {
        this.threshold = threshold;
        this.windowMillis = windowMillis;
    }

    static StoreBuilder<KeyValueStore<String, Campaign>> storeBuilder() {
        return JsonStores.keyValue(STORE, Campaign.class);
    }

    /** The rule's thin processor: campaigns and alerts under the input's key, the trait. */
    static DecisionProcessor<Campaign.Message, Campaign, Alert> processor(
            final int threshold, final long windowMillis) {
        return DecisionProcessor.inStore(
                STORE,
                DecisionProcessor.recordKey(),
                DecisionProcessor.recordKey(),
                new CampaignDetection(threshold, windowMillis));
    }

    /** Adds a quarantined message to the campaign of one of its traits kept where given; the alert if one is due. */
    Optional<Alert> observe(final KeyedState<Campaign> campaigns, final String trait, final Campaign.Message m) {
        return applyTo(campaigns, trait, m).stream().findFirst();
    }

    /**
     * Adds a quarantined message to the campaign of one of its traits; the alert when the campaign reaches the
     * threshold or doubles its reach.
     *
     * @param before the trait's campaign within the window, null when none
     */
    @Override
    public Outcome<Campaign, Alert> decide(final String trait, final Campaign before, final Campaign.Message m) {
        final List<Campaign.Message> messages = new ArrayList<>();
        if (before != null) {
            for (final Campaign.Message old : before.messages()) {
                if (old.time() > m.time() - windowMillis && !old.id().equals(m.id())) {
                    messages.add(old);
                }
            }
        }
        messages.add(m);
        while (messages.size() > MAX_MESSAGES) {
            messages.remove(0);
        }
        final Set<String> recipients = recipients(messages);
        int alertedAt = before == null ? 0 : before.alertedAt();
        final int needed = trait.startsWith(INDICATOR_TRAIT) ? INDICATOR_THRESHOLD : threshold;
        Alert alert = null;
        if (messages.size() < needed) {
            alertedAt = 0;
        } else if (alertedAt == 0 || recipients.size() >= 2 * alertedAt) {
            alertedAt = Math.max(1, recipients.size());
            alert = alert(trait, messages, recipients);
        }
        return Outcome.put(new Campaign(messages, alertedAt), Optional.ofNullable(alert));
    }

    private static Set<String> recipients(final List<Campaign.Message> messages) {
        final Set<String> all = new TreeSet<>();
        messages.forEach(x -> all.addAll(x.internalRecipients()));
        return all;
    }

    private Alert alert(final String trait, final List<Campaign.Message> messages, final Set<String> recipients) {
        final Campaign.Message first = messages.get(0);
        final Campaign.Message last = messages.get(messages.size() - 1);
        final Set<String> senders = new LinkedHashSet<>();
        final Set<String> subjects = new LinkedHashSet<>();
        final Set<String> reasons = new TreeSet<>();
        final Set<String> files = new LinkedHashSet<>();
        final List<String> quarantineIds = new ArrayList<>();
        boolean malware = false;
        for (final Campaign.Message x : messages) {
            if (x.sender() != null) {
                senders.add(x.sender());
            }
            if (x.subject() != null) {
                subjects.add(x.subject());
            }
            if (x.reason() != null) {
                reasons.add(x.reason());
                malware |= x.reason().equals("INFECTED") || x.reason().equals("BANNED");
            }
            files.addAll(x.attachmentNames());
            if (x.quarantineId() != null) {
                quarantineIds.add(x.quarantineId());
            }
        }
        final List<String> listedRecipients =
                recipients.stream().limit(MAX_LISTED).toList();
        // One entity per level reached: a campaign that doubles its reach is a new alert, not a throttled repeat.
        return RULE.raiseInClockHour(
                        Instant.ofEpochMilli(last.time()),
                        trait + "|" + recipients.size(),
                        messages.size() + " quarantined messages share " + trait + ", sent to " + recipients.size()
                                + " internal recipient(s)")
                .level(malware || trait.startsWith(INDICATOR_TRAIT) ? AlertLevel.HIGH : AlertLevel.MEDIUM)
                .email("to", java.util.Map.of("address", listedRecipients))
                .email(
                        "from",
                        java.util.Map.of(
                                "address", senders.stream().limit(MAX_LISTED).toList()))
                .email("subject", subjects.stream().limit(5).toList())
                .related("user", listedRecipients)
                .observed("trait", trait)
                .observed("messages", messages.size())
                .observed("internal_recipients", recipients.size())
                .observed("first_seen", Instant.ofEpochMilli(first.time()).toString())
                .observed("last_seen", Instant.ofEpochMilli(last.time()).toString())
                .observed("reasons", List.copyOf(reasons))
                .observed("attachment_names", files.stream().limit(20).toList())
                .observed(
                        "quarantine_ids",
                        quarantineIds.stream().limit(MAX_LISTED).toList())
                .build();
    }
}
