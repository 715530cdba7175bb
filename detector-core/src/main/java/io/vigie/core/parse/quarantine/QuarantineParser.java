package io.vigie.core.parse.quarantine;

import io.vigie.core.parse.LogParser;
import io.vigie.core.parse.ParseResult;
import io.vigie.core.parse.internal.GuardedParser;

/**
 * The guard every quarantine parser puts before its own reading: a blank record or one over
 * {@link #MAX_LENGTH} chars is refused before any format looks at it, and an unexpected exception costs the
 * one record (a dead letter with reason {@value #UNPARSEABLE}), never the stream.
 */
abstract class QuarantineParser extends GuardedParser<QuarantineLine> implements LogParser<QuarantineLine> {

    /** Amavis lines with hundreds of recipients stay well under this; a 1 MB line is not a log line. */
    public static final int MAX_LENGTH = 256 * 1024;

    public static final String EMPTY = GuardedParser.EMPTY_LINE;
    public static final String TOO_LONG = GuardedParser.LINE_TOO_LONG;
    public static final String UNPARSEABLE = "unparseable";

    QuarantineParser(final String source) {
        super(source, UNPARSEABLE, Guard.refusingBlank(MAX_LENGTH));
    }

    @Override
    public final String source() {
        return failureSource();
    }

    static ParseResult<QuarantineLine> ignored(final String because) {
        return ParseResult.ok(QuarantineLine.ignored(because));
    }
}
