package io.vigie.core.parse;

import java.util.Objects;

/**
 * Outcome of parsing one raw record: a value or a {@link ParseError}. Parsers return this instead
 * of throwing, because bad input is data to route to the dead-letter topic, not an exception.
 *
 * @param <T> the parsed event type
 */
public sealed interface ParseResult<T> {

    static <T> ParseResult<T> ok(final T value) {
        return new Ok<>(Objects.requireNonNull(value, "value"));
    }

    static <T> ParseResult<T> failed(final String source, final String reason, final String raw) {
        return new Failed<>(new ParseError(source, reason, raw));
    }

    default boolean isOk() {
        return this instanceof Ok;
    }

    /** The parsed value; only valid when {@link #isOk()}. */
    default T value() {
        if (this instanceof Ok<T> ok) {
            return ok.event();
        }
        throw new IllegalStateException(
                "not parsed: " + ((Failed<T>) this).error().reason());
    }

    /** The error; only valid when not {@link #isOk()}. */
    default ParseError error() {
        if (this instanceof Failed<T> failed) {
            return failed.parseError();
        }
        throw new IllegalStateException("parsed successfully, no error");
    }

    record Ok<T>(T event) implements ParseResult<T> {}

    record Failed<T>(ParseError parseError) implements ParseResult<T> {}
}
