package io.vigie.core.parse.proxy;

import io.vigie.core.parse.ParseResult;
import io.vigie.core.time.CivilTime;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * Picks the parser for a proxy feed from its {@code --source} / config value: {@code squid}, {@code combined},
 * {@code w3c} or {@code auto}.
 *
 * <p>W3C lines need the field list of the last {@code #Fields:} directive. It is not kept here: the caller holds a
 * {@link State} per source (a Kafka Streams state store, a local variable in a file reader), passes it with each
 * line and keeps the one it gets back. Until a directive arrives, W3C lines are read with Blue Coat's fields.
 *
 * <p>{@code auto} tells the formats apart by the start of each line, without trying the parsers in turn:
 * <ul>
 *   <li>{@code #}, or {@code yyyy-mm-dd }: W3C;</li>
 *   <li>digits, a dot, digits, a space ({@code 1795843646.438 }): Squid native;</li>
 *   <li>three tokens then {@code [} ({@code client ident user [date]}): combined/common.</li>
 * </ul>
 * Immutable and thread-safe; never throws for bad input.
 */
public final class ProxyLineParsers {

    /** The {@link io.vigie.core.parse.ParseError#source()} of lines {@code auto} cannot place. */
    public static final String SOURCE = "proxy";

    public static final String UNKNOWN_FORMAT = "unknown proxy format";
    public static final String FIELDS_DIRECTIVE = "w3c fields directive";

    /** The formats a line can be in. */
    public enum Format {
        SQUID,
        COMBINED,
        W3C
    }

    /**
     * What a feed remembers between lines.
     *
     * @param w3cFields the fields of the last {@code #Fields:} directive, null before the first one
     */
    public record State(List<String> w3cFields) {

        /** A feed that has seen no directive yet. */
        public static final State INITIAL = new State(null);

        public State {
            w3cFields = w3cFields == null ? null : List.copyOf(w3cFields);
        }
    }

    /**
     * @param result the line read
     * @param state  the state to pass with the feed's next line (the same one unless the line was a directive)
     */
    public record Parsed(ParseResult<ProxyLine> result, State state) {}

    private static final SquidNativeParser SQUID = new SquidNativeParser();
    private static final CombinedLogParser COMBINED = new CombinedLogParser();
    private static final W3cLogParser W3C = new W3cLogParser();

    /** Null for {@code auto}. */
    private final Format fixed;

    private ProxyLineParsers(final Format fixed) {
        this.fixed = fixed;
    }

    /**
     * @param source {@code squid}, {@code combined}, {@code w3c} or {@code auto} (case-insensitive)
     * @throws IllegalArgumentException for any other value: a configuration error, reported at start-up
     */
    public static ProxyLineParsers forSource(final String source) {
        Objects.requireNonNull(source, "source");
        return switch (source.trim().toLowerCase(Locale.ROOT)) {
            case "squid" -> new ProxyLineParsers(Format.SQUID);
            case "combined" -> new ProxyLineParsers(Format.COMBINED);
            case "w3c" -> new ProxyLineParsers(Format.W3C);
            case "auto" -> new ProxyLineParsers(null);
            default ->
                throw new IllegalArgumentException(
                        "unknown proxy source '" + source + "': expected squid, combined, w3c or auto");
        };
    }

    /**
     * @param line  one raw line
     * @param state the feed's state, {@link State#INITIAL} for its first line
     */
    public Parsed parse(final String line, final State state) {
        Objects.requireNonNull(state, "state");
        final Format format = fixed != null ? fixed : sniff(line);
        if (format == null) {
            final String refused = ProxyFields.guard(line);
            return new Parsed(ParseResult.failed(SOURCE, refused != null ? refused : UNKNOWN_FORMAT, line), state);
        }
        return switch (format) {
            case SQUID -> new Parsed(SQUID.parse(line), state);
            case COMBINED -> new Parsed(COMBINED.parse(line), state);
            case W3C -> parseW3c(line, state);
        };
    }

    private static Parsed parseW3c(final String line, final State state) {
        final var directive = W3cLogParser.fieldsDirective(line);
        if (directive.isPresent()) {
            return new Parsed(ParseResult.ok(ProxyLine.ignored(FIELDS_DIRECTIVE)), new State(directive.get()));
        }
        final List<String> fields =
                state.w3cFields() != null ? state.w3cFields() : W3cLogParser.blueCoatFieldsFor(line);
        return new Parsed(W3C.parse(line, fields), state);
    }

    /** The format of a line by its first characters; null when it looks like none of them. */
    public static Format sniff(final String line) {
        if (line == null || line.isEmpty() || line.length() > ProxyFields.MAX_LINE_LENGTH) {
            return null;
        }
        if (line.charAt(0) == '#' || isIsoDate(line)) {
            return Format.W3C;
        }
        if (isEpochFloat(line)) {
            return Format.SQUID;
        }
        return isCombinedStart(line) ? Format.COMBINED : null;
    }

    private static boolean isIsoDate(final String s) {
        return s.length() > 10
                && CivilTime.fourDigits(s, 0) >= 0
                && s.charAt(4) == '-'
                && CivilTime.twoDigits(s, 5) >= 0
                && s.charAt(7) == '-'
                && CivilTime.twoDigits(s, 8) >= 0
                && s.charAt(10) == ' ';
    }

    /** {@code digits.digits} then a space: an IPv4 address has a second dot, a date has no dot. */
    private static boolean isEpochFloat(final String s) {
        int i = 0;
        while (i < s.length() && i < 12 && isDigit(s.charAt(i))) {
            i++;
        }
        if (i == 0 || i >= s.length() || s.charAt(i) != '.') {
            return false;
        }
        final int fractionStart = ++i;
        while (i < s.length() && i - fractionStart < 10 && isDigit(s.charAt(i))) {
            i++;
        }
        return i > fractionStart && i < s.length() && s.charAt(i) == ' ';
    }

    /** Three space-free tokens, each followed by one space, then {@code [}; looks at 200 chars at most. */
    private static boolean isCombinedStart(final String s) {
        int spaces = 0;
        final int limit = Math.min(s.length(), 200);
        for (int i = 0; i < limit; i++) {
            final char ch = s.charAt(i);
            if (ch == ' ') {
                if (i == 0 || s.charAt(i - 1) == ' ') {
                    return false;
                }
                spaces++;
                if (spaces == 3) {
                    return i + 1 < s.length() && s.charAt(i + 1) == '[';
                }
            }
        }
        return false;
    }

    private static boolean isDigit(final char ch) {
        return ch >= '0' && ch <= '9';
    }
}
