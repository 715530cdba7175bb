package io.vigie.app.ingest;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.errors.AuthenticationException;
import org.apache.kafka.common.errors.AuthorizationException;
import org.apache.kafka.common.errors.InterruptException;
import org.apache.kafka.common.errors.InvalidProducerEpochException;
import org.apache.kafka.common.errors.OutOfOrderSequenceException;
import org.apache.kafka.common.errors.ProducerFencedException;
import org.apache.kafka.common.errors.UnsupportedVersionException;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Tails log files into a raw topic until stopped: {@code vigie ingest --follow}.
 *
 * <p><b>Exactly once.</b> Each pass reads what was appended to every file and sends, in one Kafka
 * transaction, the lines <em>and</em> each file's new position (path, identity, offset) to a compacted
 * positions topic. Both are committed or neither is: a crash or a kill between two commits leaves the
 * previous positions and no visible line (consumers read {@code read_committed}, as Kafka Streams with
 * exactly-once does), so a restart resumes exactly after the last line a consumer can see. The positions
 * are read back at start after {@code initTransactions}, which aborts a previous instance's open
 * transaction. The transactional id is {@code vigie-ingest-<name>}: a second follower started with the same
 * name fences the first, which stops with an error rather than sending lines twice. A local position
 * file was the alternative; it cannot be written atomically with the lines, which would leave an
 * at-least-once window after every batch.
 *
 * <p><b>Rotation.</b> A file is known by its file-system key (inode) and a checksum of its first bytes.
 * Rename-and-create: the old file stays open, is read to its end and closed once quiet for
 * {@link FollowSettings#rotatedQuiet()} (its unfinished last line is then sent as it is), while the new
 * one is read from 0. Copytruncate: a file shorter than its position, or whose first bytes changed, is
 * read again from 0. A file replaced while stopped (another key, or other first bytes: inodes are reused)
 * is read from 0; the file the saved position described is looked for in the same directory and read to
 * its end. A line is sent only once its newline is there.
 *
 * <p><b>Oversize lines</b> are sent cut to {@link FollowSettings#maxLineBytes()} (the rest skipped, even
 * across a restart) and counted: the engine files them in the DLQ as "line too long", so they stay visible.
 */
public final class Follower {

    private static final Logger LOG = LoggerFactory.getLogger(Follower.class);
    /** Bytes read from one file per pass, so that a transaction stays a few MiB. */
    private static final int READ_CHUNK = 4 * 1024 * 1024;

    private static final Duration RETRY_BACKOFF = Duration.ofSeconds(1);
    private static final Duration CLOSE_TIMEOUT = Duration.ofSeconds(30);

    private final FollowSettings settings;
    private final PositionStore positions;
    private final FollowProgress progress;
    private final CountDownLatch stopSignal = new CountDownLatch(1);
    private final CountDownLatch finished = new CountDownLatch(1);
    private final ByteBuffer buffer;
    private volatile boolean stopping;

    public Follower(final FollowSettings settings) {
        this.settings = settings;
        this.positions = new PositionStore(settings.positionsTopic());
        this.progress = new FollowProgress(settings);
        this.buffer = ByteBuffer.allocate(Math.max(READ_CHUNK, settings.maxLineBytes() + 2));
    }

    /** The transactional id of a follower name: one running follower per name. */
    public static String transactionalId(final String name) {
        return "vigie-ingest-" + name;
    }

    /**
     * Follows the files until {@link #stop()}. Returns once the pass in flight is committed and the
     * producer closed.
     *
     * @throws FencedException       when another follower of the same name started
     * @throws IllegalStateException when Kafka refuses the follower for good (authorisation)
     */
    public void run() throws IOException {
        final List<FollowedPath> paths = new ArrayList<>();
        try (KafkaProducer<String, byte[]> producer =
                new KafkaProducer<>(producerProperties(), new StringSerializer(), new ByteArraySerializer())) {
            producer.initTransactions();
            final Map<String, List<FilePosition>> saved = positions.load(settings.client(), settings.name());
            long backlog = 0;
            for (final Path path : settings.files()) {
                final FollowedPath followed =
                        FollowedPath.restore(path, saved.getOrDefault(path.toString(), List.of()));
                paths.add(followed);
                backlog += followed.backlog();
                if (!followed.exists()) {
                    progress.waiting(path);
                }
            }
            progress.start(backlog);
            while (!stopping) {
                final boolean sent = pass(producer, paths);
                progress.tick(paths);
                if (!sent) {
                    progress.idle(paths);
                    pause(settings.pollInterval());
                }
            }
            producer.close(CLOSE_TIMEOUT);
        } catch (final InterruptException e) {
            Thread.interrupted();
            LOG.info("Interrupted while starting: stopped");
        } finally {
            paths.forEach(FollowedPath::close);
            progress.stopped();
            finished.countDown();
        }
    }

    /** Asks {@link #run()} to return after the pass in flight; does not wait. */
    public void stop() {
        stopping = true;
        stopSignal.countDown();
    }

    /** Waits until {@link #run()} has returned (for a shutdown hook). */
    public boolean awaitFinished(final Duration timeout) throws InterruptedException {
        return finished.await(timeout.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** Lines sent (committed) so far. */
    public long sent() {
        return progress.total();
    }

    /** Oversize lines sent cut so far. */
    public long cut() {
        return progress.totalCut();
    }

    /**
     * One pass: whatever every file has past its position, in one transaction with the positions.
     *
     * @return whether anything was read (then there may be more: no pause)
     */
    private boolean pass(final KafkaProducer<String, byte[]> producer, final List<FollowedPath> paths)
            throws IOException {
        for (final FollowedPath p : paths) {
            p.refresh();
        }
        final List<Read> reads = new ArrayList<>();
        final Set<FollowedPath> forgetting = new HashSet<>();
        boolean open = false;
        try {
            for (final FollowedPath p : paths) {
                if (!p.forgotten().isEmpty()) {
                    open = begin(producer, open);
                    p.forgotten().forEach(key -> producer.send(positions.delete(key)));
                    forgetting.add(p);
                }
                for (final TailedFile file : p.files()) {
                    final boolean finishing = file.rotated()
                            && file.size() <= file.offset() + buffer.capacity()
                            && file.quietFor(settings.rotatedQuiet().toNanos());
                    final TailedFile.Batch batch = file.read(buffer, settings.maxLineBytes(), finishing);
                    if (batch.bytes() == 0 && !finishing) {
                        continue;
                    }
                    open = begin(producer, open);
                    final String key = settings.recordKey().apply(p.path());
                    for (final byte[] line : batch.lines()) {
                        producer.send(new ProducerRecord<>(settings.topic(), key, line));
                    }
                    final FilePosition position = file.pendingPosition(settings.name());
                    // A rotated file read to its end: its position is deleted, the file closed after the commit.
                    final boolean done = finishing && file.size() <= position.offset();
                    producer.send(done ? positions.delete(position.key()) : positions.save(position));
                    reads.add(new Read(p, file, batch, done));
                }
            }
            if (!open) {
                return false;
            }
            producer.commitTransaction();
        } catch (final InterruptException e) {
            // Interrupted mid-transaction: its outcome is for the next start's initTransactions to settle, and the
            // positions read then say which lines are in. Nothing more is sent from this instance.
            Thread.interrupted();
            reads.forEach(r -> r.file().rollback());
            stop();
            return false;
        } catch (final ProducerFencedException | InvalidProducerEpochException e) {
            throw new FencedException(
                    "another follower named '" + settings.name() + "' started (transactional id "
                            + transactionalId(settings.name()) + "); this one stops",
                    e);
        } catch (final OutOfOrderSequenceException
                | AuthorizationException
                | AuthenticationException
                | UnsupportedVersionException e) {
            throw new IllegalStateException("Kafka refused the follower: " + e.getMessage(), e);
        } catch (final KafkaException e) {
            if (fenced(e)) {
                throw new FencedException(
                        "another follower named '" + settings.name() + "' started; this one stops", e);
            }
            LOG.warn(
                    "Sending to {} failed, will read the lines again in {}: {}",
                    settings.topic(),
                    RETRY_BACKOFF,
                    e.getMessage());
            abort(producer, reads);
            return false;
        }
        for (final FollowedPath p : forgetting) {
            p.forgottenDeleted();
        }
        for (final Read r : reads) {
            r.file().commit();
            progress.sent(r.path().path(), r.batch());
            if (r.done()) {
                LOG.info(
                        "{}: the rotated file is read to its end ({} bytes); closed",
                        r.path().path(),
                        r.file().offset());
                r.path().finished(r.file());
            }
        }
        return true;
    }

    /** Whether a failure is, at any depth, the fencing by a newer producer with the same transactional id. */
    private static boolean fenced(final Throwable e) {
        for (Throwable t = e; t != null && t.getCause() != t; t = t.getCause()) {
            if (t instanceof ProducerFencedException || t instanceof InvalidProducerEpochException) {
                return true;
            }
        }
        return false;
    }

    private static boolean begin(final KafkaProducer<String, byte[]> producer, final boolean open) {
        if (!open) {
            producer.beginTransaction();
        }
        return true;
    }

    private void abort(final KafkaProducer<String, byte[]> producer, final List<Read> reads) {
        reads.forEach(r -> r.file().rollback());
        try {
            producer.abortTransaction();
        } catch (final ProducerFencedException | InvalidProducerEpochException e) {
            throw new FencedException("another follower named '" + settings.name() + "' started; this one stops", e);
        } catch (final KafkaException e) {
            throw new IllegalStateException("cannot abort the transaction after a failed send: " + e.getMessage(), e);
        }
        pause(RETRY_BACKOFF);
    }

    private void pause(final Duration duration) {
        try {
            stopSignal.await(duration.toMillis(), TimeUnit.MILLISECONDS);
        } catch (final InterruptedException e) {
            // An interrupt is a request to stop, as SIGTERM is: finish cleanly.
            stop();
        }
    }

    private Properties producerProperties() {
        final Properties p = new Properties();
        p.putAll(settings.client());
        p.put(ProducerConfig.TRANSACTIONAL_ID_CONFIG, transactionalId(settings.name()));
        p.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true");
        p.put(ProducerConfig.ACKS_CONFIG, "all");
        p.put(ProducerConfig.COMPRESSION_TYPE_CONFIG, "lz4");
        p.put(ProducerConfig.LINGER_MS_CONFIG, "5");
        p.put(ProducerConfig.BATCH_SIZE_CONFIG, Integer.toString(256 * 1024));
        p.put(ProducerConfig.MAX_REQUEST_SIZE_CONFIG, Integer.toString(settings.maxLineBytes() + 65_536));
        p.put(ProducerConfig.CLIENT_ID_CONFIG, "vigie-ingest-" + settings.name());
        return p;
    }

    /** Another follower with the same name took over: restarting this one would only fence that one in turn. */
    public static final class FencedException extends IllegalStateException {

        private static final long serialVersionUID = 1L;

        FencedException(final String message, final Throwable cause) {
            super(message, cause);
        }
    }

    private record Read(FollowedPath path, TailedFile file, TailedFile.Batch batch, boolean done) {}
}
