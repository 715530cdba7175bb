package io.vigie.rules;

import io.vigie.rules.config.RulesConfig;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.Topology;

/**
 * Wires every detection into one topology. Pure: no I/O, so the application and the
 * {@code TopologyTestDriver} tests call the same method.
 */
public final class DetectorTopology {

    private DetectorTopology() {
    }

    public static Topology build(final RulesConfig config) {
        final StreamsBuilder builder = new StreamsBuilder();
        // filled in by the mail slice
        builder.stream(config.topics().rawPostfix());
        return builder.build();
    }
}
