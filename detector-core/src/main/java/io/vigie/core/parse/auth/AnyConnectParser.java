package io.vigie.core.parse.auth;

import io.vigie.core.model.AuthSession;
import io.vigie.core.model.SyslogRecord;
import io.vigie.core.parse.ParseResult;
import io.vigie.core.parse.SyslogParser;
import io.vigie.core.parse.text.FieldValues;
import io.vigie.core.time.LoggedTimes;
import java.time.Clock;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Cisco ASA (and Firepower Threat Defense, {@code %FTD-}) messages about AnyConnect sessions, as a syslog server
 * writes them ({@code Dec  1 08:00:00 asa1 %ASA-6-722051: ...}) or as the ASA sends them with its own timestamp
 * ({@code Dec 01 2026 08:00:00 asa1 : %ASA-6-722051: ...}, with or without the device id). Messages read:
 * <ul>
 *   <li>722051, {@code Group <GP> User <alice> IP <203.0.113.9> IPv4 Address <10.20.0.5> IPv6 address <::> assigned
 *       to session}: a start with the assigned address (the IPv6 one when no IPv4 address is given);</li>
 *   <li>113039, {@code Group <GP> User <alice> IP <203.0.113.9> AnyConnect parent session started.}: a start;</li>
 *   <li>113019, {@code Group = GP, Username = alice, IP = 203.0.113.9, Session disconnected. Session Type: SSL,
 *       Duration: 1h:02m:03s, ...}: an end, whose start is the end less the duration ({@code 1d 2h:03m:04s} past a
 *       day).</li>
 * </ul>
 * Every other ASA message is an ignored line. The ASA logs no session id in these messages. Thread-safe; never
 * throws.
 */
final class AnyConnectParser extends GuardedAuthParser {

    public static final String FORMAT = "anyconnect";

    public static final String NOT_ASA = "not a Cisco ASA line";
    public static final String UNPARSEABLE = "unparseable Cisco ASA line";
    public static final String BAD_TIMESTAMP = SyslogParser.BAD_TIMESTAMP;
    public static final String BAD_DURATION = "bad duration";
    public static final String MISSING_FIELD = "missing field";

    private static final Pattern DURATION = Pattern.compile("(?:(\\d{1,4})d ?)?(\\d{1,5})h:(\\d{1,2})m:(\\d{1,2})s");

    private final SyslogParser syslog;
    private final ZoneId zone;

    /**
     * @param clock gives the year of traditional syslog timestamps
     * @param zone  the zone of timestamps written without one (the ASA's own timestamp never has one)
     */
    public AnyConnectParser(final Clock clock, final ZoneId zone) {
        super(FORMAT, UNPARSEABLE);
        this.syslog = new SyslogParser(clock, zone);
        this.zone = zone;
    }

    /** Where the {@code %ASA-} or {@code %FTD-} message starts, or -1. */
    static int messageStart(final String line) {
        final int asa = line.indexOf("%ASA-");
        return asa >= 0 ? asa : line.indexOf("%FTD-");
    }

    @Override
    protected ParseResult<AuthLine> read(final String line) {
        final int at = messageStart(line);
        if (at < 0) {
            return failed(NOT_ASA, line);
        }
        final int colon = line.indexOf(": ", at);
        if (colon < 0) {
            return failed(UNPARSEABLE, line);
        }
        final String tag = line.substring(at + 5, colon);
        final int dash = tag.indexOf('-');
        final String id = dash < 0 ? "" : tag.substring(dash + 1);
        final String message = line.substring(colon + 2).strip();
        if (!"722051".equals(id) && !"113039".equals(id) && !"113019".equals(id)) {
            return ParseResult.ok(AuthLine.ignored("other ASA message"));
        }
        final Header header = header(line, at);
        if (header == null) {
            return failed(BAD_TIMESTAMP, line);
        }
        return switch (id) {
            case "722051" -> assigned(line, message, header);
            case "113039" -> started(line, message, header);
            default -> disconnected(line, message, header);
        };
    }

    private ParseResult<AuthLine> assigned(final String line, final String m, final Header h) {
        final String user = AuthFields.user(angled(m, " User <"));
        final String ip = angled(m, " IP <");
        if (user == null || ip == null) {
            return failed(MISSING_FIELD, line);
        }
        final String loggedV4 = angled(m, " IPv4 Address <");
        final String loggedV6 = angled(m, " IPv6 address <");
        if (loggedV4 == null && loggedV6 == null) {
            return failed(MISSING_FIELD, line);
        }
        final String v4 = unlessUnspecified(loggedV4);
        final String v6 = unlessUnspecified(loggedV6);
        if (v4 == null && v6 == null) {
            return ParseResult.ok(AuthLine.ignored("no address assigned"));
        }
        final String sourceIp = FieldValues.ip(ip);
        final String assigned = v4 != null ? FieldValues.ip(v4) : FieldValues.ip(v6);
        if (sourceIp == null || assigned == null) {
            return failed(AuthFields.BAD_ADDRESS, line);
        }
        return ParseResult.ok(AuthLine.of(new AuthSession(
                h.time, FORMAT, AuthSession.Kind.START, user, sourceIp, assigned, null, h.time, null, h.host)));
    }

