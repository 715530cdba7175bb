package io.vigie.rules.quarantine;

import java.util.List;

/**
 * The quarantined messages that share one trait within the window.
 *
 * @param messages  one entry per distinct message, oldest first
 * @param alertedAt internal recipients counted at the last alert, 0 when none was raised in this campaign
 */
public record Campaign(List<Message> messages, int alertedAt) {

    public Campaign {
        messages = List.copyOf(messages);
    }

    /**
     * @param id         message identity (Message-ID, queue id, or a digest of sender, subject and time)
     * @param time       epoch ms
     * @param internalRecipients the recipients in the organisation's domains
     */
    public record Message(
            String id,
            long time,
            String sender,
            String subject,
            String reason,
            String threat,
            List<String> internalRecipients,
            List<String> attachmentNames,
            String quarantineId) {}
}
