package io.vigie.core.parse.proxy;

import io.vigie.core.parse.ParseResult;

/**
 * Reads one line of a proxy log. Never throws: a line it cannot read is a failed {@link ParseResult} with
 * a short, fixed reason (it becomes a dead letter and a metric label, so no free text from the line).
 * Implementations are immutable and thread-safe.
 */
@FunctionalInterface
public interface ProxyLogParser {

    ParseResult<ProxyLine> parse(String line);
}
