package io.vigie.app.ingest;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Properties;
import java.util.function.Function;

/**
 * What a {@link Follower} follows and how.
 *
 * @param name              the follower's name: its transactional id and the owner of its positions
 * @param files             the paths to follow (they need not exist yet)
 * @param topic             the raw topic the lines go to
 * @param positionsTopic    the compacted topic of the positions
 * @param recordKey         the key of a path's lines (its file name, or the host for antivirus logs)
 * @param client            Kafka client settings (bootstrap servers, TLS, SASL)
 * @param pollInterval      how long to wait when every file has been read to its end
 * @param maxLineBytes      longer lines are sent cut to this length
 * @param rotatedQuiet      a rotated file is closed after this long without growing
 * @param progressThreshold a backlog above this many bytes at start is reported as it is read
 * @param progressInterval  how often the progress of a backlog is printed
 * @param summaryInterval   how often, once caught up, a summary is printed (when lines were sent)
 * @param out               where progress and summaries go (stderr)
 */
public record FollowSettings(
        String name,
        List<Path> files,
        String topic,
        String positionsTopic,
        Function<Path, String> recordKey,
        Properties client,
        Duration pollInterval,
        int maxLineBytes,
        Duration rotatedQuiet,
        long progressThreshold,
        Duration progressInterval,
        Duration summaryInterval,
        PrintWriter out) {

    /** Lines longer than this are garbage to every parser (the engine refuses lines over 64 KiB); the head is kept. */
    public static final int MAX_LINE_BYTES = 1024 * 1024;
    /** Above this backlog at start, progress is printed while it is read. */
    public static final long PROGRESS_THRESHOLD = 8L * 1024 * 1024;

    public FollowSettings {
        files = List.copyOf(files);
        if (maxLineBytes < 16) {
            throw new IllegalArgumentException("maxLineBytes too small: " + maxLineBytes);
        }
        if (pollInterval.isNegative() || pollInterval.isZero()) {
            throw new IllegalArgumentException("pollInterval must be positive: " + pollInterval);
        }
    }

    /** The usual settings: 5 s rotated-file quiet time, progress every 5 s above 8 MiB, a summary every minute. */
    public static FollowSettings defaults(
            final String name,
            final List<Path> files,
            final String topic,
            final String positionsTopic,
            final Function<Path, String> recordKey,
            final Properties client,
            final Duration pollInterval,
            final int maxLineBytes,
            final PrintWriter out) {
        return new FollowSettings(
                name,
                files,
                topic,
                positionsTopic,
                recordKey,
                client,
                pollInterval,
                maxLineBytes,
                Duration.ofSeconds(5),
                PROGRESS_THRESHOLD,
                Duration.ofSeconds(5),
                Duration.ofMinutes(1),
                out);
    }

    /** A copy with other progress settings (tests print progress sooner). */
    public FollowSettings withProgress(final long threshold, final Duration interval, final Duration summary) {
        return new FollowSettings(
                name,
                files,
                topic,
                positionsTopic,
                recordKey,
                client,
                pollInterval,
                maxLineBytes,
                rotatedQuiet,
                threshold,
                interval,
                summary,
                out);
    }

    /** A copy with another quiet time before a rotated file is closed. */
    public FollowSettings withRotatedQuiet(final Duration quiet) {
        return new FollowSettings(
                name,
                files,
                topic,
                positionsTopic,
                recordKey,
                client,
                pollInterval,
                maxLineBytes,
                quiet,
                progressThreshold,
                progressInterval,
                summaryInterval,
                out);
    }
}
