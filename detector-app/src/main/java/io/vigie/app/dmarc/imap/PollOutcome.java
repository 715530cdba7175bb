package io.vigie.app.dmarc.imap;

/**
 * What one poll did.
 *
 * @param archived messages forwarded to the raw topic and moved to the archive folder
 * @param rejected messages refused (dead letter) and moved to the rejected folder
 * @param failed   messages left in place because the sink did not acknowledge them (0 or 1: the poll
 *                 stops at the first one)
 */
public record PollOutcome(int archived, int rejected, int failed) {

    public PollOutcome {
        if (archived < 0 || rejected < 0 || failed < 0) {
            throw new IllegalArgumentException("negative count in poll outcome");
        }
    }

    /** Whether the poll went through the whole folder. */
    public boolean complete() {
        return failed == 0;
    }
}
