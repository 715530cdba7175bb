package io.vigie.rules.proxy;

import io.vigie.core.model.ProxyEvent;
import io.vigie.core.net.UrlParts;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Just enough of Squid's {@code combined} format for the realgen evaluation; the real {@code CombinedLogParser}
 * (detector-core) replaces it once merged. Throws on a line it cannot read: the test file is known-good.
 */
final class CombinedTestReader {

    // %>a %[ui %[un [%tl] "%rm %ru HTTP/%rv" %>Hs %<st "%{Referer}>h" "%{User-Agent}>h" %Ss:%Sh
    private static final Pattern LINE = Pattern.compile(
            "^(\\S+) \\S+ (\\S+) \\[([^]]+)] \"(\\S+) (\\S+) [^\"]*\" (\\d+) (\\d+) \"([^\"]*)\" \"([^\"]*)\" (\\S+)$");
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("dd/MMM/yyyy:HH:mm:ss Z", Locale.ROOT);

    private CombinedTestReader() {
    }

    static ProxyEvent read(final String line) {
        final Matcher m = LINE.matcher(line);
        if (!m.matches()) {
            throw new IllegalArgumentException("not a combined line: " + line);
        }
        final String method = m.group(4);
        final String url = m.group(5);
        final UrlParts parts = UrlParts.of(url, method);
        final String action = m.group(10).split(":")[0];
        final String referer = "-".equals(m.group(8)) ? "" : m.group(8);
        final Instant time = OffsetDateTime.parse(m.group(3), TIME).toInstant();
        return new ProxyEvent(time, "combined", m.group(1), "-".equals(m.group(2)) ? null : m.group(2), method, url,
                parts.scheme(), parts.host(), parts.port(), parts.path(), parts.query(), Integer.parseInt(m.group(6)),
                action, action.startsWith("TCP_DENIED"), Long.parseLong(m.group(7)), null, referer, m.group(9), -1);
    }
}
