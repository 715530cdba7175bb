package io.vigie.core.model;

/**
 * Which way a message (or one of its recipients) crossed the organisation's border, judged from
 * where it was submitted (internal networks, SASL login, local pickup) and where it went
 * (the configured internal mail domains).
 */
public enum Direction {
    /** From outside to an internal recipient. */
    INBOUND,
    /** From inside to an external recipient (for a sender: submitted from inside). */
    OUTBOUND,
    /** From inside to an internal recipient. */
    INTERNAL,
    /** From outside to an external recipient: relaying, which a gateway should rarely do. */
    RELAYED
}
