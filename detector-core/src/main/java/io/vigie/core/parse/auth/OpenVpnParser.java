package io.vigie.core.parse.auth;

import io.vigie.core.model.AuthSession;
import io.vigie.core.model.SyslogRecord;
import io.vigie.core.parse.ParseResult;
import io.vigie.core.parse.SyslogParser;
import io.vigie.core.parse.text.FieldValues;
import java.time.Clock;
import java.time.ZoneId;

/**
 * OpenVPN server lines through syslog ({@code openvpn[1234]: ...}). Once a client is authenticated, the server
 * prefixes what it logs about it with {@code commonname/ip:port} (IPv6 without brackets: the port follows the last
 * colon); the common name is the account (the certificate's, or the user name with
 * {@code --username-as-common-name}). Lines read:
 * <ul>
 *   <li>{@code ip:port [alice] Peer Connection Initiated with [AF_INET]ip:port}: a start, without the assigned
 *       address yet;</li>
 *   <li>{@code alice/ip:port MULTI_sva: pool returned IPv4=10.8.0.6, IPv6=(Not enabled)}: a start with the address
 *       from the pool (the IPv6 one when there is no IPv4 pool), and
 *       {@code alice/ip:port MULTI: Learn: 10.8.0.6 -> alice/ip:port}, which older servers log instead (a learnt
 *       subnet or MAC address is an ignored line);</li>
 *   <li>{@code alice/ip:port SIGTERM[soft,remote-exit] received, client-instance exiting} and
 *       {@code ... SIGUSR1[soft,ping-restart] received, client-instance restarting}: an end (a client instance is
 *       torn down either way: a restarting client comes back as a new instance).</li>
 * </ul>
 * {@code Inactivity timeout (--ping-restart), restarting} is an ignored line: the {@code client-instance} line that
 * follows it is the end, and reading both would end the session twice. The session id is the client's
 * {@code ip:port} as logged, which names the client instance on the server while it lives. Every other line of the
 * server (handshakes, start-up, routes) is ignored. Thread-safe; never throws.
 */
final class OpenVpnParser extends GuardedAuthParser {

    public static final String FORMAT = "openvpn";

    public static final String NOT_OPENVPN = "not an OpenVPN line";
    public static final String UNPARSEABLE = "unparseable OpenVPN line";

    private static final String PEER_INITIATED = "Peer Connection Initiated with ";
    private static final String POOL = "MULTI_sva: pool returned ";
    private static final String LEARN = "MULTI: Learn: ";
    private static final String EXITING = "client-instance exiting";
    private static final String RESTARTING = "client-instance restarting";
    private static final String INACTIVITY = "Inactivity timeout";

    private final SyslogParser syslog;

    /**
     * @param clock gives the year of traditional syslog timestamps
     * @param zone  the zone of syslog timestamps written without one
     */
    public OpenVpnParser(final Clock clock, final ZoneId zone) {
        super(FORMAT, UNPARSEABLE);
        this.syslog = new SyslogParser(clock, zone);
    }

    /** Whether a syslog program name is OpenVPN's ({@code openvpn}, {@code openvpn-server}, {@code ovpn-*}). */
    static boolean isOpenVpn(final String program) {
        return program != null && (program.startsWith("openvpn") || program.startsWith("ovpn-"));
    }

    @Override
    protected ParseResult<AuthLine> read(final String line) {
        final ParseResult<SyslogRecord> record = syslog.parse(line);
        if (!record.isOk()) {
            return failed(record.error().reason(), line);
        }
        if (!isOpenVpn(record.value().program())) {
            return failed(NOT_OPENVPN, line);
        }
        return fromSyslog(record.value(), line);
    }

    /** Reads the message of a syslog record from an OpenVPN program. */
    ParseResult<AuthLine> fromSyslog(final SyslogRecord record, final String line) {
        final String m = record.message().strip();
        final int space = m.indexOf(' ');
        if (space <= 0) {
            return ParseResult.ok(AuthLine.ignored(AuthFields.NOT_SESSION));
        }
        final String peer = m.substring(0, space);
        final int slash = peer.lastIndexOf('/');
        final String commonName = slash < 0 ? null : peer.substring(0, slash);
        final String address = peer.substring(slash + 1);
        final String sourceIp = FieldValues.ipOfPeer(address);
        if (sourceIp == null) {
            // start-up, handshakes with a client not yet known ("TLS: Initial packet from ..." has no such prefix)
            return ParseResult.ok(AuthLine.ignored(AuthFields.NOT_SESSION));
        }
        final String rest = m.substring(space + 1);
        if (rest.startsWith("[")) {
            final int close = rest.indexOf("] ");
            if (close > 0 && rest.startsWith(PEER_INITIATED, close + 2)) {
                return start(record, line, rest.substring(1, close), sourceIp, null, address);
            }
        }
        if (rest.startsWith(POOL)) {
            final String assigned = poolAddress(rest.substring(POOL.length()));
            if (assigned == null) {
                return failed(AuthFields.BAD_ADDRESS, line);
            }
            return start(record, line, commonName, sourceIp, assigned, address);
        }
        if (rest.startsWith(LEARN)) {
            final String learnt = rest.substring(LEARN.length());
            final int arrow = learnt.indexOf(" -> ");
            final String assigned = arrow < 0 ? null : FieldValues.ip(learnt.substring(0, arrow));
            if (assigned == null) {
                return ParseResult.ok(AuthLine.ignored("route learnt"));
            }
            return start(record, line, commonName, sourceIp, assigned, address);
        }
        if (rest.contains(EXITING) || rest.contains(RESTARTING)) {
            final String user = AuthFields.user(commonName);
            if (user == null) {
                // a client that never authenticated: no session to end
                return ParseResult.ok(AuthLine.ignored("unauthenticated client"));
            }
            return ParseResult.ok(AuthLine.of(new AuthSession(
                    record.timestamp(),
                    FORMAT,
                    AuthSession.Kind.END,
                    user,
                    sourceIp,
                    null,
                    address,
                    null,
                    record.timestamp(),
                    AuthFields.host(record.host()))));
        }
        if (rest.contains(INACTIVITY)) {
            return ParseResult.ok(AuthLine.ignored("inactivity notice"));
        }
        return ParseResult.ok(AuthLine.ignored(AuthFields.NOT_SESSION));
    }

    private ParseResult<AuthLine> start(
            final SyslogRecord record,
            final String line,
            final String loggedUser,
            final String sourceIp,
            final String assignedIp,
            final String address) {
        final String user = AuthFields.user(loggedUser);
        if (user == null) {
            return failed(AuthFields.NO_USER, line);
        }
        return ParseResult.ok(AuthLine.of(new AuthSession(
                record.timestamp(),
                FORMAT,
                AuthSession.Kind.START,
                user,
                sourceIp,
                assignedIp,
                address,
                record.timestamp(),
                null,
                AuthFields.host(record.host()))));
    }

    /** {@code IPv4=10.8.0.6, IPv6=(Not enabled)}: the IPv4 address, else the IPv6 one; null when neither reads. */
    private static String poolAddress(final String text) {
        String v4 = null;
        String v6 = null;
        for (final String part : text.split(",")) {
            final String p = part.strip();
            if (p.startsWith("IPv4=")) {
                v4 = p.substring(5);
            } else if (p.startsWith("IPv6=")) {
                v6 = p.substring(5);
            }
        }
        final String ip4 = FieldValues.ip(v4);
        return ip4 != null ? ip4 : FieldValues.ip(v6);
    }
}
