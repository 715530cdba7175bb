package io.vigie.rules.proxy;

import io.vigie.core.model.Indicator;
import io.vigie.core.model.ProxyEvent;
import io.vigie.rules.alert.Alert;
import io.vigie.rules.alert.AlertRule;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The alert of a scored proxy detection: the request, the score and every feature that fired. */
final class ProxyAlerts {

    private ProxyAlerts() {
    }

    /**
     * The matched indicator as {@code vigie.observed.indicator}, in a fixed order and without the parts the feed
     * did not give: a missing reference is left out, not written as the text "null".
     */
    static Map<String, Object> indicator(final Indicator indicator) {
        final Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("key", indicator.key());
        fields.put("source", indicator.source());
        if (indicator.reference() != null) {
            fields.put("reference", indicator.reference());
        }
        if (indicator.threat() != null) {
            fields.put("threat", indicator.threat());
        }
        if (indicator.tags() != null && !indicator.tags().isEmpty()) {
            fields.put("tags", indicator.tags());
        }
        return fields;
    }

    static Alert scored(final AlertRule rule, final ProxyEvent e, final Assessment assessment,
                        final Instant periodStart, final String message) {
        final List<Map<String, Object>> features = assessment.features().stream().map(f -> {
            final Map<String, Object> feature = new LinkedHashMap<>();
            feature.put("name", f.name());
            feature.put("weight", f.weight());
            feature.put("detail", f.detail());
            return feature;
        }).toList();
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
