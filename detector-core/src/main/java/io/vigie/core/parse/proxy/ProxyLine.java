package io.vigie.core.parse.proxy;

import io.vigie.core.model.ProxyEvent;
import java.util.Objects;

/**
 * What a proxy log line turned out to be: an access record, or a line the format defines that is not one
 * (a W3C {@code #Fields:} directive, a comment, a proxy's own event-log line, a DNS or firewall record in a
 * mixed feed). The second kind is not an error: it is counted and left, never dead-lettered.
 *
 * @param event          the access record, null when the line is not one
 * @param ignoredBecause why the line carries no access record, null when it does
 */
public record ProxyLine(ProxyEvent event, String ignoredBecause) {

    public static ProxyLine of(final ProxyEvent event) {
        return new ProxyLine(Objects.requireNonNull(event, "event"), null);
    }

    public static ProxyLine ignored(final String because) {
        return new ProxyLine(null, Objects.requireNonNull(because, "because"));
    }

    public boolean isAccess() {
        return event != null;
    }
}
