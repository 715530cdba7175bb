package io.vigie.core.parse.intel;

import io.vigie.core.model.Indicator;
import io.vigie.core.net.UrlNormalizer;
import io.vigie.core.parse.ParseResult;
import java.time.Instant;
import java.util.List;

/**
 * A plain list of the hospital's own indicators, as a CERT bulletin gives them: one per line, a URL
 * ({@code https://evil.example/x}), a host name ({@code evil.example}) or an IP address, optionally followed by
 * whitespace and a reference ({@code evil.example CERTFR-2026-ALE-012}); {@code #} starts a comment. Defanged
 * forms that bulletins use ({@code hxxp://}, {@code evil[.]example}) are read too.
 */
public final class IndicatorListParser {

    public static final String SOURCE = "list";
    static final int MAX_LINE_CHARS = 8_192;

    private final String source;

    /** @param source recorded on each indicator, e.g. {@code list} or {@code analyst} */
    public IndicatorListParser(final String source) {
        this.source = source;
    }

    public IndicatorListParser() {
        this(SOURCE);
    }

    /** @param added when the list was read: lists carry no date */
    public ParseResult<IntelLine> parse(final String line, final Instant added) {
        if (line == null) {
            return ParseResult.ok(IntelLine.ignored("empty line"));
        }
        if (line.length() > MAX_LINE_CHARS) {
            return ParseResult.failed(source, "line too long", line.substring(0, 200));
        }
        final int hash = line.indexOf('#');
        final String content = (hash >= 0 ? line.substring(0, hash) : line).strip();
        if (content.isEmpty()) {
            return ParseResult.ok(IntelLine.ignored(hash >= 0 ? "comment" : "empty line"));
        }
        final String[] words = content.split("\\s+", 2);
        final String reference = words.length > 1 ? words[1].strip() : null;
        final Indicator indicator = indicator(refang(words[0]), reference, added);
        return indicator == null
                ? ParseResult.failed(source, "not a url, host or ip", line)
                : ParseResult.ok(IntelLine.of(indicator));
    }

    /** The indicator a value designates, or null when it is none. Also used for indicators posted by analysts. */
    public Indicator indicator(final String value, final String reference, final Instant added) {
        if (value.contains("/") || value.contains("://")) {
            final String url = UrlNormalizer.normalize(value);
            return url == null
                    ? null
                    : new Indicator(Indicator.Kind.URL, url, source, reference, null, List.of(), null, added, null);
        }
        final String host = UrlNormalizer.host(value);
        if (host == null || !host.contains(".") && !host.contains(":")) {
            return null;
        }
        final boolean ip = io.vigie.core.net.UrlParts.of(
                        "http://" + (host.contains(":") ? "[" + host + "]" : host) + "/", "GET")
                .hostIsIp();
        return new Indicator(
                ip ? Indicator.Kind.IP : Indicator.Kind.HOST,
                host,
                source,
                reference,
                null,
                List.of(),
                null,
                added,
                null);
    }

    /** {@code hxxp://evil[.]example} to {@code http://evil.example}. */
    public static String refang(final String value) {
        return value.replace("[.]", ".")
                .replace("(.)", ".")
                .replace("[:]", ":")
                .replaceFirst("^hxxp", "http")
                .replaceFirst("^fxp", "ftp");
    }
}
