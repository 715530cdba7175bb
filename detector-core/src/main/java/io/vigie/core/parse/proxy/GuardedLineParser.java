package io.vigie.core.parse.proxy;

import io.vigie.core.parse.internal.GuardedParser;

/**
 * The guard every vendor line parser puts before its own reading: a blank line or one over
 * {@link ProxyFields#MAX_LINE_LENGTH} chars is refused before any format looks at it, and an unexpected
 * exception costs the one line (a dead letter with the parser's "unparseable" reason), never the stream.
 * Subclasses only {@link #read} a line that passed the guard.
 *
 * <p>Squid native, combined and W3C also refuse a line holding a NUL (a text log cut short by a crash); W3C reads
 * through {@link #guarded} with the feed's field list.
 */
abstract class GuardedLineParser extends GuardedParser<ProxyLine> implements ProxyLogParser {

    public static final String EMPTY = ProxyFields.EMPTY_LINE;
    public static final String TOO_LONG = ProxyFields.LINE_TOO_LONG;

    /**
     * @param format      the source of this parser's failed results
     * @param unparseable the reason given when reading throws
     */
    GuardedLineParser(final String format, final String unparseable) {
        super(format, unparseable, Guard.refusingBlank(ProxyFields.MAX_LINE_LENGTH));
    }

    /**
     * @param refusesNul whether a line holding a NUL is refused before the format reads it
     */
    GuardedLineParser(final String format, final String unparseable, final boolean refusesNul) {
        super(format, unparseable, new Guard<>(ProxyFields.MAX_LINE_LENGTH, null, refusesNul, null));
    }
}
