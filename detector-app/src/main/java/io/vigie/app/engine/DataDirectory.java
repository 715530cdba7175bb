package io.vigie.app.engine;

import io.vigie.app.startup.StartupException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The check of the data directory before anything starts: it exists or can be created, a file can be written in it
 * and removed, and its file system has at least the configured free space. Kafka and RocksDB find out much later,
 * half-way through formatting a log directory or restoring a store, with an error that does not name the directory.
 */
public final class DataDirectory {

    private static final Logger LOG = LoggerFactory.getLogger(DataDirectory.class);

    /** The file written and removed by the check. */
    static final String PROBE = ".vigie-write-probe";
    /** One page: enough for a full file system to refuse it (an empty file only needs an inode). */
    private static final int PROBE_BYTES = 4096;
    /** The configuration key of the free-space floor, for the message. */
    static final String MIN_FREE_KEY = "data-dir-min-free-bytes";

    private final Path dir;
    private final List<Path> created;

    private DataDirectory(final Path dir, final List<Path> created) {
        this.dir = dir;
        this.created = List.copyOf(created);
    }

    /**
     * Creates the directory when missing, writes and removes a probe file, and checks the free space. On failure,
     * removes the directories it created.
     *
     * @param minFreeBytes refuse when the file system has less usable space; 0 switches the check off
     * @throws StartupException naming the directory and the cause
     */
    public static DataDirectory prepare(final Path dataDir, final long minFreeBytes) {
        final Path dir = dataDir.toAbsolutePath().normalize();
        final List<Path> created = create(dir);
        final DataDirectory prepared = new DataDirectory(dir, created);
        try {
            probe(dir);
            checkFreeSpace(dir, minFreeBytes);
        } catch (final StartupException e) {
            prepared.removeCreatedIfEmpty();
            throw e;
        }
        return prepared;
    }

    /** The directory, absolute. */
    public Path path() {
        return dir;
    }

    /**
     * After a failed start: removes the directories {@link #prepare} created, deepest first, as long as they are empty
     * (what the start wrote in them is for its parts to clean up; anything they kept stays).
     */
    public void removeCreatedIfEmpty() {
        for (final Path d : created) {
            try {
                Files.deleteIfExists(d);
            } catch (final IOException e) {
                LOG.debug("Left {} in place: {}", d, e.toString());
                return;
            }
        }
    }

    /** @return the directories created, deepest first */
    private static List<Path> create(final Path dir) {
        final List<Path> missing = new ArrayList<>();
        Path existing = dir;
        while (existing != null && !Files.exists(existing)) {
            missing.add(0, existing);
            existing = existing.getParent();
        }
        if (existing != null && !Files.isDirectory(existing)) {
            throw new StartupException(
                    existing.equals(dir)
                            ? "data directory " + dir + " is a file, not a directory"
                            : "data directory " + dir + " cannot be created: " + existing
                                    + " is a file, not a directory");
        }
        final List<Path> created = new ArrayList<>();
        for (final Path d : missing) {
            try {
                Files.createDirectory(d);
                created.add(0, d);
            } catch (final IOException e) {
                new DataDirectory(dir, created).removeCreatedIfEmpty();
                throw new StartupException("data directory " + dir + " cannot be created (" + reason(e) + ")", e);
            }
        }
        return created;
    }

    private static void probe(final Path dir) {
        final Path probe = dir.resolve(PROBE);
        try {
            try (FileChannel channel = FileChannel.open(
                    probe, StandardOpenOption.CREATE, StandardOpenOption.WRITE, StandardOpenOption.TRUNCATE_EXISTING)) {
                final ByteBuffer page = ByteBuffer.allocate(PROBE_BYTES);
                while (page.hasRemaining()) {
                    channel.write(page);
                }
                // A full file system may accept the write into the page cache and refuse it only here.
                channel.force(true);
            } finally {
                Files.deleteIfExists(probe);
            }
        } catch (final IOException e) {
            final String reason = reason(e);
            throw new StartupException(
                    "data directory " + dir
                            + (isNoSpace(reason)
                                    ? " is full: cannot write to it (" + reason + ")"
                                    : " is not writable (" + reason + ")"),
                    e);
        }
    }

    private static void checkFreeSpace(final Path dir, final long minFreeBytes) {
        if (minFreeBytes <= 0) {
            return;
        }
        final long usable;
        try {
            usable = Files.getFileStore(dir).getUsableSpace();
        } catch (final IOException e) {
            throw new StartupException("data directory " + dir + ": cannot read its free space (" + reason(e) + ")", e);
        }
        if (usable < minFreeBytes) {
            throw new StartupException("data directory " + dir + " has " + size(usable) + " free, less than "
                    + MIN_FREE_KEY + " = " + size(minFreeBytes) + ": free some space, or lower " + MIN_FREE_KEY);
        }
    }

    private static boolean isNoSpace(final String reason) {
        final String r = reason.toLowerCase(Locale.ROOT);
        return r.contains("no space left") || r.contains("quota");
    }

    /** The operating system's words for the failure (ENOSPC, EROFS...), without the path the message already names. */
    private static String reason(final IOException e) {
        if (e instanceof AccessDeniedException) {
            return "permission denied";
        }
        if (e instanceof FileSystemException fse && fse.getReason() != null) {
            return fse.getReason();
        }
        return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    }

    /** {@code 812.4 MiB (851853312 bytes)}: readable, and exact for comparing with the setting. */
    static String size(final long bytes) {
        final String[] units = {"KiB", "MiB", "GiB", "TiB", "PiB", "EiB"};
        double value = bytes;
        int unit = -1;
        while (value >= 1024 && unit < units.length - 1) {
            value /= 1024;
            unit++;
        }
        final String readable = unit < 0 ? bytes + " bytes" : String.format(Locale.ROOT, "%.1f %s", value, units[unit]);
        return unit < 0 ? readable : readable + " (" + bytes + " bytes)";
    }
}
