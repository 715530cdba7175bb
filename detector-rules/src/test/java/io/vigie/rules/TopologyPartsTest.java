package io.vigie.rules;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/**
 * A task's stream time is the latest record time of all the topics it reads. A detection that windows by event
 * time must therefore not share a task with another source: a recent antivirus record would close the day of a
 * Postfix backlog being replayed, and every mail count after it would be late.
 */
class TopologyPartsTest {

    @Test
    void shouldGiveTheMailCountsATaskOfTheirOwn() {
        assertThat(TopologyTasks.sourceTopicsOf("top20-partition-candidates"))
                .allSatisfy(topic -> assertThat(topic)
                        .matches("mail-counts-by-address-repartition|inbound-deliveries-by-sender-repartition"
                                + "|events\\.mail-queue"));
        assertThat(TopologyTasks.sourceTopicsOf("outbound-volume-spike"))
                .doesNotContain("raw.av", "raw.reports", "raw.proxy");
    }

    @Test
    void shouldGiveTheSaslRulesTasksOfTheirOwn() {
        // their two stages share a task (their alerts merge before the throttle), and nothing else does
        assertThat(TopologyTasks.sourceTopicsOf("sasl-spraying"))
                .containsExactlyInAnyOrder(
                        "sasl-failures-by-network-repartition",
                        "sasl-logins-by-network-repartition",
                        "sasl-signals-by-account-repartition");
        assertThat(TopologyTasks.sourceTopicsOf("sasl-account-takeover"))
                .isEqualTo(TopologyTasks.sourceTopicsOf("sasl-spraying"));
    }

    @Test
    void shouldGiveTheVpnSessionsATaskOfTheirOwn() {
        assertThat(TopologyTasks.sourceTopicsOf("auth-parse")).containsExactly("raw.auth");
    }

    @Test
    void shouldMergeTheAlertsOfEveryPartOnlyAfterTheirOwnRepartition() {
        assertThat(TopologyTasks.sourceTopicsOf("alert-throttle"))
                .containsExactlyInAnyOrder(
                        "alerts-mail-by-rule-entity-repartition",
                        "alerts-dmarc-by-rule-entity-repartition",
                        "alerts-proxy-by-rule-entity-repartition",
                        "alerts-quarantine-by-rule-entity-repartition",
                        "alerts-av-by-rule-entity-repartition",
                        "alerts-reports-by-rule-entity-repartition",
                        "alerts-lookalike-by-rule-entity-repartition",
                        "alerts-auth-by-rule-entity-repartition",
                        "alerts-correlation-account-by-rule-entity-repartition");
    }
}
