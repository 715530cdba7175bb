package io.vigie.app.dmarc.imap;

import io.micrometer.core.instrument.MeterRegistry;
import io.vigie.app.cluster.Turn;
import jakarta.mail.AuthenticationFailedException;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.eclipse.angus.mail.imap.IMAPStore;
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

    private static final Duration CLOSE_TIMEOUT = Duration.ofSeconds(30);
    /** How soon an instance whose turn it is not asks again: a failover should not wait a poll interval. */
    static final Duration TURN_CHECK = Duration.ofSeconds(10);

    private final ImapSettings settings;
    private final RawReportSink sink;
    private final ImapPollerMetrics metrics;
    private final Clock clock;
    private final PollBackoff backoff;
    private final Session session;

    private IMAPStore store;
    private ScheduledExecutorService scheduler;
    private int consecutiveFailures;
    private Supplier<Turn> turns = () -> Turn.MINE;
    private Turn turn = Turn.NOT_KNOWN_YET;
    private volatile boolean closed;

    /**
     * @param sink     receives the messages; not closed by this poller
     * @param registry where the poller's meters are registered
     * @param clock    stamps the last-success gauge
     * @throws IllegalArgumentException when the settings are disabled or the trust store cannot be read
     */
    public RuaMailboxPoller(
            final ImapSettings settings, final RawReportSink sink, final MeterRegistry registry, final Clock clock) {
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
            outcome = new FolderPass(connectedStore(), settings, sink, metrics).run();
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
            LOG.info(
                    "DMARC mailbox {} folder {}: {} archived, {} rejected, {} left for the next poll",
                    settings.describeServer(),
                    settings.folder(),
                    outcome.archived(),
                    outcome.rejected(),
                    outcome.failed());
        } else {
            LOG.debug("DMARC mailbox {} folder {}: no message", settings.describeServer(), settings.folder());
        }
        return outcome;
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
                : "DMARC mailbox poll of " + settings.describeServer() + " folder " + settings.folder() + " (user "
                        + settings.username() + ") failed";
        // The password is only ever sent in the LOGIN command: neither Jakarta Mail's exceptions nor the
        // server's replies carry it, so the message can be built from them as they are.
        return what + ": " + e.getMessage();
    }

    /**
     * Polls every {@code pollInterval} on one daemon thread, backing off after failures. A failure is logged
     * and never stops the schedule.
     */
    public synchronized RuaMailboxPoller start() {
        return start(() -> Turn.MINE);
    }

    /**
     * As {@link #start()}, polling only while {@code turns} says it is this instance's turn: with several
     * instances one mailbox is read by one of them. The others ask again every {@link #TURN_CHECK}.
     */
    public synchronized RuaMailboxPoller start(final Supplier<Turn> turnOfThisInstance) {
        if (scheduler != null || closed) {
            throw new IllegalStateException("DMARC mailbox poller already started or closed");
        }
        this.turns = turnOfThisInstance;
        scheduler = Executors.newSingleThreadScheduledExecutor(runnable -> {
            final Thread thread = new Thread(runnable, "vigie-dmarc-imap");
            thread.setDaemon(true);
            return thread;
        });
        LOG.info(
                "Polling DMARC mailbox {} folder {} as {} every {}",
                settings.describeServer(),
                settings.folder(),
                settings.username(),
                settings.pollInterval());
        schedule(Duration.ZERO);
        return this;
    }

    /** True when this instance polls now; says when it takes up or leaves the mailbox. */
    private boolean isMyTurn() {
        final Turn now = turns.get();
        if (now != turn && now != Turn.NOT_KNOWN_YET) {
            metrics.polling(now == Turn.MINE);
            if (turn != Turn.NOT_KNOWN_YET || now == Turn.ANOTHER_INSTANCE) {
                LOG.info(
                        now == Turn.MINE
                                ? "DMARC mailbox {} folder {}: this instance polls it from now on"
                                : "DMARC mailbox {} folder {}: another instance of the group polls it",
                        settings.describeServer(),
                        settings.folder());
            }
            turn = now;
            if (now == Turn.ANOTHER_INSTANCE) {
                // the mailbox is another instance's now: no idle session left open on the server
                synchronized (this) {
                    closeStore();
                }
            }
        }
        return now == Turn.MINE;
    }

    private void scheduledPoll() {
        if (!isMyTurn()) {
            schedule(TURN_CHECK);
            return;
        }
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
            LOG.error(
                    "DMARC mailbox poll of {} folder {} failed unexpectedly (attempt {} in a row)",
                    settings.describeServer(),
                    settings.folder(),
                    failures,
                    e);
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
                    LOG.warn(
                            "DMARC mailbox poll still running after {} s; waiting for it to finish",
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
