package io.vigie.core.parse.proxy;

import java.util.List;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * Where a shipper that already parsed proxy logs put each {@link io.vigie.core.model.ProxyEvent} field: for
 * each, the candidate paths in order of preference. A path is dotted ({@code url.original}) and matches both
 * nested objects and keys that contain dots, as Elastic's own documents mix them. An operator whose pipeline
 * uses other names builds their own mapping; {@link #ecs()} is the Elastic Common Schema.
 *
 * @param durationUnit what the duration field counts (ECS {@code event.duration} is in nanoseconds)
 */
public record JsonProxyMapping(
        List<String> time,
        List<String> clientIp,
        List<String> user,
        List<String> method,
        List<String> url,
        List<String> scheme,
        List<String> host,
        List<String> port,
        List<String> path,
        List<String> query,
        List<String> status,
        List<String> action,
        List<String> bytes,
        List<String> contentType,
        List<String> referer,
        List<String> userAgent,
        List<String> duration,
        TimeUnit durationUnit) {

    public JsonProxyMapping {
        time = List.copyOf(time);
        clientIp = List.copyOf(clientIp);
        user = List.copyOf(user);
        method = List.copyOf(method);
        url = List.copyOf(url);
        scheme = List.copyOf(scheme);
        host = List.copyOf(host);
        port = List.copyOf(port);
        path = List.copyOf(path);
        query = List.copyOf(query);
        status = List.copyOf(status);
        action = List.copyOf(action);
        bytes = List.copyOf(bytes);
        contentType = List.copyOf(contentType);
        referer = List.copyOf(referer);
        userAgent = List.copyOf(userAgent);
        duration = List.copyOf(duration);
        Objects.requireNonNull(durationUnit, "durationUnit");
    }

    /** The Elastic Common Schema names, as Filebeat, Elastic Agent and Logstash's ECS mode write them. */
    public static JsonProxyMapping ecs() {
        return new JsonProxyMapping(
                List.of("@timestamp"),
                List.of("source.ip", "client.ip"),
                List.of("user.name"),
                List.of("http.request.method"),
                List.of("url.original", "url.full"),
                List.of("url.scheme"),
                List.of("url.domain", "destination.domain"),
                List.of("url.port", "destination.port"),
                List.of("url.path"),
                List.of("url.query"),
                List.of("http.response.status_code"),
                List.of("event.action"),
                List.of("http.response.body.bytes", "http.response.bytes"),
                List.of("http.response.mime_type"),
                List.of("http.request.referrer"),
                List.of("user_agent.original"),
                List.of("event.duration"),
                TimeUnit.NANOSECONDS);
    }

    /** The fields whose presence says "this document is a parsed access record", not a wrapped raw line. */
    List<String> identifying() {
        return Stream.of(url, host, method, path).flatMap(List::stream).toList();
    }
}
