package io.vigie.core.parse.proxy;

import io.vigie.core.parse.ParseResult;
import io.vigie.core.parse.text.LineCursor;
import io.vigie.core.parse.text.Numbers;
import java.time.ZoneId;
import java.util.List;
import java.util.Objects;

/**
 * Olfeo secure web gateway access log, a combined-log lookalike with a day-first date and the URL category
 * at the end: {@code client - user [dd/MM/yyyy HH:mm:ss] "METHOD URL HTTP/1.1" status - - bytes category}.
 * The two {@code -} are unused in every sample seen, so Referer and user agent are taken as not logged
 * (null). {@code blocked} means status 403, Olfeo's block page. Thread-safe; never throws.
 */
final class OlfeoParser extends GuardedLineParser {

    public static final String FORMAT = "olfeo";

    public static final String UNPARSEABLE = "unparseable olfeo line";
    public static final String TOO_FEW_FIELDS = "too few olfeo fields";
    public static final String BAD_TIME = "bad olfeo timestamp";
    public static final String BAD_REQUEST = "bad olfeo request line";

    private static final int FIELDS = 9;

    private final ZoneId zone;

    /** @param zone the gateway's zone: its dates carry none */
    public OlfeoParser(final ZoneId zone) {
        super(FORMAT, UNPARSEABLE);
        this.zone = Objects.requireNonNull(zone, "zone");
    }

    @Override
    protected ParseResult<ProxyLine> read(final String line) {
        final List<String> t = LineCursor.fields(line.strip(), 10);
        if (t.size() < FIELDS) {
            return failed(TOO_FEW_FIELDS, line);
        }
        final ProxyEventBuilder b = new ProxyEventBuilder(FORMAT);
        b.time = ProxyFields.time(t.get(3), zone);
        if (b.time == null) {
            return failed(BAD_TIME, line);
        }
        final String[] request = t.get(4).split(" ", 3);
        if (request.length < 2) {
            return failed(BAD_REQUEST, line);
        }
        b.clientIp = t.get(0);
        b.user = ProxyFields.orNull(t.get(2));
        b.method = request[0];
        b.url = request[1];
        if ("CONNECT".equalsIgnoreCase(b.method) && b.url.contains("://")) {
            b.url = b.url.substring(b.url.indexOf("://") + 3);
        }
        b.status = ProxyFields.vendorStatus(t.get(5));
        b.blocked = b.status == 403;
        b.bytes = Numbers.toLong(t.get(8), -1);
        return ParseResult.ok(ProxyLine.of(b.build()));
    }
}
