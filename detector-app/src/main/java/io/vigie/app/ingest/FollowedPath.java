package io.vigie.app.ingest;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One path given to {@code --follow} and the files it has designated: the current one, and the ones
 * a rotation renamed away that are still being read to their end.
 */
final class FollowedPath {

    private static final Logger LOG = LoggerFactory.getLogger(FollowedPath.class);

    private final Path path;
    private TailedFile current;
    private final List<TailedFile> rotated = new ArrayList<>();
    /** Keys of saved positions whose file is gone: deleted from the positions topic at the next commit. */
    private final List<String> forgotten = new ArrayList<>();

    private FollowedPath(final Path path) {
        this.path = path;
    }

    /**
     * Resumes from the positions saved for this path. The file the path designates resumes at its saved
     * position if it is the same file (same key and same first bytes), else at 0. A saved file the path no
     * longer designates (rotated while Vigie was stopped) is looked for in the same directory and, when
     * found, read from its position to its end, so that the lines written between the stop and the rotation
     * are not lost.
     */
    static FollowedPath restore(final Path path, final List<FilePosition> saved) throws IOException {
        final FollowedPath followed = new FollowedPath(path);
        final List<FilePosition> unmatched = new ArrayList<>(saved);
        if (Files.isRegularFile(path)) {
            final TailedFile file = TailedFile.open(path, path, null);
            final FilePosition same = find(unmatched, path, file);
            if (same == null) {
                followed.current = file;
                if (!saved.isEmpty()) {
                    LOG.info(
                            "{} is not the file whose position was saved (replaced while stopped): reading it from "
                                    + "the start",
                            path);
                }
            } else {
                unmatched.remove(same);
                file.close();
                followed.current = TailedFile.open(path, path, same);
                if (followed.current.size() < same.offset()) {
                    LOG.info("{} is shorter than its saved position: truncated while stopped", path);
                    followed.truncated();
                }
            }
        }
        for (final FilePosition position : unmatched) {
            final Path moved = findRenamed(path, position);
            if (moved == null) {
                LOG.warn(
                        "{}: the file saved at offset {} ({}) is gone; lines written to it after the last stop, "
                                + "if any, were not sent",
                        path,
                        position.offset(),
                        position.identity().fileKey());
                followed.forgotten.add(position.key());
            } else {
                LOG.info(
                        "{}: reading {}, rotated while stopped, from offset {} to its end",
                        path,
                        moved,
                        position.offset());
                final TailedFile file = TailedFile.open(path, moved, position);
                file.markRotated();
                followed.rotated.add(file);
            }
        }
        return followed;
    }

    private static FilePosition find(final List<FilePosition> positions, final Path file, final TailedFile open)
            throws IOException {
        for (final FilePosition p : positions) {
            if (p.identity().matches(file, open.channel())) {
                return p;
            }
        }
        return null;
    }

