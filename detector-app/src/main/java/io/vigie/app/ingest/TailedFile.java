package io.vigie.app.ingest;

import java.io.Closeable;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * One open file being read line by line from a position. Reading is two-phase: {@link #read} advances a
 * pending position, {@link #commit} makes it the sent position once the lines are in Kafka, and
 * {@link #rollback} returns to it when they are not. The channel stays open, so a file renamed away by
 * a rotation is read to its end through it.
 */
final class TailedFile implements Closeable {

    private final Path path;
    private final Path openedAs;
    private final FileChannel channel;
    private FileIdentity identity;
    private long offset;
    private boolean midLine;
    private long readOffset;
    private boolean readMidLine;
    private long lastSize = -1;
    private long lastGrowthNanos = System.nanoTime();
    private boolean rotated;

    private TailedFile(
            final Path path,
            final Path openedAs,
            final FileChannel channel,
            final FileIdentity identity,
            final long offset,
            final boolean midLine) {
        this.path = path;
        this.openedAs = openedAs;
        this.channel = channel;
        this.identity = identity;
        this.offset = offset;
        this.midLine = midLine;
        this.readOffset = offset;
        this.readMidLine = midLine;
    }

    /** Lines read by one {@link #read}: the lines to send and what was done with the others. */
    record Batch(List<byte[]> lines, long bytes, int cut, int empty) {}

    /**
     * Opens {@code openedAs} (the file {@code path} designates, or a rotated one found in its directory).
     *
     * @param saved the saved position to resume at, or {@code null} to start at 0
     */
    static TailedFile open(final Path path, final Path openedAs, final FilePosition saved) throws IOException {
        final FileChannel channel = FileChannel.open(openedAs, StandardOpenOption.READ);
        try {
            final FileIdentity identity = FileIdentity.of(openedAs, channel);
            return saved == null
                    ? new TailedFile(path, openedAs, channel, identity, 0, false)
                    : new TailedFile(path, openedAs, channel, identity, saved.offset(), saved.midLine());
        } catch (final IOException | RuntimeException e) {
            channel.close();
            throw e;
        }
    }

    /**
     * Reads what the buffer holds from the pending position and cuts it into lines; the bytes after the
     * last newline wait for the next read, unless {@code flushPartial} (the file rotated away and went
     * quiet: its last line will never be completed).
     *
     * @param maxLineBytes longer lines are sent cut to this length, the rest of them skipped
     */
    Batch read(final ByteBuffer buffer, final int maxLineBytes, final boolean flushPartial) throws IOException {
        noteSize();
        buffer.clear();
        while (buffer.hasRemaining()) {
            final int n = channel.read(buffer, readOffset + buffer.position());
            if (n <= 0) {
                break;
            }
        }
        final boolean atEnd = buffer.hasRemaining();
        final byte[] bytes = buffer.array();
        final int n = buffer.position();
        final List<byte[]> lines = new ArrayList<>();
        int cut = 0;
        int empty = 0;
        int start = 0;
        if (readMidLine) {
            final int newline = indexOfNewline(bytes, 0, n);
            if (newline < 0) {
                readOffset += n;
                return new Batch(lines, n, 0, 0);
            }
            start = newline + 1;
            readMidLine = false;
        }
        for (int i = start; i < n; i++) {
            if (bytes[i] == '\n') {
                final int outcome = emit(bytes, start, i, maxLineBytes, lines);
                cut += outcome == CUT ? 1 : 0;
                empty += outcome == EMPTY ? 1 : 0;
                start = i + 1;
            }
        }
        final int rest = n - start;
        if (rest > maxLineBytes) {
            lines.add(Arrays.copyOfRange(bytes, start, start + maxLineBytes));
            cut++;
            readMidLine = true;
            start = n;
        } else if (rest > 0 && flushPartial && atEnd) {
            final int outcome = emit(bytes, start, n, maxLineBytes, lines);
            empty += outcome == EMPTY ? 1 : 0;
            start = n;
        }
        readOffset += start;
        return new Batch(lines, start, cut, empty);
    }

    private static final int SENT = 0;
    private static final int CUT = 1;
    private static final int EMPTY = 2;

    private static int emit(
            final byte[] bytes, final int from, final int to, final int maxLineBytes, final List<byte[]> lines) {
        int end = to;
        if (end > from && bytes[end - 1] == '\r') {
            end--;
        }
        if (end == from) {
            return EMPTY;
        }
        if (end - from > maxLineBytes) {
            lines.add(Arrays.copyOfRange(bytes, from, from + maxLineBytes));
            return CUT;
        }
        lines.add(Arrays.copyOfRange(bytes, from, end));
        return SENT;
    }

    private static int indexOfNewline(final byte[] bytes, final int from, final int to) {
        for (int i = from; i < to; i++) {
            if (bytes[i] == '\n') {
                return i;
            }
        }
        return -1;
    }

    /** The lines read since the last commit are in Kafka. */
    void commit() {
        offset = readOffset;
        midLine = readMidLine;
    }

    /** The lines read since the last commit are not in Kafka: they will be read again. */
    void rollback() {
        readOffset = offset;
        readMidLine = midLine;
    }

    /** The file was truncated or rewritten in place (copytruncate): read it again from its start. */
    void restartFromZero() throws IOException {
        offset = 0;
        midLine = false;
        rollback();
        identity = FileIdentity.of(openedAs, channel);
    }

    /** A file shorter than the prefix length when opened gets a longer, more telling prefix as it grows. */
    void refreshPrefix() throws IOException {
        if (identity.prefixIncomplete() && size() > identity.prefixLength()) {
            identity = FileIdentity.of(openedAs, channel);
        }
    }

    /** The position the pending lines lead to, to be written in the same transaction as they are. */
    FilePosition pendingPosition(final String follower) {
        return new FilePosition(follower, path.toString(), identity, readOffset, readMidLine);
    }

    /** The path followed (a rotated file keeps the path it was followed as). */
    Path path() {
        return path;
    }

    FileIdentity identity() {
        return identity;
    }

    FileChannel channel() {
        return channel;
    }

    long offset() {
        return offset;
    }

    long size() throws IOException {
        return channel.size();
    }

    /** Renamed away by a rotation: read to its end, then closed once quiet. */
    void markRotated() {
        rotated = true;
        lastGrowthNanos = System.nanoTime();
    }

    boolean rotated() {
        return rotated;
    }

    /** Whether nothing was appended for {@code nanos}: a rotated file's writer has moved to the new file. */
    boolean quietFor(final long nanos) throws IOException {
        noteSize();
        return System.nanoTime() - lastGrowthNanos >= nanos;
    }

    private void noteSize() throws IOException {
        final long size = channel.size();
        if (size != lastSize) {
            lastSize = size;
            lastGrowthNanos = System.nanoTime();
        }
    }

    @Override
    public void close() throws IOException {
        channel.close();
    }
}
