package io.vigie.rules.entity;

import io.vigie.core.net.IpAddresses;
import java.time.Instant;
import java.util.Locale;

/**
 * One thing a log says about who used an address or a host, keyed by what it is about: "10.1.2.3 was used by alice
 * at 14:02" (a proxy request), "pc-0042 at 10.1.2.3 had alice's file" (an antivirus detection), "10.8.0.12 was given
 * to alice from 09:00 to 11:30" (a VPN session). Each observation gives one fact per key it is about, the account's
 * own ({@code account:alice}) included, so that each is folded into that key's {@link IdentityTimeline}.
 *
 * @param time    when it was seen (for a VPN session, its start)
 * @param kind    what {@code key} is
 * @param key     {@link #addressKey}, {@link #hostKey} or {@link #accountKey} of what the fact is about
 * @param account the account, lower case; null when the log names nobody (an antivirus record with only a host)
 * @param host    the host name, canonical ({@link #canonicalHost}); null when unknown
 * @param ip      the address, canonical ({@link #canonicalAddress}); null when unknown
 * @param until   when it stopped being true (a VPN session's end); null when unknown (seen at {@code time})
 * @param source  {@code proxy}, {@code av} or {@code vpn}
 */
public record IdentityFact(
        Instant time, Kind kind, String key, String account, String host, String ip, Instant until, String source) {

    /** What a fact, a timeline, a key is about. */
    public enum Kind {
        /** An IP address: {@code ip:10.1.2.3}. */
        ADDRESS,
        /** A host: {@code host:pc-0042}. */
        HOST,
        /** An account: {@code account:alice}; its timeline lists the addresses and hosts it used. */
        ACCOUNT
    }

    public static final String ADDRESS_PREFIX = "ip:";
    public static final String HOST_PREFIX = "host:";
    public static final String ACCOUNT_PREFIX = "account:";

    public static String addressKey(final String ip) {
        return ADDRESS_PREFIX + canonicalAddress(ip);
    }

    public static String hostKey(final String host) {
        return HOST_PREFIX + canonicalHost(host);
    }

    public static String accountKey(final String account) {
        return ACCOUNT_PREFIX + account.strip().toLowerCase(Locale.ROOT);
    }

    /** Whether {@code name} is written as an IPv4 or IPv6 address rather than a host name. */
    public static boolean isAddress(final String name) {
        return name != null && IpAddresses.canonical(name.strip()) != null;
    }

    /**
     * One text per address ({@link IpAddresses#canonical}: RFC 5952 for IPv6, an IPv4-mapped address as IPv4), the
     * form the other parts match addresses in. Null for null or what is not an address literal.
     */
    public static String canonicalAddress(final String ip) {
        return ip == null ? null : IpAddresses.canonical(ip.strip());
    }

    /**
     * The host's first label, lower case: products name a machine {@code PC-0042} or {@code pc-0042.chu.local},
     * and an internal machine name is unique without its domain. Null for null, blank or {@code -}.
     */
    public static String canonicalHost(final String host) {
        if (host == null || host.isBlank() || "-".equals(host.strip())) {
            return null;
        }
        final String h = host.strip().toLowerCase(Locale.ROOT);
        final String ip = canonicalAddress(h);
        if (ip != null) {
            return ip;
        }
        final int dot = h.indexOf('.');
        return dot > 0 ? h.substring(0, dot) : h;
    }

    /** The fact's interval: from {@code time} to {@code until}, or to {@code time} when nothing ended it. */
    IdentityTimeline.Interval interval() {
        return new IdentityTimeline.Interval(
                account, host, ip, time, until != null && until.isAfter(time) ? until : time, until != null, source);
    }
}
