package io.vigie.app.cli;

import io.vigie.app.evidence.TopicReadProgress;
import java.io.PrintWriter;
import java.util.Locale;
import java.util.function.LongSupplier;

/**
 * Progress of {@code vigie evidence}, like {@link ReadProgress} for ingest: a line on stderr every few seconds with
 * the topic being read, the records read and the records between its start and end offsets. Short reads print
 * nothing.
 */
final class EvidenceProgress implements TopicReadProgress {

    private final PrintWriter err;
    private final long intervalNanos;
    private final LongSupplier nanoTime;
    private long last;

    EvidenceProgress(final PrintWriter err, final long intervalNanos, final LongSupplier nanoTime) {
        this.err = err;
        this.intervalNanos = intervalNanos;
        this.nanoTime = nanoTime;
        this.last = nanoTime.getAsLong();
    }

    @Override
    public void read(final String topic, final long records, final long total) {
        final long now = nanoTime.getAsLong();
        if (now - last < intervalNanos) {
            return;
        }
        err.printf(
                Locale.ROOT,
                "vigie evidence: progress topic=%s records=%d/%d percent=%.1f%n",
                topic,
                records,
                total,
                total == 0 ? 100.0 : 100.0 * Math.min(records, total) / total);
        err.flush();
        last = now;
    }
}
