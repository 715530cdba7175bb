package io.vigie.rules;

import io.vigie.rules.alert.AlertThrottle;
import io.vigie.rules.alert.PartAlerts;
import io.vigie.rules.config.RulesConfig;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Properties;
import java.util.function.Consumer;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TopologyTestDriver;

/**
 * Topologies under {@link TopologyTestDriver}: the whole detector, or one part alone, so that a detection's wiring is
 * tested without the rest.
 */
public final class TestDrivers {

    private TestDrivers() {}

    /** @param wallClock the driver's initial wall-clock time (punctuations, clamping of future events) */
    public static TopologyTestDriver detector(final RulesConfig config, final Path stateDir, final Instant wallClock) {
        final Properties props = new Properties();
        props.put(StreamsConfig.APPLICATION_ID_CONFIG, "vigie-test");
        props.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "dummy:9092");
        props.put(StreamsConfig.STATE_DIR_CONFIG, stateDir.toString());
        return new TopologyTestDriver(DetectorTopology.build(config), props, wallClock);
    }

    /**
     * One part alone: the test adds its sources and sinks around the part's {@code addTo}.
     *
     * @param part adds the part, with its test sources and sinks, to the builder
     */
    public static TopologyTestDriver part(
            final Consumer<StreamsBuilder> part, final Path stateDir, final Instant wallClock) {
        final StreamsBuilder builder = new StreamsBuilder();
        part.accept(builder);
        final Properties props = new Properties();
        props.put(StreamsConfig.APPLICATION_ID_CONFIG, "vigie-part-test");
        props.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "dummy:9092");
        props.put(StreamsConfig.STATE_DIR_CONFIG, stateDir.toString());
        return new TopologyTestDriver(builder.build(), props, wallClock);
    }

    /**
     * Parts' alerts through the throttle to the alerts topic, as the whole detector sends them: for the part-alone
     * tests whose assertions count the alerts after throttling.
     *
     * @param parts each part's alerts under the part's name, as {@link DetectorTopology} names them
     */
    public static void throttled(final StreamsBuilder builder, final RulesConfig config, final PartAlerts... parts) {
        AlertThrottle.addTo(
                builder, List.of(parts), config.alertThrottle(), config.topics().alerts());
    }
}
