package io.vigie.rules.mail;

import io.vigie.core.model.Direction;
import io.vigie.core.model.MailCount;
import io.vigie.core.model.MailCount.Role;
import io.vigie.core.model.MailMessage;
import io.vigie.core.model.MailMessage.Origin;
import io.vigie.core.model.MailRecipient;
import io.vigie.core.model.PostfixEvent;
import io.vigie.core.model.PostfixKind;
import io.vigie.core.net.MailDomains;
import io.vigie.rules.store.KeyedState;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The joining of a message's Postfix lines, without Kafka: pflogsumm's counting rules, the message's outcome,
 * and the sweeps that time messages out and sum each host's queue. {@link MessageAssembly} runs it in the
 * engine (one instance per task, state in its store); {@link OfflineMailFlow} runs it in memory. Its outputs go
 * to a {@link Sink}.
 *
 * <p>Counts for the top lists are emitted as soon as they are known: the sender once, when both the reception
 * ({@code client=} or pickup) and the queue manager's {@code from=, size=} line were seen; each recipient on each
 * {@code status=sent} line that is not a forward, with the message size (added later if the size line comes
 * after the delivery). A message is emitted when the queue manager removes it (or cleanup rejects it) and its
 * reception and queue lines were seen, or when no line came for it for the message timeout.
 */
final class MessageJoin {

    static final Duration DEFERRED_TIMEOUT = Duration.ofDays(6);
    /** How long a finished message waits for lines that were read late (skew between raw partitions). */
    static final Duration LINGER = Duration.ofMinutes(10);

    private static final int MAX_RECIPIENTS_KEPT = 1000;
    private static final int MAX_REASON_CHARS = 80;

    /** Where the join's outputs go. */
    interface Sink {
        /** A count for the top lists, keyed downstream by its address. */
        void count(MailCount count, long timestamp);

        /** A finished (or timed-out) message, keyed by {@code host|queue id}. */
        void message(String key, MailMessage message, long timestamp);

        /** This partition's share of a host's queue. */
        void queueShare(QueuePartial partial, long timestamp);
    }

    private final MailDirections directions;
    private final MailDomains domains;
    private final Duration messageTimeout;
    private final Map<String, long[]> delaysByHost = new HashMap<>();
    /** The last share sent per host: an unchanged queue is not re-sent, so an idle pipeline goes quiet. */
    private final Map<String, QueuePartial> lastShares = new HashMap<>();
    /**
     * Deferral reasons trimmed like pflogsumm does, remembered: every sweep goes over every deferred recipient, and
     * the same few replies come back each time (the regular expressions were a tenth of an analysis).
     */
    private final Remembered trimmedReasons = new Remembered(10_000, QueueAccumulator::reasonOf);
    /** The sink of the lines being joined. */
    private Sink sink;
    /**
     * Timestamp of the record being joined: outputs carry it rather than the event time, which a host with a
     * wrong clock can put in the future (see {@code ParsingStep}).
     */
    private long recordTime;

    MessageJoin(final MailDirections directions, final MailDomains domains, final Duration messageTimeout) {
        this.directions = directions;
        this.domains = domains;
        this.messageTimeout = messageTimeout;
    }

    /**
     * Applies the lines of one message, in the order they were read, to its state (null when new) and returns the
     * new state, which the caller stores.
     */
    MessageState join(
            final String key,
            final MessageState known,
            final List<PostfixEvent> lines,
            final long timestamp,
            final Sink outputs) {
        this.sink = outputs;
        this.recordTime = timestamp;
        MessageState state = known;
        for (final PostfixEvent line : lines) {
            state = apply(key, state, line);
        }
        return state;
    }

    private MessageState apply(final String key, final MessageState known, final PostfixEvent line) {
        MessageState state = known;
        if (state != null && state.emitted && state.received && startsAMessage(line)) {
            state = null; // queue id reused by a new message
        }
        if (state == null) {
            state = new MessageState();
            state.host = line.host();
            state.queueId = line.queueId();
            state.firstSeen = line.time();
        }
        if (line.time().isBefore(state.firstSeen)) {
            state.firstSeen = line.time();
        }
        if (state.lastSeen == null || line.time().isAfter(state.lastSeen)) {
            state.lastSeen = line.time();
        }
        apply(state, line);
        countSenderWhenKnown(state);
        // Wait for the reception and queue lines before emitting: they may come through a slower partition.
        if (!state.emitted
                && state.outcome != null
                && state.received
                && (state.queuedSeen || "rejected".equals(state.outcome))) {
            state.emitted = true;
            emitMessage(key, state, recordTime, sink);
        }
        return state;
    }

