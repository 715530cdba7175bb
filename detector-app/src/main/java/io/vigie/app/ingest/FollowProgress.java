package io.vigie.app.ingest;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/**
 * What a follower prints: while a large backlog is read, one progress line per file every few seconds;
 * then one "caught up, following" line; then a summary per period in which lines were sent. Lines are
 * {@code key=value} so that journald users can grep and parse them.
 */
final class FollowProgress {

    private final FollowSettings settings;
    private final PrintWriter out;
    private boolean reporting;
    private boolean caughtUp;
    private long lastProgressNanos;
    private long progressRecords;
    private long lastSummaryNanos;
    /** Read by other threads ({@link Follower#sent()}); written by the follower's only. */
    private volatile long total;

    private volatile long totalCut;
    private long periodRecords;
    private long periodBytes;
    private long periodCut;
    private long periodEmpty;

    FollowProgress(final FollowSettings settings) {
        this.settings = settings;
        this.out = settings.out();
    }

    /** Decides from the backlog at start whether progress is worth printing. */
    void start(final long backlog) {
        reporting = backlog > settings.progressThreshold();
        lastProgressNanos = System.nanoTime();
        lastSummaryNanos = lastProgressNanos;
        if (reporting) {
            print(
                    "start backlog=%d files=%d topic=%s",
                    backlog, settings.files().size(), settings.topic());
        }
    }

    void sent(final Path path, final TailedFile.Batch batch) {
        total += batch.lines().size();
        totalCut += batch.cut();
        progressRecords += batch.lines().size();
        periodRecords += batch.lines().size();
        periodBytes += batch.bytes();
        periodCut += batch.cut();
        periodEmpty += batch.empty();
    }

    /** Called after each pass: prints progress or a summary when one is due. */
    void tick(final List<FollowedPath> paths) throws IOException {
        final long now = System.nanoTime();
        if (reporting && now - lastProgressNanos >= settings.progressInterval().toNanos()) {
            printProgress(paths, now);
        }
        if (caughtUp && now - lastSummaryNanos >= settings.summaryInterval().toNanos()) {
            if (periodRecords > 0 || periodCut > 0) {
                print(
                        "summary period_s=%d sent=%d bytes=%d cut=%d empty=%d total=%d",
                        (now - lastSummaryNanos) / 1_000_000_000L,
                        periodRecords,
                        periodBytes,
                        periodCut,
                        periodEmpty,
                        total);
            }
            resetPeriod(now);
        }
    }

    /** A pass found nothing to read: the first time, the backlog is done. */
    void idle(final List<FollowedPath> paths) throws IOException {
        if (caughtUp) {
            return;
        }
        final long now = System.nanoTime();
        if (reporting) {
            printProgress(paths, now);
        }
        reporting = false;
        caughtUp = true;
        print("caught up, following files=%d topic=%s sent=%d cut=%d", paths.size(), settings.topic(), total, totalCut);
        resetPeriod(now);
    }

    void waiting(final Path path) {
        print("waiting for file=%s", path);
    }

    void stopped() {
        print("stopped sent=%d cut=%d", total, totalCut);
    }

    long total() {
        return total;
    }

    long totalCut() {
        return totalCut;
    }

    private void printProgress(final List<FollowedPath> paths, final long now) throws IOException {
        final double seconds = Math.max(now - lastProgressNanos, 1) / 1e9;
        final double rate = progressRecords / seconds;
        for (final FollowedPath p : paths) {
            for (final TailedFile f : p.files()) {
                final long size = f.size();
                final long read = Math.min(f.offset(), size);
                print(
                        "progress file=%s bytes=%d/%d percent=%.1f records_per_s=%.0f",
                        p.path(), read, size, size == 0 ? 100.0 : 100.0 * read / size, rate);
            }
        }
        lastProgressNanos = now;
        progressRecords = 0;
    }

    private void resetPeriod(final long now) {
        lastSummaryNanos = now;
        periodRecords = 0;
        periodBytes = 0;
        periodCut = 0;
        periodEmpty = 0;
    }

    private void print(final String format, final Object... args) {
        out.println("vigie ingest --follow: " + String.format(Locale.ROOT, format, args));
        out.flush();
    }
}
