package io.vigie.app.dmarc.imap;

import java.time.Duration;

/**
 * Delay before the next poll: the poll interval while things work, then a capped exponential backoff
 * after consecutive failures. Backing off matters for more than load: a mail server that sees repeated
 * failed logins (an expired password) may ban the Vigie host (fail2ban) or lock the mailbox.
 */
final class PollBackoff {

    /** First retry after a failure: a quick retry rides out a server restart. */
    static final Duration FIRST_RETRY = Duration.ofSeconds(30);
    /** Longest wait between two attempts, unless the poll interval itself is longer. */
    static final Duration MAX_RETRY = Duration.ofHours(1);

    private final Duration interval;

    PollBackoff(final Duration interval) {
        this.interval = interval;
    }

    /** @param consecutiveFailures failed polls in a row, 0 after a success */
    Duration next(final int consecutiveFailures) {
        if (consecutiveFailures <= 0) {
            return interval;
        }
        final Duration first = FIRST_RETRY.compareTo(interval) < 0 ? FIRST_RETRY : interval;
        final Duration cap = MAX_RETRY.compareTo(interval) > 0 ? MAX_RETRY : interval;
        // 2^20 × 30 s is far past any cap: stop doubling there so the multiplication cannot overflow.
        final Duration delay = first.multipliedBy(1L << Math.min(consecutiveFailures - 1, 20));
        return delay.compareTo(cap) > 0 ? cap : delay;
    }
}
