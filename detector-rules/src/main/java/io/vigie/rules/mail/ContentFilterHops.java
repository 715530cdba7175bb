package io.vigie.rules.mail;

import io.vigie.core.model.MailRecipient;
import io.vigie.core.model.PostfixEvent;
import io.vigie.core.model.PostfixKind;
import io.vigie.core.net.InternalNetworks;

/**
 * Tells a delivery to a content filter (amavisd-new on {@code 127.0.0.1:10024}, or another Postfix instance on
 * loopback) from a final delivery. The filter answers either {@code 250 ... queued as NEWQID}, having given the
 * message back to Postfix under a new queue id, or, when it blocked the message, amavis's {@code 250 2.7.0 Ok,
 * discarded, id=... - INFECTED: ...}. Neither is the message reaching its recipient, although Postfix logs both as
 * {@code status=sent} (and pflogsumm counts them as deliveries). A local LMTP delivery on loopback (Dovecot's
 * {@code 250 2.0.0 <user> Saved}) is a final delivery and is not a hop.
 */
final class ContentFilterHops {

    private ContentFilterHops() {}

    static boolean isHop(final PostfixEvent line) {
        return line.kind() == PostfixKind.DELIVERY
                && toFilter(line.status(), line.relay())
                && (line.relatedQueueId() != null || discarded(line.detail()));
    }

    /** A recipient of a finished message that the filter gave back to Postfix under a new queue id. */
    static boolean requeued(final MailRecipient recipient) {
        return toFilter(recipient.status(), recipient.relay())
                && recipient.detail() != null
                && recipient.detail().contains("queued as");
    }

    /** A recipient of a finished message whose mail the filter discarded (amavis's {@code 250 2.7.0 Ok, discarded}). */
    static boolean discardedByFilter(final MailRecipient recipient) {
        return toFilter(recipient.status(), recipient.relay()) && discarded(recipient.detail());
    }

    private static boolean toFilter(final String status, final String relay) {
        return "sent".equals(status) && relay != null && InternalNetworks.LOOPBACK.contains(relayAddress(relay));
    }

    private static boolean discarded(final String detail) {
        return detail != null && detail.contains(", discarded");
    }

    /** The address of {@code name[ip]:port}, {@code [ip]:port} or {@code ip:port}; null when there is none. */
    static String relayAddress(final String relay) {
        final int open = relay.indexOf('[');
        if (open >= 0) {
            final int close = relay.indexOf(']', open + 1);
            return close > open ? relay.substring(open + 1, close) : null;
        }
        final int colon = relay.lastIndexOf(':');
        return colon > 0 && relay.indexOf(':') == colon ? relay.substring(0, colon) : relay;
    }
}
