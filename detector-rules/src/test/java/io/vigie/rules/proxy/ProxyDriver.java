package io.vigie.rules.proxy;

import io.vigie.core.model.DeadLetter;
import io.vigie.core.model.Indicator;
import io.vigie.rules.TestDrivers;
import io.vigie.rules.alert.Alert;
import io.vigie.rules.alert.AlertThrottle;
import io.vigie.rules.alert.PartAlerts;
import io.vigie.rules.config.RulesConfig;
import io.vigie.rules.dlq.ParsingStep;
import io.vigie.rules.intel.ThreatIntel;
import io.vigie.rules.store.QueryableStores;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.KStream;

/** The whole detector topology under {@link org.apache.kafka.streams.TopologyTestDriver}, fed proxy and intel lines. */
final class ProxyDriver implements AutoCloseable {

    static final Instant NOW = Instant.parse("2026-11-28T12:00:00Z");

    final TopologyTestDriver driver;
    final TestInputTopic<String, String> proxy;
    final TestInputTopic<String, String> urlhaus;
    final TestInputTopic<String, String> indicators;
    final TestOutputTopic<String, Alert> alerts;
    final TestOutputTopic<String, DeadLetter> dlq;

    ProxyDriver(final RulesConfig base, final Path stateDir) {
        final RulesConfig config = base.withClock(Clock.fixed(NOW, ZoneOffset.UTC));
        final var topics = config.topics();
        // The proxy part and what it reads: the threat intel table (whose feeds these tests fill), the alerts written
        // back (its correlations' inputs), and its alerts through the throttle to the alerts topic.
        driver = TestDrivers.part(
                builder -> {
                    final KStream<String, Indicator> newIndicators = ThreatIntel.addTo(builder, topics);
                    final KStream<String, Alert> written = builder.stream(
                            topics.alerts(),
                            Consumed.with(Serdes.String(), AlertThrottle.serde())
                                    .withName("alerts-written-source"));
                    final ProxyTraffic.Output out =
                            ProxyTraffic.addTo(builder, config, newIndicators, QueryableStores.INTEL, written, null);
                    TestDrivers.throttled(builder, config, new PartAlerts("proxy", out.alerts()));
                },
                stateDir,
                NOW);
        proxy = driver.createInputTopic(topics.rawProxy(), new StringSerializer(), new StringSerializer());
        urlhaus = driver.createInputTopic(topics.rawUrlhaus(), new StringSerializer(), new StringSerializer());
        indicators = driver.createInputTopic(topics.rawIndicators(), new StringSerializer(), new StringSerializer());
        alerts = driver.createOutputTopic(
                topics.alerts(), new StringDeserializer(), AlertThrottle.serde().deserializer());
        dlq = driver.createOutputTopic(
                topics.dlq(), new StringDeserializer(), ParsingStep.DEAD_LETTER_SERDE.deserializer());
    }

    void lines(final String feed, final String... lines) {
        for (final String line : lines) {
            proxy.pipeInput(feed, line, NOW);
        }
    }

    void indicator(final String line) {
        indicators.pipeInput("bulletin.txt", line, NOW);
    }

    List<Alert> alerts() {
        return alerts.readValuesToList();
    }

    double counter(final String metric, final Map<String, String> tags) {
        return driver.metrics().entrySet().stream()
                .filter(e -> e.getKey().group().equals(ProxySensors.GROUP)
                        && e.getKey().name().equals(metric)
                        && e.getKey().tags().equals(tags))
                .mapToDouble(e -> ((Number) e.getValue().metricValue()).doubleValue())
                .sum();
    }

    @Override
    public void close() {
        driver.close();
    }
}
