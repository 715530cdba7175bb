package io.vigie.core.net;

/**
 * One text per address, whatever form a log wrote it in, so that records from different sources can be matched on
 * it (a VPN session's assigned address and a proxy record's client). Never touches DNS.
 */
public final class IpAddresses {

    private IpAddresses() {}

    /**
     * @param ip an address as logged: {@code 192.0.2.1}, {@code 2001:DB8:0::1}, {@code [2001:db8::1]},
     *           {@code fe80::1%eth0}, {@code ::ffff:192.0.2.1}
     * @return the dotted quad, or the IPv6 address in its RFC 5952 short form (an IPv4-mapped address as its IPv4
     *         dotted quad, a zone dropped); null when the text is not an address literal (a host name, garbage)
     */
    public static String canonical(final String ip) {
        if (ip == null) {
            return null;
        }
        int from = 0;
        int to = ip.length();
        if (to - from >= 2 && ip.charAt(from) == '[' && ip.charAt(to - 1) == ']') {
            from++;
            to--;
        }
        final int zone = ip.indexOf('%', from);
        if (zone >= 0 && zone < to) {
            to = zone;
        }
        final byte[] address = IpLiterals.parse(ip, from, to);
        return address == null ? null : IpLiterals.format(address);
    }
}
