package io.vigie.core.parse.proxy;

import io.vigie.core.model.ProxyEvent;
import io.vigie.core.parse.ParseResult;
import io.vigie.core.parse.text.CefTokenizer;
import io.vigie.core.parse.text.Numbers;
import io.vigie.core.time.LoggedTimes;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * ArcSight CEF web records ({@code CEF:0|Vendor|Product|Version|SignatureID|Name|Severity|extension}), after
 * an optional syslog header, and also without the {@code CEF:} prefix, as Forcepoint's syslog forwarder
 * writes them. Header fields escape {@code \|} and {@code \\}; extension values escape {@code \=},
 * {@code \\}, {@code \n} and {@code \r}, and run until the next unescaped {@code key=}.
 *
 * <p>Mapping: {@code rt} time, {@code src} client, {@code suser} user, {@code requestMethod}, {@code request}
 * URL, {@code dhost}/{@code dpt} host and port, {@code act} action (blocked when it says so), {@code out}
 * bytes to the client (CEF's "destination to source"), {@code requestClientApplication} user agent,
 * {@code requestContext} or Forcepoint's {@code refererUrl} Referer, and the {@code cs<n>}/{@code cn<n>}
 * fields by their labels ({@code ContentType}, {@code Referer}, {@code Status}, {@code User-Agent}).
 * Thread-safe; never throws.
 */
final class CefProxyParser extends GuardedLineParser {

    public static final String FORMAT = "cef";

    public static final String BAD_HEADER = "bad CEF header";
    public static final String UNPARSEABLE = "unparseable CEF line";

    private static final List<DateTimeFormatter> CEF_DATE = List.of(LoggedTimes.CEF);

    private final ZoneId zone;

    /** @param zone the device's zone, for {@code rt} values written without one */
    public CefProxyParser(final ZoneId zone) {
        super(FORMAT, UNPARSEABLE);
        this.zone = Objects.requireNonNull(zone, "zone");
    }

    @Override
    protected ParseResult<ProxyLine> read(final String line) {
        final CefTokenizer.Cef cef = CefTokenizer.parse(line);
        if (cef == null) {
            return failed(BAD_HEADER, line);
        }
        return ParseResult.ok(ProxyLine.of(map(cef.extension())));
    }

    /** Index of the version field: after {@code CEF:}, or the line itself when it starts with {@code <digits>|}. */
    static int headerStart(final String line) {
        return CefTokenizer.headerStart(line);
    }

    private ProxyEvent map(final Map<String, String> x) {
        final Map<String, String> labelled = CefTokenizer.labelled(x);
        final ProxyEventBuilder b = new ProxyEventBuilder(FORMAT);
        b.time = time(ProxyFields.first(x, "rt", "end", "start"));
        b.clientIp = ProxyFields.first(x, "src", "shost");
        b.user = ProxyFields.first(x, "suser", "duser");
        b.method = ProxyFields.first(x, "requestmethod");
        b.url = ProxyFields.first(x, "request");
        if (b.url == null) {
            b.host = ProxyFields.first(x, "dhost", "dst");
        }
        final int port = Numbers.port(x.get("dpt"));
        if (b.url == null && port >= 0) {
            b.port = port;
        }
        b.action = ProxyFields.first(x, "act");
        b.blocked = ProxyFields.meansBlocked(b.action);
        b.bytes = Numbers.toLong(x.get("out"), -1);
        b.userAgent = ProxyFields.first(x, "requestclientapplication");
        if (b.userAgent == null) {
            b.userAgent = ProxyFields.first(labelled, "user-agent", "useragent");
        }
        b.contentType = ProxyFields.first(labelled, "contenttype", "content-type");
        b.status = ProxyFields.vendorStatus(
                ProxyFields.first(labelled, "status", "httpstatus", "http status", "statuscode"));
        if (x.containsKey("requestcontext") || x.containsKey("refererurl") || labelled.containsKey("referer")) {
            final String referer = ProxyFields.first(x, "requestcontext", "refererurl");
            b.referer = ProxyFields.referer(referer != null ? referer : labelled.get("referer"));
        }
        return b.build();
    }

    private Instant time(final String rt) {
        if (rt == null) {
            return null;
        }
        final Instant t = ProxyFields.time(rt, zone);
        if (t != null) {
            return t;
        }
        return LoggedTimes.inZone(LoggedTimes.collapseSpaces(rt), CEF_DATE, zone);
    }
}
