package io.vigie.rules.proxy;

import io.vigie.core.parse.ParseResult;
import io.vigie.core.parse.proxy.ProxyLine;
import io.vigie.core.parse.proxy.ProxyLineParsers;
import io.vigie.rules.dlq.ParsingStep;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Reads {@code raw.proxy} lines in the configured format. A W3C feed declares its fields in a {@code #Fields:}
 * line; what each feed declared is remembered per record key (the shipper's file or source name). It is kept
 * in memory: after a restart, a feed's lines are read with the default field list (Blue Coat's) until its next
 * directive, which log files repeat at every rotation.
 */
final class ProxyLineReading implements ParsingStep.MultiParser<String, ProxyLine> {

    /** Feeds remembered; beyond, the memory is cleared (a feed then re-learns from its next directive). */
    static final int MAX_FEEDS = 10_000;
    private static final String NO_KEY = "";

    private final ProxyLineParsers parsers;
    private final Map<String, ProxyLineParsers.State> feeds = new ConcurrentHashMap<>();

    private ProxyLineReading(final ProxyLineParsers parsers) {
        this.parsers = parsers;
    }

    /** @throws IllegalArgumentException for an unknown format: a configuration error */
    static ProxyLineReading forFormat(final String format) {
        return new ProxyLineReading(ProxyLineParsers.forSource(format));
    }

    @Override
    public List<ParseResult<ProxyLine>> parse(final String key, final String line, final long timestamp) {
        final String feed = key == null ? NO_KEY : key;
        final ProxyLineParsers.State before = feeds.getOrDefault(feed, ProxyLineParsers.State.INITIAL);
        final ProxyLineParsers.Parsed parsed = parsers.parse(line, before);
        if (!parsed.state().equals(before)) {
            if (feeds.size() >= MAX_FEEDS) {
                feeds.clear();
            }
            feeds.put(feed, parsed.state());
        }
        return List.of(parsed.result());
    }
}
