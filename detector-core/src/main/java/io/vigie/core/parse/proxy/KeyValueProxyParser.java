package io.vigie.core.parse.proxy;

import io.vigie.core.parse.ParseResult;
import io.vigie.core.parse.text.KeyValues;
import java.time.ZoneId;
import java.util.Map;
import java.util.Objects;

/**
 * {@code key=value} proxy records, after an optional syslog header: FortiProxy, Blue Coat ProxySG (Edge SWG
 * ELFF names, or the pipe-separated CIM export) and Skyhigh/McAfee web gateways. The dialect is recognised
 * from the keys present; see {@link FortiProxyRecord}, {@link BlueCoatRecord} and {@link SkyhighRecord} for the
 * field mappings. Thread-safe; never throws.
 */
final class KeyValueProxyParser extends GuardedLineParser {

    public static final String FORMAT = "kv";

    public static final String NO_PAIRS = "no key=value pairs";
    public static final String UNKNOWN_DIALECT = "unknown key=value dialect";
    public static final String UNPARSEABLE = "unparseable key=value line";

    private final ZoneId zone;

    /** @param zone the proxy's zone, for timestamps written without one */
    public KeyValueProxyParser(final ZoneId zone) {
        super(FORMAT, UNPARSEABLE);
        this.zone = Objects.requireNonNull(zone, "zone");
    }

    @Override
    protected ParseResult<ProxyLine> read(final String line) {
        final String l = line.strip();
        final int start = KeyValues.start(l);
        if (start < 0) {
            return failed(NO_PAIRS, line);
        }
        final char separator = start > 0 && l.charAt(start - 1) == '|' ? '|' : ' ';
        final Map<String, String> f = KeyValues.parse(l, start, separator);
        final String header = l.substring(0, start);
        if (FortiProxyRecord.matches(f)) {
            return ParseResult.ok(FortiProxyRecord.map(f, FORMAT, zone));
        }
        if (BlueCoatRecord.matches(f)) {
            return ParseResult.ok(BlueCoatRecord.map(f, FORMAT, header, zone));
        }
        if (SkyhighRecord.matches(f)) {
            return ParseResult.ok(SkyhighRecord.map(f, FORMAT, zone));
        }
        return failed(UNKNOWN_DIALECT, line);
    }
}
