package io.vigie.core.model;

import java.time.Instant;

/**
 * The last known delivery state of one recipient of a message.
 *
 * @param address   envelope recipient as logged
 * @param origAddress {@code orig_to=} when an alias was expanded, else null
 * @param status    sent, deferred, bounced, expired, rejected, or null when no delivery attempt was logged
 * @param relay     where it was handed to
 * @param dsn       enhanced status code
 * @param delaySeconds total delay at the last attempt
 * @param delays    breakdown of the last attempt's delay
 * @param detail    the server's answer or Postfix's explanation
 * @param attempts  delivery attempts logged for this recipient
 * @param lastAttempt time of the last attempt
 * @param direction direction of this recipient
 */
public record MailRecipient(
        String address,
        String origAddress,
        String status,
        String relay,
        String dsn,
        Double delaySeconds,
        DeliveryDelays delays,
        String detail,
        int attempts,
        Instant lastAttempt,
        Direction direction) {}
