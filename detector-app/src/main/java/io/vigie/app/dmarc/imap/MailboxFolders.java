package io.vigie.app.dmarc.imap;

import jakarta.mail.Flags;
import jakarta.mail.Folder;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import org.eclipse.angus.mail.imap.IMAPFolder;
import org.eclipse.angus.mail.imap.IMAPStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Finds or creates the archive and rejected folders and moves one message at a time into them, never
 * expunging anything but the message moved.
 */
final class MailboxFolders {

    private static final Logger LOG = LoggerFactory.getLogger(MailboxFolders.class);

    private final IMAPStore store;
    private final boolean move;

    private MailboxFolders(final IMAPStore store, final boolean move) {
        this.store = store;
        this.move = move;
    }

    /**
     * @throws ImapPollException when the server has neither MOVE nor UIDPLUS: without them, removing the
     *                           copied message would need a plain EXPUNGE, which also removes every other
     *                           message flagged \Deleted (by a person or another client) in the folder
     */
    static MailboxFolders of(final IMAPStore store) throws MessagingException {
        if (store.hasCapability("MOVE")) {
            return new MailboxFolders(store, true);
        }
        if (store.hasCapability("UIDPLUS")) {
            return new MailboxFolders(store, false);
        }
        throw new ImapPollException("the IMAP server supports neither MOVE (RFC 6851) nor UIDPLUS (RFC 4315): "
                + "Vigie refuses to archive messages there, since that would expunge other messages too");
    }

    /**
     * The folder at {@code path}, created (and subscribed, so that mail clients show it) when missing.
     *
     * @param path folder path with {@code /} between levels, whatever the server's separator
     */
    IMAPFolder ensure(final String path) throws MessagingException {
        final Folder personal = store.getPersonalNamespaces()[0];
        final char separator = personal.getSeparator();
        String name = path.replace('/', separator);
        // Servers with an "INBOX." namespace (Courier, Cyrus) keep every folder under it.
        final String namespace = personal.getFullName();
        if (!namespace.isEmpty() && !name.startsWith(namespace + separator) && !name.equalsIgnoreCase(namespace)) {
            name = namespace + separator + name;
        }
        final IMAPFolder folder = (IMAPFolder) store.getFolder(name);
        if (!folder.exists()) {
            if (!folder.create(Folder.HOLDS_MESSAGES)) {
                throw new ImapPollException("cannot create IMAP folder " + name);
            }
            folder.setSubscribed(true);
            LOG.info("Created IMAP folder {}", name);
        }
        return folder;
    }

    /** Moves {@code message} out of {@code source}, which is open READ_WRITE, into {@code target}. */
    void move(final IMAPFolder source, final Message message, final IMAPFolder target) throws MessagingException {
        final Message[] one = {message};
        if (move) {
            source.moveMessages(one, target);
        } else {
            source.copyMessages(one, target);
            message.setFlag(Flags.Flag.DELETED, true);
            // With UIDPLUS, expunge(Message[]) is a UID EXPUNGE of exactly this UID.
            source.expunge(one);
        }
    }
}
