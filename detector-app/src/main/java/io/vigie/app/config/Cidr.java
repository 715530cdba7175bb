package io.vigie.app.config;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.regex.Pattern;

/** Checks a CIDR block without touching DNS: only IP literals are accepted. */
final class Cidr {

    private static final Pattern IPV4 = Pattern.compile("(\\d{1,3})\\.(\\d{1,3})\\.(\\d{1,3})\\.(\\d{1,3})");
    private static final Pattern IPV6 = Pattern.compile("[0-9a-fA-F:.]+");

    private Cidr() {}

    /** @return why {@code text} is not a CIDR block, or {@code null} when it is one */
    static String problem(final String text) {
        final int slash = text.indexOf('/');
        final String address = slash < 0 ? text : text.substring(0, slash);
        final int bits;
        final boolean v4 = IPV4.matcher(address).matches();
        if (v4) {
            for (final String octet : address.split("\\.")) {
                if (Integer.parseInt(octet) > 255) {
                    return "is not an IPv4 address";
                }
            }
        } else if (!address.contains(":") || !IPV6.matcher(address).matches() || !isLiteral(address)) {
            return "is not an IP address or CIDR block";
        }
        final int max = v4 ? 32 : 128;
        if (slash < 0) {
            return null;
        }
        try {
            bits = Integer.parseInt(text.substring(slash + 1));
        } catch (final NumberFormatException e) {
            return "has no numeric prefix length";
        }
        if (bits < 0 || bits > max) {
            return "has a prefix length out of 0.." + max;
        }
        return null;
    }

    private static boolean isLiteral(final String ipv6) {
        try {
            // Only digits, hex letters, ':' and '.' reach this point, so no name lookup happens.
            InetAddress.getByName(ipv6);
            return true;
        } catch (final UnknownHostException e) {
            return false;
        }
    }
}
