package io.vigie.core.model;

import java.time.Instant;
import java.util.List;

/**
 * A message the mail gateway held or quarantined (Amavis, rspamd, Postfix {@code hold}, a commercial gateway's
 * export), with what the campaign grouping needs: who sent it to whom, its subject, its attachments' hashes and
 * the domains of its links. Fields the source does not give are null or empty.
 *
 * @param time        when it was quarantined
 * @param source      the parser that read it: {@code amavis}, {@code rspamd}, {@code postfix}, {@code json}
 * @param reason      why, upper case: {@code INFECTED}, {@code BANNED}, {@code SPAM}, {@code BAD-HEADER},
 *                    {@code HOLD}, {@code REJECT}... as the source says it
 * @param threat      the virus or rule name, when given (Amavis' {@code INFECTED (Eicar-Signature)})
 * @param queueId     the MTA queue id, when given
 * @param messageId   the Message-ID header, without angle brackets, when given
 * @param sender      the envelope sender, lower case
 * @param recipients  the envelope recipients, lower case
 * @param subject     the Subject header (decoded), when given
 * @param attachments SHA-256 (lower-case hex) of the attachments, when the source gives them
 * @param attachmentNames the attachments' file names, when given (Amavis BANNED gives the banned name)
 * @param urlDomains  host names of the links in the message, when the source gives them (rspamd)
 * @param quarantineId where the quarantined copy is (Amavis' {@code quarantine: virus-AbC123}), when given
 * @param score       the spam score, when given
 */
public record QuarantineEvent(
        Instant time,
        String source,
        String reason,
        String threat,
        String queueId,
        String messageId,
        String sender,
        List<String> recipients,
        String subject,
        List<String> attachments,
        List<String> attachmentNames,
        List<String> urlDomains,
        String quarantineId,
        Double score) {

    public QuarantineEvent {
        recipients = recipients == null ? List.of() : List.copyOf(recipients);
        attachments = attachments == null ? List.of() : List.copyOf(attachments);
        attachmentNames = attachmentNames == null ? List.of() : List.copyOf(attachmentNames);
        urlDomains = urlDomains == null ? List.of() : List.copyOf(urlDomains);
    }
}
