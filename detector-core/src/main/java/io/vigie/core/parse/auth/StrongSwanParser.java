package io.vigie.core.parse.auth;

import io.vigie.core.model.AuthSession;
import io.vigie.core.model.SyslogRecord;
import io.vigie.core.parse.ParseResult;
import io.vigie.core.parse.SyslogParser;
import io.vigie.core.parse.text.FieldValues;
import java.time.Clock;
import java.time.ZoneId;

/**
 * strongSwan's IKE daemon through syslog ({@code charon[...]:} or, run by systemd with swanctl,
 * {@code charon-systemd[...]:}), its messages prefixed by a thread number and a subsystem ({@code 09[IKE] }).
 * Lines read:
 * <ul>
 *   <li>{@code IKE_SA ikev2-eap[3] established between 192.0.2.1[vpn.example]...203.0.113.7[alice]}: a start, from
 *       the remote address, with the remote identity as the account;</li>
 *   <li>{@code assigning virtual IP 10.10.0.5 to peer 'alice'}: a start with the assigned address (no remote address
 *       on that line);</li>
 *   <li>{@code deleting IKE_SA ikev2-eap[3] between 192.0.2.1[...]...203.0.113.7[alice]}: an end.</li>
 * </ul>
 * The session id is the IKE_SA's name and unique id ({@code ikev2-eap[3]}). An identity that is a distinguished
 * name stands for its {@code CN}; one that is an address (a site-to-site peer, or an EAP client before its EAP
 * identity is known) names no account and the line is ignored. Every other line (proposals, rekeying, CHILD_SAs)
 * is ignored. Thread-safe; never throws.
 */
final class StrongSwanParser extends GuardedAuthParser {

    public static final String FORMAT = "strongswan";

    public static final String NOT_STRONGSWAN = "not a strongSwan line";
    public static final String UNPARSEABLE = "unparseable strongSwan line";
    public static final String BAD_ENDPOINTS = "bad IKE_SA endpoints";

    private static final String IKE_SA = "IKE_SA ";
    private static final String ESTABLISHED = " established between ";
    private static final String DELETING = "deleting IKE_SA ";
    private static final String BETWEEN = " between ";
    private static final String ASSIGNING = "assigning virtual IP ";
    private static final String TO_PEER = " to peer '";

    private final SyslogParser syslog;

    /**
     * @param clock gives the year of traditional syslog timestamps
     * @param zone  the zone of syslog timestamps written without one
     */
    public StrongSwanParser(final Clock clock, final ZoneId zone) {
        super(FORMAT, UNPARSEABLE);
        this.syslog = new SyslogParser(clock, zone);
    }

    /** Whether a syslog program name is strongSwan's IKE daemon. */
    static boolean isCharon(final String program) {
        return "charon".equals(program) || "charon-systemd".equals(program);
    }

    @Override
    protected ParseResult<AuthLine> read(final String line) {
        final ParseResult<SyslogRecord> record = syslog.parse(line);
        if (!record.isOk()) {
            return failed(record.error().reason(), line);
        }
        if (!isCharon(record.value().program())) {
            return failed(NOT_STRONGSWAN, line);
        }
        return fromSyslog(record.value(), line);
    }

    /** Reads the message of a syslog record from charon. */
    ParseResult<AuthLine> fromSyslog(final SyslogRecord record, final String line) {
        final String m = withoutThread(record.message().strip());
        if (m.startsWith(IKE_SA) && m.contains(ESTABLISHED)) {
            final int at = m.indexOf(ESTABLISHED);
            return ikeSa(
                    record,
                    line,
                    AuthSession.Kind.START,
                    m.substring(IKE_SA.length(), at),
                    m.substring(at + ESTABLISHED.length()));
        }
        if (m.startsWith(DELETING) && m.contains(BETWEEN)) {
            final int at = m.indexOf(BETWEEN);
            return ikeSa(
                    record,
                    line,
                    AuthSession.Kind.END,
                    m.substring(DELETING.length(), at),
                    m.substring(at + BETWEEN.length()));
        }
        if (m.startsWith(ASSIGNING)) {
            final int to = m.indexOf(TO_PEER);
            if (to < 0 || !m.endsWith("'")) {
                return failed(UNPARSEABLE, line);
            }
            final String assigned = FieldValues.ip(m.substring(ASSIGNING.length(), to));
            if (assigned == null) {
                return failed(AuthFields.BAD_ADDRESS, line);
            }
            final String user = account(m.substring(to + TO_PEER.length(), m.length() - 1));
            if (user == null) {
                return ParseResult.ok(AuthLine.ignored("no account identity"));
            }
            return ParseResult.ok(AuthLine.of(new AuthSession(
                    record.timestamp(),
                    FORMAT,
                    AuthSession.Kind.START,
                    user,
                    null,
                    assigned,
                    null,
                    record.timestamp(),
                    null,
                    AuthFields.host(record.host()))));
        }
        return ParseResult.ok(AuthLine.ignored(AuthFields.NOT_SESSION));
    }

    /** {@code local[id]...remote[id]}: the remote address and identity. */
    private ParseResult<AuthLine> ikeSa(
            final SyslogRecord record,
            final String line,
            final AuthSession.Kind kind,
            final String name,
            final String endpoints) {
        final int dots = endpoints.indexOf("...");
        final String remote = dots < 0 ? "" : endpoints.substring(dots + 3).strip();
        final int open = remote.indexOf('[');
        if (open <= 0 || !remote.endsWith("]") || name.isBlank() || name.indexOf(' ') >= 0) {
            return failed(BAD_ENDPOINTS, line);
        }
        final String sourceIp = FieldValues.ip(remote.substring(0, open));
        if (sourceIp == null) {
            return failed(AuthFields.BAD_ADDRESS, line);
        }
        final String user = account(remote.substring(open + 1, remote.length() - 1));
        if (user == null) {
            return ParseResult.ok(AuthLine.ignored("no account identity"));
        }
        final boolean start = kind == AuthSession.Kind.START;
        return ParseResult.ok(AuthLine.of(new AuthSession(
                record.timestamp(),
                FORMAT,
                kind,
                user,
                sourceIp,
                null,
                name,
                start ? record.timestamp() : null,
                start ? null : record.timestamp(),
                AuthFields.host(record.host()))));
    }

    /** The account an IKE identity names: a DN's CN, else the identity; null for an address or a placeholder. */
    private static String account(final String identity) {
        String id = identity.strip();
        final int cn = id.indexOf("CN=");
        if (cn >= 0 && (cn == 0 || id.charAt(cn - 1) == ' ' || id.charAt(cn - 1) == ',' || id.charAt(cn - 1) == '/')) {
            final int end = indexOfAny(id, cn + 3, ",/");
            id = id.substring(cn + 3, end).strip();
        }
        if (FieldValues.ip(id) != null) {
            return null;
        }
        return AuthFields.user(id);
    }

    private static int indexOfAny(final String s, final int from, final String chars) {
        for (int i = from; i < s.length(); i++) {
            if (chars.indexOf(s.charAt(i)) >= 0) {
                return i;
            }
        }
        return s.length();
    }

    /** {@code 09[IKE] }: charon's thread and subsystem, when it logs them. */
    private static String withoutThread(final String message) {
        int i = 0;
        while (i < message.length() && i < 3 && message.charAt(i) >= '0' && message.charAt(i) <= '9') {
            i++;
        }
        if (i + 5 < message.length()
                && message.charAt(i) == '['
                && message.charAt(i + 4) == ']'
                && message.charAt(i + 5) == ' ') {
            return message.substring(i + 6);
        }
        return message;
    }
}
