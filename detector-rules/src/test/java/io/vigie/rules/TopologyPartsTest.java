package io.vigie.rules;

import static org.assertj.core.api.Assertions.assertThat;

import io.vigie.rules.config.RulesConfig;
import java.util.Set;
import java.util.stream.Collectors;
import org.apache.kafka.streams.TopologyDescription;
import org.junit.jupiter.api.Test;

/**
 * A task's stream time is the latest record time of all the topics it reads. A detection that windows by event
 * time must therefore not share a task with another source: a recent antivirus record would close the day of a
 * Postfix backlog being replayed, and every mail count after it would be late.
 */
class TopologyPartsTest {

    private static Set<String> sourceTopicsOf(final String processor) {
        final TopologyDescription description = DetectorTopology.build(RulesConfig.defaults()).describe();
        final TopologyDescription.Subtopology owner = description.subtopologies().stream()
                .filter(sub -> sub.nodes().stream().anyMatch(node -> node.name().equals(processor)))
                .findFirst().orElseThrow(() -> new AssertionError("no processor " + processor));
        return owner.nodes().stream().filter(TopologyDescription.Source.class::isInstance)
                .flatMap(node -> ((TopologyDescription.Source) node).topicSet().stream())
                .collect(Collectors.toSet());
    }

    @Test
    void shouldGiveTheMailCountsATaskOfTheirOwn() {
        assertThat(sourceTopicsOf("top20-partition-candidates")).allSatisfy(topic -> assertThat(topic)
                .matches("mail-counts-by-address-repartition|inbound-deliveries-by-sender-repartition"
                        + "|events\\.mail-queue"));
        assertThat(sourceTopicsOf("outbound-volume-spike")).doesNotContain("raw.av", "raw.reports", "raw.proxy");
    }

    @Test
    void shouldGiveTheSaslRulesTasksOfTheirOwn() {
        // their two stages share a task (their alerts merge before the throttle), and nothing else does
        assertThat(sourceTopicsOf("sasl-spraying")).containsExactlyInAnyOrder(
                "sasl-failures-by-network-repartition", "sasl-logins-by-network-repartition",
                "sasl-signals-by-account-repartition");
        assertThat(sourceTopicsOf("sasl-account-takeover")).isEqualTo(sourceTopicsOf("sasl-spraying"));
    }

    @Test
    void shouldGiveTheVpnSessionsATaskOfTheirOwn() {
        assertThat(sourceTopicsOf("auth-parse")).containsExactly("raw.auth");
    }

    @Test
    void shouldMergeTheAlertsOfEveryPartOnlyAfterTheirOwnRepartition() {
        assertThat(sourceTopicsOf("alert-throttle")).containsExactlyInAnyOrder(
                "alerts-mail-by-rule-entity-repartition", "alerts-dmarc-by-rule-entity-repartition",
                "alerts-proxy-by-rule-entity-repartition", "alerts-quarantine-by-rule-entity-repartition",
                "alerts-av-by-rule-entity-repartition", "alerts-reports-by-rule-entity-repartition",
                "alerts-lookalike-by-rule-entity-repartition", "alerts-auth-by-rule-entity-repartition");
    }
}
