package io.vigie.rules.entity;

import io.vigie.core.model.AuthSession;
import io.vigie.core.model.AvEvent;
import io.vigie.core.model.ProxyEvent;
import io.vigie.core.serde.JsonSerde;
import io.vigie.rules.config.RulesConfig;
import io.vigie.rules.store.GlobalStores;
import io.vigie.rules.store.QueryableStores;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.kstream.KStream;
import org.apache.kafka.streams.kstream.Named;
import org.apache.kafka.streams.kstream.Produced;
import org.apache.kafka.streams.kstream.Repartitioned;

/**
 * Who is who, over time: which account used an address or a host when, and which addresses and hosts an account
 * used, for incidents and correlations ({@link IdentityLookup}).
 *
 * <ul>
 *   <li>Input: the parsed proxy requests ({@code raw.proxy}; a request with an authenticated user ties its client
 *       address to the account), the antivirus detections ({@code raw.av}; host, host address and the user, or the
 *       owner of the profile the file is in), the VPN sessions ({@code raw.auth} as {@code VpnSessions} reads it,
 *       {@link AuthSession} keyed by user; the assigned address belongs to the account from the start to the
 *       end).</li>
 *   <li>Each gives {@link IdentityFact}s keyed by what they are about: {@code ip:<address>}, {@code host:<name>} and
 *       {@code account:<name>}. Proxy requests are thinned first, on the proxy's task: one fact per (address, user)
 *       and {@link #REFRESH} of event time ({@link ProxyIdentityFacts}). VPN session ends are paired with their
 *       starts per user first ({@code identity-vpn-by-user}, store {@code identity-vpn-open}): an end does not
 *       say which address it frees.</li>
 *   <li>Repartitioned by that key ({@code identity-proxy-facts}, {@code identity-av-facts},
 *       {@code identity-vpn-facts}), folded into an {@link IdentityTimeline} per key in the store
 *       {@code identity-timelines}; each change is written to the compacted {@code state.identities}, keyed the
 *       same way.</li>
 *   <li>Every instance reads {@code state.identities} into the global store {@value QueryableStores#IDENTITIES}.</li>
 * </ul>
 *
 * <p>Why the account index is the same topic under {@code account:<name>} and not a second topic: the account's
 * timeline is built the same way from the same facts (one more key per fact), one compacted topic and one global
 * store serve both questions, and the key prefixes cannot collide (a host name has no {@code :}, and
 * {@code account:}/{@code host:} are not IPv6 addresses). A key with nothing newer than {@link #RETENTION} is
 * deleted, with a tombstone on the topic: who used which address is kept no longer than the logs that say it.
 */
public final class Identities {

    /** A proxy (address, user) pair gives a fact again after this much event time. */
    public static final Duration REFRESH = Duration.ofHours(1);
    /** Intervals kept per key, the oldest dropped first. */
    public static final int MAX_INTERVALS = 64;
    /** Intervals that ended this long before a key's newest are dropped: the raw logs' retention. */
    public static final Duration RETENTION = Duration.ofDays(31);
    /** The same user seen again on an address within this time continues the same interval. */
    public static final Duration GAP = Duration.ofHours(12);
    /** (address, user) pairs each proxy task remembers: about 100 bytes each. */
    static final int MAX_PROXY_PAIRS = 50_000;

    /** {@code state.identities}: ISO-8601 times, for people and the other parts that read it. */
    public static final JsonSerde<IdentityTimeline> TIMELINE_SERDE = JsonSerde.of(IdentityTimeline.class);

    private static final JsonSerde<IdentityFact> FACT_SERDE = JsonSerde.internal(IdentityFact.class);
    private static final JsonSerde<AuthSession> SESSION_SERDE = JsonSerde.internal(AuthSession.class);

    private Identities() {}

