package io.vigie.rules.proxy;

import io.vigie.core.model.Indicator;
import io.vigie.core.model.ProxyEvent;
import io.vigie.rules.alert.Alert;
import io.vigie.rules.alert.AlertRule;
import io.vigie.rules.alert.ObservedObject;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/** The alert of a scored proxy detection: the request, the score and every feature that fired. */
final class ProxyAlerts {

    private ProxyAlerts() {}

    /**
     * The matched indicator as {@code vigie.observed.indicator}, in a fixed order and without the parts the feed
     * did not give: a missing reference is left out, not written as the text "null".
     */
    static Map<String, Object> indicator(final Indicator indicator) {
        return ObservedObject.of()
                .put("key", indicator.key())
                .put("source", indicator.source())
                .put("reference", indicator.reference())
                .put("threat", indicator.threat())
                .put("tags", indicator.tags() == null || indicator.tags().isEmpty() ? null : indicator.tags())
                .fields();
    }

    static Alert scored(
            final AlertRule rule,
            final ProxyEvent e,
            final Assessment assessment,
            final Instant periodStart,
            final String message) {
        final List<Map<String, Object>> features = assessment.features().stream()
                .map(f -> ObservedObject.of()
                        .put("name", f.name())
                        .put("weight", f.weight())
                        .put("detail", f.detail())
                        .fields())
                .toList();
        return rule.raise(e.time(), e.clientIp() + "|" + e.host(), periodStart, message)
                .source("ip", e.clientIp())
                .user("name", e.user())
                .related("ip", List.of(e.clientIp()))
                .related("hosts", List.of(e.host()))
                .observed("url", e.url())
                .observed("method", e.method())
                .observed("status", e.status())
                .observed("content_type", e.contentType())
                .observed("bytes", e.bytes())
                .observed("referer", e.referer())
                .observed("user_agent", e.userAgent())
                .observed("score", assessment.score())
                .observed("features", features)
                .build();
    }
}
