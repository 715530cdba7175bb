package io.vigie.core.parse.av;

import io.vigie.core.parse.ParseResult;

/**
 * Reads one antivirus log line or JSON record. Never throws: input it cannot read is a failed
 * {@link ParseResult} with a short, fixed reason (a dead letter and a metric label, so no free text from the
 * line). A readable record that is not a detection is an {@link AvLine#ignored} line, not a failure.
 * Implementations are immutable and thread-safe.
 */
@FunctionalInterface
public interface AvLogParser {

    ParseResult<AvLine> parse(String line);
}
