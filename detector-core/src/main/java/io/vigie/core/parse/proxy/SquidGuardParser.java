package io.vigie.core.parse.proxy;

import io.vigie.core.parse.ParseResult;
import io.vigie.core.parse.text.LineCursor;
import java.time.ZoneId;
import java.util.List;
import java.util.Objects;

/**
 * squidGuard's redirector log: {@code yyyy-MM-dd HH:mm:ss [pid] Request(source/category/rewrite) URL
 * client/fqdn user method [REDIRECT]}. squidGuard writes a line only when it rewrites or refuses a request,
 * so every line is a block: {@code blocked} is true and {@code action} is the matched category
 * ({@code squidGuard:<category>}). The status is unknown (0): squid answers the redirect. Thread-safe;
 * never throws.
 */
final class SquidGuardParser extends GuardedLineParser {

    public static final String FORMAT = "squidguard";

    public static final String UNPARSEABLE = "unparseable squidguard line";
    public static final String NOT_SQUIDGUARD = "not a squidguard request line";
    public static final String BAD_TIME = "bad squidguard timestamp";

    private static final int FIELDS = 8;

    private final ZoneId zone;

    /** @param zone the proxy host's zone: squidGuard writes local time without one */
    public SquidGuardParser(final ZoneId zone) {
        super(FORMAT, UNPARSEABLE);
        this.zone = Objects.requireNonNull(zone, "zone");
    }

    @Override
    protected ParseResult<ProxyLine> read(final String line) {
        final List<String> t = LineCursor.fields(line.strip(), 16);
        if (t.size() < FIELDS || !t.get(3).startsWith("Request(") || !t.get(3).endsWith(")")) {
            return failed(NOT_SQUIDGUARD, line);
        }
        final ProxyEventBuilder b = new ProxyEventBuilder(FORMAT);
        b.time = ProxyFields.time(t.get(0) + " " + t.get(1), zone);
        if (b.time == null) {
            return failed(BAD_TIME, line);
        }
        final String[] rule =
                t.get(3).substring("Request(".length(), t.get(3).length() - 1).split("/", -1);
        b.url = t.get(4);
        final String client = t.get(5);
        final int slash = client.indexOf('/');
        b.clientIp = slash < 0 ? client : client.substring(0, slash);
        b.user = ProxyFields.orNull(t.get(6));
        b.method = t.get(7);
        b.action = "squidGuard:" + (rule.length > 1 ? rule[1] : t.get(3));
        b.blocked = true;
        return ParseResult.ok(ProxyLine.of(b.build()));
    }
}
