package io.vigie.core.parse.proxy;

import io.vigie.core.parse.text.FieldValues;
import io.vigie.core.parse.text.Numbers;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Locale;
import java.util.Map;

/**
 * Blue Coat / Symantec / Broadcom ProxySG access records once split into fields, under either naming: the
 * ELFF names ({@code c-ip}, {@code cs-host}, {@code sc-filter-result}: Edge SWG key=value lines, Cloud SWG
 * (WSS) JSON) or the Splunk CIM names of the Blue Coat add-on ({@code src_ip}, {@code dest},
 * {@code filter_result}). Keys are lower case.
 */
final class BlueCoatRecord {

    private BlueCoatRecord() {}

    static boolean matches(final Map<String, String> f) {
        return f.containsKey("c-ip")
                || f.containsKey("cs-host")
                || f.containsKey("sc-filter-result")
                || f.containsKey("filter_result")
                || f.containsKey("src_ip") && f.containsKey("http_method");
    }

    /**
     * @param header what preceded the fields (a syslog header), for records without {@code date}/{@code time}
     * @param zone   the zone of a header time without one
     */
    static ProxyLine map(final Map<String, String> f, final String format, final String header, final ZoneId zone) {
        final ProxyEventBuilder b = new ProxyEventBuilder(format);
        b.time = time(f, header, zone);
        b.clientIp = ProxyFields.first(f, "c-ip", "src_ip");
        b.user = FieldValues.percentDecode(ProxyFields.first(f, "cs-username", "cs-userdn", "user"));
        final String method = ProxyFields.first(f, "cs-method", "http_method");
        b.method = method == null || "unknown".equalsIgnoreCase(method) ? null : method;
        final String scheme = ProxyFields.first(f, "cs-uri-scheme", "cs_uri_scheme");
        b.host = ProxyFields.first(f, "cs-host", "dest", "cs-uri-host");
        b.port = Numbers.port(ProxyFields.first(f, "cs-uri-port", "uri_port"));
        b.scheme = scheme(scheme, b.port);
        b.path = ProxyFields.first(f, "cs-uri-path", "uri_path");
        String query = ProxyFields.first(f, "cs-uri-query", "uri_query");
        if (query != null && query.startsWith("?")) {
            query = query.length() == 1 ? null : query.substring(1);
        }
        b.query = query;
        b.url = ProxyFields.first(f, "c-url", "cs-uri");
        b.status = ProxyFields.vendorStatus(ProxyFields.first(f, "sc-status", "status"));
        b.action = ProxyFields.first(f, "s-action", "action");
        final String filter = ProxyFields.first(f, "sc-filter-result", "filter_result");
        b.blocked = filter != null && ("DENIED".equalsIgnoreCase(filter) || ProxyFields.meansBlocked(filter));
        b.bytes = Numbers.toLong(ProxyFields.first(f, "sc-bytes", "bytes_in"), -1);
        b.contentType = FieldValues.percentDecode(
                ProxyFields.first(f, "rs(content-type)", "rs-content-type", "http_content_type"));
        b.referer = ProxyFields.referer(ProxyFields.first(f, "cs(referer)", "cs-referer", "http_referrer"));
        b.userAgent = ProxyFields.first(f, "cs(user-agent)", "cs-user-agent", "http_user_agent");
        b.durationMs = Numbers.toLong(ProxyFields.first(f, "time-taken", "duration"), -1);
        return ProxyLine.of(b.build());
    }

    /**
     * ProxySG writes {@code date} and {@code time} in UTC. The CIM export mangles {@code time=} ("1 13:58"), so
     * then the header's time of day goes with {@code date=}; Edge SWG lines carry only the header's ISO time.
     */
    private static Instant time(final Map<String, String> f, final String header, final ZoneId zone) {
        final String date = ProxyFields.first(f, "date");
        final Instant fields = ProxyFields.time(date + " " + ProxyFields.first(f, "time"), ZoneOffset.UTC);
        if (fields != null) {
            return fields;
        }
        final String h = header == null ? "" : header;
        final int colon = h.indexOf(':');
        if (date != null && colon >= 2 && colon + 6 <= h.length()) {
            final Instant t = ProxyFields.time(date + " " + h.substring(colon - 2, colon + 6), ZoneOffset.UTC);
            if (t != null) {
                return t;
            }
        }
        return h.length() >= 19 ? ProxyFields.time(h.substring(0, 19), zone) : null;
    }

    /** ProxySG names a tunnel's scheme {@code tcp} or {@code ssl}; what reaches port 443 is HTTPS. */
    private static String scheme(final String scheme, final int port) {
        if (scheme == null) {
            return null;
        }
        final String s = scheme.toLowerCase(Locale.ROOT);
        if ("ssl".equals(s) || "tcp".equals(s)) {
            return port == 443 || port < 0 ? "https" : "tunnel";
        }
        return s;
    }
}
