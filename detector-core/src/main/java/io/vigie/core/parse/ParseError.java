package io.vigie.core.parse;

/**
 * Why one raw record could not be turned into an event. Carried to the dead-letter topic
 * together with the raw text, so nothing that was refused is lost.
 *
 * @param source the input format that refused the record, e.g. {@code postfix}
 * @param reason a short, stable, human-readable reason (also used as a metric tag: keep it low-cardinality)
 * @param raw    the raw record as received
 */
public record ParseError(String source, String reason, String raw) {}
