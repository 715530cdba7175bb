package io.vigie.app.cli;

import io.vigie.app.broker.EmbeddedKafkaBroker;
import io.vigie.app.config.VigieConfig;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The cluster a one-shot command ({@code topics}, {@code ingest}) talks to: the one given on the
 * command line, else the configured one, else the embedded broker. In embedded mode, a broker already
 * listening at the configured address (a running {@code vigie run}) is used; otherwise one is started
 * on the data directory for the duration of the command, so what it writes is there at the next run.
 */
final class KafkaTarget implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(KafkaTarget.class);
    private static final int PROBE_TIMEOUT_MS = 1_000;

    private final String bootstrapServers;
    private final EmbeddedKafkaBroker broker;

    private KafkaTarget(final String bootstrapServers, final EmbeddedKafkaBroker broker) {
        this.bootstrapServers = bootstrapServers;
        this.broker = broker;
    }

    static KafkaTarget open(final VigieConfig config) {
        if (!config.kafka().embedded()) {
            return new KafkaTarget(config.kafka().bootstrapServers(), null);
        }
        final String host = config.kafka().embeddedListener();
        final int port = config.kafka().embeddedPort();
        final String local = isWildcard(host) ? "127.0.0.1" : host;
        if (port != 0 && listening(local, port)) {
            LOG.info("Using the embedded broker already running at {}:{}", local, port);
            return new KafkaTarget(local + ":" + port, null);
        }
        final EmbeddedKafkaBroker started = new EmbeddedKafkaBroker(
                        config.dataDir(), host, port, config.kafka().controllerPort())
                .start();
        return new KafkaTarget(started.bootstrapServers(), started);
    }

    /**
     * The cluster of a long-running client ({@code ingest --follow}): in embedded mode, the broker of a running
     * {@code vigie run}, never one of its own, which would hold the data directory that {@code vigie run} needs.
     *
     * @throws IllegalStateException when no embedded broker is listening
     */
    static KafkaTarget connect(final VigieConfig config) {
        if (!config.kafka().embedded()) {
            return new KafkaTarget(config.kafka().bootstrapServers(), null);
        }
        final String host = config.kafka().embeddedListener();
        final String local = isWildcard(host) ? "127.0.0.1" : host;
        final int port = config.kafka().embeddedPort();
        if (port == 0 || !listening(local, port)) {
            throw new IllegalStateException("no embedded broker listening at " + local + ":" + port
                    + ": start vigie run first, or give --bootstrap-servers");
        }
        return new KafkaTarget(local + ":" + port, null);
    }

    String bootstrapServers() {
        return bootstrapServers;
    }

    /** Whether this command started its own broker. */
    boolean startedBroker() {
        return broker != null;
    }

    @Override
    public void close() {
        if (broker != null) {
            broker.close();
        }
    }

    private static boolean isWildcard(final String host) {
        return host.isEmpty() || "0.0.0.0".equals(host) || "::".equals(host);
    }

    private static boolean listening(final String host, final int port) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(host, port), PROBE_TIMEOUT_MS);
            return true;
        } catch (final IOException e) {
            return false;
        }
    }
}
