package io.vigie.core.model;

import io.vigie.core.net.MailDomains;
import java.time.Instant;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * What a {@link QueueSnapshot} amounts to, in the spirit of {@code qshape}.
 *
 * @param takenAt             when the snapshot was taken
 * @param host                the Postfix host
 * @param messages            messages in all queues
 * @param recipients          recipients in all queues
 * @param totalBytes          sum of the message sizes
 * @param oldestArrival       arrival time of the oldest message, null when the queue is empty
 * @param messagesByQueue     messages per queue; always has {@code active}, {@code deferred}, {@code hold},
 *                            {@code incoming} and {@code maildrop}, plus any other queue name seen; sorted
 * @param byDestinationDomain backlog per recipient domain (lower case, {@code ""} for addresses without a
 *                            domain); sorted by domain
 */
public record QueueSnapshotSummary(
        Instant takenAt,
        String host,
        int messages,
        int recipients,
        long totalBytes,
        Instant oldestArrival,
        Map<String, Integer> messagesByQueue,
        Map<String, DomainBacklog> byDestinationDomain) {

    /** The queue names Postfix has; they are always present in {@link #messagesByQueue()}. */
    public static final List<String> QUEUE_NAMES = List.of("active", "deferred", "hold", "incoming", "maildrop");

    public QueueSnapshotSummary {
        messagesByQueue =
                messagesByQueue == null ? Map.of() : Collections.unmodifiableMap(new TreeMap<>(messagesByQueue));
        byDestinationDomain = byDestinationDomain == null
                ? Map.of()
                : Collections.unmodifiableMap(new TreeMap<>(byDestinationDomain));
    }

    /**
     * The backlog towards one destination domain.
     *
     * @param messages      messages with at least one recipient in the domain (a message counts once per domain)
     * @param recipients    recipients in the domain
     * @param deferred      of those messages, the ones in the deferred queue
     * @param oldestArrival arrival time of the oldest of those messages
     */
    public record DomainBacklog(int messages, int recipients, int deferred, Instant oldestArrival) {}

    public static QueueSnapshotSummary of(final QueueSnapshot snapshot) {
        final Map<String, Integer> byQueue = new TreeMap<>();
        for (final String name : QUEUE_NAMES) {
            byQueue.put(name, 0);
        }
        final Map<String, DomainBacklog> byDomain = new TreeMap<>();
        long bytes = 0;
        int recipients = 0;
        Instant oldest = null;
        for (final QueuedMessage message : snapshot.messages()) {
            byQueue.merge(String.valueOf(message.queueName()), 1, Integer::sum);
            bytes += message.size();
            recipients += message.recipients().size();
            oldest = earliest(oldest, message.arrivalTime());
            final boolean deferred = "deferred".equals(message.queueName());
            final Set<String> domainsOfMessage = new HashSet<>();
            for (final QueuedRecipient recipient : message.recipients()) {
                final String found = MailDomains.domainOf(recipient.address());
                final String domain = found == null ? "" : found;
                final boolean firstInMessage = domainsOfMessage.add(domain);
                byDomain.merge(
                        domain,
                        new DomainBacklog(
                                firstInMessage ? 1 : 0, 1, firstInMessage && deferred ? 1 : 0, message.arrivalTime()),
                        (a, b) -> new DomainBacklog(
                                a.messages() + b.messages(),
                                a.recipients() + b.recipients(),
                                a.deferred() + b.deferred(),
                                earliest(a.oldestArrival(), b.oldestArrival())));
            }
        }
        return new QueueSnapshotSummary(
                snapshot.takenAt(),
                snapshot.host(),
                snapshot.messages().size(),
                recipients,
                bytes,
                oldest,
                byQueue,
                byDomain);
    }

    private static Instant earliest(final Instant a, final Instant b) {
        if (a == null) {
            return b;
        }
        if (b == null) {
            return a;
        }
        return a.isBefore(b) ? a : b;
    }
}
