package io.vigie.app.cluster;

/** Whose turn a single-instance duty is, as this instance sees it. */
public enum Turn {
    /** This instance does it. */
    MINE,
    /** Another instance of the group does it. */
    ANOTHER_INSTANCE,
    /** Not known yet: Kafka Streams has not been given its partitions since it started. */
    NOT_KNOWN_YET
}
