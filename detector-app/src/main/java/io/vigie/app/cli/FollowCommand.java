package io.vigie.app.cli;

import io.vigie.app.broker.TopicProvisioner;
import io.vigie.app.broker.TopicSpec;
import io.vigie.app.config.VigieConfig;
import io.vigie.app.ingest.FollowSettings;
import io.vigie.app.ingest.Follower;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.clients.admin.ConfigEntry;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.config.TopicConfig;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;

/**
 * {@code vigie ingest --follow}: checks the arguments, provisions the raw and positions topics, and runs a
 * {@link Follower} until SIGTERM/SIGINT, whose shutdown hook lets the pass in flight commit.
 */
final class FollowCommand {

    private static final Logger LOG = LoggerFactory.getLogger(FollowCommand.class);
    /** Record and batch headers, key: what a record needs on top of its value. */
    private static final int RECORD_OVERHEAD = 4096;

    private static final Duration SHUTDOWN_WAIT = Duration.ofSeconds(60);
    /** Fenced by another follower of the same name: not worth a restart (systemd: RestartPreventExitStatus). */
    private final CommandSpec spec;

    private final PrintWriter err;

    FollowCommand(final CommandSpec spec, final PrintWriter err) {
        this.spec = spec;
        this.err = err;
    }

    int follow(
            final VigieConfig config,
            final Source source,
            final String name,
            final List<Path> arguments,
            final Duration pollInterval,
            final String positionsTopic,
            final Function<Path, String> recordKey)
            throws IOException, InterruptedException {
        if (!followable(source)) {
            throw new ParameterException(
                    spec.commandLine(),
                    "--follow reads line logs (postfix, proxy, squid, "
                            + "combined, w3c, av, clamav, defender, cef, quarantine, amavis, rspamd), not "
                            + source.cliName()
                            + ": its files are sent whole, once complete (ingest them without --follow)");
        }
        final List<Path> files = checkedPaths(arguments);
        final String topic = IngestCommand.rawTopic(config, source);
        try (KafkaTarget target = KafkaTarget.connect(config)) {
            IngestCommand.ensureTopic(config, target.bootstrapServers(), topic);
            final int maxLine;
            try (Admin admin = Admin.create(config.clientProperties(target.bootstrapServers()))) {
                provisionPositions(admin, config, positionsTopic);
                maxLine = maxLineBytes(admin, topic);
            }
            final Follower follower = new Follower(FollowSettings.defaults(
                    name,
                    files,
                    topic,
                    positionsTopic,
                    recordKey,
                    config.clientProperties(target.bootstrapServers()),
                    pollInterval,
                    maxLine,
                    err));
            final Thread hook = new Thread(() -> stopAndWait(follower), "vigie-ingest-follow-shutdown");
            Runtime.getRuntime().addShutdownHook(hook);
            LOG.info(
                    "Following {} into {} as '{}' (transactional id {})",
                    files,
                    topic,
                    name,
                    Follower.transactionalId(name));
            try {
                follower.run();
            } catch (final Follower.FencedException e) {
                err.println("vigie ingest: " + e.getMessage());
                return ExitCodes.FENCED;
            } finally {
                try {
                    Runtime.getRuntime().removeShutdownHook(hook);
                } catch (final IllegalStateException e) {
                    // Already shutting down: the hook is waiting for run() to return, which it just did.
                }
            }
        }
        return 0;
    }

    static boolean followable(final Source source) {
        return source == Source.POSTFIX
                || source.isProxyLog()
                || source.isAntivirusLog()
                || source.isQuarantineLog()
                || source.isAuthLog();
    }

    private static void stopAndWait(final Follower follower) {
        follower.stop();
        try {
            if (!follower.awaitFinished(SHUTDOWN_WAIT)) {
                LOG.warn(
                        "The follower did not stop within {}; its open transaction will be aborted at the next start",
                        SHUTDOWN_WAIT);
            }
        } catch (final InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Absolute, without duplicates; missing files are fine (waited for), gzip and directories are not. */
    private List<Path> checkedPaths(final List<Path> arguments) throws IOException {
        final LinkedHashSet<Path> paths = new LinkedHashSet<>();
        for (final Path a : arguments) {
            final Path p = a.toAbsolutePath().normalize();
            if (Files.isDirectory(p)) {
                throw new ParameterException(spec.commandLine(), p + " is a directory; --follow takes files");
            }
            if (Files.isRegularFile(p) && isGzip(p)) {
                throw new ParameterException(
                        spec.commandLine(),
                        p + " is gzip-compressed: a finished file; " + "ingest it without --follow");
            }
            paths.add(p);
        }
        return List.copyOf(paths);
    }

    private static boolean isGzip(final Path file) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            return in.read() == 0x1f && in.read() == 0x8b;
        }
    }

    private static void provisionPositions(final Admin admin, final VigieConfig config, final String topic) {
        final Map<String, String> configs = new HashMap<>();
        configs.put(TopicConfig.CLEANUP_POLICY_CONFIG, TopicConfig.CLEANUP_POLICY_COMPACT);
        if (config.topics().replicationFactor() >= 3) {
            configs.put(TopicConfig.MIN_IN_SYNC_REPLICAS_CONFIG, "2");
        }
        // One partition: a few records per followed file, read whole at every start.
        new TopicProvisioner(admin)
                .provision(List.of(new TopicSpec(topic, 1, config.topics().replicationFactor(), configs)));
    }

    /** The longest line sent whole: 1 MiB, or less when the raw topic takes smaller records. */
    static int maxLineBytes(final Admin admin, final String topic) {
        final ConfigResource resource = new ConfigResource(ConfigResource.Type.TOPIC, topic);
        try {
            final Config config = admin.describeConfigs(List.of(resource))
                    .all()
                    .get(60, TimeUnit.SECONDS)
                    .get(resource);
            final ConfigEntry entry = config == null ? null : config.get(TopicConfig.MAX_MESSAGE_BYTES_CONFIG);
            if (entry == null || entry.value() == null) {
                return FollowSettings.MAX_LINE_BYTES;
            }
            return (int) Math.max(
                    1024, Math.min(FollowSettings.MAX_LINE_BYTES, Long.parseLong(entry.value()) - RECORD_OVERHEAD));
        } catch (final ExecutionException | TimeoutException | NumberFormatException e) {
            LOG.warn(
                    "Cannot read {} of {} ({}); lines are cut at {} bytes",
                    TopicConfig.MAX_MESSAGE_BYTES_CONFIG,
                    topic,
                    e.getMessage(),
                    FollowSettings.MAX_LINE_BYTES);
            return FollowSettings.MAX_LINE_BYTES;
        } catch (final InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while describing " + topic, e);
        }
    }
}
