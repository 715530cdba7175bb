package io.vigie.app.broker;

import io.vigie.app.config.VigieConfig;
import io.vigie.app.startup.StartupException;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.DescribeClusterOptions;
import org.apache.kafka.common.KafkaException;

/**
 * The first contact with the cluster at start-up, bounded in time. Without a bound the admin client retries an
 * unreachable cluster for its default API timeout at each call, and the start goes on from call to call; with one,
 * the start fails once, saying which servers did not answer and why.
 */
public final class ClusterConnection {

    /** How long a plain TCP connection to one server may take when diagnosing a failure. */
    private static final Duration DIAGNOSIS_CONNECT_TIMEOUT = Duration.ofSeconds(2);

    private static final Duration ADMIN_CLOSE_TIMEOUT = Duration.ofSeconds(5);

    private ClusterConnection() {}

    /**
     * An admin client of the cluster, once it has answered a {@code describeCluster}.
     *
     * @param clientProperties the bootstrap servers and the client pass-through (credentials included: they are
     *                         given to the client, never put in a message)
     * @param servers          the bootstrap servers, for the message
     * @throws StartupException when the cluster does not answer within {@code timeout} or refuses the client
     */
    public static Admin open(final Properties clientProperties, final String servers, final Duration timeout) {
        final Properties props = new Properties();
        props.putAll(clientProperties);
        final int ms = (int) Math.min(Integer.MAX_VALUE, timeout.toMillis());
        props.putIfAbsent(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, Integer.toString(ms));
        props.putIfAbsent(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, Integer.toString(Math.min(ms, 30_000)));
        final Admin admin;
        try {
            admin = Admin.create(props);
        } catch (final KafkaException e) {
            throw failure(
                    clientProperties,
                    "cannot connect to Kafka at " + servers + ": " + rootMessage(e) + diagnosis(servers),
                    e);
        }
        try {
            admin.describeCluster(new DescribeClusterOptions().timeoutMs(ms))
                    .nodes()
                    .get(ms + ADMIN_CLOSE_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
            return admin;
        } catch (final ExecutionException e) {
            admin.close(ADMIN_CLOSE_TIMEOUT);
            final Throwable cause = e.getCause() == null ? e : e.getCause();
            if (cause instanceof org.apache.kafka.common.errors.TimeoutException) {
                throw failure(
                        clientProperties,
                        "cannot reach Kafka at " + servers + " within " + seconds(timeout) + ": " + cause.getMessage()
                                + diagnosis(servers),
                        cause);
            }
            // Refused rather than unreachable: authentication, TLS, authorisation.
            throw failure(clientProperties, "cannot connect to Kafka at " + servers + ": " + rootMessage(cause), cause);
        } catch (final java.util.concurrent.TimeoutException e) {
            admin.close(ADMIN_CLOSE_TIMEOUT);
            throw failure(
                    clientProperties,
                    "cannot reach Kafka at " + servers + " within " + seconds(timeout) + diagnosis(servers),
                    e);
        } catch (final InterruptedException e) {
            admin.close(ADMIN_CLOSE_TIMEOUT);
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while connecting to Kafka at " + servers, e);
        }
    }

    /** The message with any secret of the client pass-through masked: a Kafka message may quote a setting's value. */
    private static StartupException failure(
            final Properties clientProperties, final String message, final Throwable cause) {
        String scrubbed = message;
        for (final String key : clientProperties.stringPropertyNames()) {
            final String value = clientProperties.getProperty(key);
            if (VigieConfig.isSecret(key) && value != null && !value.isBlank()) {
                scrubbed = scrubbed.replace(value, "******");
            }
        }
        return new StartupException(scrubbed, cause);
    }

    /**
     * What a plain TCP connection to each server says ({@code 127.0.0.1:9092: Connection refused}), since the admin
     * client's timeout does not: empty when every server accepts one (the trouble is then above TCP).
     */
    private static String diagnosis(final String servers) {
        final List<String> problems = new ArrayList<>();
        for (final String server : servers.split(",")) {
            final String s = server.strip();
            final int colon = s.lastIndexOf(':');
            if (colon <= 0) {
                continue;
            }
            final String host = s.substring(0, colon).replace("[", "").replace("]", "");
            final int port;
            try {
                port = Integer.parseInt(s.substring(colon + 1));
            } catch (final NumberFormatException e) {
                continue;
            }
            final InetSocketAddress address = new InetSocketAddress(host, port);
            if (address.isUnresolved()) {
                problems.add(s + ": unknown host");
                continue;
            }
            try (Socket socket = new Socket()) {
                socket.connect(address, (int) DIAGNOSIS_CONNECT_TIMEOUT.toMillis());
            } catch (final IOException e) {
                problems.add(s + ": " + e.getMessage());
            }
        }
        return problems.isEmpty() ? "" : " (" + String.join("; ", problems) + ")";
    }

    private static String rootMessage(final Throwable e) {
        Throwable t = e;
        while (t.getCause() != null && t.getCause() != t) {
            t = t.getCause();
        }
        return t == e || e.getMessage() == null
                ? String.valueOf(t.getMessage())
                : e.getMessage() + ": " + t.getMessage();
    }

    private static String seconds(final Duration d) {
        return d.toMillis() % 1000 == 0 ? d.toSeconds() + " s" : d.toMillis() + " ms";
    }
}
