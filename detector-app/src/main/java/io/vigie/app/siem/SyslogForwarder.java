package io.vigie.app.siem;

import io.micrometer.core.instrument.MeterRegistry;
import io.vigie.app.tls.TrustStores;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.SSLSocketFactory;
import org.apache.kafka.clients.consumer.CommitFailedException;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.IsolationLevel;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.RebalanceInProgressException;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Forwards every alert of the {@code alerts} topic to a SIEM's syslog receiver, as RFC 5424 messages with
 * octet-counting framing over TCP or TLS ({@link SyslogFormat}).
 *
 * <p>Delivery is at least once. The forwarder has its own consumer group ({@code <application-id>-syslog}),
 * reads committed alerts only and commits a batch's offsets only once the whole batch was written and
 * flushed to the socket. On a connection or write error it reconnects and writes the whole batch again,
 * after a capped exponential backoff, for as long as it takes: nothing is skipped. After a restart it resumes
 * from the committed offset, so at most the last uncommitted batch is sent twice; the alert's
 * {@code event.id} is deterministic, so the SIEM can deduplicate.
 *
 * <p>Syslog over TCP has no application acknowledgement: "flushed" means handed to the kernel. Before each
 * batch the forwarder checks that the receiver has not closed the connection (a receiver never sends data,
 * so end of stream means it went away) and reconnects if it has; a receiver that dies while a batch is in
 * flight can still lose that batch. Only RELP would close that window.
 */
