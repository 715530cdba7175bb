package io.vigie.rules.mail;

import io.vigie.core.model.MailCount;
import io.vigie.core.model.MailMessage;

/** What the message assembly emits; split by type right after it, never written to a topic as such. */
sealed interface AssemblyOutput {

    /** A top-N count contribution. */
    record Count(MailCount count) implements AssemblyOutput {}

    /** A finished (or flushed) message. */
    record Message(MailMessage message) implements AssemblyOutput {}

    /** This partition's share of one host's queue state. */
    record QueueShare(QueuePartial partial) implements AssemblyOutput {}
}