    /**
     * @param proxyEvents the parsed proxy access records, as {@code ProxyTraffic} reads them
     * @param avEvents    the parsed antivirus detections, as {@code Antivirus} reads them
     * @param vpnSessions VPN session starts, ends and whole sessions
     * @return the name of the global store to give {@link IdentityLookup}: {@value QueryableStores#IDENTITIES}
     */
    public static String addTo(
            final StreamsBuilder builder,
            final RulesConfig config,
            final KStream<String, ProxyEvent> proxyEvents,
            final KStream<String, AvEvent> avEvents,
            final KStream<String, AuthSession> vpnSessions) {
        final UserMapping mapping = UserMapping.of(config.identities(), config.internalDomains());
        // Each source is repartitioned on its own and merged after, as the alerts are before their throttle:
        // merged before, the proxy, antivirus and VPN sources would share one task (and its stream time). As for the
        // throttle, a key then lands on the same task only if raw.proxy, raw.av and raw.auth have as many
        // partitions (their repartition topics take their counts): the provisioner creates them all alike.
        final KStream<String, IdentityFact> proxyFacts = proxyEvents
                .process(
                        () -> new ProxyIdentityFacts(mapping, REFRESH, MAX_PROXY_PAIRS),
                        Named.as("identity-proxy-pairs"))
                .repartition(Repartitioned.with(Serdes.String(), FACT_SERDE).withName("identity-proxy-facts"));
        final KStream<String, IdentityFact> avFacts = avEvents.flatMap(
                        (key, e) -> keyed(avFacts(e, mapping)), Named.as("identity-av-keys"))
                .repartition(Repartitioned.with(Serdes.String(), FACT_SERDE).withName("identity-av-facts"));
        // Ends carry no address: each is paired with its start, per user (VpnSessionPairing).
        builder.addStateStore(VpnSessionPairing.storeBuilder());
        final KStream<String, IdentityFact> vpnFacts = vpnSessions
                .repartition(Repartitioned.with(Serdes.String(), SESSION_SERDE).withName("identity-vpn-by-user"))
                .process(
                        () -> new VpnSessionPairing(mapping, RETENTION),
                        Named.as("identity-vpn-pairing"),
                        VpnSessionPairing.STORE)
                .repartition(Repartitioned.with(Serdes.String(), FACT_SERDE).withName("identity-vpn-facts"));

        builder.addStateStore(IdentityTimelines.storeBuilder());
        proxyFacts
                .merge(avFacts, Named.as("identity-proxy-and-av-facts"))
                .merge(vpnFacts, Named.as("identity-facts"))
                .process(
                        () -> new IdentityTimelines(MAX_INTERVALS, RETENTION, GAP),
                        Named.as("identity-timelines"),
                        IdentityTimelines.STORE)
                .to(
                        config.topics().identities(),
                        Produced.with(Serdes.String(), TIMELINE_SERDE).withName("identities-state-sink"));
        GlobalStores.keyValue(
                builder,
                QueryableStores.IDENTITIES,
                config.topics().identities(),
                TIMELINE_SERDE,
                "identities-state-source");
        return QueryableStores.IDENTITIES;
    }

    /**
     * An antivirus detection: the host at its address, used by the record's user or else the owner of the profile
     * the file is in ({@code C:\Users\alice\...}, {@code /home/alice/...}). A fact per key it names; none when it
     * names only one of host, address and account.
     */
    static List<IdentityFact> avFacts(final AvEvent e, final UserMapping mapping) {
        if (e == null || e.time() == null) {
            return List.of();
        }
        final String host = IdentityFact.canonicalHost(e.host());
        final String ip = IdentityFact.canonicalAddress(e.hostIp());
        final String fromUser = mapping.accountOfUser(e.user());
        final String account = fromUser != null ? fromUser : UserMapping.accountOfPath(e.path());
        final int known = (host != null ? 1 : 0) + (ip != null ? 1 : 0) + (account != null ? 1 : 0);
        if (known < 2) {
            return List.of();
        }
        final List<IdentityFact> facts = new ArrayList<>(3);
        if (host != null) {
            facts.add(new IdentityFact(
                    e.time(), IdentityFact.Kind.HOST, IdentityFact.hostKey(host), account, host, ip, null, "av"));
        }
        if (ip != null) {
            facts.add(new IdentityFact(
                    e.time(), IdentityFact.Kind.ADDRESS, IdentityFact.addressKey(ip), account, host, ip, null, "av"));
        }
        if (account != null) {
            facts.add(new IdentityFact(
                    e.time(),
                    IdentityFact.Kind.ACCOUNT,
                    IdentityFact.accountKey(account),
                    account,
                    host,
                    ip,
                    null,
                    "av"));
        }
        return facts;
    }

    private static List<KeyValue<String, IdentityFact>> keyed(final List<IdentityFact> facts) {
        return facts.stream().map(f -> KeyValue.pair(f.key(), f)).toList();
    }
}
