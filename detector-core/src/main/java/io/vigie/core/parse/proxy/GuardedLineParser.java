package io.vigie.core.parse.proxy;

import io.vigie.core.parse.ParseResult;
import java.util.Objects;

/**
 * The guard every vendor line parser puts before its own reading: a blank line or one over
 * {@link ProxyValues#MAX_LINE_LENGTH} chars is refused before any format looks at it, and an unexpected
 * exception costs the one line (a dead letter with the parser's "unparseable" reason), never the stream.
 * Subclasses only {@link #read} a line that passed the guard.
 *
 * <p>Squid native, combined and W3C keep their own {@link ProxyValues#guard}: it also refuses NUL bytes, W3C
 * reads with the feed's field list, and none of them catches exceptions.
 */
abstract class GuardedLineParser implements ProxyLogParser {

    public static final String EMPTY = ProxyValues.EMPTY_LINE;
    public static final String TOO_LONG = ProxyValues.LINE_TOO_LONG;

    private final String format;
    private final String unparseable;

    /**
     * @param format      the source of this parser's failed results
     * @param unparseable the reason given when reading throws
     */
    GuardedLineParser(final String format, final String unparseable) {
        this.format = Objects.requireNonNull(format, "format");
        this.unparseable = Objects.requireNonNull(unparseable, "unparseable");
    }

    @Override
    public final ParseResult<ProxyLine> parse(final String line) {
        final String refused = ProxyValues.refusal(line);
        if (refused != null) {
            return failed(refused, line);
        }
        try {
            return read(line);
        } catch (final RuntimeException e) {
            // a bug must cost one line, not the stream: the line goes to the dead-letter topic
            return failed(unparseable, line);
        }
    }

    /** Reads a line that is neither blank nor too long; may throw, which {@link #parse} turns into a failure. */
    abstract ParseResult<ProxyLine> read(String line);

    final ParseResult<ProxyLine> failed(final String reason, final String raw) {
        return ParseResult.failed(format, reason, raw);
    }
}
