package io.vigie.rules.auth;

import static org.assertj.core.api.Assertions.assertThat;

import io.vigie.core.model.Direction;
import io.vigie.core.model.MailMessage;
import io.vigie.core.model.MailRecipient;
import io.vigie.core.model.PostfixEvent;
import io.vigie.core.parse.PostfixParser;
import io.vigie.rules.TestDrivers;
import io.vigie.rules.alert.Alert;
import io.vigie.rules.alert.AlertThrottle;
import io.vigie.rules.auth.AccountTakeoverDetection.AccountState;
import io.vigie.rules.auth.SaslSprayingDetection.NetworkState;
import io.vigie.rules.config.RulesConfig;
import io.vigie.rules.mail.PostfixMailFlow;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.KStream;
import org.apache.kafka.streams.kstream.Produced;
import org.apache.kafka.streams.state.KeyValueStore;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The SMTP AUTH part alone, without the mail flow: Postfix lines and finished messages from test topics, through the
 * network stage and the account stage, to alerts.
 */
class SaslAuthenticationPartTest {

    private static final Instant NOW = Instant.parse("2026-11-28T12:00:00Z");
    private static final String IP = "203.0.113.7";
    private static final String NETWORK = "203.0.113.0/24";

    @TempDir
    Path stateDir;

    private TopologyTestDriver driver;
    private TestInputTopic<String, String> lines;
    private TestInputTopic<String, MailMessage> messages;
    private TestOutputTopic<String, Alert> alerts;

    @BeforeEach
    void setUp() {
        final RulesConfig config = RulesConfig.defaults().withClock(Clock.fixed(NOW, ZoneOffset.UTC));
        final PostfixParser parser = new PostfixParser(config.clock(), ZoneOffset.UTC);
        driver = TestDrivers.part(
                builder -> SaslAuthentication.addTo(
                                builder,
                                config,
                                postfixLines(builder, parser),
                                builder.stream(
                                        "messages", Consumed.with(Serdes.String(), PostfixMailFlow.MESSAGE_SERDE)))
                        .to("alerts", Produced.with(Serdes.String(), AlertThrottle.serde())),
                stateDir,
                NOW);
        lines = driver.createInputTopic("lines", new StringSerializer(), new StringSerializer());
        messages =
                driver.createInputTopic("messages", new StringSerializer(), PostfixMailFlow.MESSAGE_SERDE.serializer());
        alerts = driver.createOutputTopic(
                "alerts", new StringDeserializer(), AlertThrottle.serde().deserializer());
    }

    private static KStream<String, PostfixEvent> postfixLines(
            final StreamsBuilder builder, final PostfixParser parser) {
        return builder.stream("lines", Consumed.with(Serdes.String(), Serdes.String()))
                .flatMapValues(line ->
                        parser.parse(line).isOk() ? List.of(parser.parse(line).value()) : List.of());
    }

    @AfterEach
    void tearDown() {
        driver.close();
    }

    @Test
    void shouldRaiseSprayingByNetworkThenATakeoverByAccountOnTheLoginThatFollows() {
        for (int i = 0; i < 10; i++) {
            lines.pipeInput(null, SaslLines.failure("28 10:00:%02d".formatted(i), IP, "LOGIN", "user" + i), NOW);
        }
        for (int i = 0; i < 5; i++) {
            lines.pipeInput(null, SaslLines.failure("28 10:01:%02d".formatted(i), IP, "LOGIN", "jdupont"), NOW);
        }
        messages.pipeInput("mx|4F9D21C0A1", login("jdupont", Instant.parse("2026-11-28T10:05:00Z")), NOW);

        final List<KeyValue<String, Alert>> out = alerts.readKeyValuesToList();
        assertThat(out)
                .extracting(kv -> kv.key + " " + kv.value.ruleId())
                .containsExactly(NETWORK + " " + SaslSpraying.RULE.id(), "jdupont " + AccountTakeover.RULE.id());
        final KeyValueStore<String, NetworkState> networks = driver.getKeyValueStore(SaslSprayingDetection.STORE);
        assertThat(networks.get(NETWORK).alerted()).isTrue();
        final KeyValueStore<String, AccountState> accounts = driver.getKeyValueStore(AccountTakeoverDetection.STORE);
        assertThat(accounts.get("jdupont").firstLogin()).isNotNull();
        assertThat(accounts.get("user3").firstLogin()).isNull();
    }

    @Test
    void shouldRaiseNothingForAFewFailuresAndAFirstLogin() {
        lines.pipeInput(null, SaslLines.failure("28 10:00:00", IP, "LOGIN", "jdupont"), NOW);
        messages.pipeInput("mx|4F9D21C0A1", login("jdupont", Instant.parse("2026-11-28T10:05:00Z")), NOW);

        assertThat(alerts.isEmpty()).isTrue();
    }

    private static MailMessage login(final String account, final Instant time) {
        final MailRecipient recipient = new MailRecipient(
                "x@gmail.com",
                null,
                "sent",
                "gmail-smtp-in",
                "2.0.0",
                0.6,
                null,
                "250 ok",
                1,
                time,
                Direction.OUTBOUND);
        return new MailMessage(
                "mx",
                "4F9D21C0A1",
                "m1@chu-exemple.fr",
                account + "@chu-exemple.fr",
                1000L,
                1,
                "unknown",
                IP,
                account,
                MailMessage.Origin.EXTERNAL,
                Direction.OUTBOUND,
                time,
                time,
                List.of(recipient),
                "delivered",
                null,
                false,
                null);
    }
}
