package io.vigie.core.parse.intel;

import io.vigie.core.model.Indicator;
import io.vigie.core.net.UrlNormalizer;
import io.vigie.core.parse.ParseResult;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * URLhaus CSV dumps ({@code https://urlhaus.abuse.ch/downloads/csv/}, {@code csv_recent}, {@code csv_online}):
 * {@code id,dateadded,url,url_status,last_online,threat,tags,urlhaus_link,reporter}, every field quoted, a
 * {@code #} banner (whose last line names the columns) or a plain header row. Dates are UTC.
 */
public final class UrlhausCsvParser {

    public static final String SOURCE = "urlhaus";
    static final int MAX_LINE_CHARS = 16_384;
    private static final DateTimeFormatter DATE = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss", Locale.ROOT);

    public ParseResult<IntelLine> parse(final String line) {
        if (line == null || line.isBlank()) {
            return ParseResult.ok(IntelLine.ignored("empty line"));
        }
        if (line.length() > MAX_LINE_CHARS) {
            return ParseResult.failed(SOURCE, "line too long", line.substring(0, 200));
        }
        final String trimmed = line.strip();
        if (trimmed.startsWith("#")) {
            return ParseResult.ok(IntelLine.ignored("comment"));
        }
        if (trimmed.startsWith("id,") || trimmed.startsWith("\"id\",")) {
            return ParseResult.ok(IntelLine.ignored("header"));
        }
        final List<String> f = CsvLine.split(trimmed);
        if (f == null) {
            return ParseResult.failed(SOURCE, "unterminated quote", line);
        }
        if (f.size() < 9) {
            return ParseResult.failed(SOURCE, "not a urlhaus row", line);
        }
        final String url = UrlNormalizer.normalize(f.get(2));
        if (url == null) {
            return ParseResult.failed(SOURCE, "bad url", line);
        }
        final java.time.Instant added;
        try {
            added = LocalDateTime.parse(f.get(1), DATE).toInstant(ZoneOffset.UTC);
        } catch (final DateTimeParseException e) {
            return ParseResult.failed(SOURCE, "bad date", line);
        }
        final List<String> tags = f.get(6).isBlank()
                ? List.of()
                : Arrays.stream(f.get(6).split(","))
                        .map(String::strip)
                        .filter(t -> !t.isEmpty())
                        .toList();
        return ParseResult.ok(IntelLine.of(new Indicator(
                Indicator.Kind.URL,
                url,
                SOURCE,
                blankToNull(f.get(7)),
                blankToNull(f.get(5)),
                tags,
                blankToNull(f.get(3)),
                added,
                null)));
    }

    private static String blankToNull(final String s) {
        return s == null || s.isBlank() ? null : s.strip();
    }
}
