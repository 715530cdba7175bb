package io.vigie.rules.proxy;

import io.vigie.core.net.UrlParts;

/** Facts about a host name read from the name alone (no DNS: log lines must never trigger lookups). */
final class Hosts {

    private Hosts() {}

    /** Through {@link UrlParts#hostIsIp()}: core's literal parser is package-private and does the IPv6 forms. */
    static boolean isIpLiteral(final String host) {
        return new UrlParts(null, host, -1, null, null).hostIsIp();
    }

    /** The last label, null for IP literals and single-label names (intranet short names have no TLD). */
    static String topLevelDomain(final String host) {
        if (host == null || isIpLiteral(host)) {
            return null;
        }
        final int dot = host.lastIndexOf('.');
        return dot < 0 || dot == host.length() - 1 ? null : host.substring(dot + 1);
    }

    /** Whether the port is not the scheme's own: web servers on 8081 or 4444 are set up by hand, not by CDNs. */
    static boolean nonStandardPort(final String scheme, final int port) {
        if (port <= 0) {
            return false;
        }
        final int expected = UrlParts.defaultPort(scheme);
        return expected == -1 ? port != 80 && port != 443 : port != expected;
    }
}
