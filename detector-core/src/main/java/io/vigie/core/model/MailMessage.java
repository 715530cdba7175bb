package io.vigie.core.model;

import java.time.Instant;
import java.util.List;

/**
 * One message as reconstructed from all the Postfix lines that mention its queue id (or one
 * rejected attempt, for {@code NOQUEUE} rejections).
 *
 * @param host        the Postfix host
 * @param queueId     queue id, or {@code NOQUEUE}
 * @param messageId   Message-ID header, without angle brackets
 * @param sender      envelope sender, as logged ({@code ""} for the null sender)
 * @param size        size in bytes, when the queue manager logged it
 * @param nrcpt       recipients announced by the queue manager
 * @param clientHost  SMTP client host name, {@code pickup} for local submission
 * @param clientIp    SMTP client address
 * @param saslUsername authenticated login, if any
 * @param origin      INTERNAL or EXTERNAL: where the message was submitted from
 * @param direction   message direction (see {@link Direction}); for mixed recipients, OUTBOUND wins over INTERNAL
 * @param firstSeen   time of the first line seen
 * @param lastSeen    time of the last line seen
 * @param recipients  per-recipient final or last state
 * @param outcome     removed, rejected, expired, incomplete (flushed after the timeout or at end of input)
 * @param rejectReason REJECT/HOLD/DISCARD reason text
 * @param reinjected  a content filter (or another Postfix instance) gave this message back to Postfix: it is the
 *                    second queue id of a mail already received, whose deliveries are the final ones
 * @param originalQueueId for a re-injected message, the queue id the mail came in under, when XFORWARD logged it
 */
public record MailMessage(
        String host,
        String queueId,
        String messageId,
        String sender,
        Long size,
        Integer nrcpt,
        String clientHost,
        String clientIp,
        String saslUsername,
        Origin origin,
        Direction direction,
        Instant firstSeen,
        Instant lastSeen,
        List<MailRecipient> recipients,
        String outcome,
        String rejectReason,
        boolean reinjected,
        String originalQueueId) {

    /** Where a message entered the mail system. */
    public enum Origin {
        INTERNAL,
        EXTERNAL
    }
}
