package io.vigie.core.parse.auth;

import io.vigie.core.parse.internal.GuardedParser;
import java.util.Locale;

/**
 * What VPN fields mean: the line limit and reasons, user names and gateway host names, read one way so that the
 * parsers agree on what the identities part will join on. Addresses are read by
 * {@code io.vigie.core.parse.text.FieldValues}.
 */
final class AuthFields {

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

    private AuthFields() {}

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

    /** The gateway's host name as the syslog header gives it, lower-cased. */
    static String host(final String logged) {
        if (logged == null || logged.isBlank() || "-".equals(logged)) {
            return null;
        }
        return logged.strip().toLowerCase(Locale.ROOT);
    }
}
