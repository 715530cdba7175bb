package io.vigie.core.parse.proxy;

import io.vigie.core.parse.ParseResult;
import io.vigie.core.parse.text.LineCursor;
import io.vigie.core.parse.text.Numbers;
import io.vigie.core.time.LoggedTimes;
import java.util.List;

/**
 * Cisco Secure Web Appliance (IronPort WSA) access logs. The first ten fields are Squid's native format
 * ({@code time elapsed client result/status bytes method URL user hierarchy/peer type}), but the lines are
 * not plain Squid: syslog delivery prefixes the level ({@code Info: }), CONNECTs log {@code tunnel://host:443/}
 * instead of {@code host:443}, and custom fields, the ACL decision tag and the {@code <...>} scanning verdict
 * follow. A request is blocked when the result is {@code TCP_DENIED} or the decision tag starts with
 * {@code BLOCK} or {@code DROP} (policy refusals; {@code TCP_DENIED/407} is an authentication challenge and
 * stays a denial as Squid would log it). Thread-safe; never throws.
 */
final class CiscoWsaParser extends GuardedLineParser {

    public static final String FORMAT = "cisco-wsa";

    public static final String TOO_FEW_FIELDS = "too few wsa fields";
    public static final String BAD_TIME = "bad wsa timestamp";
    public static final String UNPARSEABLE = "unparseable wsa line";

    private static final int SQUID_FIELDS = 10;

    public CiscoWsaParser() {
        super(FORMAT, UNPARSEABLE);
    }

    @Override
    protected ParseResult<ProxyLine> read(final String line) {
        final List<String> t = LineCursor.fields(withoutLevel(line.strip()), 64);
        if (t.size() < SQUID_FIELDS) {
            return failed(TOO_FEW_FIELDS, line);
        }
        final ProxyEventBuilder b = new ProxyEventBuilder(FORMAT);
        b.time = LoggedTimes.epochByMagnitude(t.get(0));
        if (b.time == null) {
            return failed(BAD_TIME, line);
        }
        b.durationMs = Numbers.toLong(t.get(1), -1);
        b.clientIp = t.get(2);
        final String result = t.get(3);
        final int slash = result.indexOf('/');
        b.action = slash < 0 ? result : result.substring(0, slash);
        b.status = slash < 0 ? 0 : ProxyFields.vendorStatus(result.substring(slash + 1));
        b.bytes = Numbers.toLong(t.get(4), -1);
        b.method = t.get(5);
        b.url = withoutTunnelScheme(t.get(6), b.method);
        b.user = ProxyFields.orNull(t.get(7));
        b.contentType = t.get(9);
        final String decision = decisionTag(t);
        b.blocked = b.action.startsWith("TCP_DENIED")
                || decision != null && (decision.startsWith("BLOCK") || decision.startsWith("DROP"));
        return ParseResult.ok(ProxyLine.of(b.build()));
    }

    /** {@code Info: }, {@code Warning: }...: the level syslog delivery puts before the record. */
    static String withoutLevel(final String line) {
        final int colon = line.indexOf(": ");
        if (colon > 0 && colon < 12 && line.substring(0, colon).chars().allMatch(Character::isLetter)) {
            return line.substring(colon + 2);
        }
        return line;
    }

    private static String withoutTunnelScheme(final String url, final String method) {
        if (!"CONNECT".equals(method) || !url.startsWith("tunnel://")) {
            return url;
        }
        final String authority = url.substring("tunnel://".length());
        return authority.endsWith("/") ? authority.substring(0, authority.length() - 1) : authority;
    }

    /**
     * The ACL decision tag: the first field after the content type shaped {@code UPPER_CASE-policy-...}
     * (custom fields such as {@code CMF:44} come before it in some configurations).
     */
    private static String decisionTag(final List<String> t) {
        for (int i = SQUID_FIELDS; i < t.size(); i++) {
            final String s = t.get(i);
            if (s.indexOf('-') > 0 && s.indexOf(':') < 0 && Character.isUpperCase(s.charAt(0))) {
                return s;
            }
        }
        return null;
    }
}