    private static boolean startsAMessage(final PostfixEvent line) {
        return line.kind() == PostfixKind.CLIENT
                || line.kind() == PostfixKind.PICKUP
                || line.kind() == PostfixKind.REINJECTION;
    }

    /** Applies one line; a line that finishes the message sets its outcome. */
    private void apply(final MessageState state, final PostfixEvent line) {
        switch (line.kind()) {
            case CLIENT -> {
                state.received = true;
                state.clientHost = line.clientHost();
                state.clientIp = line.clientIp();
                state.saslUsername = line.saslUsername();
            }
            case REINJECTION -> {
                // Counted once, as the message that came in: its sender was counted under the first queue id.
                state.received = true;
                state.reinjected = true;
                state.reinjectedFrom = line.relatedQueueId();
                state.senderCounted = true;
                state.clientHost = line.clientHost();
                state.clientIp = line.clientIp();
            }
            case PICKUP -> {
                state.received = true;
                state.pickup = true;
                state.clientHost = "pickup";
            }
            case MESSAGE_ID -> state.messageId = line.messageId();
            case QUEUED -> onQueued(state, line);
            case DELIVERY -> onDelivery(state, line);
            case EXPIRED -> state.outcome = "expired";
            case REMOVED -> {
                if (state.outcome == null) {
                    state.outcome = "removed";
                }
            }
            case REJECT -> onReject(state, line);
            case HOLD -> state.rejectReason = "on hold: " + line.detail(); // still queued, in the hold queue
            case DISCARD -> {
                state.outcome = "discarded";
                state.rejectReason = line.detail();
            }
            default -> {
                // NOTIFICATION and OTHER lines only refresh lastSeen.
            }
        }
    }

    /**
     * smtpd refuses single recipients of a transaction that goes on ({@code QID: reject: RCPT from ...}): the
     * message lives on with its other recipients. A refusal by cleanup (header/body checks) or a milter at the
     * end of the data ends the message.
     */
    private static void onReject(final MessageState state, final PostfixEvent line) {
        final boolean endsMessage = "cleanup".equals(line.service()) || "milter-reject".equals(line.status());
        if (!endsMessage) {
            if (line.recipient() != null && state.recipients.size() < MAX_RECIPIENTS_KEPT) {
                final MessageState.RecipientState recipient = state.recipient(line.recipient(), null);
                recipient.status = "rejected";
                recipient.detail = line.detail();
                recipient.attempts++;
                recipient.lastAttempt = line.time();
            }
            return;
        }
        if (!"reject_warning".equals(line.status())) {
            state.outcome = "rejected";
        }
        state.rejectReason = line.detail();
    }

    private void onQueued(final MessageState state, final PostfixEvent line) {
        // pflogsumm keeps the first non-zero size of a queue id and ignores later from= lines (retries).
        if (state.queuedSeen && state.size != null && state.size != 0) {
            return;
        }
        state.queuedSeen = true;
        state.queuedAt = line.time();
        state.sender = line.sender();
        state.size = line.size();
        state.nrcpt = line.nrcpt();
        if (state.size != null && state.size > 0 && !state.pendingBytes.isEmpty()) {
            final Origin origin = directions.origin(state);
            for (final MessageState.PendingBytes owed : state.pendingBytes) {
                emitCount(
                        owed.time(),
                        Role.RECIPIENT,
                        owed.address(),
                        directions.recipientDirection(origin, owed.address()),
                        0,
                        state.size,
                        PflogsummAddresses.sender(state.sender));
            }
            state.pendingBytes.clear();
        }
    }

