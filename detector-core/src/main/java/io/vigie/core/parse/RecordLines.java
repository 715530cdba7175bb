package io.vigie.core.parse;

import java.util.ArrayList;
import java.util.List;

/**
 * The framing of line sources on their raw topic: a record's value holds one line, or several separated by LF,
 * so that a producer that batches (Vigie's own {@code ingest} and {@code analyze}, a shipper configured to)
 * sends hundreds of lines per record while one line per record keeps working. A trailing LF and a CR before
 * an LF are allowed; blank lines are skipped. Log lines never hold a raw LF (syslog escapes it), so the
 * framing cannot split a line in two.
 */
public final class RecordLines {

    private RecordLines() {}

    /** The lines of one record value, in order; empty when it holds nothing but blanks. */
    public static List<String> split(final String value) {
        final int firstNewline = value.indexOf('\n');
        if (firstNewline < 0) {
            return value.isBlank() ? List.of() : List.of(stripCr(value));
        }
        final List<String> lines = new ArrayList<>();
        int start = 0;
        int end = firstNewline;
        while (true) {
            final String line = stripCr(value.substring(start, end < 0 ? value.length() : end));
            if (!line.isBlank()) {
                lines.add(line);
            }
            if (end < 0) {
                return lines;
            }
            start = end + 1;
            end = value.indexOf('\n', start);
        }
    }

    /**
     * As {@link #split}, but a record that is one JSON document spread over several lines (a pretty-printed
     * event: its first line opens an object it does not close) stays whole, for the sources that take JSON.
     */
    public static List<String> splitKeepingJson(final String value) {
        final int firstNewline = value.indexOf('\n');
        if (firstNewline > 0) {
            final String first = value.substring(0, firstNewline).strip();
            if (first.startsWith("{") && !first.endsWith("}")) {
                return value.isBlank() ? List.of() : List.of(value);
            }
        }
        return split(value);
    }

    private static String stripCr(final String line) {
        return line.endsWith("\r") ? line.substring(0, line.length() - 1) : line;
    }
}
