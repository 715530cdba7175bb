package io.vigie.app.incident;

import com.fasterxml.jackson.databind.JsonNode;
import io.vigie.app.http.ApiToken;
import io.vigie.app.http.BadRequestException;
import io.vigie.app.http.HttpApiServer;
import io.vigie.app.http.JsonResponse;
import io.vigie.app.http.PostRequest;
import io.vigie.core.serde.JsonSerde;
import io.vigie.rules.incident.ChecklistStep;
import io.vigie.rules.incident.Incident;
import io.vigie.rules.incident.Incidents;
import io.vigie.rules.incident.StepUpdate;
import java.io.IOException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;

/**
 * The incidents for analysts:
 * <ul>
 *   <li>{@code GET /api/incidents[?status=open|closed|merged|all][&limit=N]}: the latest first, as summaries
 *       (open and closed by default: a merged incident lives on in the one it went into);</li>
 *   <li>{@code GET /api/incidents/{id}}: one incident whole, timeline and checklist included;</li>
 *   <li>{@code POST /api/incidents/{id}/steps} (write token): {@code {"step": "isolate:pc-0042", "done": true,
 *       "by": "night analyst", "note": "..."}} ticks a checklist step; kept on {@code incidents.steps} with who
 *       and when, and folded into the incident by the engine within a commit interval.</li>
 * </ul>
 */
public final class IncidentApi {

    static final int MAX_BODY_BYTES = 16 * 1024;
    static final int DEFAULT_LIMIT = 100;
    static final int MAX_LIMIT = 1000;
    static final int MAX_BY = 100;
    static final int MAX_NOTE = 2000;
    private static final long SEND_TIMEOUT_SECONDS = 30;

    private final IncidentState state;
    private final ApiToken token;
    private final Producer<String, byte[]> producer;
    private final String stepsTopic;
    private final Clock clock;

    public IncidentApi(
            final IncidentState state,
            final ApiToken token,
            final Producer<String, byte[]> producer,
            final String stepsTopic,
            final Clock clock) {
        this.state = state;
        this.token = token;
        this.producer = producer;
        this.stepsTopic = stepsTopic;
        this.clock = clock;
    }

    public void register(final HttpApiServer http) {
        http.route("/api/incidents", this::list);
        http.route("/api/incidents/{id}", this::one);
        http.postRoute("/api/incidents/{id}/steps", MAX_BODY_BYTES, this::tick);
    }

    JsonResponse list(final Map<String, String> params) {
        final String status = params.getOrDefault("status", "").strip();
        if (!status.isEmpty() && !List.of("open", "closed", "merged", "all").contains(status)) {
            throw new BadRequestException("status must be open, closed, merged or all");
        }
        final int limit = limit(params.get("limit"));
        final Map<String, Object> body = new LinkedHashMap<>();
        if (!state.ready()) {
            body.put("incidents", List.of());
            body.put("note", "the engine is starting: incidents are not readable yet");
            return JsonResponse.of(503, body);
        }
        final List<Incident> chosen = new ArrayList<>(state.all().stream()
                .filter(i -> status.isEmpty()
                        ? !Incident.MERGED.equals(i.status())
                        : "all".equals(status) || status.equals(i.status()))
                .toList());
        chosen.sort(Comparator.comparing(Incident::updated).reversed().thenComparing(Incident::id));
        body.put("total", chosen.size());
        body.put(
                "incidents",
                chosen.stream().limit(limit).map(IncidentApi::summary).toList());
        return JsonResponse.ok(body);
    }

    JsonResponse one(final Map<String, String> params) {
        if (!state.ready()) {
            return JsonResponse.error(503, "the engine is starting: incidents are not readable yet");
        }
        final Optional<Incident> incident = state.get(params.get("id"));
        return incident.map(JsonResponse::ok).orElseGet(() -> JsonResponse.error(404, "no such incident"));
    }

