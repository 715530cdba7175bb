package io.vigie.rules.entity;

import static org.assertj.core.api.Assertions.assertThat;

import io.vigie.core.model.AuthSession;
import io.vigie.core.model.AvEvent;
import io.vigie.core.model.ProxyEvent;
import io.vigie.core.serde.JsonSerde;
import io.vigie.rules.config.RulesConfig;
import io.vigie.rules.vpn.VpnSessions;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Properties;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.kstream.Consumed;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The identity part alone, fed parsed records: proxy requests, antivirus detections and VPN sessions. */
class IdentitiesTest {

    private static final JsonSerde<ProxyEvent> PROXY = JsonSerde.of(ProxyEvent.class);
    private static final JsonSerde<AvEvent> AV = JsonSerde.of(AvEvent.class);
    private static final Instant DAY = Instant.parse("2026-12-01T00:00:00Z");

    @TempDir
    Path stateDir;

    private TopologyTestDriver driver;
    private TestInputTopic<String, ProxyEvent> proxy;
    private TestInputTopic<String, AvEvent> av;
    private TestInputTopic<String, AuthSession> vpn;
    private TestOutputTopic<String, IdentityTimeline> identities;
    private IdentityLookup who;

    @BeforeEach
    void start() {
        final StreamsBuilder builder = new StreamsBuilder();
        final RulesConfig config = RulesConfig.defaults().withInternalDomains(List.of("chu-exemple.fr"));
        final String store = Identities.addTo(
                builder,
                config,
                builder.stream("test.proxy", Consumed.with(Serdes.String(), PROXY)),
                builder.stream("test.av", Consumed.with(Serdes.String(), AV)),
                builder.stream("test.vpn", Consumed.with(Serdes.String(), VpnSessions.SESSION_SERDE)));
        final Properties props = new Properties();
        props.put(StreamsConfig.APPLICATION_ID_CONFIG, "vigie-test");
        props.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "dummy:9092");
        props.put(StreamsConfig.STATE_DIR_CONFIG, stateDir.toString());
        driver = new TopologyTestDriver(builder.build(), props, DAY);
        proxy = driver.createInputTopic("test.proxy", Serdes.String().serializer(), PROXY.serializer());
        av = driver.createInputTopic("test.av", Serdes.String().serializer(), AV.serializer());
        vpn = driver.createInputTopic("test.vpn", Serdes.String().serializer(), VpnSessions.SESSION_SERDE.serializer());
        identities = driver.createOutputTopic(
                "state.identities", Serdes.String().deserializer(), Identities.TIMELINE_SERDE.deserializer());
        assertThat(store).isEqualTo("identities");
        who = new IdentityLookup(driver.getKeyValueStore(store));
    }

    @AfterEach
    void stop() {
        driver.close();
    }

    private static Instant at(final String time) {
        return Instant.parse("2026-12-01T" + (time.length() == 5 ? time + ":00" : time) + "Z");
    }

    private void request(final String clientIp, final String user, final String time) {
        final Instant t = at(time);
        proxy.pipeInput(
                null,
                new ProxyEvent(
                        t,
                        "squid",
                        clientIp,
                        user,
                        "GET",
                        "http://intranet.chu-exemple.fr/",
                        "http",
                        "intranet.chu-exemple.fr",
                        80,
                        "/",
                        null,
                        200,
                        "TCP_MISS",
                        false,
                        1200,
                        "text/html",
                        "",
                        "Mozilla/5.0",
                        12),
                t);
    }

    private void session(
            final AuthSession.Kind kind, final String user, final String ip, final String start, final String end) {
        final Instant s = start == null ? null : at(start);
        final Instant e = end == null ? null : at(end);
        final Instant time = kind == AuthSession.Kind.START ? s : e;
        vpn.pipeInput(
                user,
                new AuthSession(time, "openvpn", kind, user, "203.0.113.9", ip, "s-" + user, s, e, "vpn-gw1"),
                time);
    }

    private void detection(
            final String host, final String hostIp, final String user, final String path, final String time) {
        final Instant t = at(time);
        av.pipeInput(
                host,
                new AvEvent(
                        t,
                        "defender",
                        host,
                        hostIp,
                        user,
                        "Trojan:Win32/Wacatac.B!ml",
                        path,
                        null,
                        null,
                        "quarantined",
                        null,
                        "severe"),
                t);
    }

    @Test
    void shouldResolveAProxyRequestFromAVpnAddressToTheSessionsAccount() {
        session(AuthSession.Kind.START, "alice", "10.8.0.12", "09:00", null);
        // an unauthenticated request from the VPN pool: only the session tells whose it is
        request("10.8.0.12", null, "09:30");
        assertThat(who.accountsAt("10.8.0.12", at("09:30"))).containsExactly("alice");
        // the same user authenticated at the proxy continues the same interval
        request("10.8.0.12", "CHU\\alice", "10:15");
        session(AuthSession.Kind.END, "alice", "10.8.0.12", "09:00", "11:00");

        assertThat(who.accountsAt("10.8.0.12", at("10:45"))).containsExactly("alice");
        assertThat(who.accountsAt("10.8.0.12", at("08:59"))).isEmpty();
        assertThat(who.accountsAt("10.8.0.12", at("11:01")))
                .as("the session ended")
                .isEmpty();
        assertThat(who.timeline("ip:10.8.0.12").intervals())
                .containsExactly(new IdentityTimeline.Interval(
                        "alice", null, "10.8.0.12", at("09:00"), at("11:00"), true, "vpn"));
        assertThat(who.addressesOf("alice", at("00:00"), at("23:59"))).containsExactly("10.8.0.12");
        assertThat(who.accountsAt("10.8.0.99", at("10:00")))
                .as("an address nobody was seen on")
                .isEmpty();
    }

    @Test
    void shouldGiveEachTimeItsAccountWhenAnAddressIsReusedAfterASession() {
        session(AuthSession.Kind.SESSION, "alice", "10.8.0.12", "09:00", "11:00");
        session(AuthSession.Kind.START, "bob", "10.8.0.12", "11:30", null);
        request("10.8.0.12", "bob@chu.local", "12:40");
        session(AuthSession.Kind.END, "bob", "10.8.0.12", "11:30", "13:00");
        // the same address later on a LAN's DHCP lease, authenticated at the proxy only
        request("10.8.0.12", "CHU\\alice", "15:00");

        assertThat(who.accountsAt("10.8.0.12", at("10:59"))).containsExactly("alice");
        assertThat(who.accountsAt("10.8.0.12", at("11:15"))).isEmpty();
        assertThat(who.accountsAt("10.8.0.12", at("11:30"))).containsExactly("bob");
        assertThat(who.accountsAt("10.8.0.12", at("12:59"))).containsExactly("bob");
        assertThat(who.accountsAt("10.8.0.12", at("14:00"))).isEmpty();
        assertThat(who.accountsAt("10.8.0.12", at("15:00"))).containsExactly("alice");
        assertThat(who.accountsAt("10.8.0.12", at("20:00")))
                .as("last seen 5 h before, within the grace")
                .containsExactly("alice");
        assertThat(who.accountsAt("10.8.0.12", Instant.parse("2026-12-02T03:01:00Z")))
                .as("more than 12 h after alice was last seen")
                .isEmpty();
        assertThat(who.timeline("ip:10.8.0.12").intervals())
                .extracting(IdentityTimeline.Interval::account)
                .containsExactly("alice", "bob", "alice");
        assertThat(who.addressesOf("bob", at("11:00"), at("12:00"))).containsExactly("10.8.0.12");
        assertThat(who.addressesOf("bob", at("14:00"), at("18:00"))).isEmpty();
        // over a period: everyone who used the address, and each account's VPN sessions (not its proxy use)
        assertThat(who.accountsOn("10.8.0.12", at("08:00"), at("16:00"))).containsExactly("alice", "bob");
        assertThat(who.accountsOn("10.8.0.12", at("11:10"), at("11:20"))).isEmpty();
        assertThat(who.vpnSessionsOf("bob", at("00:00"), at("23:59")))
                .singleElement()
                .satisfies(i -> assertThat(List.of(i.from(), i.to(), i.ended()))
                        .containsExactly(at("11:30"), at("13:00"), true));
        assertThat(who.vpnSessionsOf("alice", at("14:30"), at("16:00")))
                .as("her proxy use at 15:00 is no session")
                .isEmpty();
    }

    @Test
    void shouldTieAHostItsAddressAndTheOwnerOfTheProfileAnAntivirusDetectionIsIn() {
        detection("PC-0042.chu.local", "10.1.2.3", null, "C:\\Users\\alice\\Downloads\\facture.pdf.exe", "14:02");

        assertThat(who.accountsAt("pc-0042", at("14:02"))).containsExactly("alice");
        assertThat(who.accountsAt("PC-0042.chu.local", at("14:30"))).containsExactly("alice");
        assertThat(who.accountsAt("10.1.2.3", at("14:02"))).containsExactly("alice");
        assertThat(who.timeline("ip:10.1.2.3").intervals())
                .containsExactly(new IdentityTimeline.Interval(
                        "alice", "pc-0042", "10.1.2.3", at("14:02"), at("14:02"), false, "av"));
        assertThat(who.hostsOf("alice", at("14:00"), at("15:00"))).containsExactly("pc-0042");
        assertThat(who.addressesOf("alice", at("14:00"), at("15:00"))).containsExactly("10.1.2.3");
        assertThat(who.hostsOf("alice", at("16:00"), at("17:00")))
                .as("an hour after it was last seen")
                .isEmpty();
        assertThat(who.hostsOf("bob", at("00:00"), at("23:59"))).isEmpty();
    }

    @Test
    void shouldKeepNothingFromADetectionThatNamesOnlyAHost() {
        detection("pc-0099", null, null, "C:\\Windows\\Temp\\x.exe", "14:02");
        detection("pc-0099", null, "NT AUTHORITY\\SYSTEM", "C:\\Users\\Public\\x.exe", "14:03");

        assertThat(identities.isEmpty()).isTrue();
        assertThat(who.accountsAt("pc-0099", at("14:02"))).isEmpty();
    }

    @Test
    void shouldPassOnAProxyPairOnlyOnceAnHourOfEventTime() {
        final TestOutputTopic<String, IdentityFact> facts = driver.createOutputTopic(
                "vigie-test-identity-proxy-facts-repartition",
                Serdes.String().deserializer(),
                JsonSerde.internal(IdentityFact.class).deserializer());
        request("10.1.2.3", "alice", "10:00");
        request("10.1.2.3", "alice", "10:05");
        request("10.1.2.3", "ALICE", "10:06");
        request("10.1.2.3", "alice", "10:59:59");
        request("10.1.2.3", null, "10:30");

        assertThat(facts.readKeyValuesToList())
                .containsExactly(
                        KeyValue.pair(
                                "ip:10.1.2.3",
                                new IdentityFact(
                                        at("10:00"),
                                        IdentityFact.Kind.ADDRESS,
                                        "ip:10.1.2.3",
                                        "alice",
                                        null,
                                        "10.1.2.3",
                                        null,
                                        "proxy")),
                        KeyValue.pair(
                                "account:alice",
                                new IdentityFact(
                                        at("10:00"),
                                        IdentityFact.Kind.ACCOUNT,
                                        "account:alice",
                                        "alice",
                                        null,
                                        "10.1.2.3",
                                        null,
                                        "proxy")),
                        // another spelling is another pair: passed on, and absorbed by the timeline
                        KeyValue.pair(
                                "ip:10.1.2.3",
                                new IdentityFact(
                                        at("10:06"),
                                        IdentityFact.Kind.ADDRESS,
                                        "ip:10.1.2.3",
                                        "alice",
                                        null,
                                        "10.1.2.3",
                                        null,
                                        "proxy")),
                        KeyValue.pair(
                                "account:alice",
                                new IdentityFact(
                                        at("10:06"),
                                        IdentityFact.Kind.ACCOUNT,
                                        "account:alice",
                                        "alice",
                                        null,
                                        "10.1.2.3",
                                        null,
                                        "proxy")));
        final List<KeyValue<String, IdentityTimeline>> first = identities.readKeyValuesToList();
        assertThat(first)
                .extracting(kv -> kv.key)
                .containsExactly("ip:10.1.2.3", "account:alice", "ip:10.1.2.3", "account:alice");
        assertThat(first.get(2).value.intervals())
                .containsExactly(new IdentityTimeline.Interval(
                        "alice", null, "10.1.2.3", at("10:00"), at("10:06"), false, "proxy"));

        request("10.1.2.3", "alice", "11:00");
        assertThat(facts.readValuesToList()).extracting(IdentityFact::time).containsExactly(at("11:00"), at("11:00"));
        assertThat(identities.readValuesToList())
                .extracting(t -> t.intervals().get(0).to())
                .containsExactly(at("11:00"), at("11:00"));
        request("10.1.2.3", "bob", "11:10");
        assertThat(facts.readValuesToList()).extracting(IdentityFact::account).containsExactly("bob", "bob");
        assertThat(who.accountsAt("10.1.2.3", at("11:05"))).containsExactly("alice");
        assertThat(who.accountsAt("10.1.2.3", at("11:20"))).containsExactly("bob");
    }

    @Test
    void shouldForgetAKeyOnceItsLastIntervalIsOlderThanTheRetention() {
        session(AuthSession.Kind.SESSION, "alice", "10.8.0.12", "09:00", "11:00");
        identities.readKeyValuesToList();
        final Instant month = at("11:00").plus(Identities.RETENTION);
        // another address 31 days later, minus a minute: alice's session is not past the retention yet
        proxy.pipeInput(
                null,
                new ProxyEvent(
                        month.minusSeconds(60),
                        "squid",
                        "10.1.2.3",
                        "bob",
                        "GET",
                        "http://a/",
                        "http",
                        "a",
                        80,
                        "/",
                        null,
                        200,
                        "TCP_MISS",
                        false,
                        1,
                        null,
                        "",
                        null,
                        1),
                month.minusSeconds(60));
        assertThat(identities.readKeyValuesToList())
                .extracting(kv -> kv.key)
                .containsExactly("ip:10.1.2.3", "account:bob");
        assertThat(who.addressesOf("alice", at("00:00"), at("23:59"))).containsExactly("10.8.0.12");

        request("10.1.2.4", "carol", "11:00");
        proxy.pipeInput(
                null,
                new ProxyEvent(
                        month.plusSeconds(3600),
                        "squid",
                        "10.1.2.3",
                        "bob",
                        "GET",
                        "http://a/",
                        "http",
                        "a",
                        80,
                        "/",
                        null,
                        200,
                        "TCP_MISS",
                        false,
                        1,
                        null,
                        "",
                        null,
                        1),
                month.plusSeconds(3600));

        final List<KeyValue<String, IdentityTimeline>> sweep = identities.readKeyValuesToList();
        assertThat(sweep)
                .filteredOn(kv -> kv.value == null)
                .extracting(kv -> kv.key)
                .containsExactlyInAnyOrder("ip:10.8.0.12", "account:alice", "ip:10.1.2.4", "account:carol");
        assertThat(who.timeline("ip:10.8.0.12")).isNull();
        assertThat(who.accountsAt("10.8.0.12", at("10:00"))).isEmpty();
        assertThat(who.addressesOf("alice", at("00:00"), at("23:59"))).isEmpty();
        assertThat(who.accountsAt("10.1.2.3", month.plusSeconds(3600))).containsExactly("bob");
    }

    private void vpnEvent(
            final AuthSession.Kind kind,
            final String user,
            final String ip,
            final String sessionId,
            final String start,
            final String end) {
        final Instant time = kind == AuthSession.Kind.START ? at(start) : at(end);
        vpn.pipeInput(
                user,
                new AuthSession(
                        time,
                        "openvpn",
                        kind,
                        user,
                        "203.0.113.9",
                        ip,
                        sessionId,
                        start == null ? null : at(start),
                        end == null ? null : at(end),
                        "vpn-gw1"),
                time);
    }

    @Test
    void shouldCloseTheSessionAnEndWithoutAddressBelongsTo() {
        vpnEvent(AuthSession.Kind.START, "alice", "10.8.0.12", "203.0.113.9:51234", "09:00", null);
        vpnEvent(AuthSession.Kind.START, "alice", "10.8.0.22", "203.0.113.9:51300", "09:05", null);
        vpnEvent(AuthSession.Kind.START, "bob", "10.8.0.13", null, "09:10", null);
        vpnEvent(AuthSession.Kind.START, "kim", "10.8.0.14", "k1", "09:20", null);
        // OpenVPN: the end names its session; AnyConnect: its start; a bare JSON end: only the user
        vpnEvent(AuthSession.Kind.END, "alice", null, "203.0.113.9:51234", null, "10:00");
        vpnEvent(AuthSession.Kind.END, "bob", null, null, "09:10", "10:10");
        vpnEvent(AuthSession.Kind.END, "kim", null, null, null, "10:20");
        identities.readKeyValuesToList();
        vpnEvent(AuthSession.Kind.END, "carol", null, "c1", null, "10:30");

        assertThat(identities.isEmpty())
                .as("an end without a start nor an address")
                .isTrue();
        assertThat(who.accountsAt("10.8.0.12", at("09:59"))).containsExactly("alice");
        assertThat(who.accountsAt("10.8.0.12", at("10:01"))).isEmpty();
        assertThat(who.accountsAt("10.8.0.22", at("10:01")))
                .as("alice's other session is open")
                .containsExactly("alice");
        assertThat(who.accountsAt("10.8.0.13", at("10:09"))).containsExactly("bob");
        assertThat(who.accountsAt("10.8.0.13", at("10:11"))).isEmpty();
        assertThat(who.accountsAt("10.8.0.14", at("10:19"))).containsExactly("kim");
        assertThat(who.accountsAt("10.8.0.14", at("10:21"))).isEmpty();
        assertThat(who.timeline("ip:10.8.0.12").intervals())
                .containsExactly(new IdentityTimeline.Interval(
                        "alice", null, "10.8.0.12", at("09:00"), at("10:00"), true, "vpn"));
    }

    @Test
    void shouldTieAProxyClientLoggedByNameToTheAccount() {
        request("PC-0042.chu.local", "CHU\\alice", "09:30");

        assertThat(identities.readKeyValuesToList())
                .extracting(kv -> kv.key)
                .containsExactly("host:pc-0042", "account:alice");
        assertThat(who.accountsAt("pc-0042", at("09:45"))).containsExactly("alice");
        assertThat(who.hostsOf("alice", at("09:00"), at("10:00"))).containsExactly("pc-0042");
        assertThat(who.addressesOf("alice", at("09:00"), at("10:00"))).isEmpty();
    }

    @Test
    void shouldMatchAddressesWrittenDifferentlyAsOne() {
        vpnEvent(AuthSession.Kind.START, "alice", "2001:DB8:0::0:12", "s1", "09:00", null);
        request("[2001:db8::12]", "alice", "09:30");
        request("::ffff:10.1.2.3", "bob", "09:30");

        assertThat(who.timeline("ip:2001:db8::12").intervals()).hasSize(1);
        assertThat(who.accountsAt("2001:0db8:0000::12", at("09:45"))).containsExactly("alice");
        assertThat(who.accountsAt("10.1.2.3", at("09:45"))).containsExactly("bob");
    }
}
