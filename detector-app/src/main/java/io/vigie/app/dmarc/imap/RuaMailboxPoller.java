package io.vigie.app.dmarc.imap;

import io.micrometer.core.instrument.MeterRegistry;
import jakarta.mail.AuthenticationFailedException;
import jakarta.mail.FetchProfile;
import jakarta.mail.Folder;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.UIDFolder;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.util.Arrays;
import java.util.Comparator;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.eclipse.angus.mail.imap.IMAPFolder;
import org.eclipse.angus.mail.imap.IMAPMessage;
import org.eclipse.angus.mail.imap.IMAPStore;
import org.eclipse.angus.mail.imap.protocol.BODY;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads the DMARC {@code rua} mailbox over IMAP: every message goes, byte for byte, to the
 * {@link RawReportSink}, then to the archive folder. Nothing is ever deleted: a message leaves the folder
 * only by a move, and only after the sink acknowledged it.
 *
 * <p>Delivery is at least once: if the move fails after the send, the next poll sends the message again
 * under the same key, and the engine deduplicates reports by report id.
 */
public final class RuaMailboxPoller implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(RuaMailboxPoller.class);

    /** Bytes of an oversize message kept in its dead letter: its headers, to find it again. */
    static final int REJECTED_PREFIX_BYTES = 8 * 1024;
    private static final Duration CLOSE_TIMEOUT = Duration.ofSeconds(30);

    private final ImapSettings settings;
    private final RawReportSink sink;
    private final ImapPollerMetrics metrics;
    private final Clock clock;
    private final PollBackoff backoff;
    private final Session session;

    private IMAPStore store;
    private ScheduledExecutorService scheduler;
    private int consecutiveFailures;
    private volatile boolean closed;

    /**
     * @param sink     receives the messages; not closed by this poller
     * @param registry where the poller's meters are registered
     * @param clock    stamps the last-success gauge
     * @throws IllegalArgumentException when the settings are disabled or the trust store cannot be read
     */
    public RuaMailboxPoller(final ImapSettings settings, final RawReportSink sink, final MeterRegistry registry,
                            final Clock clock) {
        if (!settings.enabled()) {
            throw new IllegalArgumentException("dmarc.imap is disabled: no poller should be created");
        }
        this.settings = settings;
        this.sink = sink;
        this.metrics = new ImapPollerMetrics(registry);
        this.clock = clock;
        this.backoff = new PollBackoff(settings.pollInterval());
        this.session = ImapSessions.create(settings);
    }

    /**
     * Goes once through the folder, in UID order.
     *
     * @return how many messages were archived, rejected, or left because the sink failed
     * @throws ImapPollException when the mailbox cannot be reached, logged in to or changed
     */
    public synchronized PollOutcome pollOnce() {
        if (closed) {
            throw new IllegalStateException("DMARC mailbox poller closed");
        }
        final PollOutcome outcome;
        try {
            outcome = pollFolder(connectedStore());
        } catch (final MessagingException | IOException e) {
            metrics.pollError();
            // The connection may be half dead (timeout, BYE): start afresh next time.
            closeStore();
            throw new ImapPollException(describeFailure(e), e);
        } catch (final RuntimeException e) {
            metrics.pollError();
            closeStore();
            throw e;
        }
        if (outcome.complete()) {
            metrics.success(clock.instant());
        } else {
            metrics.pollError();
        }
        if (outcome.archived() + outcome.rejected() + outcome.failed() > 0) {
            LOG.info("DMARC mailbox {} folder {}: {} archived, {} rejected, {} left for the next poll",
                    settings.describeServer(), settings.folder(), outcome.archived(), outcome.rejected(),
                    outcome.failed());
        } else {
            LOG.debug("DMARC mailbox {} folder {}: no message", settings.describeServer(), settings.folder());
        }
        return outcome;
    }

    private PollOutcome pollFolder(final IMAPStore connected) throws MessagingException, IOException {
        final MailboxFolders folders = MailboxFolders.of(connected);
        final IMAPFolder source = (IMAPFolder) connected.getFolder(settings.folder());
        if (!source.exists()) {
            throw new ImapPollException("IMAP folder " + settings.folder() + " does not exist on "
                    + settings.describeServer() + " for user " + settings.username());
        }
        source.open(Folder.READ_WRITE);
        try {
            final long uidValidity = source.getUIDValidity();
            final Message[] messages = source.getMessages();
            final FetchProfile profile = new FetchProfile();
            profile.add(UIDFolder.FetchProfileItem.UID);
            profile.add(FetchProfile.Item.SIZE);
            source.fetch(messages, profile);
            // Sequence order is UID order in IMAP; sorting states the intent and costs nothing.
            final Message[] byUid = messages.clone();
            Arrays.sort(byUid, Comparator.comparingLong(m -> uidOf(source, m)));
            int archived = 0;
            int rejected = 0;
            IMAPFolder archive = null;
            IMAPFolder rejectedFolder = null;
            for (final Message message : byUid) {
                if (message.isExpunged()) {
                    continue;
                }
                final String key = new MessageKey(settings.host(), settings.folder(), uidValidity,
                        source.getUID(message)).toString();
                final byte[] raw = message.getSize() > settings.maxMessageBytes() ? null : rawBytes(message);
                try {
                    if (raw == null || raw.length > settings.maxMessageBytes()) {
                        final int size = raw == null ? message.getSize() : raw.length;
                        sink.reject(key, "message of " + size + " bytes is larger than the limit of "
                                + settings.maxMessageBytes() + " bytes", prefix(source, message, raw));
                        rejectedFolder = rejectedFolder != null ? rejectedFolder
                                : folders.ensure(settings.rejectedFolder());
                        folders.move(source, message, rejectedFolder);
                        metrics.rejected();
                        rejected++;
                    } else {
                        sink.send(key, raw);
                        archive = archive != null ? archive : folders.ensure(settings.archiveFolder());
                        folders.move(source, message, archive);
                        metrics.archived();
                        archived++;
                    }
                } catch (final RawReportSink.SinkException e) {
                    // Leave the message where it is: the next poll sends it again (same key, harmless duplicate).
                    LOG.warn("DMARC mailbox {} folder {}: {} not forwarded, left in place for the next poll: {}",
                            settings.describeServer(), settings.folder(), key, e.getMessage());
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

    private IMAPStore connectedStore() throws MessagingException {
        if (store != null && store.isConnected()) {
            return store;
        }
        closeStore();
        final IMAPStore fresh = (IMAPStore) session.getStore(ImapSessions.protocol(settings));
        fresh.connect(settings.host(), settings.port(), settings.username(), settings.password());
        store = fresh;
        LOG.info("Connected to DMARC mailbox {} as {}", settings.describeServer(), settings.username());
        return fresh;
    }

    private String describeFailure(final Exception e) {
        final String what = e instanceof AuthenticationFailedException
                ? "cannot log in to " + settings.describeServer() + " as " + settings.username()
                : "DMARC mailbox poll of " + settings.describeServer() + " folder " + settings.folder()
                        + " (user " + settings.username() + ") failed";
        // The password is only ever sent in the LOGIN command: neither Jakarta Mail's exceptions nor the
        // server's replies carry it, so the message can be built from them as they are.
        return what + ": " + e.getMessage();
    }

    /**
     * Polls every {@code pollInterval} on one daemon thread, backing off after failures. A failure is logged
     * and never stops the schedule.
     */
    public synchronized RuaMailboxPoller start() {
        if (scheduler != null || closed) {
            throw new IllegalStateException("DMARC mailbox poller already started or closed");
        }
        scheduler = Executors.newSingleThreadScheduledExecutor(runnable -> {
            final Thread thread = new Thread(runnable, "vigie-dmarc-imap");
            thread.setDaemon(true);
            return thread;
        });
        LOG.info("Polling DMARC mailbox {} folder {} as {} every {}", settings.describeServer(), settings.folder(),
                settings.username(), settings.pollInterval());
        schedule(Duration.ZERO);
        return this;
    }

    private void scheduledPoll() {
        int failures;
        try {
            failures = pollOnce().complete() ? 0 : ++consecutiveFailures;
        } catch (final ImapPollException e) {
            failures = ++consecutiveFailures;
            if (!closed) {
                LOG.warn("{} (attempt {} in a row)", e.getMessage(), failures);
            }
        } catch (final RuntimeException e) {
            // A bug, not the mailbox: keep the stack trace, and keep polling.
            failures = ++consecutiveFailures;
            LOG.error("DMARC mailbox poll of {} folder {} failed unexpectedly (attempt {} in a row)",
                    settings.describeServer(), settings.folder(), failures, e);
        }
        consecutiveFailures = failures;
        schedule(backoff.next(failures));
    }

    private void schedule(final Duration delay) {
        if (closed) {
            return;
        }
        try {
            scheduler.schedule(this::scheduledPoll, delay.toMillis(), TimeUnit.MILLISECONDS);
        } catch (final RejectedExecutionException e) {
            // close() shut the scheduler down between the check and the call.
        }
    }

    /** Stops polling (waiting for a poll in progress) and logs out of the mailbox. */
    @Override
    public void close() {
        closed = true;
        final ScheduledExecutorService s;
        synchronized (this) {
            s = scheduler;
        }
        if (s != null) {
            s.shutdownNow();
            try {
                if (!s.awaitTermination(CLOSE_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)) {
                    LOG.warn("DMARC mailbox poll still running after {} s; waiting for it to finish",
                            CLOSE_TIMEOUT.toSeconds());
                }
            } catch (final InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        synchronized (this) {
            closeStore();
        }
    }

    private void closeStore() {
        if (store == null) {
            return;
        }
        try {
            store.close();
        } catch (final MessagingException e) {
            LOG.debug("Closing the connection to {} failed: {}", settings.describeServer(), e.getMessage());
        }
        store = null;
    }
}