    private void onDelivery(final MessageState state, final PostfixEvent line) {
        final boolean toContentFilter = ContentFilterHops.isHop(line);
        if (line.delay() != null && !toContentFilter) {
            DelayHistogram.record(
                    delaysByHost.computeIfAbsent(line.host(), host -> DelayHistogram.empty()), line.delay());
        }
        if (state.recipients.size() < MAX_RECIPIENTS_KEPT
                || state.recipients.stream().anyMatch(r -> r.address.equals(line.recipient()))) {
            final MessageState.RecipientState recipient = state.recipient(line.recipient(), line.origRecipient());
            recipient.status = line.status();
            recipient.relay = line.relay();
            recipient.dsn = line.dsn();
            recipient.delay = line.delay();
            recipient.delays = line.delays();
            recipient.detail = line.detail();
            recipient.attempts++;
            recipient.lastAttempt = line.time();
        }
        // The hop to a content filter is not a delivery: the message's deliveries are those of the queue id the
        // filter gave it back under (or none, when the filter blocked it).
        if (!"sent".equals(line.status()) || line.forwarded() || toContentFilter) {
            return;
        }
        final String address = PflogsummAddresses.recipient(line.recipient());
        final Origin origin = directions.origin(state);
        final boolean sizeKnown = state.size != null && state.size > 0;
        emitCount(
                line.time(),
                Role.RECIPIENT,
                address,
                directions.recipientDirection(origin, address),
                1,
                sizeKnown ? state.size : 0,
                state.queuedSeen ? PflogsummAddresses.sender(state.sender) : null);
        if (!sizeKnown) {
            state.pendingBytes.add(new MessageState.PendingBytes(line.time(), address));
        }
    }

    private void countSenderWhenKnown(final MessageState state) {
        if (state.senderCounted || !state.received || !state.queuedSeen) {
            return;
        }
        state.senderCounted = true;
        final Origin origin = directions.origin(state);
        emitCount(
                state.queuedAt,
                Role.SENDER,
                PflogsummAddresses.sender(state.sender),
                MailDirections.senderDirection(origin),
                1,
                state.size == null ? 0 : state.size,
                null);
    }

    private void emitCount(
            final Instant time,
            final Role role,
            final String address,
            final Direction direction,
            final int messages,
            final long bytes,
            final String counterpart) {
        sink.count(
                new MailCount(time, role, address, direction, messages, bytes, counterpart),
                Math.min(recordTime, time.toEpochMilli()));
    }

    private void emitMessage(final String key, final MessageState state, final long timestamp, final Sink outputs) {
        final Origin origin = directions.origin(state);
        final List<MailRecipient> recipients = new ArrayList<>(state.recipients.size());
        boolean anyExternal = false;
        boolean anyInternal = false;
        for (final MessageState.RecipientState r : state.recipients) {
            final Direction direction = directions.recipientDirection(origin, r.address);
            anyExternal |= direction == Direction.OUTBOUND || direction == Direction.RELAYED;
            anyInternal |= direction == Direction.INBOUND || direction == Direction.INTERNAL;
            recipients.add(new MailRecipient(
                    r.address,
                    r.origAddress,
                    r.status,
                    r.relay,
                    r.dsn,
                    r.delay,
                    r.delays,
                    r.detail,
                    r.attempts,
                    r.lastAttempt,
                    direction));
        }
        final Direction direction;
        if (origin == Origin.INTERNAL) {
            direction = anyExternal || !anyInternal && recipients.isEmpty() ? Direction.OUTBOUND : Direction.INTERNAL;
        } else {
            direction = anyInternal || recipients.isEmpty() ? Direction.INBOUND : Direction.RELAYED;
        }
        final MailMessage message = new MailMessage(
                state.host,
                state.queueId,
                state.messageId,
                state.sender,
                state.size,
                state.nrcpt,
                state.clientHost,
                state.clientIp,
                state.saslUsername,
                origin,
                direction,
                state.firstSeen,
                state.lastSeen,
                List.copyOf(recipients),
                state.outcome == null ? "incomplete" : state.outcome,
                state.rejectReason,
                state.reinjected,
                state.reinjectedFrom);
        outputs.message(key, message, timestamp);
    }

    /** What a sweep found: the messages that timed out, and each host's in-flight messages. */
    static final class Sweep {
        private final Map<String, QueueAccumulator> byHost = new HashMap<>();
        private final List<Map.Entry<String, MessageState>> expired = new ArrayList<>();
    }

