package io.vigie.app.http;

import java.util.Map;

/**
 * What a JSON route answers.
 *
 * @param status HTTP status code
 * @param body   anything {@code JsonSerde.MAPPER} can serialise (records, maps, lists); {@code null} for no body
 */
public record JsonResponse(int status, Object body) {

    public JsonResponse {
        if (status < 100 || status > 599) {
            throw new IllegalArgumentException("not an HTTP status: " + status);
        }
    }

    public static JsonResponse ok(final Object body) {
        return new JsonResponse(200, body);
    }

    public static JsonResponse of(final int status, final Object body) {
        return new JsonResponse(status, body);
    }

    /** {@code {"error": reason}} with the given status. */
    public static JsonResponse error(final int status, final String reason) {
        return new JsonResponse(status, Map.of("error", reason));
    }
}