    JsonResponse tick(final PostRequest request) {
        final JsonResponse refused = token.refusal(request);
        if (refused != null) {
            return refused;
        }
        final String id = request.params().get("id");
        final JsonNode body;
        try {
            body = JsonSerde.MAPPER.readTree(request.body());
        } catch (final IOException e) {
            throw new BadRequestException("body is not JSON");
        }
        if (body == null || !body.isObject()) {
            throw new BadRequestException(
                    "body must be a JSON object: {\"step\": \"...\", \"done\": true, " + "\"by\": \"...\"}");
        }
        final String step = text(body, "step", 200, true);
        final String by = text(body, "by", MAX_BY, true);
        final String note = text(body, "note", MAX_NOTE, false);
        final JsonNode done = body.get("done");
        if (done != null && !done.isBoolean()) {
            throw new BadRequestException("done must be true or false");
        }
        if (!state.ready()) {
            return JsonResponse.error(503, "the engine is starting: incidents are not readable yet");
        }
        final Optional<Incident> incident = state.get(id);
        if (incident.isEmpty()) {
            return JsonResponse.error(404, "no such incident");
        }
        if (incident.get().checklist().stream().map(ChecklistStep::id).noneMatch(step::equals)) {
            throw new BadRequestException("the incident's checklist has no step with that id");
        }
        final StepUpdate update = new StepUpdate(id, step, done == null || done.asBoolean(), by, clock.instant(), note);
        send(update);
        final Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("accepted", update);
        answer.put("note", "kept on " + stepsTopic + "; the incident shows it once the engine has read it");
        return JsonResponse.of(202, answer);
    }

    private static String text(final JsonNode body, final String field, final int max, final boolean required) {
        final JsonNode node = body.get(field);
        if (node == null || node.isNull()) {
            if (required) {
                throw new BadRequestException(field + " is required");
            }
            return null;
        }
        if (!node.isTextual() || node.asText().isBlank() || node.asText().length() > max) {
            throw new BadRequestException(field + " must be a text of 1 to " + max + " characters");
        }
        return node.asText().strip();
    }

    private static int limit(final String raw) {
        if (raw == null || raw.isBlank()) {
            return DEFAULT_LIMIT;
        }
        try {
            final int limit = Integer.parseInt(raw.strip());
            if (limit >= 1 && limit <= MAX_LIMIT) {
                return limit;
            }
        } catch (final NumberFormatException e) {
            // answered below
        }
        throw new BadRequestException("limit must be a number from 1 to " + MAX_LIMIT);
    }

    private static Map<String, Object> summary(final Incident i) {
        final Map<String, Object> s = new LinkedHashMap<>();
        s.put("id", i.id());
        s.put("status", i.status());
        s.put("severity", i.severity());
        s.put("title", i.title());
        s.put("opened", i.opened().toString());
        s.put("updated", i.updated().toString());
        s.put("users", i.entities().users());
        s.put(
                "hosts",
                i.entities().hosts().isEmpty()
                        ? i.entities().ips()
                        : i.entities().hosts());
        s.put("alerts", i.timeline().size() + i.alertsNotListed());
        s.put(
                "opened_by_user_at",
                i.firstSign() == null ? null : i.firstSign().time().toString());
        s.put("steps_done", i.checklist().stream().filter(ChecklistStep::done).count());
        s.put("steps", i.checklist().size());
        s.put("escalation", i.escalation());
        return s;
    }

    /** Waits for Kafka's acknowledgement: a 202 means the tick is durably on the topic. */
    private void send(final StepUpdate update) {
        try {
            producer.send(new ProducerRecord<>(
                            stepsTopic,
                            update.incidentId(),
                            Incidents.STEP_SERDE.serializer().serialize(stepsTopic, update)))
                    .get(SEND_TIMEOUT_SECONDS, TimeUnit.SECONDS);
        } catch (final ExecutionException | TimeoutException e) {
            throw new IllegalStateException("checklist tick not written to " + stepsTopic + ": " + e, e);
        } catch (final InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while writing a checklist tick", e);
        }
    }
}
