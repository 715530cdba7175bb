package io.vigie.rules;

import static org.assertj.core.api.Assertions.assertThat;

import io.vigie.rules.config.RulesConfig;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.apache.kafka.streams.TopologyDescription;
import org.junit.jupiter.api.Test;

/**
 * The detector topology's description, committed. Kafka Streams names changelog and repartition topics and state
 * directories after the nodes and stores: a node, store or internal topic renamed by accident starts an upgraded
 * engine on empty state (counts, open messages, incidents) while the old topics linger. A rename that is meant
 * regenerates the files with {@code -Dvigie.topology.regenerate=true} and says in its commit how state is carried
 * over. The same switch rewrites {@code docs/topology.md}, the topics each sub-topology reads and writes, where the
 * coupling of parts through topics (not through streams passed in the code) shows.
 */
class TopologyDescriptionTest {

    private static final Path COMMITTED = Path.of("src/test/resources/topology/detector-topology.txt");
    private static final Path DOC = Path.of("../docs/topology.md");
    private static final boolean REGENERATE = Boolean.getBoolean("vigie.topology.regenerate");

    private final TopologyDescription description =
            DetectorTopology.build(RulesConfig.defaults()).describe();

    @Test
    void shouldKeepEveryNodeStoreAndInternalTopicName() throws IOException {
        final String described = description.toString();
        if (REGENERATE) {
            Files.writeString(COMMITTED, described, StandardCharsets.UTF_8);
        }
        assertThat(described)
                .as(
                        "Topology#describe() differs from %s: a renamed node, store or internal topic loses its state on "
                                + "upgrade; if the change is meant, regenerate with -Dvigie.topology.regenerate=true",
                        COMMITTED)
                .isEqualTo(Files.readString(COMMITTED, StandardCharsets.UTF_8));
    }

    @Test
    void shouldDocumentWhichTopicsEachSubTopologyReadsAndWrites() throws IOException {
        final String doc = topicsDoc();
        if (REGENERATE) {
            Files.writeString(DOC, doc, StandardCharsets.UTF_8);
        }
        assertThat(doc)
                .as("%s is out of date; regenerate with -Dvigie.topology.regenerate=true", DOC)
                .isEqualTo(Files.readString(DOC, StandardCharsets.UTF_8));
    }

    private String topicsDoc() {
        final Map<String, Set<String>> writers = new TreeMap<>();
        final Map<String, Set<String>> readers = new TreeMap<>();
        for (final TopologyDescription.Subtopology sub : description.subtopologies()) {
            for (final TopologyDescription.Node node : sub.nodes()) {
                if (node instanceof TopologyDescription.Source source && source.topicSet() != null) {
                    source.topicSet()
                            .forEach(t -> readers.computeIfAbsent(t, k -> new TreeSet<>())
                                    .add(node.name()));
                } else if (node instanceof TopologyDescription.Sink sink && sink.topic() != null) {
                    writers.computeIfAbsent(sink.topic(), k -> new TreeSet<>()).add(node.name());
                }
            }
        }
        for (final TopologyDescription.GlobalStore global : description.globalStores()) {
            global.source()
                    .topicSet()
                    .forEach(t -> readers.computeIfAbsent(t, k -> new TreeSet<>())
                            .add(global.source().name() + " (global store "
                                    + String.join(", ", global.processor().stores()) + ")"));
        }
        final Set<String> topics = new TreeSet<>(writers.keySet());
        topics.addAll(readers.keySet());
        topics.removeIf(topic -> topic.endsWith("-repartition"));
        final StringBuilder doc = new StringBuilder("""
                # Topics of the detector topology

                Generated from `Topology#describe()` by `TopologyDescriptionTest` (regenerate with
                `mvn -pl detector-rules test -Dtest=TopologyDescriptionTest -Dvigie.topology.regenerate=true`).
                A topic both written and read here couples two parts of the topology through Kafka: the reader sees
                the writer's records only once they are committed. Repartition topics (`<name>-repartition`, which
                carry one part's records to the task that owns their new key) are left out; they and every node are
                in the committed description (`detector-rules/src/test/resources/topology/detector-topology.txt`).

                | Topic | Written by | Read by |
                |---|---|---|
                """);
        for (final String topic : topics) {
            doc.append("| `")
                    .append(topic)
                    .append("` | ")
                    .append(names(writers.get(topic)))
                    .append(" | ")
                    .append(names(readers.get(topic)))
                    .append(" |\n");
        }
        return doc.toString();
    }

    private static String names(final Set<String> nodes) {
        return nodes == null
                ? "(outside the engine)"
                : String.join(", ", nodes.stream().map(n -> "`" + n + "`").toList());
    }
}
