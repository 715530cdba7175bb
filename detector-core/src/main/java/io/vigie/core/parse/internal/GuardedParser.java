package io.vigie.core.parse.internal;

import io.vigie.core.parse.ParseResult;
import java.util.Objects;
import java.util.function.Function;

/**
 * The guard the proxy, antivirus and quarantine parsers put before their own reading: null, blank and
 * over-long input is refused before any format looks at it, optionally a line holding a NUL, and an unexpected
 * exception costs the one line (a dead letter with the parser's "unparseable" reason), never the stream.
 * Subclasses only {@link #read} a line that passed the guard. Not API: it lives in {@code internal} because
 * three parser packages need it.
 *
 * @param <T> what a line turns into
 */
public abstract class GuardedParser<T> {

    public static final String EMPTY_LINE = "empty line";
    public static final String LINE_TOO_LONG = "line too long";
    public static final String NUL_BYTE = "nul byte";

    /**
     * What a family refuses, and how it takes a blank line.
     *
     * @param maxLength  longer lines are {@link #LINE_TOO_LONG}
     * @param blank      the value a blank line is read as, or null when a blank line is {@link #EMPTY_LINE};
     *                   an accepted blank line is still refused when too long, a refused one is refused first
     * @param refusesNul whether a line holding a NUL is {@link #NUL_BYTE}
     * @param nullRaw    the raw text recorded when the line is null
     * @param <T>        what a line turns into
     */
    public record Guard<T>(int maxLength, T blank, boolean refusesNul, String nullRaw) {

        /** Blank lines are {@link #EMPTY_LINE}, NUL bytes are left to the format, null is recorded as null. */
        public static <T> Guard<T> refusingBlank(final int maxLength) {
            return new Guard<>(maxLength, null, false, null);
        }
    }

    private final String source;
    private final String unparseable;
    private final Guard<T> guard;

    /**
     * @param source      the source of this parser's failed results
     * @param unparseable the reason given when reading throws
     * @param guard       what this parser's family refuses
     */
    protected GuardedParser(final String source, final String unparseable, final Guard<T> guard) {
        this.source = Objects.requireNonNull(source, "source");
        this.unparseable = Objects.requireNonNull(unparseable, "unparseable");
        this.guard = Objects.requireNonNull(guard, "guard");
    }

    public final ParseResult<T> parse(final String line) {
        return guarded(line, this::read);
    }

    /**
     * The guard, then {@code reader} on a line that passed it: for a parser whose reading needs more than the
     * line (W3C reads with the feed's field list).
     */
    protected final ParseResult<T> guarded(final String line, final Function<String, ParseResult<T>> reader) {
        if (line == null) {
            return failed(EMPTY_LINE, guard.nullRaw());
        }
        if (guard.blank() == null && line.isBlank()) {
            return failed(EMPTY_LINE, line);
        }
        if (line.length() > guard.maxLength()) {
            return failed(LINE_TOO_LONG, line);
        }
        if (line.isBlank()) {
            return ParseResult.ok(guard.blank());
        }
        if (guard.refusesNul() && line.indexOf('\0') >= 0) {
            // a NUL never appears in a text log or a JSON record: it comes from a file cut short by a crash
            return failed(NUL_BYTE, line);
        }
        try {
            return reader.apply(line);
        } catch (final RuntimeException e) {
            // a bug must cost one line, not the stream: the line goes to the dead-letter topic
            return failed(unparseable, line);
        }
    }

    /** Reads a line that passed the guard; may throw, which {@link #parse} turns into a failure. */
    protected abstract ParseResult<T> read(String line);

    protected final ParseResult<T> failed(final String reason, final String raw) {
        return ParseResult.failed(source, reason, raw);
    }

    /** The source of this parser's failed results. */
    protected final String failureSource() {
        return source;
    }
}
