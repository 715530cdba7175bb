package io.vigie.rules.alert;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Properties;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.kstream.Consumed;
import org.junit.jupiter.api.Test;

/**
 * The throttle's task reads the alerts of every part (mail, proxy...), so its stream time is the newest of them all.
 * A part whose input is hours ahead of another's (a Postfix backlog replayed while the proxy is live, or the reverse)
 * must not make the throttle forget the other part's last alerts: the same alert would go out twice in its hour.
 */
class AlertThrottleAcrossPartsTest {

    private static final AlertRule PROXY_RULE = new AlertRule(
            "vigie.proxy.test",
            "Proxy",
            "Proxy rule.",
            AlertLevel.MEDIUM,
            List.of("network"),
            "vigie.proxy",
            List.of("Look."));
    private static final AlertRule MAIL_RULE = new AlertRule(
            "vigie.mail.test",
            "Mail",
            "Mail rule.",
            AlertLevel.MEDIUM,
            List.of("email"),
            "vigie.mail",
            List.of("Look."));
    private static final Instant PROXY_TIME = Instant.parse("2026-11-23T10:00:00Z");

    @Test
    void shouldStillThrottleAPartWhoseTimeIsDaysBehindAnother() {
        final StreamsBuilder builder = new StreamsBuilder();
        final List<PartAlerts> parts = List.of(
                new PartAlerts(
                        "proxy", builder.stream("proxy-alerts", Consumed.with(Serdes.String(), AlertThrottle.serde()))),
                new PartAlerts(
                        "mail", builder.stream("mail-alerts", Consumed.with(Serdes.String(), AlertThrottle.serde()))));
        AlertThrottle.addTo(builder, parts, Duration.ofHours(1), "alerts");
        final Properties props = new Properties();
        props.put(StreamsConfig.APPLICATION_ID_CONFIG, "throttle-test");
        props.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "dummy:9092");
        try (TopologyTestDriver driver = new TopologyTestDriver(builder.build(), props, PROXY_TIME)) {
            final TestInputTopic<String, Alert> proxy = driver.createInputTopic(
                    "proxy-alerts",
                    Serdes.String().serializer(),
                    AlertThrottle.serde().serializer());
            final TestInputTopic<String, Alert> mail = driver.createInputTopic(
                    "mail-alerts",
                    Serdes.String().serializer(),
                    AlertThrottle.serde().serializer());
            final TestOutputTopic<String, Alert> out = driver.createOutputTopic(
                    "alerts",
                    Serdes.String().deserializer(),
                    AlertThrottle.serde().deserializer());

            proxy.pipeInput(null, alert(PROXY_RULE, "10.0.0.7|evil.example", PROXY_TIME), PROXY_TIME);
            // the mail part reads a log five days later, well past the throttle's purge
            for (int hour = 0; hour < 6; hour++) {
                final Instant later = PROXY_TIME.plus(Duration.ofDays(5)).plus(Duration.ofHours(hour));
                mail.pipeInput(null, alert(MAIL_RULE, "sender" + hour + "@example.org", later), later);
            }
            // the proxy part goes on in its own time: the same alert ten minutes later is a repeat
            final Instant repeat = PROXY_TIME.plus(Duration.ofMinutes(10));
            proxy.pipeInput(null, alert(PROXY_RULE, "10.0.0.7|evil.example", repeat), repeat);

            final List<Alert> published = out.readValuesToList();
            assertThat(published)
                    .filteredOn(a -> a.ruleId().equals(PROXY_RULE.id()))
                    .hasSize(1);
            assertThat(published)
                    .filteredOn(a -> a.ruleId().equals(MAIL_RULE.id()))
                    .hasSize(6);
        }
    }

    private static Alert alert(final AlertRule rule, final String entity, final Instant time) {
        return rule.raise(time, entity, time, "test").build();
    }
}
