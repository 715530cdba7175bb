package io.vigie.core.parse.proxy;

import io.vigie.core.parse.ParseResult;
import io.vigie.core.parse.text.LineCursor;
import io.vigie.core.parse.text.Numbers;
import java.time.ZoneOffset;
import java.util.List;

/**
 * Netskope transaction events (Log Streaming / Cloud Exchange "transaction" feed): W3C-style space-separated
 * fields, quoted when they hold spaces, in Netskope's fixed order. The first 21 are read: date, time (UTC),
 * time-taken, cs-bytes, sc-bytes, bytes, c-ip, s-ip, cs-username, cs-method, cs-uri-scheme, cs-uri-query,
 * cs-user-agent, cs-content-type, sc-status, sc-content-type, cs-dns, cs-host, cs-uri (path), cs-uri-port,
 * cs-referer. The feed carries its policy verdict much further on, in a position that varies with the
 * tenant's field set, so {@code blocked} is false and {@code action} null here. One-record-per-line exports
 * leave a trailing {@code \n} written out, which is dropped. Thread-safe; never throws.
 */
final class NetskopeParser extends GuardedLineParser {

    public static final String FORMAT = "netskope";

    public static final String UNPARSEABLE = "unparseable netskope line";
    public static final String TOO_FEW_FIELDS = "too few netskope fields";
    public static final String BAD_TIME = "bad netskope timestamp";

    private static final int FIELDS = 21;

    public NetskopeParser() {
        super(FORMAT, UNPARSEABLE);
    }

    @Override
    protected ParseResult<ProxyLine> read(final String line) {
        String l = line.strip();
        while (l.endsWith("\\n")) {
            l = l.substring(0, l.length() - 2).strip();
        }
        final List<String> t = LineCursor.fields(l, FIELDS + 1);
        if (t.size() < FIELDS) {
            return failed(TOO_FEW_FIELDS, line);
        }
        final ProxyEventBuilder b = new ProxyEventBuilder(FORMAT);
        b.time = ProxyFields.time(t.get(0) + " " + t.get(1), ZoneOffset.UTC);
        if (b.time == null) {
            return failed(BAD_TIME, line);
        }
        b.durationMs = Numbers.toLong(t.get(2), -1);
        b.bytes = Numbers.toLong(t.get(4), -1);
        b.clientIp = ProxyFields.orNull(t.get(6));
        b.user = ProxyFields.orNull(t.get(8));
        b.method = ProxyFields.orNull(t.get(9));
        b.scheme = ProxyFields.orNull(t.get(10));
        b.query = ProxyFields.orNull(t.get(11));
        b.userAgent = ProxyFields.orNull(t.get(12));
        b.status = ProxyFields.vendorStatus(t.get(14));
        b.contentType = t.get(15);
        final String host = ProxyFields.orNull(t.get(17));
        b.host = host != null ? host : ProxyFields.orNull(t.get(16));
        b.path = ProxyFields.orNull(t.get(18));
        b.port = Numbers.port(t.get(19));
        b.referer = ProxyFields.referer(t.get(20));
        return ParseResult.ok(ProxyLine.of(b.build()));
    }
}
