package io.vigie.app.http;

import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A POST request as a route sees it: the body already read within the route's size limit. The body is
 * never logged.
 *
 * @param params      query parameters (first value of each, URL-decoded)
 * @param headers     request headers, names lower-cased
 * @param contentType the Content-Type without parameters, lower case; empty when absent
 * @param body        the body bytes
 */
public record PostRequest(
        Map<String, String> params, Map<String, List<String>> headers, String contentType, byte[] body) {

    /** The first value of a header, or null. */
    public String header(final String name) {
        final List<String> values = headers.get(name.toLowerCase(Locale.ROOT));
        return values == null || values.isEmpty() ? null : values.get(0);
    }
}
