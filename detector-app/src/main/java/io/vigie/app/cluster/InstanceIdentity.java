package io.vigie.app.cluster;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Locale;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * The name this instance goes by in the consumer group ({@code group.instance.id}, static membership), kept in the
 * data directory so that a restarted process is recognised as the same member.
 *
 * <p>Why: a process that dies without leaving the group (SIGKILL, a power cut, the OOM killer) stays a member until
 * its session times out (45 s). A new, anonymous member would wait for that before getting any partition back; a
 * member that comes back under the same instance name takes its own place and its partitions at once, with no
 * rebalance. Two processes must never share a data directory, so they never share a name either; a copied data
 * directory would, and the broker then fences one of them, which the log says.
 */
public final class InstanceIdentity {

    static final String FILE = "instance-id";
    private static final Pattern VALID = Pattern.compile("[A-Za-z0-9._-]{1,200}");

    private InstanceIdentity() {}

    /** The name kept in {@code dataDir}, created (prefixed by the application id) on first use. */
    public static String of(final Path dataDir, final String applicationId) {
        final Path file = dataDir.resolve(FILE);
        try {
            if (Files.exists(file)) {
                final String kept =
                        Files.readString(file, StandardCharsets.UTF_8).strip();
                if (VALID.matcher(kept).matches()) {
                    return kept;
                }
                throw new IllegalStateException(file + " does not hold an instance name ([A-Za-z0-9._-], at most 200): "
                        + "delete it and a new one is made");
            }
            final String made = applicationId + "-"
                    + UUID.randomUUID().toString().substring(0, 8).toLowerCase(Locale.ROOT);
            Files.createDirectories(dataDir);
            // written whole or not at all: a half-written name would be refused at the next start
            final Path tmp = Files.createTempFile(dataDir, FILE, ".tmp");
            Files.writeString(tmp, made + "\n", StandardCharsets.UTF_8);
            try {
                Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE);
            } catch (final AtomicMoveNotSupportedException e) {
                Files.move(tmp, file);
            }
            return made;
        } catch (final IOException e) {
            throw new UncheckedIOException("cannot keep the instance name in " + file, e);
        }
    }
}
