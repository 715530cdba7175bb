package io.vigie.app.http;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;

/**
 * The bearer token write routes require ({@code http.api-token}). With no token configured, write routes
 * answer 403: nothing can be written to the engine by an unauthenticated caller.
 */
public final class ApiToken {

    private final byte[] expected;

    public ApiToken(final String token) {
        this.expected = token == null ? new byte[0] : token.getBytes(StandardCharsets.UTF_8);
    }

    /** @return null when the request carries the token, else the response to send */
    public JsonResponse refusal(final PostRequest request) {
        if (expected.length == 0) {
            return JsonResponse.error(403, "write routes are off: set http.api-token (VIGIE_HTTP_API_TOKEN)");
        }
        final String header = request.header("authorization");
        final String given = header != null && header.regionMatches(true, 0, "Bearer ", 0, 7)
                ? header.substring(7).strip()
                : null;
        // Constant-time comparison: the time taken says nothing about how much of the token was right.
        if (given == null || !MessageDigest.isEqual(expected, given.getBytes(StandardCharsets.UTF_8))) {
            return JsonResponse.error(401, "missing or wrong bearer token");
        }
        return null;
    }
}
