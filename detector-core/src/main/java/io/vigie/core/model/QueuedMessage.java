package io.vigie.core.model;

import java.time.Instant;
import java.util.List;

/**
 * One message in a Postfix queue, as {@code postqueue -j} lists it.
 *
 * @param queueName   {@code active}, {@code deferred}, {@code hold}, {@code incoming} or {@code maildrop}
 * @param queueId     queue id
 * @param arrivalTime when the message entered the queue
 * @param size        message size in bytes
 * @param sender      envelope sender ({@code ""} for the null sender)
 * @param recipients  recipients still to deliver, never null
 */
public record QueuedMessage(
        String queueName,
        String queueId,
        Instant arrivalTime,
        long size,
        String sender,
        List<QueuedRecipient> recipients) {

    public QueuedMessage {
        recipients = recipients == null ? List.of() : List.copyOf(recipients);
    }
}
