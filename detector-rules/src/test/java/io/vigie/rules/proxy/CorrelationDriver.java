package io.vigie.rules.proxy;

import io.vigie.core.model.Indicator;
import io.vigie.rules.TestDrivers;
import io.vigie.rules.alert.Alert;
import io.vigie.rules.alert.AlertLevel;
import io.vigie.rules.alert.AlertRule;
import io.vigie.rules.alert.AlertThrottle;
import io.vigie.rules.config.RulesConfig;
import io.vigie.rules.intel.IntelFeeds;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;

/**
 * The whole topology, fed proxy lines and, on the {@code alerts} topic, the mail and antivirus alerts the other parts
 * would have written: what the correlations read back.
 */
final class CorrelationDriver implements AutoCloseable {

    static final Instant NOW = Instant.parse("2026-11-28T23:00:00Z");
    static final String DOMAIN = "chu-exemple.fr";
    private static final DateTimeFormatter SQUID_TIME =
            DateTimeFormatter.ofPattern("dd/MMM/yyyy:HH:mm:ss Z", Locale.ROOT).withZone(ZoneOffset.UTC);
    private static final AlertRule USER_REPORT = rule("vigie.mail.user-report", "vigie.mail");
    private static final AlertRule QUARANTINE = rule("vigie.mail.quarantine-campaign", "vigie.mail");
    private static final AlertRule AV = rule("vigie.av.malware-from-internet", "vigie.av");

    final TopologyTestDriver driver;
    private final TestInputTopic<String, String> proxy;
    private final TestInputTopic<String, Alert> alertsIn;
    private final TestOutputTopic<String, Alert> alerts;
    private final TestOutputTopic<String, Indicator> indicators;
    private final String topicsRawAv;

    CorrelationDriver(final RulesConfig base, final Path stateDir) {
        final RulesConfig config =
                base.withInternalDomains(List.of(DOMAIN)).withClock(Clock.fixed(NOW, ZoneOffset.UTC));
        driver = TestDrivers.detector(config, stateDir, NOW);
        topicsRawAv = config.topics().rawAv();
        proxy = driver.createInputTopic(config.topics().rawProxy(), new StringSerializer(), new StringSerializer());
        alertsIn = driver.createInputTopic(
                config.topics().alerts(),
                new StringSerializer(),
                AlertThrottle.serde().serializer());
        alerts = driver.createOutputTopic(
                config.topics().alerts(),
                new StringDeserializer(),
                AlertThrottle.serde().deserializer());
        indicators = driver.createOutputTopic(
                config.topics().indicators(), new StringDeserializer(), IntelFeeds.INDICATOR_SERDE.deserializer());
    }

    private static AlertRule rule(final String id, final String dataset) {
        return new AlertRule(id, id, id, AlertLevel.HIGH, List.of("email"), dataset, List.of("look"));
    }

    /** A Squid combined line. */
    void request(final String time, final String client, final String user, final String url) {
        final Instant at = Instant.parse(time);
        proxy.pipeInput(
                "access.log",
                client + " - " + user + " [" + SQUID_TIME.format(at) + "] \"GET " + url
                        + " HTTP/1.1\" 200 512 \"-\" \"Mozilla/5.0\" TCP_MISS:HIER_DIRECT",
                at);
    }

    /** A user report: the reporter, the delivery time, the URL hosts of the mail. */
    Alert userReport(final String time, final String reporter, final String delivered, final String... hosts) {
        final Alert alert = USER_REPORT
                .raise(Instant.parse(time), "report|" + reporter + "|" + delivered, Instant.parse(time), "reported")
                .user("email", reporter)
                .related("user", List.of(reporter))
                .related("hosts", List.of(hosts))
                .observed("delivered", delivered)
                .build();
        alertsIn.pipeInput(alert.entity(), alert, alert.timestamp());
        return alert;
    }

    /** A quarantined campaign: its recipients and URL hosts, delivered at the alert's time. */
    Alert campaign(final String time, final List<String> recipients, final String... hosts) {
        final Alert alert = QUARANTINE
                .raise(Instant.parse(time), "campaign|" + String.join(",", hosts), Instant.parse(time), "campaign")
                .related("user", recipients)
                .related("hosts", List.of(hosts))
                .build();
        alertsIn.pipeInput(alert.entity(), alert, alert.timestamp());
        return alert;
    }

    /** An antivirus detection on the machine at {@code ip}, named {@code host}. */
    Alert av(final String time, final String ip, final String host) {
        final Alert alert = AV.raise(
                        Instant.parse(time),
                        host + "|c:/users/x/downloads/a.exe",
                        Instant.parse(time),
                        "Trojan in a.exe")
                .source("ip", ip)
                .related("hosts", host == null ? List.of() : List.of(host))
                .observed("threat", "Win.Trojan.Agent")
                .build();
        alertsIn.pipeInput(alert.entity(), alert, alert.timestamp());
        return alert;
    }

    /** An antivirus alert that names the machine only by its host name (as an outbreak alert does). */
    Alert avOnHost(final String time, final String host) {
        final Alert alert = AV.raise(Instant.parse(time), host + "|outbreak", Instant.parse(time), "Worm on " + host)
                .related("hosts", List.of(host))
                .build();
        alertsIn.pipeInput(alert.entity(), alert, alert.timestamp());
        return alert;
    }

    /** An ECS antivirus record in a user's documents (no alert of its own): tells who is who on that machine. */
    void avRecord(final String time, final String host, final String ip, final String user) {
        driver.createInputTopic(topicsRawAv, new StringSerializer(), new StringSerializer())
                .pipeInput(
                        "agent",
                        "{\"@timestamp\":\"" + time + "\",\"host\":{\"name\":\"" + host + "\",\"ip\":[\"" + ip + "\"]},"
                                + "\"user\":{\"name\":\"" + user + "\"},\"threat\":{\"name\":\"PUA.Tool\"},"
                                + "\"file\":{\"path\":\"C:\\\\Users\\\\" + user + "\\\\Documents\\\\tool.exe\"},"
                                + "\"event\":{\"action\":\"quarantined\"}}",
                        Instant.parse(time));
    }

    List<Alert> alerts() {
        return alerts.readValuesToList();
    }

    List<Indicator> indicators() {
        return indicators.readValuesToList();
    }

    @Override
    public void close() {
        driver.close();
    }
}
