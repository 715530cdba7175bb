package io.vigie.app.evidence;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The lines of a line topic's record, as bytes: the framing of {@code RecordLines.splitKeepingJson}, which the
 * engine applies to the decoded text (LF-separated, a CR before an LF dropped, blank lines skipped, a pretty-printed
 * JSON document kept whole), applied to the bytes, so that a line goes into the evidence exactly as it was
 * shipped, even when it is not valid UTF-8 (a Latin-1 log). An LF byte never occurs inside a UTF-8 sequence, so
 * decoding each line gives what the engine parsed.
 */
final class RawLines {

    private RawLines() {}

    /** A line as shipped, and as the engine's parsers read it. */
    record Line(byte[] raw, String text) {}

    static List<Line> split(final byte[] value) {
        final int firstNewline = indexOf(value, 0);
        if (firstNewline > 0) {
            final String first = new String(value, 0, firstNewline, StandardCharsets.UTF_8).strip();
            if (first.startsWith("{") && !first.endsWith("}")) {
                return isBlank(value, 0, value.length) ? List.of() : List.of(line(value, 0, value.length));
            }
        }
        final List<Line> lines = new ArrayList<>();
        int start = 0;
        while (start <= value.length) {
            final int newline = indexOf(value, start);
            int end = newline < 0 ? value.length : newline;
            if (end > start && value[end - 1] == '\r') {
                end--;
            }
            if (!isBlank(value, start, end)) {
                lines.add(line(value, start, end));
            }
            if (newline < 0) {
                break;
            }
            start = newline + 1;
        }
        return lines;
    }

    private static Line line(final byte[] value, final int from, final int to) {
        final byte[] raw = Arrays.copyOfRange(value, from, to);
        return new Line(raw, new String(raw, StandardCharsets.UTF_8));
    }

    private static int indexOf(final byte[] value, final int from) {
        for (int i = from; i < value.length; i++) {
            if (value[i] == '\n') {
                return i;
            }
        }
        return -1;
    }

    /** As {@code String.isBlank} on the decoded text, for the ASCII blanks log lines have. */
    private static boolean isBlank(final byte[] value, final int from, final int to) {
        for (int i = from; i < to; i++) {
            final byte b = value[i];
            if (b != ' ' && b != '\t' && b != '\r' && b != '\n' && b != 0x0b && b != '\f' && (b < 0x1c || b > 0x1f)) {
                return false;
            }
        }
        return true;
    }
}
