package io.vigie.app.status;

import io.vigie.app.http.BadRequestException;
import io.vigie.app.http.HttpApiServer;
import io.vigie.app.http.JsonResponse;
import io.vigie.core.model.QueueStatus;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What the status page shows besides the top lists and DMARC.
 * <ul>
 *   <li>{@code GET /api/alerts/latest?limit=50}: the latest alerts as published on {@code alerts}, newest
 *       (record time) first; at most the number kept in memory.</li>
 *   <li>{@code GET /api/queue}: the latest state of each Postfix host's queue, per source ({@code logs},
 *       {@code postqueue}), as published on {@code events.mail-queue}.</li>
 * </ul>
 */
public final class StatusApi {

    static final int DEFAULT_LIMIT = 50;

    private final LatestRecords latest;

    public StatusApi(final LatestRecords latest) {
        this.latest = latest;
    }

    public void register(final HttpApiServer http) {
        http.route("/api/alerts/latest", this::alerts);
        http.route("/api/queue", this::queue);
    }

    JsonResponse alerts(final Map<String, String> params) {
        final int limit = limit(params.get("limit"), latest.capacity());
        final Map<String, Object> body = new LinkedHashMap<>();
        body.put("limit", limit);
        body.put("alerts", latest.latestAlerts(limit));
        if (!latest.polled()) {
            body.put("note", "the engine is starting: alerts are not read yet");
        }
        return JsonResponse.ok(body);
    }

    JsonResponse queue(final Map<String, String> params) {
        final List<Map<String, Object>> hosts = new ArrayList<>();
        for (final QueueStatus q : latest.queues()) {
            final Map<String, Object> row = new LinkedHashMap<>();
            row.put("host", q.host());
            row.put("source", q.source());
            row.put("time", q.time() == null ? null : q.time().toString());
            row.put("queued", q.queued());
            row.put("deferred", q.deferred());
            row.put("active", q.active());
            row.put("hold", q.hold());
            row.put("oldest_queued_seconds", q.oldestQueuedSeconds());
            row.put("deferred_by_domain", q.deferredByDomain() == null ? Map.of() : q.deferredByDomain());
            row.put("deferred_by_reason", q.deferredByReason() == null ? Map.of() : q.deferredByReason());
            row.put("delay_percentiles", q.delayPercentiles() == null ? Map.of() : q.delayPercentiles());
            row.put("deliveries", q.deliveries());
            hosts.add(row);
        }
        final Map<String, Object> body = new LinkedHashMap<>();
        body.put("hosts", hosts);
        if (hosts.isEmpty()) {
            body.put("note", latest.polled() ? "no queue state published yet" : "the engine is starting");
        }
        return JsonResponse.ok(body);
    }

    static int limit(final String raw, final int max) {
        if (raw == null || raw.isBlank()) {
            return Math.min(DEFAULT_LIMIT, max);
        }
        try {
            final int value = Integer.parseInt(raw.strip());
            if (value < 1 || value > max) {
                throw new BadRequestException("limit must be between 1 and " + max);
            }
            return value;
        } catch (final NumberFormatException e) {
            throw new BadRequestException("limit must be a whole number");
        }
    }
}
