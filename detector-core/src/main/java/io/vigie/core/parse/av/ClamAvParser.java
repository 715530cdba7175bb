package io.vigie.core.parse.av;

import io.vigie.core.parse.ParseResult;
import io.vigie.core.time.LoggedTimes;
import java.time.Clock;
import java.time.DateTimeException;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.Objects;

/**
 * ClamAV's three line shapes:
 * <ul>
 *   <li>{@code clamscan}/{@code clamdscan} output and {@code --log} files: {@code /path: Threat.Name FOUND};
 *       {@code OK} lines, {@code ----------- SCAN SUMMARY -----------} blocks, separators and blank lines are
 *       ignored lines;</li>
 *   <li>{@code clamd} log lines: {@code Sat Nov 28 05:29:32 2026 -> /path: Threat(md5:size) FOUND}; the
 *       daemon's start-up and self-check lines are ignored;</li>
 *   <li>the same through syslog: {@code Nov 28 05:29:32 host clamd[123]: /path: Threat FOUND}, whose year
 *       comes from the injected clock.</li>
 * </ul>
 * ClamAV logs do not name the machine: the host is the caller's (the syslog form's own host wins). The
 * action is {@code none} (ClamAV reports; moving or removing is a separate line, ignored here). The MD5 that
 * clamd appends to the threat name goes to {@code hash}. Thread-safe; never throws.
 */
final class ClamAvParser extends GuardedAvParser {

    public static final String FORMAT = "clamav";

    public static final String NOT_CLAMAV = "not a ClamAV line";
    public static final String UNPARSEABLE = "unparseable ClamAV line";

    private static final String FOUND = " FOUND";

    private final String host;
    private final ZoneId zone;
    private final Clock clock;

    /**
     * @param host  the scanned machine, as the caller knows it (ClamAV does not log it); may be null
     * @param zone  the machine's zone: ClamAV writes local times
     * @param clock gives the year of syslog timestamps
     */
    public ClamAvParser(final String host, final ZoneId zone, final Clock clock) {
        super(FORMAT, UNPARSEABLE);
        this.host = host;
        this.zone = Objects.requireNonNull(zone, "zone");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    @Override
    protected ParseResult<AvLine> read(final String line) {
        final String l = line.strip();
        final AvEventBuilder b = new AvEventBuilder(FORMAT);
        b.host = host;
        String rest = l;
        boolean prefixed = false;
        final int arrow = l.indexOf(" -> ");
        if (arrow >= 20 && arrow <= 30) {
            try {
                b.time = LocalDateTime.parse(l.substring(0, arrow).replaceAll(" +", " "), LoggedTimes.CTIME)
                        .atZone(zone)
                        .toInstant();
                rest = l.substring(arrow + 4);
                prefixed = true;
            } catch (final DateTimeException e) {
                // not clamd's prefix: read the line as scan output
            }
        }
        if (!prefixed) {
            final String syslogRest = syslog(l, b);
            if (syslogRest != null) {
                rest = syslogRest;
                prefixed = true;
            }
        }
        if (rest.endsWith(FOUND)) {
            final int colon = rest.lastIndexOf(": ", rest.length() - FOUND.length());
            if (colon > 0) {
                b.path = rest.substring(0, colon);
                String threat = rest.substring(colon + 2, rest.length() - FOUND.length())
                        .strip();
                final int paren = threat.indexOf('(');
                if (paren > 0 && threat.endsWith(")")) {
                    final String sig = threat.substring(paren + 1, threat.length() - 1);
                    final int c = sig.indexOf(':');
                    b.hash(c > 0 ? sig.substring(0, c) : sig);
                    threat = threat.substring(0, paren);
                }
                b.threat = threat;
                b.action = "none";
                return b.threat == null || b.threat.isEmpty()
                        ? failed(NOT_CLAMAV, line)
                        : ParseResult.ok(AvLine.of(b.build()));
            }
        }
        if (rest.endsWith(": OK")) {
            return ParseResult.ok(AvLine.ignored("clean file"));
        }
        if (prefixed) {
            return ParseResult.ok(AvLine.ignored("status line"));
        }
        if (rest.startsWith("---") || isSummaryField(rest)) {
            return ParseResult.ok(AvLine.ignored("scan summary"));
        }
        if (rest.startsWith("/")
                || rest.startsWith("LibClamAV")
                || rest.startsWith("WARNING:")
                || rest.startsWith("ERROR:")
                || rest.length() > 2 && rest.charAt(1) == ':') {
            // "/path: Empty file", "/path: Excluded", "/path: moved to ...", "C:\x: Access denied. ERROR"
            return ParseResult.ok(AvLine.ignored("file status"));
        }
        return failed(NOT_CLAMAV, line);
    }

    /** {@code Known viruses: 2}, {@code Engine version: 1.4.6}: a capitalised label and {@code : }. */
    private static boolean isSummaryField(final String s) {
        final int colon = s.indexOf(": ");
        if (colon <= 0 || colon > 40 || !Character.isUpperCase(s.charAt(0))) {
            return false;
        }
        for (int i = 0; i < colon; i++) {
            final char c = s.charAt(i);
            if (!Character.isLetter(c) && c != ' ') {
                return false;
            }
        }
        return true;
    }

    /** The message of a syslog line from a ClamAV program, setting time and host; null when not one. */
    private String syslog(final String l, final AvEventBuilder b) {
        if (l.length() < 20 || l.charAt(3) != ' ' || l.charAt(15) != ' ') {
            return null;
        }
        final int hostEnd = l.indexOf(' ', 16);
        if (hostEnd < 0) {
            return null;
        }
        final int colon = l.indexOf(": ", hostEnd);
        final String program = colon < 0 ? "" : l.substring(hostEnd + 1, colon);
        if (!program.startsWith("clam") && !program.startsWith("freshclam")) {
            return null;
        }
        b.time = LoggedTimes.syslogWithoutYear(l.substring(0, 15), clock, zone);
        if (b.time == null) {
            return null;
        }
        b.host = l.substring(16, hostEnd);
        return l.substring(colon + 2);
    }
}
