package io.vigie.core.parse.auth;

import io.vigie.core.net.IpAddresses;
import io.vigie.core.parse.internal.GuardedParser;
import java.util.Locale;

/**
 * The small conversions every VPN format shares: the line guard's limit and reasons, user names and addresses. One
 * place, so the parsers agree on what the identities part will join on.
 */
final class AuthValues {

    /** Longer lines are refused: a gateway's session line is a few hundred chars, as the syslog parser's default. */
    static final int MAX_LINE_LENGTH = 64 * 1024;

    static final String EMPTY_LINE = GuardedParser.EMPTY_LINE;
    static final String LINE_TOO_LONG = GuardedParser.LINE_TOO_LONG;
    static final String NUL_BYTE = GuardedParser.NUL_BYTE;
    static final String BLANK = "blank line";
    /** A line of a known gateway that says nothing about a session (handshakes, rekeying, routes, start-up). */
    static final String NOT_SESSION = "not a session line";
    static final String BAD_ADDRESS = "bad address";
    static final String NO_USER = "no user";

    private AuthValues() {
    }

    /** The account as the gateway logged it, stripped and lower-cased; null for nothing or a placeholder. */
    static String user(final String logged) {
        if (logged == null) {
            return null;
        }
        final String u = logged.strip();
        // OpenVPN's UNDEF and strongSwan's %any stand for "not authenticated yet"
        if (u.isEmpty() || "-".equals(u) || "UNDEF".equals(u) || "%any".equals(u)) {
            return null;
        }
        return u.toLowerCase(Locale.ROOT);
    }

    /** The address in its canonical text ({@link IpAddresses#canonical}), null when it is not an address. */
    static String ip(final String logged) {
        return logged == null ? null : IpAddresses.canonical(logged.strip());
    }

    /** The gateway's host name as the syslog header gives it, lower-cased. */
    static String host(final String logged) {
        if (logged == null || logged.isBlank() || "-".equals(logged)) {
            return null;
        }
        return logged.strip().toLowerCase(Locale.ROOT);
    }

    /**
     * {@code ip:port} as OpenVPN writes a peer (IPv6 without brackets: the port is after the last colon); the
     * canonical address, or null when the text is not that.
     */
    static String ipOfPeer(final String peer) {
        final int colon = peer.lastIndexOf(':');
        if (colon <= 0 || colon == peer.length() - 1) {
            return null;
        }
        for (int i = colon + 1; i < peer.length(); i++) {
            if (peer.charAt(i) < '0' || peer.charAt(i) > '9' || i - colon > 5) {
                return null;
            }
        }
        return ip(peer.substring(0, colon));
    }
}
