package io.vigie.core.model;

import java.time.Instant;

/**
 * One parsed Postfix log line. Flat on purpose: one record type flows from the parser to the
 * message assembly, and fields that a kind of line does not carry are null.
 *
 * @param time          event time
 * @param host          syslog host name
 * @param instance      Postfix instance (syslog_name prefix): {@code postfix}, {@code postfix-out}...
 * @param service       the daemon: {@code smtpd}, {@code qmgr}, {@code smtp}, {@code lmtp}, {@code local}...
 * @param queueId       queue id, {@code NOQUEUE} for rejections before queueing, null when the line has none
 * @param kind          what the line tells
 * @param clientHost    CLIENT/REJECT/AUTH_FAILURE: client host name ({@code unknown} when unresolved)
 * @param clientIp      CLIENT/REJECT/AUTH_FAILURE: client IP address (v4 or v6)
 * @param saslUsername  CLIENT: SASL login, when the client authenticated; AUTH_FAILURE: the login tried, when
 *                      Postfix logged it
 * @param messageId     MESSAGE_ID: the Message-ID header value, without angle brackets
 * @param sender        QUEUED/PICKUP/EXPIRED/REJECT: envelope sender, exactly as logged ({@code ""} for the null sender)
 * @param size          QUEUED: message size in bytes
 * @param nrcpt         QUEUED: number of recipients
 * @param recipient     DELIVERY/REJECT: envelope recipient, exactly as logged
 * @param origRecipient DELIVERY: {@code orig_to=} when present
 * @param relay         DELIVERY: {@code relay=} value, e.g. {@code mx.example.org[192.0.2.1]:25}, {@code local}, {@code none}
 * @param delay         DELIVERY: total delay in seconds
 * @param delays        DELIVERY: the four {@code delays=a/b/c/d} parts, or null
 * @param dsn           DELIVERY: enhanced status code, e.g. {@code 2.0.0}
 * @param status        DELIVERY: {@code sent}, {@code deferred}, {@code bounced}, {@code expired}, ...;
 *                      REJECT/HOLD/DISCARD: the action word; AUTH_FAILURE: the SASL mechanism ({@code LOGIN},
 *                      {@code PLAIN}...), as logged
 * @param detail        DELIVERY: the text in parentheses after the status; REJECT/HOLD/DISCARD/AUTH_FAILURE: the
 *                      reason text
 * @param forwarded     DELIVERY: the detail says {@code forwarded as}, i.e. not a final delivery
 * @param relatedQueueId NOTIFICATION: queue id of the notification message
 * @param pflogsummVisible true when pflogsumm 1.1.5 would recognise this line at all (its syslog name
 *                      is {@code postfix}, optionally with {@code /smtps} or {@code /submission}); used to
 *                      reproduce pflogsumm's report exactly
 */
public record PostfixEvent(
        Instant time,
        String host,
        String instance,
        String service,
        String queueId,
        PostfixKind kind,
        String clientHost,
        String clientIp,
        String saslUsername,
        String messageId,
        String sender,
        Long size,
        Integer nrcpt,
        String recipient,
        String origRecipient,
        String relay,
        Double delay,
        DeliveryDelays delays,
        String dsn,
        String status,
        String detail,
        boolean forwarded,
        String relatedQueueId,
        boolean pflogsummVisible) {}
