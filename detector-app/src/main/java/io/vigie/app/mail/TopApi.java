package io.vigie.app.mail;

import io.vigie.app.http.HttpApiServer;
import io.vigie.app.http.JsonResponse;
import io.vigie.core.model.TopEntry;
import io.vigie.core.model.TopSnapshot;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * {@code GET /api/top?direction=inbound|outbound|all&by=sender|recipient&metric=count|bytes&window=day|hour}:
 * the current top list, in rank order.
 */
public final class TopApi {

    private final TopSnapshots snapshots;

    public TopApi(final TopSnapshots snapshots) {
        this.snapshots = snapshots;
    }

    public void register(final HttpApiServer http) {
        http.route("/api/top", this::top);
    }

    JsonResponse top(final Map<String, String> params) {
        final TopListQuery query = TopListQuery.from(params);
        final Optional<TopSnapshot> snapshot = snapshots.latest(query.window());
        final Map<String, Object> body = new LinkedHashMap<>();
        body.put("window", query.window());
        body.put("direction", query.direction());
        body.put("by", query.by());
        body.put("metric", query.metric());
        if (snapshot.isEmpty()) {
            body.put("entries", List.of());
            body.put("note", "no mail counted in this window yet (or the engine is still starting)");
            return JsonResponse.ok(body);
        }
        final TopSnapshot current = snapshot.get();
        body.put("window_id", current.window());
        body.put("start", current.start());
        body.put("end", current.end());
        body.put("updated", current.updated());
        final List<Map<String, Object>> entries = new ArrayList<>();
        int rank = 1;
        for (final TopEntry entry : query.select(current)) {
            final Map<String, Object> row = new LinkedHashMap<>();
            row.put("rank", rank++);
            row.put("address", entry.address());
            row.put("messages", entry.messages());
            row.put("bytes", entry.bytes());
            entries.add(row);
        }
        body.put("entries", entries);
        return JsonResponse.ok(body);
    }
}
