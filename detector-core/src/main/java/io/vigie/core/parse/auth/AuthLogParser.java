package io.vigie.core.parse.auth;

import io.vigie.core.parse.ParseResult;

/**
 * Reads one VPN gateway line or JSON record, on its own (no state between lines). Never throws: input it cannot
 * read is a failed {@link ParseResult} with a short, fixed reason (a dead letter and a metric label, so no free
 * text from the line). A readable line that is not a session event is an {@link AuthLine#ignored} line, not a
 * failure. Implementations are immutable and thread-safe.
 */
@FunctionalInterface
public interface AuthLogParser {

    ParseResult<AuthLine> parse(String line);
}
