package io.vigie.app.engine;

import io.micrometer.core.instrument.binder.jvm.ClassLoaderMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmGcMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.kafka.KafkaStreamsMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.core.instrument.binder.system.UptimeMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.vigie.app.broker.ClusterConnection;
import io.vigie.app.broker.EmbeddedKafkaBroker;
import io.vigie.app.broker.TopicProvisioner;
import io.vigie.app.cluster.InstanceIdentity;
import io.vigie.app.config.VigieConfig;
import io.vigie.app.http.HttpApiServer;
import io.vigie.app.metrics.StateRestoreProgress;
import io.vigie.app.metrics.StateStoreTags;
import io.vigie.app.metrics.VigieStreamsMetrics;
import io.vigie.app.startup.StartupException;
import io.vigie.app.tls.ServerTls;
import io.vigie.rules.DetectorTopology;
import io.vigie.rules.config.RulesConfig;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.function.Consumer;
import java.util.function.Function;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.streams.CloseOptions;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.errors.StreamsUncaughtExceptionHandler.StreamThreadExceptionResponse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The running detection engine: the embedded broker when no cluster is configured, the topics, the
 * Kafka Streams client running {@link DetectorTopology}, its metrics and the HTTP endpoint.
 *
 * <p>Other parts extend it before {@link #start()}: register routes on {@link #http()}, meters on
 * {@link #meterRegistry()}, or a {@link #beforeStart} hook that runs once the Streams client exists
 * but before it starts (to add a state listener or routes that query its stores).
 */
public final class Engine implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(Engine.class);

    /** How long {@link #close()} lets Kafka Streams commit and leave the group. */
    public static final Duration STREAMS_CLOSE_TIMEOUT = Duration.ofSeconds(30);

    private final VigieConfig config;
    private final Function<RulesConfig, Topology> topologyFactory;
    private final PrometheusMeterRegistry meterRegistry;
    private final HttpApiServer http;
    private final List<Consumer<Engine>> beforeStartHooks = new ArrayList<>();
    private final List<AutoCloseable> meterBinders = new ArrayList<>();
    private final List<AutoCloseable> closeFirst = new ArrayList<>();
    private final List<KafkaStreams.StateListener> stateListeners = new CopyOnWriteArrayList<>();
    private final CountDownLatch terminated = new CountDownLatch(1);

    private volatile KafkaStreams streams;
    private volatile boolean failed;
    private EmbeddedKafkaBroker broker;
    private String bootstrapServers;
    private boolean started;
    private boolean closed;

    /** The engine running the detection topology. */
    public Engine(final VigieConfig config) {
        this(config, DetectorTopology::build);
    }

    /** The engine running another topology (tests, the {@code analyze} command). */
    public Engine(final VigieConfig config, final Function<RulesConfig, Topology> topologyFactory) {
        this.config = config;
        this.topologyFactory = topologyFactory;
        this.meterRegistry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        meterRegistry.config().commonTags("application", config.applicationId()).meterFilter(new StateStoreTags());
        this.http = new HttpApiServer(
                config.http().bind(),
                config.http().port(),
                config.http().readToken(),
                config.http().tls()
                        ? ServerTls.context(
                                config.http().tlsCertificate(), config.http().tlsPrivateKey())
                        : null,
                meterRegistry,
                () -> {
                    final KafkaStreams s = streams;
                    return s == null ? null : s.state();
                });
    }

    /**
     * Closes {@code resource} (a gauge refresher, a poller) when the engine stops: after HTTP, before
     * Kafka Streams, in reverse order of registration.
     */
    public synchronized Engine onClose(final AutoCloseable resource) {
        if (closed) {
            throw new IllegalStateException("engine already closed");
        }
        closeFirst.add(0, resource);
        return this;
    }

    /** Runs {@code hook} during {@link #start()}, after the Streams client is built and before it starts. */
    public synchronized Engine beforeStart(final Consumer<Engine> hook) {
        if (started) {
            throw new IllegalStateException("engine already started");
        }
        beforeStartHooks.add(hook);
        return this;
    }

    /**
     * Adds a listener of Kafka Streams state changes. Kafka Streams takes a single listener, which the
     * engine owns; this fans its events out. Listeners run on Streams threads: keep them short.
     */
    public Engine addStateListener(final KafkaStreams.StateListener listener) {
        stateListeners.add(listener);
        return this;
    }

    /**
     * Starts everything and returns once Kafka Streams is starting (not necessarily RUNNING: see
     * {@code /health}). On failure, whatever was started is stopped again, and what this start created in the data
     * directory before anything ran is removed.
     *
     * @throws StartupException when the data directory cannot be used, the cluster cannot be reached within
     *                          {@code kafka.startup-timeout} or the embedded broker's port is taken
     */
    public synchronized Engine start() {
        if (started || closed) {
            throw new IllegalStateException("engine already started or closed");
        }
        started = true;
        LOG.info("Vigie starting with {}", config.describeForLog());
        final DataDirectory data;
        try {
            data = DataDirectory.prepare(config.dataDir(), config.dataDirMinFreeBytes());
        } catch (final RuntimeException e) {
            close();
            throw e;
        }
        final boolean stateDirExisted = Files.isDirectory(config.stateDir());
        try {
            final Duration startupTimeout = config.kafka().startupTimeout();
            if (config.kafka().embedded()) {
                broker = new EmbeddedKafkaBroker(
                                config.dataDir(),
                                config.kafka().embeddedListener(),
                                config.kafka().embeddedPort(),
                                config.kafka().controllerPort(),
                                Map.of(),
                                startupTimeout)
                        .start();
                bootstrapServers = broker.bootstrapServers();
            } else {
                bootstrapServers = config.kafka().bootstrapServers();
            }
            final Admin admin =
                    ClusterConnection.open(config.clientProperties(bootstrapServers), bootstrapServers, startupTimeout);
            try (admin) {
                final TopicProvisioner.Outcome outcome =
                        new TopicProvisioner(admin).provision(TopicProvisioner.specsFor(config));
                LOG.info(
                        "Topics ready on {}: {} created, {} already there",
                        bootstrapServers,
                        outcome.created().size(),
                        outcome.existing().size());
            }
            Files.createDirectories(config.stateDir());
            final Topology topology = topologyFactory.apply(config.toRulesConfig());
            final Properties streamsProperties = config.streamsProperties(bootstrapServers);
            // Static membership: after a crash the restarted process takes its own place in the group at once,
            // instead of waiting out the dead member's session timeout (InstanceIdentity says why).
            streamsProperties.put(
                    StreamsConfig.mainConsumerPrefix(ConsumerConfig.GROUP_INSTANCE_ID_CONFIG),
                    InstanceIdentity.of(config.dataDir(), config.applicationId()));
            final KafkaStreams s = new KafkaStreams(topology, streamsProperties);
            s.setUncaughtExceptionHandler(e -> {
                LOG.error("Kafka Streams thread died; shutting the client down", e);
                return StreamThreadExceptionResponse.SHUTDOWN_CLIENT;
            });
            s.setStateListener(this::onStateChange);
            s.setGlobalStateRestoreListener(new StateRestoreProgress(meterRegistry));
            streams = s;
            bindMetrics(s);
            for (final Consumer<Engine> hook : beforeStartHooks) {
                hook.accept(this);
            }
            http.start();
            s.start();
            return this;
        } catch (final IOException e) {
            close();
            removeCreated(stateDirExisted, data);
            throw new UncheckedIOException("cannot create " + config.stateDir(), e);
        } catch (final RuntimeException e) {
            close();
            removeCreated(stateDirExisted, data);
            throw e;
        }
    }

    /** After a failed start: the directories it created, if nothing was left in them. */
    private void removeCreated(final boolean stateDirExisted, final DataDirectory data) {
        if (!stateDirExisted) {
            try {
                Files.deleteIfExists(config.stateDir());
            } catch (final IOException e) {
                LOG.debug("Left {} in place: {}", config.stateDir(), e.toString());
            }
        }
        data.removeCreatedIfEmpty();
    }

    private void onStateChange(final KafkaStreams.State newState, final KafkaStreams.State oldState) {
        LOG.info("Kafka Streams {} -> {}", oldState, newState);
        for (final KafkaStreams.StateListener listener : stateListeners) {
            try {
                listener.onChange(newState, oldState);
            } catch (final RuntimeException e) {
                LOG.warn("A Kafka Streams state listener failed", e);
            }
        }
        if (newState == KafkaStreams.State.ERROR) {
            failed = true;
            terminated.countDown();
        } else if (newState == KafkaStreams.State.NOT_RUNNING) {
            terminated.countDown();
        }
    }

    private void bindMetrics(final KafkaStreams s) {
        final KafkaStreamsMetrics streamsMetrics = new KafkaStreamsMetrics(s);
        streamsMetrics.bindTo(meterRegistry);
        meterBinders.add(streamsMetrics);
        meterBinders.add(new VigieStreamsMetrics(s, meterRegistry).start(10));
        final JvmGcMetrics gc = new JvmGcMetrics();
        gc.bindTo(meterRegistry);
        meterBinders.add(gc);
        new JvmMemoryMetrics().bindTo(meterRegistry);
        new JvmThreadMetrics().bindTo(meterRegistry);
        new ClassLoaderMetrics().bindTo(meterRegistry);
        new ProcessorMetrics().bindTo(meterRegistry);
        new UptimeMetrics().bindTo(meterRegistry);
    }

    /**
     * Blocks until Kafka Streams stops, by itself or through {@link #close()}.
     *
     * @return 0 when it stopped normally, 1 when it died
     */
    public int awaitTermination() throws InterruptedException {
        terminated.await();
        return failed ? 1 : 0;
    }

    /** Whether Kafka Streams went to ERROR. */
    public boolean failed() {
        return failed;
    }

    public VigieConfig config() {
        return config;
    }

    /** The Streams client, once {@link #start()} has built it. */
    public KafkaStreams streams() {
        final KafkaStreams s = streams;
        if (s == null) {
            throw new IllegalStateException("engine not started");
        }
        return s;
    }

    /** The HTTP server: routes can be added before or after start. */
    public HttpApiServer http() {
        return http;
    }

    public PrometheusMeterRegistry meterRegistry() {
        return meterRegistry;
    }

    /** The cluster in use: the configured one, or the embedded broker's actual address. */
    public synchronized String bootstrapServers() {
        if (bootstrapServers == null) {
            throw new IllegalStateException("engine not started");
        }
        return bootstrapServers;
    }

    /** The embedded broker, when this engine started one. */
    public synchronized Optional<EmbeddedKafkaBroker> embeddedBroker() {
        return Optional.ofNullable(broker);
    }

    /**
     * Stops HTTP, the {@link #onClose} resources, Kafka Streams (bounded wait), then the embedded broker.
     * Idempotent.
     */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        LOG.info("Vigie stopping");
        http.close();
        for (final AutoCloseable resource : closeFirst) {
            closeQuietly(resource);
        }
        final KafkaStreams s = streams;
        // Leave the group, static member as it is: its partitions go to the other instances at once, instead of
        // waiting out its session timeout (45 s) in case it comes back.
        if (s != null
                && !s.close(CloseOptions.timeout(STREAMS_CLOSE_TIMEOUT)
                        .withGroupMembershipOperation(CloseOptions.GroupMembershipOperation.LEAVE_GROUP))) {
            LOG.warn("Kafka Streams did not stop within {} s", STREAMS_CLOSE_TIMEOUT.toSeconds());
        }
        for (final AutoCloseable binder : meterBinders) {
            closeQuietly(binder);
        }
        if (broker != null) {
            broker.close();
        }
        meterRegistry.close();
        terminated.countDown();
        LOG.info("Vigie stopped");
    }

    private static void closeQuietly(final AutoCloseable resource) {
        try {
            resource.close();
        } catch (final Exception e) {
            LOG.warn("Closing {} failed", resource, e);
        }
    }
}