public final class SyslogForwarder implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(SyslogForwarder.class);

    /** First retry after a failure. */
    static final Duration FIRST_RETRY = Duration.ofSeconds(1);
    /** Longest wait between two attempts. */
    static final Duration MAX_RETRY = Duration.ofMinutes(1);

    private static final Duration POLL = Duration.ofMillis(500);
    private static final Duration GRACEFUL_CLOSE = Duration.ofSeconds(5);
    private static final Duration CLOSE_TIMEOUT = Duration.ofSeconds(30);
    private static final int CONNECT_TIMEOUT_MILLIS = 10_000;

    private final SyslogSettings settings;
    private final String topic;
    private final Properties consumerProperties;
    private final SyslogFormat format;
    private final SyslogMetrics metrics;
    private final Clock clock;
    private final Duration firstRetry;
    private final Duration maxRetry;
    private final SSLSocketFactory tls;

    private volatile Socket socket;
    private volatile boolean closed;
    private volatile KafkaConsumer<byte[], byte[]> consumer;
    private Thread worker;

    /**
     * @param clientProperties Kafka client properties, bootstrap servers included
     * @param groupId          the forwarder's own consumer group
     * @param topic            the alerts topic
     * @throws IllegalArgumentException when the settings are disabled or the trust store cannot be read
     */
    public SyslogForwarder(
            final SyslogSettings settings,
            final Properties clientProperties,
            final String groupId,
            final String topic,
            final MeterRegistry registry,
            final Clock clock) {
        this(settings, clientProperties, groupId, topic, registry, clock, FIRST_RETRY, MAX_RETRY);
    }

    SyslogForwarder(
            final SyslogSettings settings,
            final Properties clientProperties,
            final String groupId,
            final String topic,
            final MeterRegistry registry,
            final Clock clock,
            final Duration firstRetry,
            final Duration maxRetry) {
        if (!settings.enabled()) {
            throw new IllegalArgumentException("siem.syslog is disabled: no forwarder should be created");
        }
        this.settings = settings;
        this.topic = topic;
        this.clock = clock;
        this.firstRetry = firstRetry;
        this.maxRetry = maxRetry;
        this.format = new SyslogFormat(settings.facility(), localHostName(), settings.appName());
        this.metrics = new SyslogMetrics(registry);
        this.tls = settings.protocol() == SyslogSettings.Protocol.TLS ? socketFactory(settings) : null;
        final Properties p = new Properties();
        p.putAll(clientProperties);
        p.put(ConsumerConfig.GROUP_ID_CONFIG, groupId);
        p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        p.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, IsolationLevel.READ_COMMITTED.toString());
        // A new group starts at the oldest alert kept: nothing is lost, the SIEM deduplicates by event.id.
        p.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        p.put(ConsumerConfig.CLIENT_ID_CONFIG, groupId);
        this.consumerProperties = p;
    }

    /** Starts forwarding on one daemon thread. */
    public synchronized SyslogForwarder start() {
        if (worker != null || closed) {
            throw new IllegalStateException("syslog forwarder already started or closed");
        }
        consumer = new KafkaConsumer<>(consumerProperties, new ByteArrayDeserializer(), new ByteArrayDeserializer());
        worker = new Thread(this::run, "vigie-siem-syslog");
        worker.setDaemon(true);
        LOG.info(
                "Forwarding alerts from {} to syslog {} (consumer group {})",
                topic,
                settings.describeServer(),
                consumerProperties.get(ConsumerConfig.GROUP_ID_CONFIG));
        worker.start();
        return this;
    }

    private void run() {
        final KafkaConsumer<byte[], byte[]> c = consumer;
        try (c) {
            c.subscribe(List.of(topic));
            while (!closed) {
                final ConsumerRecords<byte[], byte[]> records = c.poll(POLL);
                if (!records.isEmpty()) {
                    deliver(c, records);
                }
            }
        } catch (final WakeupException e) {
            // close() gave up waiting: the batch in hand, if any, was not committed and will be sent again.
        } catch (final RuntimeException e) {
            LOG.error(
                    "Syslog forwarder to {} stopped unexpectedly; alerts are no longer forwarded",
                    settings.describeServer(),
                    e);
        } finally {
            closeSocket();
        }
    }

    private void deliver(final KafkaConsumer<byte[], byte[]> c, final ConsumerRecords<byte[], byte[]> records) {
        final List<byte[]> frames = new ArrayList<>(records.count());
        final Map<TopicPartition, OffsetAndMetadata> offsets = new HashMap<>();
        for (final ConsumerRecord<byte[], byte[]> r : records) {
            frames.add(format.frame(r.value(), r.timestamp()));
            offsets.put(new TopicPartition(r.topic(), r.partition()), new OffsetAndMetadata(r.offset() + 1));
        }
        int failures = 0;
        while (true) {
            if (closed) {
                return;
            }
            try {
                write(frames);
                break;
            } catch (final IOException e) {
                metrics.error();
                failures++;
                closeSocket();
                final Duration delay = backoff(failures);
                if (!closed) {
                    LOG.warn(
                            "Cannot send {} alert(s) to syslog {}: {} (attempt {} in a row, next in {} ms)",
                            frames.size(),
                            settings.describeServer(),
                            e.getMessage(),
                            failures,
                            delay.toMillis());
                }
                waitKeepingMembership(c, delay);
            }
        }
        metrics.sent(frames.size());
        try {
            c.commitSync(offsets);
            metrics.success(clock.instant());
        } catch (final CommitFailedException | RebalanceInProgressException e) {
            // The partitions moved: their new owner starts from the last commit and sends this batch again.
            LOG.warn(
                    "Could not commit {} alert(s) sent to syslog (they may be sent again): {}",
                    frames.size(),
                    e.getMessage());
        }
        if (failures > 0) {
            LOG.info("Syslog {} reachable again after {} failed attempt(s)", settings.describeServer(), failures);
        }
    }

    /** Waits without reading new records, but keeps polling so that the group does not evict the consumer. */
    private void waitKeepingMembership(final KafkaConsumer<byte[], byte[]> c, final Duration delay) {
        final long deadline = System.nanoTime() + delay.toNanos();
        c.pause(c.assignment());
        try {
            while (!closed && deadline - System.nanoTime() > 0) {
                final long left = deadline - System.nanoTime();
                final ConsumerRecords<byte[], byte[]> unexpected =
                        c.poll(Duration.ofNanos(Math.min(left, POLL.toNanos())));
                // A rebalance gave partitions back unpaused: rewind them so that these records come again later.
                for (final TopicPartition tp : unexpected.partitions()) {
                    c.seek(tp, unexpected.records(tp).get(0).offset());
                }
                c.pause(c.assignment());
            }
        } finally {
            c.resume(c.paused());
        }
    }

    Duration backoff(final int consecutiveFailures) {
        // 2^20 × the first retry is far past any cap: stop doubling there so the multiplication cannot overflow.
        final Duration delay = firstRetry.multipliedBy(1L << Math.min(Math.max(consecutiveFailures - 1, 0), 20));
        return delay.compareTo(maxRetry) > 0 ? maxRetry : delay;
    }

    private void write(final List<byte[]> frames) throws IOException {
        final Socket current = socket;
        final Socket open;
        if (current != null && !peerClosed(current)) {
            open = current;
        } else {
            if (current != null) {
                LOG.info("Syslog {} closed the connection; reconnecting", settings.describeServer());
                closeSocket();
            }
            open = connect();
            socket = open;
        }
        final OutputStream out = open.getOutputStream();
        for (final byte[] frame : frames) {
            out.write(frame);
        }
        out.flush();
    }

    /** A syslog receiver never writes: data means nothing, end of stream means it closed the connection. */
    private static boolean peerClosed(final Socket s) {
        try {
            s.setSoTimeout(1);
            return s.getInputStream().read() == -1;
        } catch (final SocketTimeoutException e) {
            return false;
        } catch (final IOException e) {
            return true;
        }
    }

    private Socket connect() throws IOException {
        final InetSocketAddress address = new InetSocketAddress(settings.host(), settings.port());
        if (tls == null) {
            final Socket s = new Socket();
            try {
                s.connect(address, CONNECT_TIMEOUT_MILLIS);
                s.setKeepAlive(true);
            } catch (final IOException e) {
                s.close();
                throw e;
            }
            LOG.info("Connected to syslog {}", settings.describeServer());
            return s;
        }
        final SSLSocket s = (SSLSocket) tls.createSocket();
        try {
            s.connect(address, CONNECT_TIMEOUT_MILLIS);
            s.setKeepAlive(true);
            final SSLParameters parameters = s.getSSLParameters();
            // RFC 5425 section 5.2: the receiver's certificate must name the host we connect to.
            parameters.setEndpointIdentificationAlgorithm("HTTPS");
            s.setSSLParameters(parameters);
            s.setSoTimeout(CONNECT_TIMEOUT_MILLIS);
            s.startHandshake();
        } catch (final IOException e) {
            s.close();
            throw e;
        }
        LOG.info(
                "Connected to syslog {} ({})",
                settings.describeServer(),
                s.getSession().getProtocol());
        return s;
    }

    private void closeSocket() {
        final Socket s = socket;
        socket = null;
        if (s != null) {
            try {
                s.close();
            } catch (final IOException e) {
                LOG.debug("Closing the connection to syslog {} failed: {}", settings.describeServer(), e.getMessage());
            }
        }
    }

    private static SSLSocketFactory socketFactory(final SyslogSettings settings) {
        if (settings.trustStore() == null) {
            return (SSLSocketFactory) SSLSocketFactory.getDefault();
        }
        return TrustStores.socketFactory(
                settings.trustStore(), settings.trustStorePassword(), "siem.syslog trust store");
    }

    private static String localHostName() {
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (final UnknownHostException e) {
            return "-";
        }
    }

    /**
     * Stops forwarding: the batch in hand is finished and committed if that takes less than 5 s; otherwise the
     * connection is cut and the batch is sent again after the next start.
     */
    @Override
    public void close() {
        closed = true;
        final Thread w;
        synchronized (this) {
            w = worker;
        }
        if (w == null) {
            return;
        }
        try {
            w.join(GRACEFUL_CLOSE.toMillis());
            if (w.isAlive()) {
                closeSocket();
                consumer.wakeup();
                w.join(CLOSE_TIMEOUT.toMillis());
                if (w.isAlive()) {
                    LOG.warn("Syslog forwarder still running after {} s", CLOSE_TIMEOUT.toSeconds());
                }
            }
        } catch (final InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
