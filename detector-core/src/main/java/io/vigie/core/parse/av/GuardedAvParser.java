package io.vigie.core.parse.av;

import io.vigie.core.parse.ParseResult;
import java.util.Objects;

/**
 * The guard every antivirus parser puts before its own reading, as the proxy parsers do: null and lines over
 * {@link AvValues#MAX_LINE_LENGTH} chars are refused, a blank line is an ignored line (scan reports are full of
 * them), and an unexpected exception costs the one line (a dead letter with the parser's "unparseable"
 * reason), never the stream. Subclasses only {@link #read} a line that passed the guard.
 */
abstract class GuardedAvParser implements AvLogParser {

    private final String format;
    private final String unparseable;

    GuardedAvParser(final String format, final String unparseable) {
        this.format = Objects.requireNonNull(format, "format");
        this.unparseable = Objects.requireNonNull(unparseable, "unparseable");
    }

    @Override
    public final ParseResult<AvLine> parse(final String line) {
        if (line == null) {
            return failed(AvValues.EMPTY_LINE, "");
        }
        if (line.length() > AvValues.MAX_LINE_LENGTH) {
            return failed(AvValues.LINE_TOO_LONG, line);
        }
        if (line.isBlank()) {
            return ParseResult.ok(AvLine.ignored(AvValues.BLANK));
        }
        if (line.indexOf('\0') >= 0) {
            // a NUL never appears in a text log or a JSON record: it comes from a file cut short by a crash
            return failed(AvValues.NUL_BYTE, line);
        }
        try {
            return read(line);
        } catch (final RuntimeException e) {
            // a bug must cost one line, not the stream: the line goes to the dead-letter topic
            return failed(unparseable, line);
        }
    }

    /** Reads a line that is neither null, blank, too long nor holding a NUL; may throw. */
    abstract ParseResult<AvLine> read(String line);

    final ParseResult<AvLine> failed(final String reason, final String raw) {
        return ParseResult.failed(format, reason, raw);
    }

    final String format() {
        return format;
    }
}
