package io.vigie.rules;

import io.vigie.rules.config.RulesConfig;
import java.util.Set;
import java.util.stream.Collectors;
import org.apache.kafka.streams.TopologyDescription;

/** Which topics feed the task of a processor of the whole topology: what shares a task shares a stream time. */
public final class TopologyTasks {

    private TopologyTasks() {}

    public static Set<String> sourceTopicsOf(final String processor) {
        final TopologyDescription description =
                DetectorTopology.build(RulesConfig.defaults()).describe();
        final TopologyDescription.Subtopology owner = description.subtopologies().stream()
                .filter(sub -> sub.nodes().stream().anyMatch(node -> node.name().equals(processor)))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no processor " + processor));
        return owner.nodes().stream()
                .filter(TopologyDescription.Source.class::isInstance)
                .flatMap(node -> ((TopologyDescription.Source) node).topicSet().stream())
                .collect(Collectors.toSet());
    }
}
