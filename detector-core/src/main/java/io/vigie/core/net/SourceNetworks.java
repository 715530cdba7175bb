package io.vigie.core.net;

/**
 * The network a client address belongs to, for counting what one source does when it hops between neighbouring
 * addresses: an IPv4 /24 and an IPv6 /64 by default (a home or office line, a hosting provider's subnet). The
 * network is written as a CIDR block, IPv6 in its RFC 5952 short form: {@code 203.0.113.0/24},
 * {@code 2001:db8:4:5::/64}. Immutable and thread-safe; lookups never touch DNS.
 */
public final class SourceNetworks {

    private final int ipv4Prefix;
    private final int ipv6Prefix;

    /**
     * @throws IllegalArgumentException when a prefix length is out of range (1 to 32, 1 to 128)
     */
    public SourceNetworks(final int ipv4Prefix, final int ipv6Prefix) {
        if (ipv4Prefix < 1 || ipv4Prefix > 32) {
            throw new IllegalArgumentException("IPv4 prefix length must be 1 to 32, not " + ipv4Prefix);
        }
        if (ipv6Prefix < 1 || ipv6Prefix > 128) {
            throw new IllegalArgumentException("IPv6 prefix length must be 1 to 128, not " + ipv6Prefix);
        }
        this.ipv4Prefix = ipv4Prefix;
        this.ipv6Prefix = ipv6Prefix;
    }

    /**
     * @param ip an address as logged ({@code 192.0.2.1}, {@code 2001:db8::1}, {@code ::ffff:192.0.2.1},
     *           {@code fe80::1%eth0})
     * @return its network, or null when the text is not an address ({@code unknown}, a host name, garbage)
     */
    public String of(final String ip) {
        if (ip == null) {
            return null;
        }
        final int zone = ip.indexOf('%');
        final byte[] address = IpLiterals.parse(ip, 0, zone < 0 ? ip.length() : zone);
        if (address == null) {
            return null;
        }
        final int prefix = address.length == 4 ? ipv4Prefix : ipv6Prefix;
        for (int i = 0; i < address.length; i++) {
            final int bitsHere = Math.max(0, Math.min(8, prefix - i * 8));
            address[i] &= (byte) (0xff << (8 - bitsHere));
        }
        return IpLiterals.format(address) + '/' + prefix;
    }
}
