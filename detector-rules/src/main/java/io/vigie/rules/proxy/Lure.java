package io.vigie.rules.proxy;

import java.time.Instant;
import java.util.List;

/**
 * One URL host of a suspicious mail, and who received the mail: what a click is correlated with.
 *
 * @param alertId   the mail alert's {@code event.id}
 * @param rule      the mail alert's rule ({@code vigie.mail.user-report}, {@code vigie.mail.quarantine-campaign},
 *                  {@code vigie.mail.lookalike-sender})
 * @param host      the URL host, as the contacts are keyed
 * @param delivered when the mail reached the mailboxes: a click counts at or after it
 * @param accounts  the recipients, as accounts
 */
record Lure(String alertId, String rule, String host, Instant delivered, List<String> accounts) {

    Lure {
        accounts = accounts == null ? List.of() : List.copyOf(accounts);
    }
}
