package io.vigie.core.parse.auth;

import io.vigie.core.model.AuthSession;
import java.util.Objects;

/**
 * What a VPN gateway's line turned out to be: a session event, or a line of a known gateway that is not one (a
 * TLS handshake step, a rekeying, an ASA message about something else, a syslog line from another program of the
 * gateway). The second kind is not an error: it is counted and left, never dead-lettered, as with the proxy and
 * antivirus families.
 *
 * @param session        the session event, null when the line is not one
 * @param ignoredBecause why the line carries no session event, null when it does
 */
public record AuthLine(AuthSession session, String ignoredBecause) {

    public static AuthLine of(final AuthSession session) {
        return new AuthLine(Objects.requireNonNull(session, "session"), null);
    }

    public static AuthLine ignored(final String because) {
        return new AuthLine(null, Objects.requireNonNull(because, "because"));
    }

    public boolean isSession() {
        return session != null;
    }
}