    private ParseResult<AuthLine> started(final String line, final String m, final Header h) {
        final String user = AuthFields.user(angled(m, " User <"));
        final String ip = angled(m, " IP <");
        if (user == null || ip == null) {
            return failed(MISSING_FIELD, line);
        }
        final String sourceIp = FieldValues.ip(ip);
        if (sourceIp == null) {
            return failed(AuthFields.BAD_ADDRESS, line);
        }
        return ParseResult.ok(AuthLine.of(new AuthSession(
                h.time, FORMAT, AuthSession.Kind.START, user, sourceIp, null, null, h.time, null, h.host)));
    }

    private ParseResult<AuthLine> disconnected(final String line, final String m, final Header h) {
        final String user = AuthFields.user(labelled(m, "Username = "));
        final String ip = labelled(m, " IP = ");
        if (user == null || ip == null) {
            return failed(MISSING_FIELD, line);
        }
        final String sourceIp = FieldValues.ip(ip);
        if (sourceIp == null) {
            return failed(AuthFields.BAD_ADDRESS, line);
        }
        final int d = m.indexOf("Duration: ");
        if (d < 0) {
            return failed(MISSING_FIELD, line);
        }
        final Matcher duration = DURATION.matcher(m);
        if (!duration.find(d + 10) || duration.start() != d + 10) {
            return failed(BAD_DURATION, line);
        }
        final int minutes = Integer.parseInt(duration.group(3));
        final int seconds = Integer.parseInt(duration.group(4));
        if (minutes > 59 || seconds > 59) {
            return failed(BAD_DURATION, line);
        }
        final long days = duration.group(1) == null ? 0 : Long.parseLong(duration.group(1));
        final Duration length = Duration.ofDays(days)
                .plusHours(Long.parseLong(duration.group(2)))
                .plusMinutes(minutes)
                .plusSeconds(seconds);
        return ParseResult.ok(AuthLine.of(new AuthSession(
                h.time,
                FORMAT,
                AuthSession.Kind.END,
                user,
                sourceIp,
                null,
                null,
                h.time.minus(length),
                h.time,
                h.host)));
    }

    /**
     * {@code label<value>}: the value, null when the label is missing or the bracket unclosed. The label's case is
     * not trusted: ASA versions write {@code IPv6 address} and {@code IPv6 Address}.
     */
    private static String angled(final String m, final String label) {
        int at = -1;
        for (int i = 0; i + label.length() <= m.length(); i++) {
            if (m.regionMatches(true, i, label, 0, label.length())) {
                at = i;
                break;
            }
        }
        if (at < 0) {
            return null;
        }
        final int from = at + label.length();
        final int close = m.indexOf('>', from);
        return close < 0 ? null : m.substring(from, close).strip();
    }

    /** {@code Label = value,}: the value, null when the label is missing. */
    private static String labelled(final String m, final String label) {
        final int at = m.indexOf(label);
        if (at < 0) {
            return null;
        }
        final int from = at + label.length();
        final int comma = m.indexOf(',', from);
        return (comma < 0 ? m.substring(from) : m.substring(from, comma)).strip();
    }

    /** {@code 0.0.0.0} and {@code ::}: the ASA's way of saying "none assigned". */
    private static String unlessUnspecified(final String ip) {
        if (ip == null || ip.isEmpty() || "0.0.0.0".equals(ip) || "::".equals(ip)) {
            return null;
        }
        return ip;
    }

    /** The time and host before the message: a syslog header, or the ASA's own timestamp. */
    private Header header(final String line, final int messageAt) {
        final ParseResult<SyslogRecord> record = syslog.parse(line);
        if (record.isOk() && record.value().program().startsWith("%")) {
            return new Header(
                    record.value().timestamp(), AuthFields.host(record.value().host()));
        }
        String head = line.substring(0, messageAt).strip();
        if (head.startsWith("<")) {
            final int close = head.indexOf('>');
            head = close < 0 ? head : head.substring(close + 1);
        }
        if (head.endsWith(":")) {
            head = head.substring(0, head.length() - 1).strip();
        }
        final String[] words = LoggedTimes.collapseSpaces(head).split(" ");
        if (words.length < 4) {
            return null;
        }
        try {
            final Instant time = LocalDateTime.parse(
                            String.join(" ", words[0], words[1], words[2], words[3]), LoggedTimes.CEF)
                    .atZone(zone)
                    .toInstant();
            return new Header(time, words.length > 4 ? AuthFields.host(words[4]) : null);
        } catch (final DateTimeException e) {
            return null;
        }
    }

    private record Header(Instant time, String host) {}
}
