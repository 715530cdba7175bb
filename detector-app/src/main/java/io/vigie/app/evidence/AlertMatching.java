package io.vigie.app.evidence;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;

/**
 * Whether an alert of the {@code alerts} topic (ECS JSON) is about the subject: one the incident lists by id, or
 * one whose {@code user.name}, {@code user.email}, {@code source.ip}, {@code related.user}, {@code related.ip} or
 * {@code related.hosts} names one of the subject's users, hosts or addresses.
 */
final class AlertMatching {

    private AlertMatching() {}

    static boolean matches(final JsonNode alert, final SubjectScope scope) {
        if (scope.hasAlert(alert.path("event").path("id").asText(null))) {
            return true;
        }
        final JsonNode user = alert.path("user");
        final JsonNode related = alert.path("related");
        return scope.matchesUser(user.path("name").asText(null))
                || scope.matchesUser(user.path("email").asText(null))
                || scope.matchesHost(alert.path("source").path("ip").asText(null))
                || scope.matchesAnyUser(texts(related.path("user")))
                || scope.matchesAnyHost(texts(related.path("ip")))
                || scope.matchesAnyHost(texts(related.path("hosts")));
    }

    /** The reported mails an alert names ({@code vigie.observed.report_id}, or a list of them). */
    static List<String> reportIds(final JsonNode alert) {
        final JsonNode observed = alert.path("vigie").path("observed");
        final List<String> ids = new ArrayList<>(texts(observed.path("report_ids")));
        final String one = observed.path("report_id").asText(null);
        if (one != null) {
            ids.add(one);
        }
        return ids;
    }

    private static List<String> texts(final JsonNode node) {
        final List<String> out = new ArrayList<>();
        if (node.isArray()) {
            node.forEach(n -> {
                if (n.isTextual()) {
                    out.add(n.asText());
                }
            });
        } else if (node.isTextual()) {
            out.add(node.asText());
        }
        return out;
    }
}
