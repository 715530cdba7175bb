package io.vigie.rules.correlation;

import static org.assertj.core.api.Assertions.assertThat;

import io.vigie.core.model.AuthSession;
import io.vigie.rules.alert.Alert;
import io.vigie.rules.alert.AlertLevel;
import io.vigie.rules.alert.AlertRule;
import io.vigie.rules.alert.AlertThrottle;
import io.vigie.rules.entity.UserMapping;
import io.vigie.rules.vpn.VpnSessions;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Properties;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.Produced;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The compromised-account correlation alone on a driver: sessions and account alerts in, its alerts out. */
class CompromisedAccountsTest {

    private static final Instant T = Instant.parse("2026-12-01T09:16:05Z");
    private TopologyTestDriver driver;
    private TestInputTopic<String, AuthSession> sessions;
    private TestInputTopic<String, Alert> written;
    private TestOutputTopic<String, Alert> out;

    @BeforeEach
    void start() {
        final StreamsBuilder builder = new StreamsBuilder();
        CompromisedAccounts.addTo(
                        builder,
                        builder.stream("sessions", Consumed.with(Serdes.String(), VpnSessions.SESSION_SERDE)),
                        builder.stream("written", Consumed.with(Serdes.String(), AlertThrottle.serde())),
                        UserMapping.of(List.of("chu-exemple.fr"))::accountOf,
                        Duration.ofDays(7),
                        null)
                .to("out", Produced.with(Serdes.String(), AlertThrottle.serde()));
        final Properties props = new Properties();
        props.put(StreamsConfig.APPLICATION_ID_CONFIG, "compromised-account-test");
        props.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "unused:9092");
        driver = new TopologyTestDriver(builder.build(), props);
        sessions = driver.createInputTopic("sessions", new StringSerializer(), VpnSessions.SESSION_SERDE.serializer());
        written = driver.createInputTopic(
                "written", new StringSerializer(), AlertThrottle.serde().serializer());
        out = driver.createOutputTopic(
                "out", new StringDeserializer(), AlertThrottle.serde().deserializer());
    }

    @AfterEach
    void stop() {
        driver.close();
    }

    private static AuthSession session(final String user, final Instant start, final AuthSession.Kind kind) {
        return new AuthSession(
                start,
                "json",
                kind,
                user,
                "198.51.100.23",
                "10.8.0.42",
                null,
                start,
                kind == AuthSession.Kind.SESSION ? start.plus(Duration.ofMinutes(25)) : null,
                "vpn1");
    }

    private static Alert flag(final String rule, final String account, final Instant at) {
        return new AlertRule(rule, rule, "test", AlertLevel.HIGH, List.of("authentication"), "vigie.mail", List.of())
                .raise(at, account, at, "flagged " + account)
                .user("name", account)
                .build();
    }

    private void send(final AuthSession s) {
        sessions.pipeInput(s.user(), s, s.time());
    }

    private void send(final Alert a) {
        written.pipeInput(a.entity(), a, a.timestamp());
    }

    @Test
    void shouldRaiseOneAlertPerSessionAroundTheTakeoverWhateverCameFirst() {
        final AuthSession before = session("alice", T.minus(Duration.ofDays(2)), AuthSession.Kind.SESSION);
        final AuthSession after = session("alice", T.plus(Duration.ofHours(3)), AuthSession.Kind.START);
        send(before);
        send(flag("vigie.mail.account-takeover", "alice@chu-exemple.fr", T));
        send(after);

        final List<Alert> alerts = out.readValuesToList();
        assertThat(alerts).extracting(Alert::ruleId).containsOnly("vigie.correlation.compromised-account-vpn");
        assertThat(alerts).extracting(Alert::timestamp).containsExactly(before.start(), after.start());
        assertThat(alerts.get(0).user()).containsEntry("name", "alice");
        assertThat(alerts.get(0).related().get("ip")).containsExactly("198.51.100.23", "10.8.0.42");
        assertThat(alerts.get(0).message()).contains("before the vigie.mail.account-takeover alert");
        assertThat(alerts.get(1).message()).contains("after the vigie.mail.account-takeover alert");

        // the other order gives the same ids
        final List<String> ids = alerts.stream().map(a -> a.event().id()).toList();
        stop();
        start();
        send(flag("vigie.mail.account-takeover", "alice@chu-exemple.fr", T));
        send(after);
        send(before);
        assertThat(out.readValuesToList()).extracting(a -> a.event().id()).containsExactlyInAnyOrderElementsOf(ids);
    }

    @Test
    void shouldListTheWorkstationsTheAccountLoggedOnToAroundTheFlag() {
        final CompromisedAccountVpn rule = new CompromisedAccountVpn(Duration.ofDays(7));
        final AuthSession s = session("alice", T.plusSeconds(3600), AuthSession.Kind.START);
        final AccountHistory.FlaggedBy flag = new AccountHistory.FlaggedBy("a1", "vigie.mail.account-takeover", T);
        final AccountHistory history =
                AccountHistory.empty().with(s, T.minus(Duration.ofDays(14))).with(flag, T.minus(Duration.ofDays(14)));

        final List<Alert> alerts = rule.onAlert(
                "alice",
                flag,
                history,
                (account, from, to) -> account.equals("alice")
                                && from.equals(T.minus(Duration.ofDays(7)))
                                && to.equals(T.plus(Duration.ofDays(7)))
                        ? List.of("pc-0042", "10.30.0.8")
                        : List.of());

        assertThat(alerts)
                .singleElement()
                .satisfies(a -> assertThat(a.vigie().observed())
                        .containsEntry("workstations", List.of("pc-0042", "10.30.0.8")));
        assertThat(rule.onSession("alice", s, history, CompromisedAccountVpn.Workstations.UNKNOWN))
                .singleElement()
                .satisfies(a -> assertThat(a.vigie().observed()).doesNotContainKey("workstations"));
    }

    @Test
    void shouldRaiseNothingOutsideTheWindowForAnotherAccountAnEndOrAnotherRule() {
        send(flag("vigie.mail.outbound-volume-spike", "alice@chu-exemple.fr", T));
        send(flag("vigie.mail.user-report", "bob@chu-exemple.fr", T));
        send(session("alice", T.plus(Duration.ofDays(8)), AuthSession.Kind.START));
        send(session("alice", T.plus(Duration.ofHours(1)), AuthSession.Kind.END));
        send(session("bob", T.plus(Duration.ofHours(1)), AuthSession.Kind.START));
        // an address outside the organisation names no account of ours
        send(flag("vigie.mail.account-takeover", "carol@example.net", T));
        send(session("carol", T.plus(Duration.ofHours(1)), AuthSession.Kind.START));

        assertThat(out.isEmpty()).isTrue();

        send(session("alice", T.plus(Duration.ofDays(6)), AuthSession.Kind.START));
        assertThat(out.readValuesToList())
                .singleElement()
                .satisfies(a -> assertThat(a.message()).contains("vigie.mail.outbound-volume-spike"));
    }
}
