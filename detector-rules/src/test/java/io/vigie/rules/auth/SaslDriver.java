package io.vigie.rules.auth;

import io.vigie.rules.TestDrivers;
import io.vigie.rules.alert.Alert;
import io.vigie.rules.alert.AlertThrottle;
import io.vigie.rules.alert.PartAlerts;
import io.vigie.rules.config.AuthConfig;
import io.vigie.rules.config.RulesConfig;
import io.vigie.rules.mail.PostfixMailFlow;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.state.KeyValueIterator;

/**
 * The mail flow and the SMTP AUTH part under {@link TopologyTestDriver}, their alerts through the throttle as in the
 * whole detector: fed with Postfix lines, read on the alerts topic. The SMTP AUTH part reads the mail flow's parsed
 * lines and finished messages, so the mail flow comes with it.
 */
final class SaslDriver implements AutoCloseable {

    static final Instant NOW = Instant.parse("2026-11-28T12:00:00Z");
    static final String DOMAIN = "chu-exemple.fr";

    private final TopologyTestDriver driver;
    private final TestInputTopic<String, String> rawPostfix;
    private final TestOutputTopic<String, Alert> alerts;

    SaslDriver(final AuthConfig auth, final Path stateDir) {
        this(config(auth), stateDir);
    }

    SaslDriver(final RulesConfig config, final Path stateDir) {
        driver = TestDrivers.part(
                builder -> {
                    final PostfixMailFlow.Output mail = PostfixMailFlow.addTo(builder, config);
                    TestDrivers.throttled(
                            builder,
                            config,
                            new PartAlerts("mail", mail.alerts()),
                            new PartAlerts(
                                    "auth", SaslAuthentication.addTo(builder, config, mail.lines(), mail.messages())));
                },
                stateDir,
                NOW);
        rawPostfix =
                driver.createInputTopic(config.topics().rawPostfix(), new StringSerializer(), new StringSerializer());
        alerts = driver.createOutputTopic(
                config.topics().alerts(),
                new StringDeserializer(),
                AlertThrottle.serde().deserializer());
    }

    /** Syslog times in UTC, the hospital's domain, 10.0.0.0/8 inside, a clock fixed at {@link #NOW}. */
    static RulesConfig config(final AuthConfig auth) {
        return RulesConfig.defaults().toBuilder()
                .zone(ZoneOffset.UTC)
                .internalDomains(List.of(DOMAIN))
                .internalNetworks(List.of("10.0.0.0/8"))
                .alertThrottle(Duration.ofHours(1))
                .auth(auth)
                .clock(Clock.fixed(NOW, ZoneOffset.UTC))
                .build();
    }

    /** The defaults with other thresholds. */
    static AuthConfig auth(final int sprayingAccounts, final int bruteForceFailures, final int takeoverFailures) {
        final AuthConfig d = AuthConfig.defaults();
        return AuthConfig.defaults().toBuilder()
                .window(d.window())
                .sprayingAccounts(sprayingAccounts)
                .bruteForceFailures(bruteForceFailures)
                .takeoverFailures(takeoverFailures)
                .learningPeriod(d.learningPeriod())
                .knownNetworkRetention(d.knownNetworkRetention())
                .ipv4Prefix(d.ipv4Prefix())
                .ipv6Prefix(d.ipv6Prefix())
                .build();
    }

    /** One record per line, as rsyslog's omkafka sends them, all shipped at {@link #NOW}. */
    void lines(final List<String> lines) {
        linesAt(NOW, lines);
    }

    /**
     * The same, shipped at {@code shipped}: the driver runs the parts as one task, so the raw records'
     * timestamps count in the stream time of every stage (its hourly sweeps).
     */
    void linesAt(final Instant shipped, final List<String> lines) {
        lines.forEach(line -> rawPostfix.pipeInput(null, line, shipped));
    }

    /** The alerts of one rule written since the last call (the others are read too, and dropped). */
    List<Alert> alerts(final String ruleId) {
        return alerts.readValuesToList().stream()
                .filter(alert -> alert.ruleId().equals(ruleId))
                .toList();
    }

    /** Every alert written since the last call. */
    List<Alert> alerts() {
        return alerts.readValuesToList();
    }

    /** The keys a state store holds now. */
    List<String> keysOf(final String store) {
        final List<String> keys = new ArrayList<>();
        try (KeyValueIterator<String, Object> all =
                driver.<String, Object>getKeyValueStore(store).all()) {
            all.forEachRemaining(entry -> keys.add(entry.key));
        }
        return keys;
    }

    @Override
    public void close() {
        driver.close();
    }
}
