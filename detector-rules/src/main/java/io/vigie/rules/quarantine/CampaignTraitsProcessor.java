package io.vigie.rules.quarantine;

import io.vigie.core.model.Indicator;
import io.vigie.core.model.QuarantineEvent;
import io.vigie.core.net.MailDomains;
import io.vigie.rules.metrics.CounterSensors;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * Turns each quarantined message into one record per trait it has ({@link CampaignTraits}), keyed by the trait,
 * plus {@code indicator:<key>} traits for its attachments, sender domain and link domains that are indicators
 * in the intel table (those from reported mails above all). Counts quarantined messages by reason.
 */
final class CampaignTraitsProcessor implements Processor<String, QuarantineEvent, String, Campaign.Message> {

    private final CampaignTraits traits;
    private final MailDomains internal;
    private final String intelStore;
    private KeyValueStore<String, Indicator> intel;
    private ProcessorContext<String, Campaign.Message> context;
    private CounterSensors counters;

    CampaignTraitsProcessor(final CampaignTraits traits, final List<String> internalDomains, final String intelStore) {
        this.traits = traits;
        this.internal = MailDomains.of(internalDomains);
        this.intelStore = intelStore;
    }

    @Override
    public void init(final ProcessorContext<String, Campaign.Message> ctx) {
        this.context = ctx;
        this.intel = ctx.getStateStore(intelStore);
        this.counters = new CounterSensors(ctx.metrics(), "vigie-quarantine");
    }

    @Override
    public void process(final Record<String, QuarantineEvent> quarantined) {
        final QuarantineEvent e = quarantined.value();
        counters.add(
                "quarantine-messages-total",
                "Messages quarantined or held, by reason",
                Map.of("reason", e.reason() == null ? "unknown" : e.reason()),
                1);
        final Campaign.Message message = messageOf(e, internal);
        final List<String> keys = new ArrayList<>(traits.of(e));
        keys.addAll(indicatorTraits(e));
        for (final String key : keys) {
            context.forward(quarantined.withKey(key).withValue(message));
        }
    }

    private List<String> indicatorTraits(final QuarantineEvent e) {
        final List<String> candidates = new ArrayList<>();
        e.attachments().forEach(h -> candidates.add(Indicator.Kind.HASH.key(h.toLowerCase(java.util.Locale.ROOT))));
        final String domain = MailDomains.domainOf(e.sender());
        if (domain != null) {
            candidates.add(Indicator.Kind.HOST.key(domain));
        }
        e.urlDomains().forEach(d -> candidates.add(Indicator.Kind.HOST.key(d.toLowerCase(java.util.Locale.ROOT))));
        final List<String> found = new ArrayList<>();
        for (final String key : candidates) {
            if (intel.get(key) != null) {
                found.add(CampaignDetection.INDICATOR_TRAIT + key);
            }
        }
        return found;
    }

    /** What a campaign keeps of a quarantined message. */
    static Campaign.Message messageOf(final QuarantineEvent e, final MailDomains internal) {
        return new Campaign.Message(
                identity(e),
                e.time().toEpochMilli(),
                e.sender(),
                e.subject(),
                e.reason(),
                e.threat(),
                internalRecipients(e, internal),
                e.attachmentNames(),
                e.quarantineId());
    }

    private static List<String> internalRecipients(final QuarantineEvent e, final MailDomains internal) {
        if (internal.domains().isEmpty()) {
            return e.recipients();
        }
        return e.recipients().stream().filter(internal::isInternal).toList();
    }

    /** The Message-ID, else the queue id, else a digest of sender, subject and time. */
    static String identity(final QuarantineEvent e) {
        if (e.messageId() != null) {
            return "mid:" + e.messageId();
        }
        if (e.queueId() != null) {
            return "qid:" + e.queueId();
        }
        try {
            return "sha:"
                    + HexFormat.of()
                            .formatHex(
                                    MessageDigest.getInstance("SHA-256")
                                            .digest((e.sender() + '\u0000' + e.subject() + '\u0000' + e.time())
                                                    .getBytes(StandardCharsets.UTF_8)),
                                    0,
                                    12);
        } catch (final NoSuchAlgorithmException ex) {
            throw new IllegalStateException("SHA-256 is required of every JVM", ex);
        }
    }
}
