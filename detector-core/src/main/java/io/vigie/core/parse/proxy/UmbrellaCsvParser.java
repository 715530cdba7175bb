package io.vigie.core.parse.proxy;

import io.vigie.core.parse.ParseResult;
import io.vigie.core.parse.text.Numbers;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Cisco Umbrella secure web gateway ("proxy") logs as exported to S3: CSV, every field double-quoted, quotes
 * inside doubled. Columns, by position: 0 timestamp (UTC), 1 identity, 2 internal IP, 3 external IP,
 * 4 destination IP, 5 content type, 6 verdict ({@code ALLOWED}/{@code BLOCKED}), 7 URL, 8 Referer,
 * 9 user agent, 10 status, 11 request size, 12 response size, 13 response body size, 14 SHA-256,
 * 15 categories, ..., 21 identity types, ..., 25 request method (newer exports only).
 *
 * <p>The identity is taken as the user only when its type names users ({@code AD Users}): otherwise it is a
 * network, a tunnel or a roaming computer. Line breaks inside fields, real or written as {@code \n} by a
 * one-record-per-line export, are dropped: Umbrella never escapes with a backslash. Thread-safe; never throws.
 */
final class UmbrellaCsvParser extends GuardedLineParser {

    public static final String FORMAT = "umbrella";

    public static final String TOO_FEW_COLUMNS = "too few umbrella columns";
    public static final String BAD_TIME = "bad umbrella timestamp";
    public static final String UNPARSEABLE = "unparseable umbrella line";

    private static final int MIN_COLUMNS = 13;
    private static final int MAX_COLUMNS = 256;

    public UmbrellaCsvParser() {
        super(FORMAT, UNPARSEABLE);
    }

    @Override
    protected ParseResult<ProxyLine> read(final String line) {
        final List<String> c = columns(
                line.replace("\\n", "").replace("\r", "").replace("\n", "").strip());
        if (c.size() < MIN_COLUMNS) {
            return failed(TOO_FEW_COLUMNS, line);
        }
        final ProxyEventBuilder b = new ProxyEventBuilder(FORMAT);
        b.time = ProxyFields.time(c.get(0), ZoneOffset.UTC);
        if (b.time == null) {
            return failed(BAD_TIME, line);
        }
        final String identityTypes = c.size() > 21 ? c.get(21) : "";
        if (identityTypes.toLowerCase(Locale.ROOT).contains("user")) {
            b.user = ProxyFields.orNull(c.get(1));
        }
        final String internal = ProxyFields.orNull(c.get(2));
        b.clientIp = internal != null ? internal : ProxyFields.orNull(c.get(3));
        b.contentType = c.get(5);
        b.action = ProxyFields.orNull(c.get(6));
        b.blocked = "BLOCKED".equalsIgnoreCase(b.action);
        b.url = ProxyFields.orNull(c.get(7));
        b.referer = ProxyFields.referer(c.get(8));
        b.userAgent = ProxyFields.orNull(c.get(9));
        b.status = ProxyFields.vendorStatus(c.get(10));
        b.bytes = Numbers.toLong(c.get(12), -1);
        if (c.size() > 25) {
            b.method = ProxyFields.orNull(c.get(25));
        }
        return ParseResult.ok(ProxyLine.of(b.build()));
    }

    /** RFC 4180 fields; an unterminated quote runs to the end of the line. */
    static List<String> columns(final String line) {
        final List<String> out = new ArrayList<>();
        final StringBuilder field = new StringBuilder();
        int i = 0;
        final int n = line.length();
        while (i <= n && out.size() < MAX_COLUMNS) {
            field.setLength(0);
            if (i < n && line.charAt(i) == '"') {
                i++;
                while (i < n) {
                    final char c = line.charAt(i);
                    if (c == '"' && i + 1 < n && line.charAt(i + 1) == '"') {
                        field.append('"');
                        i += 2;
                    } else if (c == '"') {
                        i++;
                        break;
                    } else {
                        field.append(c);
                        i++;
                    }
                }
                // anything between the closing quote and the comma is kept, not lost
                while (i < n && line.charAt(i) != ',') {
                    field.append(line.charAt(i++));
                }
            } else {
                while (i < n && line.charAt(i) != ',') {
                    field.append(line.charAt(i++));
                }
            }
            out.add(field.toString());
            i++;
        }
        return out;
    }
}
