package io.vigie.rules;

import io.vigie.rules.config.RulesConfig;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Properties;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TopologyTestDriver;

/** The whole detector topology under {@link TopologyTestDriver}, as every rules test drives it. */
public final class TestDrivers {

    private TestDrivers() {
    }

    /** @param wallClock the driver's initial wall-clock time (punctuations, clamping of future events) */
    public static TopologyTestDriver detector(final RulesConfig config, final Path stateDir, final Instant wallClock) {
        final Properties props = new Properties();
        props.put(StreamsConfig.APPLICATION_ID_CONFIG, "vigie-test");
        props.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "dummy:9092");
        props.put(StreamsConfig.STATE_DIR_CONFIG, stateDir.toString());
        return new TopologyTestDriver(DetectorTopology.build(config), props, wallClock);
    }
}
