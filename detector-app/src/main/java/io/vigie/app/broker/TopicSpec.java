package io.vigie.app.broker;

import java.util.Map;
import java.util.TreeMap;

/**
 * A topic as Vigie wants it.
 *
 * @param name               topic name
 * @param partitions         partition count at creation
 * @param replicationFactor  replicas per partition
 * @param configs            topic-level configs ({@code retention.ms}, {@code cleanup.policy} ...)
 */
public record TopicSpec(String name, int partitions, short replicationFactor, Map<String, String> configs) {

    public TopicSpec {
        if (partitions < 1) {
            throw new IllegalArgumentException("topic " + name + ": partitions must be at least 1");
        }
        if (replicationFactor < 1) {
            throw new IllegalArgumentException("topic " + name + ": replication factor must be at least 1");
        }
        configs = Map.copyOf(new TreeMap<>(configs));
    }
}
