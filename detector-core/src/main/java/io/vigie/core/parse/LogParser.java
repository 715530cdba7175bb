package io.vigie.core.parse;

/**
 * Turns one raw record of a source (one log line) into an event. Implementations are plain,
 * thread-safe functions: no I/O, no Kafka Streams types, and they never throw for bad input but
 * return {@link ParseResult#failed} with a short, stable reason.
 *
 * @param <T> the event type
 */
public interface LogParser<T> {

    /** The input format, e.g. {@code postfix}: the {@link ParseError#source()} of this parser's failures. */
    String source();

    /** Parses one raw record; null, empty or oversized input gives a failed result, never an exception. */
    ParseResult<T> parse(String raw);
}
