package io.vigie.core.parse.proxy;

import io.vigie.core.parse.ParseResult;

/**
 * Blue Coat ProxySG's own event log sent over syslog: {@code <29>Apr 14 20:31:07 ProxySG: 250017
 * Authentication failed from ...}. These are the appliance's events (authentication failures, LDAP errors,
 * configuration), not access records, so every one is an ignored line; what this parser checks is that the
 * line really is one (a {@code ProxySG:} tag followed by a numeric event id), so that anything else still
 * reaches the dead-letter topic. Thread-safe; never throws.
 */
public final class BlueCoatEventLogParser implements ProxyLogParser {

    public static final String FORMAT = "bluecoat-eventlog";

    public static final String EMPTY = "empty line";
    public static final String TOO_LONG = "line too long";
    public static final String UNPARSEABLE = "unparseable proxysg event-log line";
    public static final String NOT_EVENT_LOG = "not a proxysg event-log line";
    public static final String EVENT_LOG = "proxy event log";

    private static final String TAG = "ProxySG: ";

    @Override
    public ParseResult<ProxyLine> parse(final String line) {
        try {
            return read(line);
        } catch (final RuntimeException e) {
            // a bug must cost one line, not the stream: the line goes to the dead-letter topic
            return failed(UNPARSEABLE, line);
        }
    }

    private ParseResult<ProxyLine> read(final String line) {
        if (line == null || line.isBlank()) {
            return failed(EMPTY, line);
        }
        if (line.length() > KeyValueProxyParser.MAX_LINE_LENGTH) {
            return failed(TOO_LONG, line);
        }
        return isEventLog(line) ? ParseResult.ok(ProxyLine.ignored(EVENT_LOG)) : failed(NOT_EVENT_LOG, line);
    }

    static boolean isEventLog(final String line) {
        final int tag = line.indexOf(TAG);
        if (tag < 0 || tag > 64) {
            return false;
        }
        int i = tag + TAG.length();
        final int digits = i;
        while (i < line.length() && Character.isDigit(line.charAt(i))) {
            i++;
        }
        return i > digits && i < line.length() && line.charAt(i) == ' ';
    }

    private static ParseResult<ProxyLine> failed(final String reason, final String raw) {
        return ParseResult.failed(FORMAT, reason, raw);
    }
}
