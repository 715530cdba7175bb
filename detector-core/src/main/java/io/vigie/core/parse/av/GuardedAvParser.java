package io.vigie.core.parse.av;

import io.vigie.core.parse.internal.GuardedParser;

/**
 * The guard every antivirus parser puts before its own reading, as the proxy parsers do: null and lines over
 * {@link AvFields#MAX_LINE_LENGTH} chars are refused, a blank line is an ignored line (scan reports are full of
 * them), a line holding a NUL is refused, and an unexpected exception costs the one line (a dead letter with
 * the parser's "unparseable" reason), never the stream. Subclasses only {@link #read} a line that passed the
 * guard.
 */
abstract class GuardedAvParser extends GuardedParser<AvLine> implements AvLogParser {

    private static final Guard<AvLine> GUARD =
            new Guard<>(AvFields.MAX_LINE_LENGTH, AvLine.ignored(AvFields.BLANK), true, "");

    GuardedAvParser(final String format, final String unparseable) {
        super(format, unparseable, GUARD);
    }

    final String format() {
        return failureSource();
    }
}