    /**
     * First half of a sweep, over every message state: which timed out (stream time), and each host's queue. The
     * caller then closes its iterator and calls {@link #flush}.
     */
    Sweep scan(final long streamTime, final Iterator<? extends Map.Entry<String, MessageState>> all) {
        final Sweep sweep = new Sweep();
        while (all.hasNext()) {
            final Map.Entry<String, MessageState> entry = all.next();
            final MessageState state = entry.getValue();
            final boolean deferred = state.outcome == null && state.isDeferred(); // finished ones only linger
            final long timeout =
                    (state.outcome != null ? LINGER : deferred ? DEFERRED_TIMEOUT : messageTimeout).toMillis();
            if (state.lastSeen.toEpochMilli() < streamTime - timeout) {
                sweep.expired.add(entry);
                continue;
            }
            if (state.queuedSeen && state.outcome == null) {
                sweep.byHost
                        .computeIfAbsent(state.host, h -> new QueueAccumulator())
                        .add(state, deferred, domains, trimmedReasons);
            }
        }
        return sweep;
    }

    /**
     * Second half of a sweep: forgets the messages that timed out (emitting those never emitted) and sends this
     * partition's share of every host's queue when it changed, or when deliveries were seen since the last one.
     */
    void flush(
            final Sweep sweep,
            final long streamTime,
            final int partition,
            final KeyedState<MessageState> states,
            final Sink sink) {
        for (final Map.Entry<String, MessageState> entry : sweep.expired) {
            states.delete(entry.getKey());
            if (!entry.getValue().emitted) {
                emitMessage(entry.getKey(), entry.getValue(), streamTime, sink);
            }
        }
        final Set<String> hosts = new HashSet<>(lastShares.keySet());
        hosts.addAll(sweep.byHost.keySet());
        hosts.addAll(delaysByHost.keySet());
        final Instant now = Instant.ofEpochMilli(streamTime);
        for (final String host : hosts) {
            final QueueAccumulator acc = sweep.byHost.getOrDefault(host, new QueueAccumulator());
            final long[] delays = delaysByHost.get(host);
            final QueuePartial partial = new QueuePartial(
                    host,
                    partition,
                    now,
                    acc.queued,
                    acc.deferred,
                    acc.oldest,
                    acc.deferredByDomain,
                    acc.deferredByReason,
                    acc.oldestByDomain,
                    delays == null ? DelayHistogram.empty() : delays);
            final QueuePartial last = lastShares.get(host);
            if (delays != null || last == null || !sameQueue(last, partial)) {
                sink.queueShare(partial, streamTime);
                lastShares.put(host, partial);
            }
        }
        delaysByHost.clear();
    }

    private static boolean sameQueue(final QueuePartial a, final QueuePartial b) {
        return a.queued() == b.queued()
                && a.deferred() == b.deferred()
                && java.util.Objects.equals(a.oldestQueuedAt(), b.oldestQueuedAt())
                && a.deferredByDomain().equals(b.deferredByDomain())
                && a.deferredByReason().equals(b.deferredByReason());
    }

    /** Sums the in-flight messages of one host during a sweep. */
    private static final class QueueAccumulator {
        long queued;
        long deferred;
        Instant oldest;
        final Map<String, Long> deferredByDomain = new HashMap<>();
        final Map<String, Long> deferredByReason = new HashMap<>();
        final Map<String, Long> oldestByDomain = new HashMap<>();

        void add(
                final MessageState state,
                final boolean isDeferred,
                final MailDomains domains,
                final java.util.function.UnaryOperator<String> reasons) {
            queued++;
            final Instant arrival = state.firstSeen;
            if (oldest == null || arrival.isBefore(oldest)) {
                oldest = arrival;
            }
            if (!isDeferred) {
                return;
            }
            deferred++;
            for (final MessageState.RecipientState recipient : state.recipients) {
                if (!"deferred".equals(recipient.status)) {
                    continue;
                }
                final String domain = MailDomains.domainOf(recipient.address);
                deferredByDomain.merge(domain, 1L, Long::sum);
                deferredByReason.merge(reasons.apply(recipient.detail), 1L, Long::sum);
                oldestByDomain.merge(domain, arrival.toEpochMilli(), Math::min);
            }
        }

        /** Trims a deferral reason like pflogsumm does, so that similar reasons group together. */
        static String reasonOf(final String detail) {
            if (detail == null || detail.isBlank()) {
                return "unknown";
            }
            String reason = detail.replaceFirst("^\\d{3} ", "").replaceFirst("^connect to ", "");
            reason = reason.replaceAll("\\[[0-9a-fA-F.:]+\\](:\\d+)?", "[...]");
            return reason.length() > MAX_REASON_CHARS ? reason.substring(0, MAX_REASON_CHARS) : reason;
        }
    }
}
