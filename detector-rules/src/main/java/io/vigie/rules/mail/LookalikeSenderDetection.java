package io.vigie.rules.mail;

import io.vigie.core.net.LookalikeDomains;
import io.vigie.rules.detection.DecisionProcessor;
import io.vigie.rules.store.JsonStores;
import java.time.Instant;
import java.util.List;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.StoreBuilder;

/**
 * Mail from a domain made to look like the organisation's own or a partner's: the envelope sender of an inbound
 * message, or the From of a mail a user reported.
 *
 * <p>Input: {@link Sighting}s keyed by the look-alike domain. State: {@code lookalike-sender-store}, per look-alike
 * domain the first time seen, the messages and the senders seen, and when it last raised an alert. Output: one
 * {@link LookalikeSender.Verdict} (an alert and the domain as an indicator) when a domain is first seen, then at
 * most one per throttle period ({@code alerts.throttle}); throttled downstream too. The decision is
 * {@link LookalikeSender}'s; a {@link DecisionProcessor} keeps its state in the store.
 */
final class LookalikeSenderDetection {

    public static final String STORE = "lookalike-sender-store";

    private LookalikeSenderDetection() {}

    /** The rule's thin processor: the state and the verdicts keyed by the look-alike domain. */
    static DecisionProcessor<Sighting, Seen, LookalikeSender.Verdict> processor(final LookalikeSender rule) {
        return DecisionProcessor.inStore(
                STORE,
                (key, sighting) -> sighting.match().domain(),
                (key, sighting) -> sighting.match().domain(),
                rule);
    }

    /**
     * One message (or reported mail) from a look-alike domain.
     *
     * @param match              the domain, what it imitates and how
     * @param senderField        {@code envelope_from} (a Postfix message) or {@code reported_from} (a reported mail's
     *                           From)
     * @param time               when the message was complete (its last log line), or the report was received
     * @param recipients         recipients of the message (0 for a reported mail)
     * @param delivered          recipients delivered ({@code status=sent})
     * @param recipientAddresses the first 50 recipients' addresses
     */
    public record Sighting(
            LookalikeDomains.Match match,
            String senderField,
            Instant time,
            String sender,
            String host,
            String queueId,
            String messageId,
            String clientIp,
            String clientHost,
            int recipients,
            int delivered,
            List<String> recipientAddresses,
            String reportId,
            String reporter) {

        public Sighting {
            recipientAddresses = recipientAddresses == null ? List.of() : List.copyOf(recipientAddresses);
        }
    }

    /**
     * What is known of one look-alike domain.
     *
     * @param firstSeen epoch ms of its first sighting
     * @param alertedAt epoch ms of its last alert, null before the first
     */
    public record Seen(long firstSeen, long messages, List<String> senders, Long alertedAt) {

        public Seen {
            senders = senders == null ? List.of() : List.copyOf(senders);
        }
    }

    public static StoreBuilder<KeyValueStore<String, Seen>> storeBuilder() {
        return JsonStores.keyValue(STORE, Seen.class);
    }
}
