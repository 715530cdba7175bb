package io.vigie.app.cli;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPInputStream;

/** Reading log files as bytes: lines are not decoded, so non-UTF-8 lines reach the parsers untouched. */
final class LogFiles {

    private static final int BUFFER = 1 << 16;

    private LogFiles() {}

    /** Opens a plain or gzip file; gzip is recognised by its magic number, whatever the file is called. */
    static InputStream open(final Path file) throws IOException {
        return open(Files.newInputStream(file));
    }

    /** Same as {@link #open(Path)} on a stream already opened (e.g. one that counts the bytes read). */
    static InputStream open(final InputStream raw) throws IOException {
        final BufferedInputStream in = new BufferedInputStream(raw, BUFFER);
        in.mark(2);
        final int b1 = in.read();
        final int b2 = in.read();
        in.reset();
        if (b1 == 0x1f && b2 == 0x8b) {
            return new BufferedInputStream(new GZIPInputStream(in, BUFFER), BUFFER);
        }
        return in;
    }

    /**
     * Splits a stream into lines without their {@code \n} or {@code \r\n} terminator. A line longer than
     * {@code maxLineBytes} is returned cut to that length, the rest of it skipped ({@link #lastLineCut()}): one
     * garbage line must neither exhaust the heap nor stop an ingest at a record the broker refuses.
     */
    static final class LineReader {

        private final InputStream in;
        private final int maxLineBytes;
        private final ByteArrayOutputStream line = new ByteArrayOutputStream(256);
        private final byte[] buffer = new byte[BUFFER];
        private int position;
        private int limit;
        private boolean cut;

        LineReader(final InputStream in, final int maxLineBytes) {
            this.in = in;
            this.maxLineBytes = maxLineBytes;
        }

        /** Whether the line {@link #next()} returned last was cut. */
        boolean lastLineCut() {
            return cut;
        }

        /** @return the next line, or {@code null} at the end of the stream */
        byte[] next() throws IOException {
            line.reset();
            cut = false;
            boolean any = false;
            while (true) {
                if (position == limit) {
                    limit = in.read(buffer);
                    position = 0;
                    if (limit <= 0) {
                        limit = 0;
                        return any ? stripCr(line.toByteArray()) : null;
                    }
                }
                any = true;
                final int start = position;
                while (position < limit && buffer[position] != '\n') {
                    position++;
                }
                final int room = maxLineBytes - line.size();
                final int length = position - start;
                if (length > room) {
                    cut = true;
                }
                line.write(buffer, start, Math.max(0, Math.min(length, room)));
                if (position < limit) {
                    position++;
                    return stripCr(line.toByteArray());
                }
            }
        }

        private static byte[] stripCr(final byte[] bytes) {
            if (bytes.length > 0 && bytes[bytes.length - 1] == '\r') {
                final byte[] out = new byte[bytes.length - 1];
                System.arraycopy(bytes, 0, out, 0, out.length);
                return out;
            }
            return bytes;
        }
    }
}
