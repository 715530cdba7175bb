package io.vigie.core.parse.proxy;

import io.vigie.core.parse.text.FieldValues;
import io.vigie.core.parse.text.Numbers;
import java.time.ZoneId;
import java.util.Locale;
import java.util.Map;

/**
 * The {@code event} object of a Zscaler NSS web feed record ({@code sourcetype zscalernss-web}), keys in lower
 * case. NSS writes {@code None} and {@code NA} for missing values, URL-encodes the user agent, and logs the URL
 * without its scheme, which {@code protocol} gives ({@code HTTP}, {@code HTTPS}, or {@code SSL} for a tunnel
 * it did not inspect). {@code responsesize} is what the client received.
 */
final class ZscalerWebRecord {

    private ZscalerWebRecord() {}

    static ProxyLine map(final Map<String, String> e, final String format, final ZoneId zone) {
        final ProxyEventBuilder b = new ProxyEventBuilder(format);
        b.time = ProxyFields.time(ProxyFields.first(e, "datetime", "time"), zone);
        b.clientIp = ProxyFields.first(e, "clientip", "cip");
        b.user = ProxyFields.first(e, "user", "login");
        b.method = ProxyFields.first(e, "requestmethod");
        final String protocol = ProxyFields.first(e, "protocol");
        final String scheme = protocol == null
                ? null
                : switch (protocol.toUpperCase(Locale.ROOT)) {
                    case "HTTPS", "SSL" -> "https";
                    case "HTTP" -> "http";
                    case "FTP" -> "ftp";
                    default -> protocol.toLowerCase(Locale.ROOT);
                };
        final String url = ProxyFields.first(e, "url");
        if (url != null) {
            b.url = url.contains("://") || scheme == null ? url : scheme + "://" + url;
        } else {
            b.host = ProxyFields.first(e, "hostname", "host");
            b.scheme = scheme;
        }
        b.status = ProxyFields.vendorStatus(e.get("status"));
        b.action = ProxyFields.first(e, "action");
        b.blocked = ProxyFields.meansBlocked(b.action);
        b.bytes = Numbers.toLong(e.get("responsesize"), -1);
        b.contentType = ProxyFields.first(e, "contenttype");
        if (e.containsKey("refererurl")) {
            b.referer = ProxyFields.referer(e.get("refererurl"));
        }
        final String ua = ProxyFields.first(e, "useragent");
        b.userAgent = ua == null || "Unknown".equals(ua) ? null : FieldValues.percentDecode(ua);
        return ProxyLine.of(b.build());
    }
}
