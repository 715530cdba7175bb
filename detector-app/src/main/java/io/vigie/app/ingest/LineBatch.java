package io.vigie.app.ingest;

import java.io.ByteArrayOutputStream;

/**
 * Lines gathered into one record value, separated by LF: the framing the engine reads on the raw topics of line
 * sources (README, "Many lines per record"). One record per line costs as much broker and Streams work as the
 * whole parsing of the line; hundreds per record leave the work to the parsing alone.
 */
public final class LineBatch {

    /** Lines per record: large enough to make the per-record cost vanish, small enough to keep records small. */
    public static final int MAX_LINES = 500;
    /** Bytes per record, below the raw topics' record limit with room to spare. */
    public static final int MAX_BYTES = 256 * 1024;

    private final int maxBytes;
    private final int maxLines;
    private final ByteArrayOutputStream value = new ByteArrayOutputStream(16 * 1024);
    private int lines;

    public LineBatch(final int maxBytes, final int maxLines) {
        if (maxBytes < 1 || maxLines < 1) {
            throw new IllegalArgumentException("a batch holds at least one line of one byte");
        }
        this.maxBytes = maxBytes;
        this.maxLines = maxLines;
    }

    /** A batch for a topic whose records may not exceed {@code recordLimit} bytes. */
    public static LineBatch forRecordLimit(final int recordLimit) {
        return new LineBatch(Math.min(MAX_BYTES, recordLimit), MAX_LINES);
    }

    /** Whether the line can join the batch; an empty batch takes any line (a long line goes alone). */
    public boolean accepts(final byte[] line) {
        return lines == 0 || lines < maxLines && value.size() + 1 + line.length <= maxBytes;
    }

    public void add(final byte[] line) {
        if (lines > 0) {
            value.write('\n');
        }
        value.write(line, 0, line.length);
        lines++;
    }

    public int lines() {
        return lines;
    }

    public boolean isEmpty() {
        return lines == 0;
    }

    /** The record value of the lines gathered so far; the batch is empty afterwards. */
    public byte[] drain() {
        final byte[] bytes = value.toByteArray();
        value.reset();
        lines = 0;
        return bytes;
    }
}
