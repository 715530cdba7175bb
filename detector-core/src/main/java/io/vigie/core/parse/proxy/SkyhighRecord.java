package io.vigie.core.parse.proxy;

import io.vigie.core.parse.text.Numbers;
import io.vigie.core.time.LoggedTimes;
import java.time.ZoneId;
import java.util.Map;

/**
 * Skyhigh Security (formerly McAfee) web gateways, two key=value layouts: the on-premises Web Gateway's
 * syslog ({@code source_ip}, {@code http_request_first_line}, {@code block_id}) and the cloud Secure Web
 * Gateway's export ({@code requested_host}, {@code http_action}, {@code result}). Keys are lower case.
 */
final class SkyhighRecord {

    private SkyhighRecord() {}

    static boolean matches(final Map<String, String> f) {
        return f.containsKey("http_request_first_line")
                || f.containsKey("requested_host")
                || f.containsKey("source_ip") && f.containsKey("destination_host");
    }

    static ProxyLine map(final Map<String, String> f, final String format, final ZoneId zone) {
        final ProxyEventBuilder b = new ProxyEventBuilder(format);
        b.user = ProxyFields.first(f, "username");
        b.status = ProxyFields.vendorStatus(f.get("http_status_code"));
        b.contentType = ProxyFields.first(f, "media_type");
        if (f.containsKey("requested_host")) {
            cloud(f, b, zone);
        } else {
            onPremises(f, b, zone);
        }
        return ProxyLine.of(b.build());
    }

    private static void onPremises(final Map<String, String> f, final ProxyEventBuilder b, final ZoneId zone) {
        b.time = ProxyFields.time(f.get("date"), zone);
        b.clientIp = ProxyFields.first(f, "source_ip");
        final String[] request = ProxyFields.first(f, "http_request_first_line") == null
                ? new String[0]
                : f.get("http_request_first_line").split(" ", 3);
        if (request.length >= 2) {
            b.method = request[0];
            b.url = request[1].startsWith(":") ? null : request[1];
        }
        if (b.url == null) {
            b.host = ProxyFields.first(f, "destination_host");
        }
        // destination_bytes is what came back from the server, i.e. what the client was sent
        b.bytes = Numbers.toLong(f.get("destination_bytes"), -1);
        final int blockId = Numbers.toInt(f.get("block_id"), 0);
        b.action = ProxyFields.first(f, "block_reason");
        // block 81 is the authentication challenge (407), not a policy refusal
        b.blocked = blockId > 0 && b.status != 407;
        b.referer = ProxyFields.referer(f.get("http_referer"));
        b.userAgent = ProxyFields.first(f, "user_agent");
    }

    private static void cloud(final Map<String, String> f, final ProxyEventBuilder b, final ZoneId zone) {
        final String epoch = ProxyFields.first(f, "request_timestamp_epoch");
        b.time = epoch != null
                ? LoggedTimes.epochByMagnitude(epoch)
                : ProxyFields.time(f.get("request_timestamp"), zone);
        // client_ip is the workstation; source_ip is the address the cloud saw (a NAT or egress)
        b.clientIp = ProxyFields.first(f, "client_ip", "source_ip");
        b.method = ProxyFields.first(f, "http_action");
        b.scheme = ProxyFields.first(f, "uri_scheme");
        b.host = ProxyFields.first(f, "requested_host");
        b.port = Numbers.port(f.get("destination_port"));
        final String path = ProxyFields.first(f, "requested_path");
        if (path != null) {
            final int q = path.indexOf('?');
            b.path = q < 0 ? path : path.substring(0, q);
            b.query = q < 0 ? null : path.substring(q + 1);
        }
        b.action = ProxyFields.first(f, "result");
        b.blocked = ProxyFields.meansBlocked(b.action);
        b.bytes = Numbers.toLong(f.get("server_to_client_bytes"), -1);
        b.referer = ProxyFields.referer(f.get("referer"));
        b.userAgent = ProxyFields.first(f, "user_agent_comment");
    }
}
