package io.vigie.app.dmarc.imap;

import jakarta.mail.FetchProfile;
import jakarta.mail.Folder;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.UIDFolder;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.Arrays;
import java.util.Comparator;
import org.eclipse.angus.mail.imap.IMAPFolder;
import org.eclipse.angus.mail.imap.IMAPMessage;
import org.eclipse.angus.mail.imap.IMAPStore;
import org.eclipse.angus.mail.imap.protocol.BODY;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One pass over the source folder, in UID order: each message is handed to the sink, then moved out. The
 * move always comes after the sink's acknowledgement, so a failure in between only repeats a message
 * (same key) at the next pass; it never loses one.
 */
final class FolderPass {

    private static final Logger LOG = LoggerFactory.getLogger(FolderPass.class);

    /** Bytes of an oversize message kept in its dead letter: its headers, to find it again. */
    static final int REJECTED_PREFIX_BYTES = 8 * 1024;

    private final IMAPStore store;
    private final ImapSettings settings;
    private final RawReportSink sink;
    private final ImapPollerMetrics metrics;

    private MailboxFolders folders;
    private IMAPFolder archive;
    private IMAPFolder rejectedFolder;
    private int archived;
    private int rejected;

    FolderPass(
            final IMAPStore store,
            final ImapSettings settings,
            final RawReportSink sink,
            final ImapPollerMetrics metrics) {
        this.store = store;
        this.settings = settings;
        this.sink = sink;
        this.metrics = metrics;
    }

    /**
     * @return the counts; {@code failed} is 1 when the sink refused a message, which ends the pass
     * @throws ImapPollException when the server cannot move messages safely or the folder is missing
     */
    PollOutcome run() throws MessagingException, IOException {
        // Checked before anything is sent: a server we cannot archive on must not receive half a pass.
        folders = MailboxFolders.of(store);
        final IMAPFolder source = (IMAPFolder) store.getFolder(settings.folder());
        if (!source.exists()) {
            throw new ImapPollException("IMAP folder " + settings.folder() + " does not exist on "
                    + settings.describeServer() + " for user " + settings.username());
        }
        source.open(Folder.READ_WRITE);
        try {
            final long uidValidity = source.getUIDValidity();
            for (final Message message : inUidOrder(source)) {
                if (message.isExpunged()) {
                    continue;
                }
                final String key = new MessageKey(
                                settings.host(), settings.folder(), uidValidity, source.getUID(message))
                        .toString();
                try {
                    forward(source, message, key);
                } catch (final RawReportSink.SinkException e) {
                    // Leave the message where it is: the next pass sends it again (same key, harmless duplicate).
                    LOG.warn(
                            "DMARC mailbox {} folder {}: {} not forwarded, left in place for the next poll: {}",
                            settings.describeServer(),
                            settings.folder(),
                            key,
                            e.getMessage());
                    return new PollOutcome(archived, rejected, 1);
                }
            }
            return new PollOutcome(archived, rejected, 0);
        } finally {
            if (source.isOpen()) {
                // false: never let CLOSE expunge anything.
                source.close(false);
            }
        }
    }

    private static Message[] inUidOrder(final IMAPFolder source) throws MessagingException {
        final Message[] messages = source.getMessages();
        // UID and RFC822.SIZE for the whole folder in one FETCH, before any body is read.
        final FetchProfile profile = new FetchProfile();
        profile.add(UIDFolder.FetchProfileItem.UID);
        profile.add(FetchProfile.Item.SIZE);
        source.fetch(messages, profile);
        // Sequence order is UID order in IMAP; sorting states the intent and costs nothing.
        final Message[] byUid = messages.clone();
        Arrays.sort(byUid, Comparator.comparingLong(m -> uidOf(source, m)));
        return byUid;
    }

    private void forward(final IMAPFolder source, final Message message, final String key)
            throws MessagingException, IOException {
        // RFC822.SIZE first, so an oversize message is never downloaded; the length check after the fetch
        // covers a server that under-reports it.
        final byte[] raw = message.getSize() > settings.maxMessageBytes() ? null : rawBytes(message);
        if (raw == null || raw.length > settings.maxMessageBytes()) {
            final int size = raw == null ? message.getSize() : raw.length;
            sink.reject(
                    key,
                    "message of " + size + " bytes is larger than the limit of " + settings.maxMessageBytes()
                            + " bytes",
                    prefix(source, message, raw));
            if (rejectedFolder == null) {
                rejectedFolder = folders.ensure(settings.rejectedFolder());
            }
            folders.move(source, message, rejectedFolder);
            metrics.rejected();
            rejected++;
        } else {
            sink.send(key, raw);
            if (archive == null) {
                archive = folders.ensure(settings.archiveFolder());
            }
            folders.move(source, message, archive);
            metrics.archived();
            archived++;
        }
    }

    private static long uidOf(final IMAPFolder folder, final Message message) {
        try {
            return folder.getUID(message);
        } catch (final MessagingException e) {
            throw new ImapPollException("cannot read the UID of message " + message.getMessageNumber(), e);
        }
    }

    /** The message exactly as stored: {@code BODY.PEEK[]}, no parsing, no re-encoding. */
    private static byte[] rawBytes(final Message message) throws MessagingException, IOException {
        final ByteArrayOutputStream out = new ByteArrayOutputStream(Math.max(message.getSize(), 1024));
        ((IMAPMessage) message).writeTo(out);
        return out.toByteArray();
    }

    /** The first bytes of a message, without downloading the rest of it. */
    private static byte[] prefix(final IMAPFolder folder, final Message message, final byte[] raw)
            throws MessagingException {
        if (raw != null) {
            return Arrays.copyOf(raw, Math.min(raw.length, REJECTED_PREFIX_BYTES));
        }
        final int seq = message.getMessageNumber();
        final Object body = folder.doCommand(p -> p.peekBody(seq, "", 0, REJECTED_PREFIX_BYTES));
        if (body instanceof BODY b && b.getByteArray() != null) {
            return b.getByteArray().getNewBytes();
        }
        return new byte[0];
    }
}
