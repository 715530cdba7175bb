package io.vigie.core.parse.proxy;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Locale;
import java.util.Map;

/**
 * FortiProxy (and FortiGate) {@code key=value} records. Only two kinds are web accesses: the HTTP
 * transaction log ({@code type=traffic subtype=http-transaction}) and the web filter's verdicts
 * ({@code type=utm subtype=webfilter}). Everything else the box writes (forward/local traffic sessions,
 * application control, DLP, IPS, antivirus, SSL anomalies, system and authentication events) is a valid record
 * with no URL access in it, and is ignored.
 */
final class FortiProxyRecord {

    static final String NOT_WEB = "not a web record";

    private FortiProxyRecord() {
    }

    static boolean matches(final Map<String, String> f) {
        return f.containsKey("logid") || f.containsKey("devid") || f.containsKey("subtype") && f.containsKey("type");
    }

    static ProxyLine map(final Map<String, String> f, final String format, final ZoneId zone) {
        final String type = Values.first(f, "type");
        final String subtype = Values.first(f, "subtype");
        final boolean transaction = "traffic".equals(type) && "http-transaction".equals(subtype);
        final boolean webfilter = "utm".equals(type) && "webfilter".equals(subtype);
        if (!transaction && !webfilter) {
            return ProxyLine.ignored(NOT_WEB);
        }
        final ProxyEventBuilder b = new ProxyEventBuilder(format);
        b.time = time(f, zone);
        b.clientIp = Values.first(f, "clientip", "srcip");
        b.user = Values.first(f, "user", "unauthuser");
        // not "method": in web filter logs that is how the URL was rated (domain, ip...)
        b.method = Values.first(f, "httpmethod", "reqmethod");
        final String url = Values.first(f, "url");
        final String scheme = Values.first(f, "scheme");
        final String service = Values.first(f, "service");
        if (url == null || !url.contains("://")) {
            b.scheme = scheme != null ? scheme : serviceScheme(service);
        }
        if (url != null && url.startsWith("/")) {
            // the web filter logs the path only; the host is in hostname=
            b.host = Values.first(f, "hostname");
            b.port = Values.port(f.get("dstport"));
            final int q = url.indexOf('?');
            b.path = q < 0 ? url : url.substring(0, q);
            b.query = q < 0 ? null : url.substring(q + 1);
        } else if (url != null) {
            b.url = url;
        } else {
            b.host = Values.first(f, "hostname");
            b.port = Values.port(f.get("dstport"));
        }
        b.status = Values.status(f.get("statuscode"));
        b.action = Values.first(f, "utmaction", "action");
        b.blocked = Values.meansBlocked(Values.first(f, "action")) || Values.meansBlocked(f.get("utmaction"))
                || "ftgd_blk".equals(f.get("eventtype"));
        // rcvdbyte is what the client received; resplength is the response body alone
        b.bytes = Values.toLong(Values.first(f, "rcvdbyte", "resplength"), -1);
        b.contentType = Values.first(f, "contenttype");
        b.userAgent = Values.first(f, "agent");
        if (f.containsKey("referralurl")) {
            b.referer = Values.referer(f.get("referralurl"));
        }
        return ProxyLine.of(b.build());
    }

    private static String serviceScheme(final String service) {
        if (service == null) {
            return null;
        }
        final String s = service.toLowerCase(Locale.ROOT);
        return "http".equals(s) || "https".equals(s) ? s : null;
    }

    /** {@code eventtime} (seconds or nanoseconds) when there, else {@code date} and {@code time} in {@code tz}. */
    private static Instant time(final Map<String, String> f, final ZoneId zone) {
        final String eventtime = Values.first(f, "eventtime");
        if (eventtime != null) {
            final Instant t = Times.epoch(eventtime);
            if (t != null) {
                return t;
            }
        }
        final String date = Values.first(f, "date");
        final String time = Values.first(f, "time");
        if (date == null || time == null) {
            return null;
        }
        ZoneId z = zone;
        final String tz = Values.first(f, "tz");
        if (tz != null) {
            try {
                z = ZoneOffset.of(tz);
            } catch (final DateTimeException e) {
                z = zone;
            }
        }
        return Times.parse(date + " " + time, z);
    }
}
