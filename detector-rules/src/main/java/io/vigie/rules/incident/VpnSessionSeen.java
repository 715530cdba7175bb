package io.vigie.rules.incident;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import java.util.Map;

/**
 * A VPN session of an account of the incident, as a {@code vigie.correlation.compromised-account-vpn} alert reported
 * it or the identities know it (then with no source address nor gateway): what the checklist's VPN step lists for the
 * analyst to check.
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
@JsonInclude(JsonInclude.Include.NON_NULL)
public record VpnSessionSeen(
        String account, String start, String end, String sourceIp, String assignedIp, String gateway) {

    /** From the alert's {@code vigie.observed.session}; null when it has none. */
    static VpnSessionSeen of(final String account, final Object observedSession) {
        if (!(observedSession instanceof Map<?, ?> s) || !(s.get("start") instanceof String start)) {
            return null;
        }
        return new VpnSessionSeen(
                account,
                start,
                text(s.get("end")),
                text(s.get("source_ip")),
                text(s.get("assigned_ip")),
                text(s.get("gateway")));
    }

    private static String text(final Object value) {
        return value instanceof String s ? s : null;
    }

    String describe() {
        return (sourceIp == null ? "" : "from " + sourceIp + " ") + "at " + start
                + (end == null ? "" : " until " + end)
                + (assignedIp == null ? "" : " (given " + assignedIp + ")")
                + (gateway == null ? "" : " on " + gateway);
    }
}
