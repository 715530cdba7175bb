package io.vigie.rules.mail;

import io.vigie.core.model.DeliveryDelays;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * What is known so far about one queued message, kept in the assembly store between its lines.
 * Mutable and field-based on purpose: it is updated in place for every line and serialized as JSON.
 */
public final class MessageState {
    public String host;
    public String queueId;
    public Instant firstSeen;
    public Instant lastSeen;
    /** An smtpd/postscreen {@code client=} or a pickup line was seen: pflogsumm's condition to count the sender. */
    public boolean received;
    public boolean pickup;
    public String clientHost;
    public String clientIp;
    public String saslUsername;
    public String messageId;
    public boolean queuedSeen;
    public Instant queuedAt;
    public String sender;
    public Long size;
    public Integer nrcpt;
    public boolean senderCounted;
    public String outcome;
    /** The {@link io.vigie.core.model.MailMessage} was emitted; the state lingers for lines that arrive late. */
    public boolean emitted;
    public String rejectReason;
    public List<RecipientState> recipients = new ArrayList<>();
    /** Recipients counted before the message size was known: their bytes are added when it is. */
    public List<PendingBytes> pendingBytes = new ArrayList<>();

    /** Delivery state of one recipient. */
    public static final class RecipientState {
        public String address;
        public String origAddress;
        public String status;
        public String relay;
        public String dsn;
        public Double delay;
        public DeliveryDelays delays;
        public String detail;
        public int attempts;
        public Instant lastAttempt;
    }

    /** A recipient count whose bytes are still owed. */
    public record PendingBytes(Instant time, String address) {
    }

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
            if (recipient.address.equals(address)
                    && java.util.Objects.equals(recipient.origAddress, origAddress)) {
                return recipient;
            }
        }
        final RecipientState created = new RecipientState();
        created.address = address;
        created.origAddress = origAddress;
        recipients.add(created);
        return created;
    }
}
