package io.vigie.rules.docs;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Map;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The field paths of an alert as Elasticsearch and OpenSearch see them: object keys joined with dots (so a key
 * written {@code "from.address"} and a nested {@code from: {address}} give the same path), arrays transparent, an
 * empty array, empty object or null a leaf of its own.
 *
 * <p>A few {@code vigie.observed} maps are keyed by data (domain names, deferral reasons, reporting organisations):
 * their keys are values, not fields, so they end the path. The index template maps them as {@code flattened}.
 */
final class AlertFieldPaths {

    /** Maps whose keys are data, by path. */
    static final Set<String> KEYED_BY_DATA = Set.of(
            "vigie.observed.deferred_by_domain",
            "vigie.observed.deferred_by_reason",
            "vigie.observed.oldest_by_domain_seconds",
            "vigie.observed.reporters");

    private AlertFieldPaths() {}

    static SortedSet<String> of(final JsonNode alert) {
        return new TreeSet<>(withKinds(alert).keySet());
    }

    /** Each path with what its values hold ({@link #kind}); a path with two kinds cannot have one mapping. */
    static Map<String, Set<String>> withKinds(final JsonNode alert) {
        final Map<String, Set<String>> paths = new TreeMap<>();
        collect(alert, "", paths);
        return paths;
    }

    private static void collect(final JsonNode node, final String path, final Map<String, Set<String>> paths) {
        if (node.isObject() && !KEYED_BY_DATA.contains(path) && !node.isEmpty()) {
            for (final Map.Entry<String, JsonNode> field : node.properties()) {
                collect(field.getValue(), path.isEmpty() ? field.getKey() : path + '.' + field.getKey(), paths);
            }
        } else if (node.isArray() && !node.isEmpty()) {
            node.forEach(element -> collect(element, path, paths));
        } else {
            final Set<String> kinds = paths.computeIfAbsent(path, p -> new TreeSet<>());
            final String kind = kind(node);
            if (!kind.equals("empty")) {
                kinds.add(kind);
            }
        }
    }

    /** What a leaf holds, as a mapping sees it: text, number, boolean, a keyed-by-data map, or nothing yet. */
    static String kind(final JsonNode node) {
        if (node.isContainerNode()) {
            return node.isEmpty() ? "empty" : "object";
        }
        if (node.isNumber()) {
            return "number";
        }
        if (node.isBoolean()) {
            return "boolean";
        }
        return node.isNull() ? "empty" : "text";
    }
}
