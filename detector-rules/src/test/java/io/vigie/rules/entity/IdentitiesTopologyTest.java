package io.vigie.rules.entity;

import static org.assertj.core.api.Assertions.assertThat;

import io.vigie.rules.TestDrivers;
import io.vigie.rules.TopologyTasks;
import io.vigie.rules.config.RulesConfig;
import io.vigie.rules.store.QueryableStores;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Who is who in the whole detector topology, from raw proxy, antivirus and VPN lines. */
class IdentitiesTopologyTest {

    private static final Instant NOW = Instant.parse("2026-11-28T12:00:00Z");

    @TempDir
    Path stateDir;

    private TopologyTestDriver driver;
    private TestInputTopic<String, String> proxy;
    private TestInputTopic<String, String> av;
    private TestInputTopic<String, String> vpn;
    private TestOutputTopic<String, IdentityTimeline> identities;
    private IdentityLookup who;

    @BeforeEach
    void start() {
        final RulesConfig config = RulesConfig.defaults()
                .withInternalDomains(List.of("chu-exemple.fr"))
                .withClock(Clock.fixed(NOW, ZoneOffset.UTC));
        driver = TestDrivers.detector(config, stateDir, NOW);
        proxy = driver.createInputTopic("raw.proxy", new StringSerializer(), new StringSerializer());
        av = driver.createInputTopic("raw.av", new StringSerializer(), new StringSerializer());
        vpn = driver.createInputTopic("raw.auth", new StringSerializer(), new StringSerializer());
        identities = driver.createOutputTopic(
                "state.identities", new StringDeserializer(), Identities.TIMELINE_SERDE.deserializer());
        who = new IdentityLookup(driver.getKeyValueStore(QueryableStores.IDENTITIES));
    }

    @AfterEach
    void stop() {
        driver.close();
    }

    private static Instant at(final String time) {
        return Instant.parse("2026-11-28T" + time + "Z");
    }

    private void request(final String client, final String user, final String time) {
        proxy.pipeInput(
                "access.log",
                client + " - " + user + " [28/Nov/2026:" + time + " +0000] \"GET "
                        + "http://intranet.chu-exemple.fr/ HTTP/1.1\" 200 512 \"-\" \"Mozilla/5.0\" TCP_MISS:HIER_DIRECT",
                NOW);
    }

    @Test
    void shouldThinProxyRequestsOnTheProxyTaskAndFoldFactsOnATaskOfTheirOwn() {
        // the proxy's parsing task gains no source (a merge before the repartition would have joined raw.av to it);
        // alerts is the correlations' (mail and antivirus alerts read back, merged before proxy-by-destination)
        assertThat(TopologyTasks.sourceTopicsOf("identity-proxy-pairs"))
                .containsExactlyInAnyOrder("raw.proxy", "intel-by-key-repartition", "alerts");
        assertThat(TopologyTasks.sourceTopicsOf("identity-av-keys"))
                .containsExactlyInAnyOrder("raw.av", "av-by-threat-repartition");
        assertThat(TopologyTasks.sourceTopicsOf("identity-timelines"))
                .containsExactlyInAnyOrder(
                        "identity-proxy-facts-repartition",
                        "identity-av-facts-repartition",
                        "identity-vpn-facts-repartition");
    }

    @Test
    void shouldTieAVpnAddressAndTheProxyUserSeenFromItToOneAccount() {
        vpn.pipeInput(
                "vpn1",
                "{\"user\":\"alice\",\"source_ip\":\"203.0.113.9\",\"assigned_ip\":\"10.8.0.12\","
                        + "\"start\":\"2026-11-28T09:00:00Z\",\"session_id\":\"s1\",\"gateway\":\"vpn1\"}",
                NOW);
        request("10.8.0.12", "alice@CHU.LOCAL", "09:30:00");
        request("10.8.0.12", "alice@CHU.LOCAL", "09:31:00");
        request("10.1.1.5", "-", "09:32:00");

        assertThat(identities.readKeyValuesToList())
                .extracting(kv -> kv.key)
                .containsExactly("ip:10.8.0.12", "account:alice", "ip:10.8.0.12", "account:alice");
        assertThat(who.accountsAt("10.8.0.12", at("09:15:00"))).containsExactly("alice");
        assertThat(who.accountsAt("10.8.0.12", at("09:30:00"))).containsExactly("alice");
        assertThat(who.accountsAt("10.1.1.5", at("09:32:00")))
                .as("no user at the proxy")
                .isEmpty();
        assertThat(who.addressesOf("alice", at("09:00:00"), at("10:00:00"))).containsExactly("10.8.0.12");
    }

    @Test
    void shouldTakeTheAccountFromTheProfileOfAFileAClamdLineNames() {
        av.pipeInput(
                "pc-mleroy",
                "Sat Nov 28 05:29:33 2026 -> /var/tmp/realgen/clamav/root/home/mleroy/Downloads/"
                        + "flash_update.exe: Win.Test.EICAR_HDB-1.UNOFFICIAL FOUND",
                NOW);
        av.pipeInput(
                "pc-0042",
                "{\"@timestamp\":\"2026-11-28T11:05:00Z\",\"host\":{\"name\":\"PC-0042.chu.local\","
                        + "\"ip\":\"10.1.2.3\"},\"threat\":{\"name\":\"Trojan:Win32/Wacatac.B!ml\"},\"file\":{\"path\":"
                        + "\"C:\\\\Users\\\\adurand\\\\AppData\\\\Local\\\\Temp\\\\x.exe\"},\"event\":{\"action\":"
                        + "\"quarantined\"}}",
                NOW);

        assertThat(who.accountsAt("pc-mleroy", at("05:29:33"))).containsExactly("mleroy");
        assertThat(who.hostsOf("mleroy", at("05:00:00"), at("06:00:00"))).containsExactly("pc-mleroy");
        assertThat(who.accountsAt("pc-0042", at("11:05:00"))).containsExactly("adurand");
        assertThat(who.accountsAt("10.1.2.3", at("11:05:00"))).containsExactly("adurand");
        assertThat(who.hostsOf("adurand", at("11:00:00"), at("12:00:00"))).containsExactly("pc-0042");
        assertThat(who.addressesOf("adurand", at("11:00:00"), at("12:00:00"))).containsExactly("10.1.2.3");
    }
}
