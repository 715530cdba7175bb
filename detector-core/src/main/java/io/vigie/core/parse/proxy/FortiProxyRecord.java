package io.vigie.core.parse.proxy;

import io.vigie.core.parse.text.Numbers;
import io.vigie.core.time.LoggedTimes;
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

    private FortiProxyRecord() {}

    static boolean matches(final Map<String, String> f) {
        return f.containsKey("logid") || f.containsKey("devid") || f.containsKey("subtype") && f.containsKey("type");
    }

    static ProxyLine map(final Map<String, String> f, final String format, final ZoneId zone) {
        final String type = ProxyFields.first(f, "type");
        final String subtype = ProxyFields.first(f, "subtype");
        final boolean transaction = "traffic".equals(type) && "http-transaction".equals(subtype);
        final boolean webfilter = "utm".equals(type) && "webfilter".equals(subtype);
        if (!transaction && !webfilter) {
            return ProxyLine.ignored(NOT_WEB);
        }
        final ProxyEventBuilder b = new ProxyEventBuilder(format);
        b.time = time(f, zone);
        b.clientIp = ProxyFields.first(f, "clientip", "srcip");
        b.user = ProxyFields.first(f, "user", "unauthuser");
        // not "method": in web filter logs that is how the URL was rated (domain, ip...)
        b.method = ProxyFields.first(f, "httpmethod", "reqmethod");
        final String url = ProxyFields.first(f, "url");
        final String scheme = ProxyFields.first(f, "scheme");
        final String service = ProxyFields.first(f, "service");
        if (url == null || !url.contains("://")) {
            b.scheme = scheme != null ? scheme : serviceScheme(service);
        }
        if (url != null && url.startsWith("/")) {
            // the web filter logs the path only; the host is in hostname=
            b.host = ProxyFields.first(f, "hostname");
            b.port = Numbers.port(f.get("dstport"));
            final int q = url.indexOf('?');
            b.path = q < 0 ? url : url.substring(0, q);
            b.query = q < 0 ? null : url.substring(q + 1);
        } else if (url != null) {
            b.url = url;
        } else {
            b.host = ProxyFields.first(f, "hostname");
            b.port = Numbers.port(f.get("dstport"));
        }
        b.status = ProxyFields.vendorStatus(f.get("statuscode"));
        b.action = ProxyFields.first(f, "utmaction", "action");
        b.blocked = ProxyFields.meansBlocked(ProxyFields.first(f, "action"))
                || ProxyFields.meansBlocked(f.get("utmaction"))
                || "ftgd_blk".equals(f.get("eventtype"));
        // rcvdbyte is what the client received; resplength is the response body alone
        b.bytes = Numbers.toLong(ProxyFields.first(f, "rcvdbyte", "resplength"), -1);
        b.contentType = ProxyFields.first(f, "contenttype");
        b.userAgent = ProxyFields.first(f, "agent");
        if (f.containsKey("referralurl")) {
            b.referer = ProxyFields.referer(f.get("referralurl"));
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
        final String eventtime = ProxyFields.first(f, "eventtime");
        if (eventtime != null) {
            final Instant t = LoggedTimes.epochByMagnitude(eventtime);
            if (t != null) {
                return t;
            }
        }
        final String date = ProxyFields.first(f, "date");
        final String time = ProxyFields.first(f, "time");
        if (date == null || time == null) {
            return null;
        }
        ZoneId z = zone;
        final String tz = ProxyFields.first(f, "tz");
        if (tz != null) {
            try {
                z = ZoneOffset.of(tz);
            } catch (final DateTimeException e) {
                z = zone;
            }
        }
        return ProxyFields.time(date + " " + time, z);
    }
}
