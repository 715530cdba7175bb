package io.vigie.rules.mail;

import io.vigie.core.model.DeliveryDelays;
import io.vigie.core.serde.BinarySerde;
import io.vigie.core.serde.PostfixSerdes;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * What is known so far about one queued message, kept in the assembly store between its lines.
 * Mutable and field-based on purpose, and so private to the mail package: it is updated in place for every line,
 * and written in the compact binary form of {@link #SERDE} (it is written once per record of lines, the hottest
 * store of the mail flow).
 */
final class MessageState {

    /** The store's serde; change its format byte when the layout changes. */
    static final BinarySerde<MessageState> SERDE = BinarySerde.of("message state", 0x55, new Codec());

    String host;
    String queueId;
    Instant firstSeen;
    Instant lastSeen;
    /** An smtpd/postscreen {@code client=} or a pickup line was seen: pflogsumm's condition to count the sender. */
    boolean received;

    boolean pickup;
    String clientHost;
    String clientIp;
    String saslUsername;
    String messageId;
    boolean queuedSeen;
    Instant queuedAt;
    String sender;
    Long size;
    Integer nrcpt;
    boolean senderCounted;
    String outcome;
    /** The {@link io.vigie.core.model.MailMessage} was emitted; the state lingers for lines that arrive late. */
    boolean emitted;

    String rejectReason;
    List<RecipientState> recipients = new ArrayList<>();
    /** Recipients counted before the message size was known: their bytes are added when it is. */
    List<PendingBytes> pendingBytes = new ArrayList<>();
    /**
     * The message was given back by a content filter (or another instance): its sender was counted under the first
     * queue id, and its deliveries are the final ones.
     */
    boolean reinjected;
    /** The first queue id of a re-injected message, when XFORWARD logged it ({@code orig_queue_id=}). */
    String reinjectedFrom;

    /** Delivery state of one recipient. */
    static final class RecipientState {
        String address;
        String origAddress;
        String status;
        String relay;
        String dsn;
        Double delay;
        DeliveryDelays delays;
        String detail;
        int attempts;
        Instant lastAttempt;
    }

    /** A recipient count whose bytes are still owed. */
    record PendingBytes(Instant time, String address) {}

    boolean isDeferred() {
        for (final RecipientState recipient : recipients) {
            if ("deferred".equals(recipient.status)) {
                return true;
            }
        }
        return false;
    }

    RecipientState recipient(final String address, final String origAddress) {
        for (final RecipientState recipient : recipients) {
            if (recipient.address.equals(address) && java.util.Objects.equals(recipient.origAddress, origAddress)) {
                return recipient;
            }
        }
        final RecipientState created = new RecipientState();
        created.address = address;
        created.origAddress = origAddress;
        recipients.add(created);
        return created;
    }

    /** Field by field, in declaration order. */
    private static final class Codec implements BinarySerde.Codec<MessageState> {
        @Override
        public void write(final BinarySerde.Out out, final MessageState m) {
            out.string(m.host);
            out.string(m.queueId);
            out.instant(m.firstSeen);
            out.instant(m.lastSeen);
            out.bool(m.received);
            out.bool(m.pickup);
            out.string(m.clientHost);
            out.string(m.clientIp);
            out.string(m.saslUsername);
            out.string(m.messageId);
            out.bool(m.queuedSeen);
            out.instant(m.queuedAt);
            out.string(m.sender);
            out.nullableLong(m.size);
            out.nullableLong(m.nrcpt == null ? null : m.nrcpt.longValue());
            out.bool(m.senderCounted);
            out.string(m.outcome);
            out.bool(m.emitted);
            out.string(m.rejectReason);
            out.varLong(m.recipients.size());
            for (final RecipientState r : m.recipients) {
                out.string(r.address);
                out.string(r.origAddress);
                out.string(r.status);
                out.string(r.relay);
                out.string(r.dsn);
                out.nullableDouble(r.delay);
                PostfixSerdes.writeDelays(out, r.delays);
                out.string(r.detail);
                out.varLong(r.attempts);
                out.instant(r.lastAttempt);
            }
            out.varLong(m.pendingBytes.size());
            for (final PendingBytes p : m.pendingBytes) {
                out.instant(p.time());
                out.string(p.address());
            }
            // Appended fields: a state written before they existed is read without them.
            out.bool(m.reinjected);
            out.string(m.reinjectedFrom);
        }

        @Override
        public MessageState read(final BinarySerde.In in) {
            final MessageState m = new MessageState();
            m.host = in.string();
            m.queueId = in.string();
            m.firstSeen = in.instant();
            m.lastSeen = in.instant();
            m.received = in.bool();
            m.pickup = in.bool();
            m.clientHost = in.string();
            m.clientIp = in.string();
            m.saslUsername = in.string();
            m.messageId = in.string();
            m.queuedSeen = in.bool();
            m.queuedAt = in.instant();
            m.sender = in.string();
            m.size = in.nullableLong();
            final Long nrcpt = in.nullableLong();
            m.nrcpt = nrcpt == null ? null : Math.toIntExact(nrcpt);
            m.senderCounted = in.bool();
            m.outcome = in.string();
            m.emitted = in.bool();
            m.rejectReason = in.string();
            final int recipients = in.varInt();
            for (int i = 0; i < recipients; i++) {
                final RecipientState r = new RecipientState();
                r.address = in.string();
                r.origAddress = in.string();
                r.status = in.string();
                r.relay = in.string();
                r.dsn = in.string();
                r.delay = in.nullableDouble();
                r.delays = PostfixSerdes.readDelays(in);
                r.detail = in.string();
                r.attempts = in.varInt();
                r.lastAttempt = in.instant();
                m.recipients.add(r);
            }
            final int pending = in.varInt();
            for (int i = 0; i < pending; i++) {
                m.pendingBytes.add(new PendingBytes(in.instant(), in.string()));
            }
            if (in.hasMore()) {
                m.reinjected = in.bool();
                m.reinjectedFrom = in.string();
            }
            return m;
        }
    }
}
