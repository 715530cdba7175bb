package io.vigie.rules.entity;

import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Function;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;

/**
 * Who was who at a given time, read from the {@value Identities#STORE} global store (every instance has all of it).
 * Read-only and cheap: one store read per call. Get the store from {@code KafkaStreams.store(...)} with
 * {@link Identities#STORE} and {@code QueryableStoreTypes.keyValueStore()}.
 *
 * <pre>{@code
 * IdentityLookup who = new IdentityLookup(streams.store(StoreQueryParameters.fromNameAndType(
 *         QueryableStores.IDENTITIES, QueryableStoreTypes.keyValueStore())));
 * who.accountsAt("10.1.2.3", Instant.parse("2026-12-01T14:02:00Z"));   // [alice]
 * who.hostsOf("alice", dayStart, dayEnd);                              // [pc-0042]
 * }</pre>
 */
public final class IdentityLookup {

    /**
     * When nothing covers the time asked, the user last seen before it still counts this long after: proxies are
     * seen again only {@linkplain Identities#REFRESH hourly}, a workstation keeps its user between two records.
     */
    public static final Duration GRACE = Duration.ofHours(12);

    private final ReadOnlyKeyValueStore<String, IdentityTimeline> store;
    private final Duration grace;

    public IdentityLookup(final ReadOnlyKeyValueStore<String, IdentityTimeline> store) {
        this(store, GRACE);
    }

    public IdentityLookup(final ReadOnlyKeyValueStore<String, IdentityTimeline> store, final Duration grace) {
        this.store = store;
        this.grace = grace;
    }

    /** The store key of an address ({@code ip:10.1.2.3}) or a host ({@code host:pc-0042}); null for blank. */
    public static String keyOf(final String ipOrHost) {
        if (ipOrHost == null || ipOrHost.isBlank()) {
            return null;
        }
        return IdentityFact.isAddress(ipOrHost) ? IdentityFact.addressKey(ipOrHost) : IdentityFact.hostKey(ipOrHost);
    }

    /**
     * @param ipOrHost an address ({@code 10.1.2.3}, IPv6) or a host name ({@code PC-0042.chu.local} is
     *                 {@code pc-0042})
     * @return the accounts that used it at {@code time}: those whose interval covers it, else the latest user
     *         before it if not gone (a VPN session that ended) nor last seen more than {@link #GRACE} before; in
     *         the order they started; empty when nobody is known
     */
    public List<String> accountsAt(final String ipOrHost, final Instant time) {
        final IdentityTimeline timeline = timeline(keyOf(ipOrHost));
        return timeline == null ? List.of() : timeline.accountsAt(time, grace);
    }

    /** The hosts {@code account} used between {@code from} and {@code to}, in the order first seen. */
    public List<String> hostsOf(final String account, final Instant from, final Instant to) {
        return used(account, from, to, IdentityTimeline.Interval::host);
    }

    /** The addresses {@code account} used between {@code from} and {@code to} (VPN included), first seen first. */
    public List<String> addressesOf(final String account, final Instant from, final Instant to) {
        return used(account, from, to, IdentityTimeline.Interval::ip);
    }

    /** The accounts that used an address or a host between {@code from} and {@code to}, first seen first. */
    public List<String> accountsOn(final String ipOrHost, final Instant from, final Instant to) {
        final IdentityTimeline timeline = timeline(keyOf(ipOrHost));
        if (timeline == null) {
            return List.of();
        }
        final Set<String> found = new LinkedHashSet<>();
        for (final IdentityTimeline.Interval i : timeline.between(from, to, Identities.REFRESH)) {
            if (i.account() != null) {
                found.add(i.account());
            }
        }
        return List.copyOf(found);
    }

    /** The VPN sessions of {@code account} that meet {@code [from, to]}: what the timeline knows of them. */
    public List<IdentityTimeline.Interval> vpnSessionsOf(final String account, final Instant from, final Instant to) {
        if (account == null || account.isBlank()) {
            return List.of();
        }
        final IdentityTimeline timeline = timeline(IdentityFact.accountKey(account));
        return timeline == null
                ? List.of()
                : timeline.between(from, to, Identities.REFRESH).stream()
                        .filter(i -> VpnSessionPairing.SOURCE.equals(i.source()))
                        .toList();
    }

    /**
     * The whole timeline of a store key ({@code ip:...}, {@code host:...}, {@code account:...}), or null; for an
     * API that shows the evidence.
     */
    public IdentityTimeline timeline(final String key) {
        return key == null ? null : store.get(key);
    }

    private List<String> used(
            final String account,
            final Instant from,
            final Instant to,
            final Function<IdentityTimeline.Interval, String> what) {
        if (account == null || account.isBlank()) {
            return List.of();
        }
        final IdentityTimeline timeline = timeline(IdentityFact.accountKey(account));
        if (timeline == null) {
            return List.of();
        }
        final Set<String> found = new LinkedHashSet<>();
        for (final IdentityTimeline.Interval i : timeline.between(from, to, Identities.REFRESH)) {
            final String value = what.apply(i);
            if (value != null) {
                found.add(value);
            }
        }
        return List.copyOf(found);
    }
}
