package io.vigie.rules.proxy;

import io.vigie.core.parse.ParseResult;
import io.vigie.core.parse.proxy.JsonProxyMapping;
import io.vigie.core.parse.proxy.ProxyLine;
import io.vigie.core.parse.proxy.ProxyLineParsers;
import io.vigie.core.parse.proxy.ProxyLogParser;
import io.vigie.core.parse.proxy.VendorProxyParsers;
import io.vigie.rules.dlq.ParsingStep;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Reads {@code raw.proxy} lines in the configured format: Squid native, combined, W3C ({@link ProxyLineParsers}),
 * a vendor format ({@link VendorProxyParsers}: JSON, key=value, CEF, Umbrella...), or {@code auto}, where each
 * line's shape names its format. A W3C feed declares its fields in a {@code #Fields:} line; what each feed
 * declared is remembered per record key (the shipper's file or source name), in memory: after a restart, a
 * feed's lines are read with Blue Coat's default fields until its next directive, which log files repeat at
 * every rotation.
 *
 * <p>Public so that other readers of {@code raw.proxy} (the {@code evidence} export) parse lines exactly as the
 * engine does.
 */
public final class ProxyLineReading implements ParsingStep.MultiParser<String, ProxyLine> {

    /** Feeds remembered; beyond, the memory is cleared (a feed then re-learns from its next directive). */
    static final int MAX_FEEDS = 10_000;

    static final String AUTO = "auto";
    private static final List<String> LINE_FORMATS = List.of("squid", "combined", "w3c");
    private static final String NO_KEY = "";

    private final ProxyLineParsers lineParsers;
    private final VendorProxyParsers vendors;
    private final ProxyLogParser fixedVendor;
    private final boolean auto;
    private final Map<String, ProxyLineParsers.State> feeds = new ConcurrentHashMap<>();

    private ProxyLineReading(final String format, final ZoneId zone) {
        final ProxyLineParsers anyLine = ProxyLineParsers.forSource(AUTO);
        // Raw lines wrapped in JSON (a shipper's "message") are read without a feed's W3C state.
        this.vendors = new VendorProxyParsers(
                zone,
                JsonProxyMapping.ecs(),
                line -> anyLine.parse(line, ProxyLineParsers.State.INITIAL).result());
        this.auto = AUTO.equals(format);
        this.lineParsers = LINE_FORMATS.contains(format) ? ProxyLineParsers.forSource(format) : anyLine;
        this.fixedVendor = auto || LINE_FORMATS.contains(format)
                ? null
                : vendors.parser(format)
                        .orElseThrow(() -> new IllegalArgumentException(
                                "unknown proxy format '" + format + "' (" + formats() + ")"));
    }

    /** @throws IllegalArgumentException for an unknown format: a configuration error */
    public static ProxyLineReading forFormat(final String format, final ZoneId zone) {
        return new ProxyLineReading(format, zone);
    }

    /** Every value {@code proxy.format} accepts. */
    static List<String> formats() {
        final List<String> all = new ArrayList<>(List.of(AUTO));
        all.addAll(LINE_FORMATS);
        all.addAll(new VendorProxyParsers(
                        ZoneId.of("UTC"), JsonProxyMapping.ecs(), line -> ParseResult.ok(ProxyLine.ignored("none")))
                .formats().stream().sorted().toList());
        return List.copyOf(all);
    }

    @Override
    public List<ParseResult<ProxyLine>> parse(final String key, final String line, final long timestamp) {
        if (fixedVendor != null) {
            return List.of(fixedVendor.parse(line));
        }
        if (auto) {
            final Optional<ProxyLogParser> vendor = vendorOf(line);
            if (vendor.isPresent()) {
                // Shapes overlap (Olfeo writes a combined line with more fields after it): when the vendor
                // parser refuses the line, the line formats get their chance; its reason stays if they fail too.
                final ParseResult<ProxyLine> byVendor = vendor.get().parse(line);
                if (byVendor.isOk()) {
                    return List.of(byVendor);
                }
                final ParseResult<ProxyLine> byLine = readLine(key, line);
                return List.of(byLine.isOk() ? byLine : byVendor);
            }
        }
        return List.of(readLine(key, line));
    }

    /** The vendor parser of a line's shape; empty for Squid, combined, W3C and unknown shapes. */
    private Optional<ProxyLogParser> vendorOf(final String line) {
        if (line != null && line.isBlank()) {
            return Optional.of(l -> ParseResult.ok(ProxyLine.ignored(VendorProxyParsers.BLANK)));
        }
        final String format = VendorProxyParsers.detect(line);
        return format == null || VendorProxyParsers.SQUID.equals(format) ? Optional.empty() : vendors.parser(format);
    }

    /** Squid, combined or W3C, with the feed's W3C state. */
    private ParseResult<ProxyLine> readLine(final String key, final String line) {
        final String feed = key == null ? NO_KEY : key;
        final ProxyLineParsers.State before = feeds.getOrDefault(feed, ProxyLineParsers.State.INITIAL);
        final ProxyLineParsers.Parsed parsed = lineParsers.parse(line, before);
        if (!parsed.state().equals(before)) {
            if (feeds.size() >= MAX_FEEDS) {
                feeds.clear();
            }
            feeds.put(feed, parsed.state());
        }
        return parsed.result();
    }
}
