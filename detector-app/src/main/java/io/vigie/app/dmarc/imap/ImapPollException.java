package io.vigie.app.dmarc.imap;

/**
 * A poll could not talk to the mailbox: connection, TLS, login, folder or move failure. Its message names
 * the server, the user and the folder, and never carries the password.
 */
public final class ImapPollException extends RuntimeException {

    public ImapPollException(final String message, final Throwable cause) {
        super(message, cause);
    }

    public ImapPollException(final String message) {
        super(message);
    }
}
