package io.vigie.rules;

import static org.assertj.core.api.Assertions.assertThat;

import io.vigie.rules.config.RulesConfig;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * The detector topology's description, committed. Kafka Streams names changelog and repartition topics and state
 * directories after the nodes and stores: a node, store or internal topic renamed by accident starts an upgraded
 * engine on empty state (counts, open messages, incidents) while the old topics linger. A rename that is meant
 * regenerates the file with {@code -Dvigie.topology.regenerate=true} and says in its commit how state is carried over.
 */
class TopologyDescriptionTest {

    private static final Path COMMITTED = Path.of("src/test/resources/topology/detector-topology.txt");

    @Test
    void shouldKeepEveryNodeStoreAndInternalTopicName() throws IOException {
        final String described = DetectorTopology.build(RulesConfig.defaults()).describe().toString();
        if (Boolean.getBoolean("vigie.topology.regenerate")) {
            Files.writeString(COMMITTED, described, StandardCharsets.UTF_8);
        }
        assertThat(described)
                .as("Topology#describe() differs from %s: a renamed node, store or internal topic loses its state on "
                        + "upgrade; if the change is meant, regenerate with -Dvigie.topology.regenerate=true", COMMITTED)
                .isEqualTo(Files.readString(COMMITTED, StandardCharsets.UTF_8));
    }
}
