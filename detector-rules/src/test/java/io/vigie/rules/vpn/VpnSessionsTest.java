package io.vigie.rules.vpn;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import io.vigie.core.model.AuthSession;
import io.vigie.core.model.AuthSession.Kind;
import io.vigie.core.model.DeadLetter;
import io.vigie.rules.TestDrivers;
import io.vigie.rules.config.RulesConfig;
import io.vigie.rules.dlq.ParsingStep;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.kstream.Produced;
import org.apache.kafka.streams.test.TestRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class VpnSessionsTest {

    private static final Instant NOW = Instant.parse("2026-12-06T12:00:00Z");
    private static final RulesConfig CONFIG =
            RulesConfig.defaults().withZone(ZoneOffset.UTC).withClock(Clock.fixed(NOW, ZoneOffset.UTC));

    private static final String OPENVPN_START = "Dec  1 08:00:02 vpn1 openvpn[1234]: alice/203.0.113.5:51234 "
            + "MULTI_sva: pool returned IPv4=10.8.0.6, IPv6=(Not enabled)";
    private static final String STRONGSWAN_START =
            "Dec  1 08:10:01 vpn2 charon: 09[IKE] assigning virtual IP " + "fd00:10::5 to peer 'Bob'";
    private static final String ANYCONNECT_END = "Dec  1 10:02:04 asa1 %ASA-4-113019: Group = GP-VPN, Username = "
            + "carol, IP = 203.0.113.9, Session disconnected. Session Type: SSL, Duration: 1h:02m:03s, Bytes xmt: "
            + "1234, Bytes rcv: 5678, Reason: User Requested";
    private static final String JSON_SESSION = "{\"user\":\"Dave\",\"source_ip\":\"203.0.113.5\",\"assigned_ip\":"
            + "\"10.8.0.7\",\"start\":\"2026-12-01T08:00:00Z\",\"end\":\"2026-12-01T12:00:00Z\",\"session_id\":"
            + "\"abc\",\"gateway\":\"vpn1\"}";

    @TempDir
    Path stateDir;

    private TopologyTestDriver driver;
    private TestInputTopic<String, String> raw;
    private TestOutputTopic<String, AuthSession> events;
    private TestOutputTopic<String, DeadLetter> dlq;

    @BeforeEach
    void start() {
        // the VPN part alone: raw lines in, sessions and dead letters out
        driver = TestDrivers.part(builder -> VpnSessions.addTo(builder, CONFIG), stateDir, NOW);
        raw = driver.createInputTopic("raw.auth", new StringSerializer(), new StringSerializer());
        events = driver.createOutputTopic(
                "events.auth", new StringDeserializer(), VpnSessions.SESSION_SERDE.deserializer());
        dlq = driver.createOutputTopic("dlq", new StringDeserializer(), ParsingStep.DEAD_LETTER_SERDE.deserializer());
    }

    @AfterEach
    void stop() {
        driver.close();
    }

    @Test
    void shouldWriteOneSessionEventKeyedByUserWhenLinesOfTheFourFormatsArrive() {
        raw.pipeInput(null, OPENVPN_START, NOW);
        raw.pipeInput("strongswan.log", STRONGSWAN_START, NOW);
        raw.pipeInput("asa1", ANYCONNECT_END, NOW);
        raw.pipeInput("vpn-export.jsonl", JSON_SESSION, NOW);

        final List<TestRecord<String, AuthSession>> records = events.readRecordsToList();

        assertThat(records).extracting(TestRecord::key).containsExactly("alice", "bob", "carol", "dave");
        assertThat(records)
                .extracting(TestRecord::value)
                .containsExactly(
                        new AuthSession(
                                Instant.parse("2026-12-01T08:00:02Z"),
                                "openvpn",
                                Kind.START,
                                "alice",
                                "203.0.113.5",
                                "10.8.0.6",
                                "203.0.113.5:51234",
                                Instant.parse("2026-12-01T08:00:02Z"),
                                null,
                                "vpn1"),
                        new AuthSession(
                                Instant.parse("2026-12-01T08:10:01Z"),
                                "strongswan",
                                Kind.START,
                                "bob",
                                null,
                                "fd00:10::5",
                                null,
                                Instant.parse("2026-12-01T08:10:01Z"),
                                null,
                                "vpn2"),
                        new AuthSession(
                                Instant.parse("2026-12-01T10:02:04Z"),
                                "anyconnect",
                                Kind.END,
                                "carol",
                                "203.0.113.9",
                                null,
                                null,
                                Instant.parse("2026-12-01T09:00:01Z"),
                                Instant.parse("2026-12-01T10:02:04Z"),
                                "asa1"),
                        new AuthSession(
                                Instant.parse("2026-12-01T12:00:00Z"),
                                "json",
                                Kind.SESSION,
                                "dave",
                                "203.0.113.5",
                                "10.8.0.7",
                                "abc",
                                Instant.parse("2026-12-01T08:00:00Z"),
                                Instant.parse("2026-12-01T12:00:00Z"),
                                "vpn1"));
        // the record time is the session event's, not the shipper's
        assertThat(records)
                .extracting(TestRecord::getRecordTime)
                .containsExactly(
                        Instant.parse("2026-12-01T08:00:02Z"), Instant.parse("2026-12-01T08:10:01Z"),
                        Instant.parse("2026-12-01T10:02:04Z"), Instant.parse("2026-12-01T12:00:00Z"));
        assertThat(dlq.isEmpty()).isTrue();
        assertThat(counter("auth-sessions-total", Map.of("source", "anyconnect", "kind", "end")))
                .isEqualTo(1.0);
    }

    @Test
    void shouldReadEachLineOfARecordHoldingSeveralWhenAShipperBatchesThem() {
        raw.pipeInput("vpn.log", OPENVPN_START + "\n" + ANYCONNECT_END + "\n", NOW);

        assertThat(events.readKeyValuesToList())
                .extracting(kv -> kv.key + " " + kv.value.kind())
                .containsExactly("alice START", "carol END");
    }

    @Test
    void shouldSendABadLineToTheDlqWithItsReasonAndWhereItCameFromWhenItCannotBeRead() {
        raw.pipeInput("vpn.log", OPENVPN_START, NOW);
        raw.pipeInput(
                "vpn.log",
                "Dec  1 13:10:00 vpn1 openvpn[1234]: erin/203.0.113.9:50002 MULTI_sva: pool "
                        + "returned IPv4=10.8.0.300, IPv6=(Not enabled)",
                NOW);
        raw.pipeInput("vpn.log", "{\"start\":\"2026-12-01T08:00:00Z\"}", NOW);

        final List<DeadLetter> letters = dlq.readValuesToList();

        assertThat(letters)
                .extracting(DeadLetter::source, DeadLetter::reason, DeadLetter::topic, DeadLetter::offset)
                .containsExactly(
                        tuple("auth", "bad address", "raw.auth", 1L), tuple("auth", "no user", "raw.auth", 2L));
        assertThat(letters.get(0).raw()).contains("10.8.0.300");
        assertThat(events.readKeyValuesToList()).extracting(kv -> kv.key).containsExactly("alice");
        assertThat(counter("dead-letter-total", Map.of("source", "auth", "reason", "bad address")))
                .isEqualTo(1.0);
        assertThat(counter("dead-letter-total", Map.of("source", "auth", "reason", "no user")))
                .isEqualTo(1.0);
    }

    @Test
    void shouldCountButNeitherForwardNorDeadLetterGatewayLinesThatAreNoSessionEvent() {
        raw.pipeInput(
                "vpn.log",
                "Dec  1 09:30:00 vpn1 sshd[99]: Accepted publickey for root from 192.0.2.10 port " + "50522 ssh2",
                NOW);
        raw.pipeInput("vpn.log", "Dec  1 09:30:01 vpn1 sshd[99]: pam_unix(sshd:session): session opened for root", NOW);
        raw.pipeInput(
                "vpn.log",
                "Dec  1 08:00:01 vpn1 openvpn[1234]: 203.0.113.5:51234 TLS: Initial packet from "
                        + "[AF_INET]203.0.113.5:51234, sid=1a2b3c4d 5e6f7a8b",
                NOW);

        assertThat(events.isEmpty()).isTrue();
        assertThat(dlq.isEmpty()).isTrue();
        assertThat(counter("auth-ignored-lines-total", Map.of("reason", "other program")))
                .isEqualTo(2.0);
        assertThat(counter("auth-ignored-lines-total", Map.of("reason", "not a session line")))
                .isEqualTo(1.0);
    }

    @Test
    void shouldReturnTheSessionsKeyedByUserWhenAnotherPartReadsThem() {
        final StreamsBuilder builder = new StreamsBuilder();
        VpnSessions.addTo(builder, CONFIG)
                .mapValues(AuthSession::assignedIp)
                .to("probe", Produced.with(Serdes.String(), Serdes.String()));
        final Properties props = new Properties();
        props.put(StreamsConfig.APPLICATION_ID_CONFIG, "vpn-test");
        props.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "dummy:9092");
        props.put(StreamsConfig.STATE_DIR_CONFIG, stateDir.resolve("alone").toString());
        try (TopologyTestDriver alone = new TopologyTestDriver(builder.build(), props, NOW)) {
            alone.createInputTopic("raw.auth", new StringSerializer(), new StringSerializer())
                    .pipeInput(null, OPENVPN_START + "\n" + STRONGSWAN_START, NOW);

            assertThat(alone.createOutputTopic("probe", new StringDeserializer(), new StringDeserializer())
                            .readKeyValuesToList())
                    .containsExactly(KeyValue.pair("alice", "10.8.0.6"), KeyValue.pair("bob", "fd00:10::5"));
        }
    }

    private double counter(final String name, final Map<String, String> tags) {
        return driver.metrics().entrySet().stream()
                .filter(e -> e.getKey().name().equals(name)
                        && e.getKey().tags().entrySet().containsAll(tags.entrySet()))
                .mapToDouble(e -> ((Number) e.getValue().metricValue()).doubleValue())
                .sum();
    }
}
