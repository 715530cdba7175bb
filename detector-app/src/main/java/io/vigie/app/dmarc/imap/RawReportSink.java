package io.vigie.app.dmarc.imap;

/**
 * Where the poller hands each mailbox message. Both calls are synchronous on purpose: the poller moves a
 * message out of the mailbox only after the call returned, so a message is never archived before it is
 * safely stored.
 */
public interface RawReportSink {

    /**
     * Stores one raw RFC 822 message.
     *
     * @param key        the message's stable identity ({@code imap:<host>/<folder>/<uidvalidity>/<uid>})
     * @param rawMessage the message exactly as the server returned it
     * @throws SinkException when the message is not durably acknowledged
     */
    void send(String key, byte[] rawMessage);

    /**
     * Records a message that will not be forwarded (a dead letter).
     *
     * @param key       the message's identity, as for {@link #send}
     * @param reason    why it was refused
     * @param rawPrefix the first bytes of the message, to recognise it
     * @throws SinkException when the dead letter is not durably acknowledged
     */
    void reject(String key, String reason, byte[] rawPrefix);

    /** The sink could not store a record; the caller keeps the message and retries later. */
    final class SinkException extends RuntimeException {

        public SinkException(final String message, final Throwable cause) {
            super(message, cause);
        }
    }
}
