package io.vigie.app.broker;

import io.vigie.app.startup.StartupException;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.UnknownHostException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Stream;
import kafka.server.KafkaConfig;
import kafka.server.KafkaRaftServer;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.DescribeClusterOptions;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.utils.Time;
import org.apache.kafka.metadata.storage.Formatter;
import org.apache.kafka.raft.DynamicVoters;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A real single-node KRaft Kafka (broker and controller in one) running inside this JVM, for sites
 * that have no Kafka cluster. Its log directory lives under {@code <dataDir>/kafka}: it is formatted
 * once, as {@code kafka-storage format --standalone} would, and reused on every later start, so
 * topics, offsets and Streams changelogs survive restarts.
 *
 * <p>A port of 0 means "any free port": the port is picked just before the broker binds it (there is a
 * small window in which another process could take it). The controller port picked on the first start
 * is remembered in the data directory, because the standalone quorum records it in its voter set.
 */
public final class EmbeddedKafkaBroker implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(EmbeddedKafkaBroker.class);

    /** Node id of the only node. */
    public static final int NODE_ID = 1;

    private static final String BROKER_LISTENER = "PLAINTEXT";
    private static final String CONTROLLER_LISTENER = "CONTROLLER";
    private static final String CONTROLLER_HOST = "127.0.0.1";
    private static final String CONTROLLER_PORT_FILE = "vigie-controller.port";
    private static final String META_PROPERTIES = "meta.properties";
    private static final String LOCK_FILE = "kafka.lock";
    private static final Duration DEFAULT_READY_TIMEOUT = Duration.ofSeconds(60);

    private final Path dataDir;
    private final String listenerHost;
    private final int requestedListenerPort;
    private final int requestedControllerPort;
    /** How often logs are flushed and their recovery points saved: at most this much is re-read after a crash. */
    static final Duration FLUSH_INTERVAL = Duration.ofSeconds(5);

    private final Map<String, String> overrides;
    private final Duration readyTimeout;

    private KafkaRaftServer server;
    private FileChannel lockChannel;
    private FileLock lock;
    private int listenerPort;
    private int controllerPort;
    private Duration startupTime;
    private boolean closed;

    /**
     * @param dataDir         the broker keeps its log under {@code dataDir/kafka}
     * @param listenerHost    host of the PLAINTEXT client listener, e.g. {@code 127.0.0.1}
     * @param listenerPort    port of the client listener, 0 for any free port
     * @param controllerPort  port of the controller listener (always on 127.0.0.1), 0 for any free port
     */
    public EmbeddedKafkaBroker(
            final Path dataDir, final String listenerHost, final int listenerPort, final int controllerPort) {
        this(dataDir, listenerHost, listenerPort, controllerPort, Map.of(), DEFAULT_READY_TIMEOUT);
    }

    /**
     * @param overrides     extra broker properties, applied last (tests, tuning)
     * @param readyTimeout  how long {@link #start()} waits for the broker to answer
     */
    public EmbeddedKafkaBroker(
            final Path dataDir,
            final String listenerHost,
            final int listenerPort,
            final int controllerPort,
            final Map<String, String> overrides,
            final Duration readyTimeout) {
        if (listenerPort < 0 || listenerPort > 65_535) {
            throw new IllegalArgumentException("listener port out of range: " + listenerPort);
        }
        if (controllerPort < 0 || controllerPort > 65_535) {
            throw new IllegalArgumentException("controller port out of range: " + controllerPort);
        }
        this.dataDir = dataDir.toAbsolutePath().normalize();
        this.listenerHost = listenerHost;
        this.requestedListenerPort = listenerPort;
        this.requestedControllerPort = controllerPort;
        this.overrides = Map.copyOf(overrides);
        this.readyTimeout = readyTimeout;
    }

    /**
     * Formats the log directory if this is the first start, starts the broker and waits until it
     * answers a {@code describeCluster}.
     *
     * @return this broker
     * @throws IllegalStateException when the broker does not become ready within the timeout
     */
    public synchronized EmbeddedKafkaBroker start() {
        if (server != null) {
            throw new IllegalStateException("embedded broker already started");
        }
        if (closed) {
            throw new IllegalStateException("embedded broker already closed");
        }
        final long begin = System.nanoTime();
        final Path logDir = logDir();
        // What this start creates, removed again if it fails: a first start that fails leaves the data directory as
        // it found it, so the next one formats from scratch rather than on top of a half-written log directory.
        final boolean logDirExisted = Files.exists(logDir);
        final boolean lockExisted = Files.exists(dataDir.resolve(LOCK_FILE));
        final boolean portFileExisted = Files.exists(dataDir.resolve(CONTROLLER_PORT_FILE));
        try {
            Files.createDirectories(logDir);
        } catch (final IOException e) {
            throw new UncheckedIOException("cannot create the embedded broker log directory " + logDir, e);
        }
        try {
            lockDataDir();
            final boolean formatted = Files.exists(logDir.resolve(META_PROPERTIES));
            controllerPort = resolveControllerPort(formatted);
            listenerPort = requestedListenerPort == 0 ? freePort(listenerHost) : requestedListenerPort;
            // Before formatting: Kafka finds a taken port only once the controller runs, and says so three causes deep.
            checkCanListen(listenerHost, listenerPort, "kafka.embedded.listener");
            checkCanListen(CONTROLLER_HOST, controllerPort, "kafka.embedded.controller-port");
            final KafkaConfig kafkaConfig = new KafkaConfig(brokerProperties(logDir), false);
            if (!formatted) {
                format(logDir);
            }
            final KafkaRaftServer raftServer = new KafkaRaftServer(kafkaConfig, Time.SYSTEM);
            server = raftServer;
            startup(raftServer);
            awaitReady();
        } catch (final RuntimeException e) {
            shutdownQuietly();
            if (!logDirExisted) {
                deleteQuietly(logDir);
            }
            if (!portFileExisted) {
                deleteQuietly(dataDir.resolve(CONTROLLER_PORT_FILE));
            }
            if (!lockExisted && lock != null) {
                // Deleted while still held: another process that opened it meanwhile finds it locked.
                deleteQuietly(dataDir.resolve(LOCK_FILE));
            }
            unlockDataDir();
            throw e;
        }
        startupTime = Duration.ofNanos(System.nanoTime() - begin);
        LOG.info(
                "Embedded Kafka broker ready at {} (controller 127.0.0.1:{}, log dir {}) in {} ms",
                bootstrapServers(),
                controllerPort,
                logDir,
                startupTime.toMillis());
        return this;
    }

    /** The {@code bootstrap.servers} value for clients of this broker, with the actual port. */
    public synchronized String bootstrapServers() {
        if (server == null) {
            throw new IllegalStateException("embedded broker not started");
        }
        return advertisedHost() + ":" + listenerPort;
    }

    /** The actual controller port, once started. */
    public synchronized int controllerPort() {
        return controllerPort;
    }

    /** Where the broker keeps its log: {@code <dataDir>/kafka}. */
    public Path logDir() {
        return dataDir.resolve("kafka");
    }

    /** How long the last {@link #start()} took, formatting included. */
    public synchronized Duration startupTime() {
        return startupTime;
    }

    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        if (server != null) {
            final long begin = System.nanoTime();
            shutdownQuietly();
            LOG.info(
                    "Embedded Kafka broker stopped in {} ms", TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - begin));
        }
        unlockDataDir();
    }

    /**
     * @throws StartupException naming the address and the key that sets it when something already listens there
     */
    private static void checkCanListen(final String host, final int port, final String key) {
        final String address = host.isEmpty() ? "0.0.0.0" : host;
        try (ServerSocket socket = new ServerSocket()) {
            // As Kafka binds: with SO_REUSEADDR, so that connections of a previous run in TIME_WAIT do not count.
            socket.setReuseAddress(true);
            socket.bind(new InetSocketAddress(address, port));
        } catch (final IOException e) {
            throw new StartupException(
                    "the embedded Kafka broker cannot listen on " + address + ":" + port + " ("
                            + e.getMessage() + "): is another Kafka or `vigie run` using it? Stop it, or set " + key
                            + " to a free port",
                    e);
        }
    }

    /** Removes a file or a directory tree, logging what could not be removed. */
    private static void deleteQuietly(final Path path) {
        if (!Files.exists(path)) {
            return;
        }
        try (Stream<Path> tree = Files.walk(path)) {
            for (final Path p : tree.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        } catch (final IOException | UncheckedIOException e) {
            LOG.warn("Cannot remove {} after the failed start: {}", path, e.toString());
        }
    }

    private void startup(final KafkaRaftServer raftServer) {
        try {
            raftServer.startup();
        } catch (final RuntimeException e) {
            // Kafka reports a busy port as a bare RuntimeException three causes deep.
            throw new IllegalStateException(
                    "embedded Kafka broker failed to start (listener " + listenerHost + ":" + listenerPort
                            + ", controller " + CONTROLLER_HOST + ":" + controllerPort + ")",
                    e);
        }
    }

    /**
     * Kafka locks its log directory only once the broker part starts, after the controller has already
     * opened the metadata log: a second process on the same data directory would corrupt it (and the
     * first one halts). So the whole directory is locked before anything starts.
     */
    private void lockDataDir() {
        final Path lockPath = dataDir.resolve(LOCK_FILE);
        try {
            lockChannel = FileChannel.open(lockPath, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
            lock = lockChannel.tryLock();
        } catch (final OverlappingFileLockException e) {
            lock = null;
        } catch (final IOException e) {
            unlockDataDir();
            throw new UncheckedIOException("cannot lock " + lockPath, e);
        }
        if (lock == null) {
            unlockDataDir();
            throw new StartupException("the embedded broker data in " + dataDir + " is in use by another "
                    + "process (is `vigie run` already running? Point this command at its broker with "
                    + "--bootstrap-servers, or use another data-dir)");
        }
    }

    private void unlockDataDir() {
        try {
            if (lock != null) {
                lock.release();
            }
            if (lockChannel != null) {
                lockChannel.close();
            }
        } catch (final IOException e) {
            LOG.warn("Cannot release the lock on {}", dataDir.resolve(LOCK_FILE), e);
        }
        lock = null;
        lockChannel = null;
    }

    private void shutdownQuietly() {
        final KafkaRaftServer s = server;
        server = null;
        if (s == null) {
            return;
        }
        try {
            s.shutdown();
            s.awaitShutdown();
        } catch (final RuntimeException e) {
            LOG.warn("Embedded Kafka broker did not shut down cleanly", e);
        }
    }

    private Properties brokerProperties(final Path logDir) {
        final Map<String, String> p = new HashMap<>();
        p.put("process.roles", "broker,controller");
        p.put("node.id", Integer.toString(NODE_ID));
        p.put("controller.listener.names", CONTROLLER_LISTENER);
        p.put("controller.quorum.bootstrap.servers", CONTROLLER_HOST + ":" + controllerPort);
        p.put(
                "listeners",
                BROKER_LISTENER + "://" + listenerHost + ":" + listenerPort + "," + CONTROLLER_LISTENER + "://"
                        + CONTROLLER_HOST + ":" + controllerPort);
        p.put("advertised.listeners", BROKER_LISTENER + "://" + advertisedHost() + ":" + listenerPort);
        p.put("listener.security.protocol.map", BROKER_LISTENER + ":PLAINTEXT," + CONTROLLER_LISTENER + ":PLAINTEXT");
        p.put("inter.broker.listener.name", BROKER_LISTENER);
        p.put("log.dirs", logDir.toString());
        // One node: every internal topic has one replica, and nothing waits for more members.
        p.put("offsets.topic.replication.factor", "1");
        p.put("transaction.state.log.replication.factor", "1");
        p.put("transaction.state.log.min.isr", "1");
        p.put("share.coordinator.state.topic.replication.factor", "1");
        p.put("share.coordinator.state.topic.min.isr", "1");
        p.put("group.initial.rebalance.delay.ms", "0");
        p.put("group.streams.initial.rebalance.delay.ms", "0");
        // Fewer coordinator partitions than the 50 defaults: a single node loads them faster and there
        // is one application group, not hundreds.
        p.put("offsets.topic.num.partitions", "5");
        p.put("transaction.state.log.num.partitions", "5");
        p.put("share.coordinator.state.topic.num.partitions", "1");
        // Topics are provisioned explicitly with their retention; a typo must not create a topic.
        p.put("auto.create.topics.enable", "false");
        // The default 128 MiB compaction buffer is sized for big brokers and would come out of our heap.
        p.put("log.cleaner.dedupe.buffer.size", Integer.toString(16 * 1024 * 1024));
        // A postqueue snapshot is one record and can be a few MiB.
        p.put("message.max.bytes", Integer.toString(16 * 1024 * 1024));
        // After a crash (SIGKILL, power cut) the broker re-reads and checks every record written since the last
        // recovery point, and that point only moves when a log is flushed: by default when a segment rolls, at 1 GiB,
        // so a day of a hospital (400 MiB) was re-read whole, most of a restart. Flushing every few seconds keeps
        // what is re-read to those seconds, and puts the records on disk: one node has no replica to recover from.
        p.put("log.flush.interval.ms", Long.toString(FLUSH_INTERVAL.toMillis()));
        p.put("log.flush.scheduler.interval.ms", Long.toString(FLUSH_INTERVAL.toMillis()));
        p.put("log.flush.offset.checkpoint.interval.ms", Long.toString(FLUSH_INTERVAL.toMillis()));
        p.put("log.flush.start.offset.checkpoint.interval.ms", Long.toString(FLUSH_INTERVAL.toMillis()));
        // A node killed without a controlled shutdown is still registered when it comes back: its controller refuses
        // the new registration until the old one's session has expired (9 s by default), and nothing is served until
        // then. Broker and controller share this JVM, so a short session costs no network; 4 s still rides out a GC
        // pause or a starved CPU of a few seconds.
        p.put("broker.heartbeat.interval.ms", "1000");
        p.put("broker.session.timeout.ms", "4000");
        p.putAll(overrides);
        final Properties props = new Properties();
        props.putAll(p);
        return props;
    }

    private void format(final Path logDir) {
        final ByteArrayOutputStream out = new ByteArrayOutputStream();
        final String clusterId = Uuid.randomUuid().toString();
        try (PrintStream print = new PrintStream(out, true, StandardCharsets.UTF_8)) {
            // What `kafka-storage format --standalone` does for a combined node: a dynamic quorum whose only
            // voter is this node, and a bootstrap snapshot written because it is a controller.
            new Formatter()
                    .setPrintStream(print)
                    .setNodeId(NODE_ID)
                    .setClusterId(clusterId)
                    .setWriteBootstrapSnapshot(true)
                    .setUnstableFeatureVersionsEnabled(false)
                    .setIgnoreFormatted(false)
                    .setControllerListenerName(CONTROLLER_LISTENER)
                    .setMetadataLogDirectory(logDir.toString())
                    .setHasDynamicQuorum(true)
                    .setInitialControllers(DynamicVoters.parse(
                            NODE_ID + "@" + CONTROLLER_HOST + ":" + controllerPort + ":" + Uuid.randomUuid()))
                    .addDirectory(logDir.toString())
                    .run();
            Files.writeString(
                    logDir.getParent().resolve(CONTROLLER_PORT_FILE),
                    Integer.toString(controllerPort),
                    StandardCharsets.UTF_8);
        } catch (final IOException e) {
            throw new UncheckedIOException("cannot format the embedded broker log directory " + logDir, e);
        } catch (final Exception e) {
            throw new IllegalStateException(
                    "cannot format the embedded broker log directory " + logDir + ": " + e.getMessage(), e);
        }
        LOG.info("Formatted embedded Kafka log directory {} (cluster id {})", logDir, clusterId);
        LOG.debug(
                "Storage formatter output: {}",
                out.toString(StandardCharsets.UTF_8).strip());
    }

    private int resolveControllerPort(final boolean formatted) {
        if (requestedControllerPort != 0) {
            return requestedControllerPort;
        }
        final Path portFile = dataDir.resolve(CONTROLLER_PORT_FILE);
        if (formatted && Files.exists(portFile)) {
            try {
                return Integer.parseInt(
                        Files.readString(portFile, StandardCharsets.UTF_8).strip());
            } catch (final IOException | NumberFormatException e) {
                LOG.warn("Cannot read the remembered controller port from {}, picking a new one", portFile);
            }
        }
        return freePort(CONTROLLER_HOST);
    }

    private void awaitReady() {
        final Map<String, Object> props = Map.of(
                AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers(),
                AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 5_000,
                AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 5_000);
        final long deadline = System.nanoTime() + readyTimeout.toNanos();
        Exception last = null;
        try (Admin admin = Admin.create(props)) {
            while (System.nanoTime() < deadline) {
                try {
                    final int nodes = admin.describeCluster(new DescribeClusterOptions().timeoutMs(5_000))
                            .nodes()
                            .get(5, TimeUnit.SECONDS)
                            .size();
                    if (nodes > 0) {
                        return;
                    }
                } catch (final ExecutionException | TimeoutException e) {
                    last = e;
                } catch (final InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IllegalStateException("interrupted while waiting for the embedded broker", e);
                }
            }
        }
        throw new StartupException(
                "embedded Kafka broker at " + bootstrapServers() + " did not answer within " + readyTimeout.toSeconds()
                        + " s" + (last == null ? "" : ": " + last.getMessage()),
                last);
    }

    private String advertisedHost() {
        if (listenerHost.isEmpty() || "0.0.0.0".equals(listenerHost) || "::".equals(listenerHost)) {
            try {
                return InetAddress.getLocalHost().getCanonicalHostName();
            } catch (final UnknownHostException e) {
                return "localhost";
            }
        }
        return listenerHost;
    }

    private static int freePort(final String host) {
        try (ServerSocket socket = new ServerSocket()) {
            socket.setReuseAddress(true);
            socket.bind(new InetSocketAddress(host.isEmpty() ? "0.0.0.0" : host, 0));
            return socket.getLocalPort();
        } catch (final IOException e) {
            throw new UncheckedIOException("cannot find a free port on " + host, e);
        }
    }
}
