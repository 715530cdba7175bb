package io.vigie.core.model;

import java.time.Instant;

/**
 * One contribution to the top senders/recipients counts, emitted by the message assembly as soon
 * as it is known (pflogsumm's rules: a sender once per received message, a recipient once per
 * {@code status=sent} delivery line, bytes being the message size). A byte correction (messages = 0)
 * follows when a recipient was counted before its message size was logged.
 *
 * @param time         event time of the line that made the count
 * @param role         sender or recipient
 * @param address      address in pflogsumm's form: domain part lower-cased, {@code from=<>} for the null sender
 * @param direction    direction of this count
 * @param messages     1, or 0 for a byte correction
 * @param bytes        bytes to add
 * @param counterpart  for a recipient: the message's sender; for a sender: null
 */
public record MailCount(
        Instant time, Role role, String address, Direction direction, int messages, long bytes, String counterpart) {

    /** Which side of a message an address was on. */
    public enum Role {
        SENDER,
        RECIPIENT
    }
}
