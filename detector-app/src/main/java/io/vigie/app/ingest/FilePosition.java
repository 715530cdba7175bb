package io.vigie.app.ingest;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * How far a follower has sent one file, as saved in the positions topic (JSON value). The key is
 * {@link #key()}: one per follower, path and file, so that a rotated file being drained and its
 * successor have a position each.
 *
 * @param follower the follower's name ({@code --name})
 * @param path     the path followed, as given on the command line
 * @param identity which file it was (a rotated file keeps its path here, not its new name)
 * @param offset   bytes sent, always at a line boundary unless {@code midLine}
 * @param midLine  the bytes up to the next newline belong to an oversize line already sent cut
 */
public record FilePosition(String follower, String path, FileIdentity identity, long offset, boolean midLine) {

    private static final ObjectMapper JSON = new ObjectMapper();

    /** The compaction key: the last position of the same file replaces the previous one. */
    public String key() {
        return key(follower, path, identity.fileKey());
    }

    static String key(final String follower, final String path, final String fileKey) {
        return follower + '\t' + path + '\t' + fileKey;
    }

    byte[] toJson() {
        try {
            return JSON.writeValueAsBytes(this);
        } catch (final JsonProcessingException e) {
            throw new IllegalStateException("cannot write position of " + path, e);
        }
    }

    /** @return the position, or {@code null} when the bytes are not one (another tool's record) */
    static FilePosition fromJson(final byte[] json) {
        try {
            final FilePosition p = JSON.readValue(json, FilePosition.class);
            return p.follower() == null || p.path() == null || p.identity() == null ? null : p;
        } catch (final java.io.IOException e) {
            return null;
        }
    }
}
