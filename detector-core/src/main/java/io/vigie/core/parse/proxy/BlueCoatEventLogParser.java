package io.vigie.core.parse.proxy;

import io.vigie.core.parse.ParseResult;

/**
 * Blue Coat ProxySG's own event log sent over syslog: {@code <29>Apr 14 20:31:07 ProxySG: 250017
 * Authentication failed from ...}. These are the appliance's events (authentication failures, LDAP errors,
 * configuration), not access records, so every one is an ignored line; what this parser checks is that the
 * line really is one (a {@code ProxySG:} tag followed by a numeric event id), so that anything else still
 * reaches the dead-letter topic. Thread-safe; never throws.
 */
final class BlueCoatEventLogParser extends GuardedLineParser {

    public static final String FORMAT = "bluecoat-eventlog";

    public static final String UNPARSEABLE = "unparseable proxysg event-log line";
    public static final String NOT_EVENT_LOG = "not a proxysg event-log line";
    public static final String EVENT_LOG = "proxy event log";

    private static final String TAG = "ProxySG: ";

    public BlueCoatEventLogParser() {
        super(FORMAT, UNPARSEABLE);
    }

    @Override
    protected ParseResult<ProxyLine> read(final String line) {
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
}
