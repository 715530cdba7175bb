package io.vigie.rules.av;

import io.vigie.core.model.AvEvent;
import io.vigie.rules.alert.AlertRule;
import java.util.List;

/** The ECS fields every antivirus alert carries: the machine, the user, the file and what was done. */
final class AvAlerts {

    private AvAlerts() {}

    static AlertRule.Builder describe(final AlertRule.Builder alert, final AvEvent e) {
        return alert.source("ip", e.hostIp())
                .user("name", e.user())
                .related("hosts", e.host() == null ? List.of() : List.of(e.host()))
                .related(
                        "hash",
                        e.sha256() != null ? List.of(e.sha256()) : e.hash() != null ? List.of(e.hash()) : List.of())
                .observed("host", e.host())
                .observed("threat", e.threat())
                .observed("path", e.path())
                .observed("sha256", e.sha256())
                .observed("action", e.action())
                .observed("origin", e.origin())
                .observed("product", e.product());
    }

    /** Whether the product stopped the file: the alert is less urgent, not void (it came in). */
    static boolean contained(final AvEvent e) {
        return e.action() != null
                && List.of("quarantined", "removed", "deleted", "cleaned", "blocked")
                        .contains(e.action());
    }
}
