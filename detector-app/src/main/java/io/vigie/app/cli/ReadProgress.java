package io.vigie.app.cli;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Locale;

/**
 * Progress of a one-shot ingest of a large file: a line on stderr every few seconds with the bytes read
 * from the file (compressed bytes for gzip, so the percentage is right) and the records per second.
 * Small files are done before the first line is due and print nothing.
 */
final class ReadProgress {

    private final PrintWriter err;
    private final long intervalNanos;
    private Path file;
    private long size;
    private CountingStream stream;
    private long lastNanos;
    private long records;

    ReadProgress(final PrintWriter err, final long intervalNanos) {
        this.err = err;
        this.intervalNanos = intervalNanos;
    }

    /** Starts counting a file; the returned stream is to be read instead of {@code in}. */
    InputStream track(final Path path, final long fileSize, final InputStream in) {
        file = path;
        size = fileSize;
        stream = new CountingStream(in);
        lastNanos = System.nanoTime();
        records = 0;
        return stream;
    }

    /** One record sent; prints a line when one is due. */
    void record() {
        records++;
        if ((records & 1023) != 0) {
            return;
        }
        final long now = System.nanoTime();
        if (now - lastNanos >= intervalNanos) {
            final long read = stream.count;
            err.printf(
                    Locale.ROOT,
                    "vigie ingest: progress file=%s bytes=%d/%d percent=%.1f records_per_s=%.0f%n",
                    file,
                    read,
                    size,
                    size == 0 ? 100.0 : 100.0 * Math.min(read, size) / size,
                    records / ((now - lastNanos) / 1e9));
            err.flush();
            lastNanos = now;
            records = 0;
        }
    }

    private static final class CountingStream extends FilterInputStream {

        private long count;

        CountingStream(final InputStream in) {
            super(in);
        }

        @Override
        public int read() throws IOException {
            final int b = super.read();
            if (b >= 0) {
                count++;
            }
            return b;
        }

        @Override
        public int read(final byte[] b, final int off, final int len) throws IOException {
            final int n = super.read(b, off, len);
            if (n > 0) {
                count += n;
            }
            return n;
        }

        @Override
        public long skip(final long n) throws IOException {
            final long skipped = super.skip(n);
            count += skipped;
            return skipped;
        }
    }
}
