package io.vigie.rules.dmarc;

/**
 * A count threshold that fires once, when a growing count reaches it: the DMARC alerts fire on the row
 * that crosses it, not on every row after.
 */
record Threshold(long value) {

    boolean crossedBy(final long before, final long after) {
        return before < value && after >= value;
    }
}
