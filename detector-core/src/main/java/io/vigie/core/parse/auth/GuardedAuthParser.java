package io.vigie.core.parse.auth;

import io.vigie.core.parse.internal.GuardedParser;

/**
 * The guard every VPN parser puts before its own reading, as the antivirus parsers do: null and lines over
 * {@link AuthFields#MAX_LINE_LENGTH} chars are refused, a blank line is an ignored line, a line holding a NUL is
 * refused, and an unexpected exception costs the one line (a dead letter with the parser's "unparseable" reason),
 * never the stream.
 */
abstract class GuardedAuthParser extends GuardedParser<AuthLine> implements AuthLogParser {

    private static final Guard<AuthLine> GUARD =
            new Guard<>(AuthFields.MAX_LINE_LENGTH, AuthLine.ignored(AuthFields.BLANK), true, "");

    GuardedAuthParser(final String format, final String unparseable) {
        super(format, unparseable, GUARD);
    }
}
