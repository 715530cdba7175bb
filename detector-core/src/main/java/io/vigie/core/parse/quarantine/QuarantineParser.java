package io.vigie.core.parse.quarantine;

import io.vigie.core.parse.LogParser;
import io.vigie.core.parse.ParseResult;
import java.util.Objects;

/**
 * The guard every quarantine parser puts before its own reading: a blank record or one over
 * {@link #MAX_LENGTH} chars is refused before any format looks at it, and an unexpected exception costs the
 * one record (a dead letter with reason {@value #UNPARSEABLE}), never the stream.
 */
public abstract class QuarantineParser implements LogParser<QuarantineLine> {

    /** Amavis lines with hundreds of recipients stay well under this; a 1 MB line is not a log line. */
    public static final int MAX_LENGTH = 256 * 1024;

    public static final String EMPTY = "empty line";
    public static final String TOO_LONG = "line too long";
    public static final String UNPARSEABLE = "unparseable";

    private final String source;

    QuarantineParser(final String source) {
        this.source = Objects.requireNonNull(source, "source");
    }

    @Override
    public final String source() {
        return source;
    }

    @Override
    public final ParseResult<QuarantineLine> parse(final String raw) {
        if (raw == null || raw.isBlank()) {
            return failed(EMPTY, raw);
        }
        if (raw.length() > MAX_LENGTH) {
            return failed(TOO_LONG, raw);
        }
        try {
            return read(raw);
        } catch (final RuntimeException e) {
            // a bug must cost one record, not the stream: the record goes to the dead-letter topic
            return failed(UNPARSEABLE, raw);
        }
    }

    /** Reads a record that is neither blank nor too long; may throw, which {@link #parse} turns into a failure. */
    abstract ParseResult<QuarantineLine> read(String raw);

    final ParseResult<QuarantineLine> failed(final String reason, final String raw) {
        return ParseResult.failed(source, reason, raw);
    }

    static ParseResult<QuarantineLine> ignored(final String because) {
        return ParseResult.ok(QuarantineLine.ignored(because));
    }
}
