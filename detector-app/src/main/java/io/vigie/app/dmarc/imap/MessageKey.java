package io.vigie.app.dmarc.imap;

/**
 * The identity of one mailbox message, used as the Kafka record key:
 * {@code imap:<host>/<folder>/<uidvalidity>/<uid>}. IMAP guarantees that (folder, UIDVALIDITY, UID) never
 * names two different messages, so a re-sent message always carries the same key.
 *
 * @param host        IMAP server
 * @param folder      folder the message was read from (may contain the server's hierarchy separator)
 * @param uidValidity the folder's UIDVALIDITY
 * @param uid         the message's UID
 */
public record MessageKey(String host, String folder, long uidValidity, long uid) {

    private static final String PREFIX = "imap:";

    /**
     * Reads a key written by {@link #toString()}. The host has no {@code /}; the folder may, so it is
     * everything between the host and the last two segments.
     *
     * @throws IllegalArgumentException when {@code key} is not such a key
     */
    public static MessageKey parse(final String key) {
        if (key == null || !key.startsWith(PREFIX)) {
            throw new IllegalArgumentException("not an IMAP message key: " + key);
        }
        final String rest = key.substring(PREFIX.length());
        final int hostEnd = rest.indexOf('/');
        final int uidStart = rest.lastIndexOf('/');
        final int validityStart = uidStart < 0 ? -1 : rest.lastIndexOf('/', uidStart - 1);
        if (hostEnd < 0 || validityStart <= hostEnd) {
            throw new IllegalArgumentException("not an IMAP message key: " + key);
        }
        try {
            return new MessageKey(
                    rest.substring(0, hostEnd),
                    rest.substring(hostEnd + 1, validityStart),
                    Long.parseLong(rest.substring(validityStart + 1, uidStart)),
                    Long.parseLong(rest.substring(uidStart + 1)));
        } catch (final NumberFormatException e) {
            throw new IllegalArgumentException("not an IMAP message key: " + key, e);
        }
    }

    @Override
    public String toString() {
        return PREFIX + host + "/" + folder + "/" + uidValidity + "/" + uid;
    }
}
