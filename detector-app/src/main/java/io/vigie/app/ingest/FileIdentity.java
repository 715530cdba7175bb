package io.vigie.app.ingest;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.zip.CRC32C;

/**
 * Which file a path designated when a position was saved: the file system's key (device and inode on
 * Linux) and a checksum of the file's first bytes. Both are needed: inodes are reused as soon as a
 * rotated file is deleted, and two files can start alike (same header) while being different inodes.
 *
 * @param fileKey      the file system's key, or "" where it has none
 * @param prefixLength how many first bytes the checksum covers (at most {@link #PREFIX_BYTES})
 * @param prefixCrc    CRC-32C of those bytes
 */
public record FileIdentity(String fileKey, int prefixLength, long prefixCrc) {

    /** Enough to tell apart two syslog files (each line starts with a timestamp), small enough to read at each poll. */
    static final int PREFIX_BYTES = 1024;

    /** The identity of an open file, its prefix as long as the file allows. */
    static FileIdentity of(final Path path, final FileChannel channel) throws IOException {
        final byte[] prefix = readPrefix(channel, PREFIX_BYTES);
        return new FileIdentity(fileKey(path), prefix.length, crc(prefix));
    }

    /** The file system's key of the file a path designates now (the link's target, not the link). */
    static String fileKey(final Path path) throws IOException {
        final Object key = Files.readAttributes(path, BasicFileAttributes.class).fileKey();
        return key == null ? "" : key.toString();
    }

    /** Whether an open file starts with the bytes this identity saw (a file rewritten in place does not). */
    boolean prefixMatches(final FileChannel channel) throws IOException {
        final byte[] prefix = readPrefix(channel, prefixLength);
        return prefix.length == prefixLength && crc(prefix) == prefixCrc;
    }

    /** Whether a file at {@code path}, opened as {@code channel}, is this one. */
    boolean matches(final Path path, final FileChannel channel) throws IOException {
        return fileKey.equals(fileKey(path)) && prefixMatches(channel);
    }

    /** Whether the prefix can still grow, i.e. the file was shorter than {@link #PREFIX_BYTES} when last seen. */
    boolean prefixIncomplete() {
        return prefixLength < PREFIX_BYTES;
    }

    /** Whether the path designates a regular file with this file-system key (never for an empty key). */
    static boolean sameKey(final Path path, final String key) {
        if (key.isEmpty()) {
            return false;
        }
        try {
            return Files.isRegularFile(path) && key.equals(fileKey(path));
        } catch (final IOException e) {
            return false;
        }
    }

    private static byte[] readPrefix(final FileChannel channel, final int max) throws IOException {
        final ByteBuffer buffer = ByteBuffer.allocate(max);
        long at = 0;
        while (buffer.hasRemaining()) {
            final int n = channel.read(buffer, at);
            if (n <= 0) {
                break;
            }
            at += n;
        }
        final byte[] bytes = new byte[buffer.position()];
        buffer.flip().get(bytes);
        return bytes;
    }

    private static long crc(final byte[] bytes) {
        final CRC32C crc = new CRC32C();
        crc.update(bytes);
        return crc.getValue();
    }
}
