package io.vigie.core.parse;

import io.vigie.core.model.DeliveryDelays;
import io.vigie.core.model.PostfixEvent;
import io.vigie.core.model.PostfixKind;
import java.time.Instant;

/**
 * Mutable holder for the fields of one {@link PostfixEvent} while its line is scanned: the record has
 * 24 components and most kinds fill only a few. One instance per line, never shared.
 */
final class PostfixEventBuilder {

    Instant time;
    String host;
    String instance;
    String service;
    String queueId;
    PostfixKind kind = PostfixKind.OTHER;
    String clientHost;
    String clientIp;
    String saslUsername;
    String messageId;
    String sender;
    Long size;
    Integer nrcpt;
    String recipient;
    String origRecipient;
    String relay;
    Double delay;
    DeliveryDelays delays;
    String dsn;
    String status;
    String detail;
    boolean forwarded;
    String relatedQueueId;
    boolean pflogsummVisible;

    PostfixEvent build() {
        return new PostfixEvent(
                time,
                host,
                instance,
                service,
                queueId,
                kind,
                clientHost,
                clientIp,
                saslUsername,
                messageId,
                sender,
                size,
                nrcpt,
                recipient,
                origRecipient,
                relay,
                delay,
                delays,
                dsn,
                status,
                detail,
                forwarded,
                relatedQueueId,
                pflogsummVisible);
    }
}
