package io.vigie.rules;

import io.vigie.rules.alert.Alert;
import io.vigie.rules.alert.AlertThrottle;
import io.vigie.rules.config.RulesConfig;
import io.vigie.rules.mail.PostfixMailFlow;
import io.vigie.rules.mail.PostqueueSnapshots;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.KStream;
import org.apache.kafka.streams.kstream.Materialized;

/**
 * Wires every detection into one topology. Pure: no I/O, so the application and the
 * {@code TopologyTestDriver} tests call the same method.
 */
public final class DetectorTopology {

    /** Queryable on every instance: the latest top-20 snapshot of each window, read from {@code state.top20}. */
    public static final String TOP20_SNAPSHOTS_STORE = "top20-snapshots";

    private DetectorTopology() {
    }

    public static Topology build(final RulesConfig config) {
        final StreamsBuilder builder = new StreamsBuilder();
        final KStream<String, Alert> mailAlerts = PostfixMailFlow.addTo(builder, config);
        PostqueueSnapshots.addTo(builder, config);
        AlertThrottle.addTo(builder, mailAlerts, config.alertThrottle(), config.topics().alerts());
        builder.globalTable(config.topics().top20State(),
                Consumed.with(Serdes.String(), PostfixMailFlow.SNAPSHOT_SERDE).withName("top20-state-source"),
                Materialized.as(TOP20_SNAPSHOTS_STORE));
        return builder.build();
    }

}
