package io.vigie.core.parse.quarantine;

import java.util.Objects;

/**
 * Where a gateway's JSON export keeps each field, as dotted paths ({@code a.b}; {@code a[].b} for every element
 * of the array {@code a}; a flattened {@code "a.b"} key also matches). {@link #ECS} is the default.
 *
 * @param time             when
 * @param sender           envelope sender
 * @param recipients       envelope recipients (an array, or one string with commas)
 * @param subject          Subject header
 * @param messageId        Message-ID header
 * @param attachmentHashes SHA-256 of the attachments
 * @param attachmentNames  attachment file names
 * @param reason           why it was held: {@code INFECTED}, {@code SPAM}... (upper-cased into the event)
 * @param action           what the gateway did: the record is an event when this says quarantine, block,
 *                         reject, hold, discard or delete, and is ignored otherwise
 * @param rule             the rule or threat name
 * @param urlDomains       link host names (or URLs, reduced to their host)
 * @param queueId          the gateway's message or queue id
 */
record JsonQuarantineMapping(
        String time,
        String sender,
        String recipients,
        String subject,
        String messageId,
        String attachmentHashes,
        String attachmentNames,
        String reason,
        String action,
        String rule,
        String urlDomains,
        String queueId) {

    /** Elastic Common Schema field names, as Elastic's and most SIEM email exports write them. */
    public static final JsonQuarantineMapping ECS = new JsonQuarantineMapping(
            "@timestamp",
            "email.from.address",
            "email.to.address",
            "email.subject",
            "email.message_id",
            "email.attachments[].file.hash.sha256",
            "email.attachments[].file.name",
            "event.reason",
            "event.action",
            "rule.name",
            "url.domain",
            "email.local_id");

    public JsonQuarantineMapping {
        Objects.requireNonNull(action, "action");
    }
}
