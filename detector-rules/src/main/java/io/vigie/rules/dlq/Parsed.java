package io.vigie.rules.dlq;

import io.vigie.core.model.DeadLetter;

/**
 * A raw record after parsing: the event, or the dead letter that replaces it. Only flows between
 * processors of one sub-topology, never through a topic.
 */
record Parsed<T>(T event, DeadLetter deadLetter) {

    public boolean isOk() {
        return deadLetter == null;
    }
}