    /**
     * Where the file of a saved position went while Vigie was stopped: renamed (same key, same first bytes),
     * or copied before the path's file was truncated in place (copytruncate: same first bytes, at least as
     * long as the position).
     */
    private static Path findRenamed(final Path path, final FilePosition position) throws IOException {
        final Path dir = path.toAbsolutePath().getParent();
        final String key = position.identity().fileKey();
        if (dir == null || !Files.isDirectory(dir) || key.isEmpty()) {
            return null;
        }
        final boolean truncatedInPlace = FileIdentity.sameKey(path, key);
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(dir)) {
            for (final Path candidate : entries) {
                if (candidate.equals(path)
                        || !Files.isRegularFile(candidate)
                        || !(FileIdentity.sameKey(candidate, key) || truncatedInPlace)
                        || Files.size(candidate) < position.offset()) {
                    continue;
                }
                try (var channel = java.nio.channels.FileChannel.open(candidate)) {
                    if (position.identity().prefixMatches(channel)) {
                        return candidate;
                    }
                }
            }
        }
        return null;
    }

    /**
     * Looks at what the path designates now: a file that appeared, a rotation (another file under the
     * name: the current one is kept open and drained), a truncation (copytruncate: smaller than the sent
     * position, or different first bytes), or nothing new.
     */
    void refresh() throws IOException {
        final String key;
        try {
            key = FileIdentity.fileKey(path);
        } catch (final NoSuchFileException e) {
            if (current != null) {
                // Renamed (the new file is not there yet) or deleted: read to its end, closed once quiet, so a
                // deleted file's space is given back.
                LOG.info("{} is gone: reading the file it was to its end", path);
                current.markRotated();
                rotated.add(current);
                current = null;
            }
            return;
        }
        if (!Files.isRegularFile(path)) {
            return;
        }
        if (current == null) {
            current = TailedFile.open(path, path, null);
            LOG.info("{} appeared: following it from the start", path);
            return;
        }
        final boolean keyChanged = !key.equals(current.identity().fileKey());
        if (keyChanged
                || key.isEmpty()
                        && !current.identity().prefixMatches(current.channel())
                        && current.size() >= current.offset()) {
            LOG.info("{} rotated: reading the previous file to its end and the new one from the start", path);
            current.markRotated();
            rotated.add(current);
            current = TailedFile.open(path, path, null);
            return;
        }
        if (current.size() < current.offset() || !current.identity().prefixMatches(current.channel())) {
            truncated();
            return;
        }
        current.refreshPrefix();
    }

    /**
     * The current file was truncated (copytruncate) or rewritten: it is read again from its start. What was
     * not sent yet is in logrotate's copy, when it is next to the file and not compressed (delaycompress):
     * the copy is read from the position reached to its end. Lines written between logrotate's copy and its
     * truncation are in neither file (the known flaw of copytruncate).
     */
    private void truncated() throws IOException {
        final Path copy = findCopy(current);
        if (copy == null) {
            LOG.info("{} was truncated (copytruncate) or rewritten: reading it again from the start", path);
        } else {
            LOG.info(
                    "{} was truncated (copytruncate): reading the rest of its copy {} from offset {}, then the "
                            + "file from the start",
                    path,
                    copy,
                    current.offset());
            final TailedFile rest = TailedFile.open(path, copy, current.pendingPosition(""));
            rest.markRotated();
            rotated.add(rest);
        }
        current.restartFromZero();
    }

    /** A file next to the path that starts as the truncated file did and is at least as long as what was read. */
    private Path findCopy(final TailedFile truncated) throws IOException {
        final Path dir = path.toAbsolutePath().getParent();
        if (dir == null || truncated.offset() == 0 || truncated.identity().prefixLength() == 0) {
            return null;
        }
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(dir)) {
            for (final Path candidate : entries) {
                if (candidate.equals(path)
                        || !Files.isRegularFile(candidate)
                        || tracked(candidate)
                        || Files.size(candidate) < truncated.offset()) {
                    continue;
                }
                try (var channel = java.nio.channels.FileChannel.open(candidate)) {
                    if (truncated.identity().prefixMatches(channel)) {
                        return candidate;
                    }
                }
            }
        }
        return null;
    }

    private boolean tracked(final Path candidate) throws IOException {
        final String key = FileIdentity.fileKey(candidate);
        for (final TailedFile f : rotated) {
            if (!key.isEmpty() && key.equals(f.identity().fileKey())) {
                return true;
            }
        }
        return false;
    }

    /** The files to read, rotated ones first so that old lines go before new ones. */
    List<TailedFile> files() {
        final List<TailedFile> files = new ArrayList<>(rotated);
        if (current != null) {
            files.add(current);
        }
        return files;
    }

    /** A rotated file read to its end and closed: no longer read. */
    void finished(final TailedFile file) throws IOException {
        rotated.remove(file);
        file.close();
    }

    Path path() {
        return path;
    }

    boolean exists() {
        return current != null;
    }

    /** Saved position keys to delete. */
    List<String> forgotten() {
        return List.copyOf(forgotten);
    }

    /** The deletions of {@link #forgotten()} are committed. */
    void forgottenDeleted() {
        forgotten.clear();
    }

    /** Bytes between the sent positions and the files' ends. */
    long backlog() throws IOException {
        long backlog = 0;
        for (final TailedFile f : files()) {
            backlog += Math.max(0, f.size() - f.offset());
        }
        return backlog;
    }

    void close() {
        for (final TailedFile f : files()) {
            try {
                f.close();
            } catch (final IOException e) {
                LOG.debug("closing {}", f.path(), e);
            }
        }
    }
}
