package io.vigie.app.proxy;

import com.fasterxml.jackson.databind.JsonNode;
import io.vigie.app.http.ApiToken;
import io.vigie.app.http.BadRequestException;
import io.vigie.app.http.HttpApiServer;
import io.vigie.app.http.JsonResponse;
import io.vigie.app.http.PostRequest;
import io.vigie.core.model.Indicator;
import io.vigie.core.parse.intel.IndicatorListParser;
import io.vigie.core.serde.JsonSerde;
import io.vigie.rules.intel.IntelFeeds;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;

/**
 * {@code POST /api/indicators}: an analyst adds indicators (URLs, hosts, IP addresses), which are matched
 * against the proxy traffic from then on and start a retro-hunt over the contacts kept. Body: JSON
 * {@code {"indicators": [{"value": "...", "reference": "...", "seen_by": "10.1.2.3"}]}} (or one such object),
 * or text/plain with one indicator per line as in a list file. Requires the bearer token.
 */
public final class IndicatorApi {

    static final int MAX_BODY_BYTES = 1024 * 1024;
    static final int MAX_INDICATORS = 10_000;
    private static final long SEND_TIMEOUT_SECONDS = 30;

    private final ApiToken token;
    private final Producer<String, byte[]> producer;
    private final String topic;
    private final Clock clock;
    private final IndicatorListParser parser = new IndicatorListParser("analyst");

    public IndicatorApi(
            final ApiToken token, final Producer<String, byte[]> producer, final String topic, final Clock clock) {
        this.token = token;
        this.producer = producer;
        this.topic = topic;
        this.clock = clock;
    }

    public void register(final HttpApiServer http) {
        http.postRoute("/api/indicators", MAX_BODY_BYTES, this::post);
    }

    JsonResponse post(final PostRequest request) {
        final JsonResponse refused = token.refusal(request);
        if (refused != null) {
            return refused;
        }
        final List<Submitted> submitted =
                "text/plain".equals(request.contentType()) ? fromText(request.body()) : fromJson(request.body());
        if (submitted.isEmpty()) {
            throw new BadRequestException("no indicator in the body");
        }
        if (submitted.size() > MAX_INDICATORS) {
            throw new BadRequestException("at most " + MAX_INDICATORS + " indicators per request");
        }
        final List<String> accepted = new ArrayList<>();
        final List<Map<String, String>> rejected = new ArrayList<>();
        final List<Indicator> indicators = new ArrayList<>();
        for (final Submitted s : submitted) {
            final Indicator parsed = s.value() == null
                    ? null
                    : parser.indicator(IndicatorListParser.refang(s.value().strip()), s.reference(), clock.instant());
            if (parsed == null) {
                rejected.add(Map.of("value", String.valueOf(s.value()), "reason", "not a url, host or ip"));
                continue;
            }
            indicators.add(new Indicator(
                    parsed.kind(),
                    parsed.value(),
                    parsed.source(),
                    parsed.reference(),
                    s.threat(),
                    List.of(),
                    null,
                    parsed.added(),
                    s.seenBy()));
            accepted.add(parsed.key());
        }
        send(indicators);
        final Map<String, Object> body = new LinkedHashMap<>();
        body.put("accepted", accepted);
        body.put("rejected", rejected);
        return JsonResponse.of(rejected.isEmpty() ? 202 : accepted.isEmpty() ? 400 : 207, body);
    }

    /** Waits for Kafka's acknowledgement: a 202 means the indicators are durably on the topic. */
    private void send(final List<Indicator> indicators) {
        try {
            final List<java.util.concurrent.Future<?>> acks = new ArrayList<>();
            for (final Indicator i : indicators) {
                acks.add(producer.send(new ProducerRecord<>(
                        topic, i.key(), IntelFeeds.INDICATOR_SERDE.serializer().serialize(topic, i))));
            }
            for (final var ack : acks) {
                ack.get(SEND_TIMEOUT_SECONDS, TimeUnit.SECONDS);
            }
        } catch (final ExecutionException | TimeoutException e) {
            throw new IllegalStateException("indicators not written to " + topic + ": " + e, e);
        } catch (final InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while writing indicators", e);
        }
    }

    private record Submitted(String value, String reference, String threat, String seenBy) {}

    private List<Submitted> fromText(final byte[] body) {
        final List<Submitted> out = new ArrayList<>();
        for (final String line : new String(body, StandardCharsets.UTF_8).split("\r?\n")) {
            final int hash = line.indexOf('#');
            final String content = (hash >= 0 ? line.substring(0, hash) : line).strip();
            if (!content.isEmpty()) {
                final String[] words = content.split("\\s+", 2);
                out.add(new Submitted(words[0], words.length > 1 ? words[1] : null, null, null));
            }
        }
        return out;
    }

    private List<Submitted> fromJson(final byte[] body) {
        final JsonNode root;
        try {
            root = JsonSerde.MAPPER.readTree(body);
        } catch (final IOException e) {
            throw new BadRequestException("body is not JSON (or send text/plain, one indicator per line)");
        }
        if (root == null || !root.isObject()) {
            throw new BadRequestException("body must be a JSON object");
        }
        final List<Submitted> out = new ArrayList<>();
        final JsonNode list = root.has("indicators") ? root.get("indicators") : null;
        if (list != null && !list.isArray()) {
            throw new BadRequestException("indicators must be an array");
        }
        for (final JsonNode node : list != null ? list : List.of(root)) {
            out.add(new Submitted(
                    text(node, "value"), text(node, "reference"), text(node, "threat"), text(node, "seen_by")));
        }
        return out;
    }

    private static String text(final JsonNode node, final String field) {
        final JsonNode v = node.get(field);
        return v == null || v.isNull() || !v.isValueNode() ? null : v.asText();
    }
}
