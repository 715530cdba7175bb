package io.vigie.app.http;

import java.util.Collection;
import java.util.regex.Pattern;

/**
 * Finds the registered route that serves a request path: the path itself, or a route with an {@code {id}} segment
 * ({@code /api/incidents/{id}/steps}) whose other segments match. The id is restricted to a short, plain form so
 * that nothing a client writes there reaches a store key, a log or an answer unchecked.
 */
final class RoutePath {

    static final String ID = "{id}";
    private static final Pattern ID_VALUE = Pattern.compile("[A-Za-z0-9._:-]{1,128}");

    /** @param route the registered path; @param id the {@code {id}} segment's value, null for an exact route */
    record Resolved(String route, String id) {}

    private RoutePath() {}

    /** @return the route, or null when none serves the path */
    static Resolved resolve(final String requested, final Collection<String> registered) {
        if (registered.contains(requested)) {
            return new Resolved(requested, null);
        }
        final String[] asked = requested.split("/", -1);
        for (final String route : registered) {
            if (!route.contains(ID)) {
                continue;
            }
            final String[] parts = route.split("/", -1);
            if (parts.length != asked.length) {
                continue;
            }
            String id = null;
            boolean matches = true;
            for (int i = 0; i < parts.length && matches; i++) {
                if (ID.equals(parts[i])) {
                    id = asked[i];
                    matches = ID_VALUE.matcher(id).matches();
                } else {
                    matches = parts[i].equals(asked[i]);
                }
            }
            if (matches) {
                return new Resolved(route, id);
            }
        }
        return null;
    }
}
