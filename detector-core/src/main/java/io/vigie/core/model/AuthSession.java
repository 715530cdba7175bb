package io.vigie.core.model;

import java.time.Instant;

/**
 * One VPN session event, normalised from OpenVPN, strongSwan, Cisco AnyConnect (ASA) syslog lines or a generic JSON
 * record on {@code raw.auth}. A session shows up as a start (with the address the gateway assigned) and an end; a JSON
 * record that carries both times is one event of kind {@link Kind#SESSION}. Fields a source does not give are null.
 *
 * <p>Why it matters to the response sheet: the assigned address is how a proxy or antivirus record made from the VPN
 * pool is tied to an account, and "the VPN sessions of a compromised account" are listed in its incident.
 *
 * @param time       when the line was written (the start for a start, the end for an end)
 * @param source     the parser that read it: {@code openvpn}, {@code strongswan}, {@code anyconnect}, {@code json}
 * @param kind       start, end, or a whole session
 * @param user       the account, as the gateway logged it (lower case)
 * @param sourceIp   the address the user connected from (on the internet), when given
 * @param assignedIp the address the gateway gave the user inside the network, when given
 * @param sessionId  the gateway's session identifier, when it logs one
 * @param start      when the session started, when known
 * @param end        when the session ended; null while it is open
 * @param gateway    the host that logged the line (the syslog host name), when known
 */
public record AuthSession(
        Instant time,
        String source,
        Kind kind,
        String user,
        String sourceIp,
        String assignedIp,
        String sessionId,
        Instant start,
        Instant end,
        String gateway) {

    /** What the event says about the session. */
    public enum Kind {
        /** The session was established (an assigned address may come with it or in a later line). */
        START,
        /** The session ended. */
        END,
        /** A record that describes the whole session, start and end (the generic JSON form). */
        SESSION
    }
}
