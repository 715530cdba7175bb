package io.vigie.core.parse.av;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.vigie.core.parse.internal.ExternalJson;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/** JSON reading with hard limits, and the lookups the JSON-shaped antivirus records need. */
final class AvJson {

    private static final ObjectMapper MAPPER = ExternalJson.mapper(AvFields.MAX_LINE_LENGTH);

    private AvJson() {}

    /** The object in {@code text}, or null when it is not a readable JSON object within the limits. */
    static ObjectNode object(final String text) {
        try {
            final JsonNode root = MAPPER.readTree(ExternalJson.unflatten(text));
            return root != null && root.isObject() ? (ObjectNode) root : null;
        } catch (final IOException | RuntimeException e) {
            // includes StreamConstraintsException for documents nested deeper than ExternalJson.MAX_DEPTH
            return null;
        }
    }

    /** The first present scalar among the paths. */
    static String first(final JsonNode root, final Iterable<String> paths) {
        for (final String path : paths) {
            final String v = AvFields.orNull(ExternalJson.text(root, path));
            if (v != null) {
                return v;
            }
        }
        return null;
    }

    /**
     * An object's scalar fields with keys folded for lookup: lower case, without spaces, underscores or dashes
     * ({@code Threat Name}, {@code Threat_Name} and {@code ThreatName} all become {@code threatname}).
     */
    static Map<String, String> folded(final JsonNode object) {
        final Map<String, String> out = new LinkedHashMap<>();
        if (object == null || !object.isObject()) {
            return out;
        }
        for (final Map.Entry<String, JsonNode> e : object.properties()) {
            final JsonNode v = e.getValue();
            if (v.isValueNode() && !v.isNull()) {
                out.putIfAbsent(fold(e.getKey()), v.asText());
            }
        }
        return out;
    }

    static String fold(final String key) {
        final StringBuilder b = new StringBuilder(key.length());
        for (int i = 0; i < key.length(); i++) {
            final char c = key.charAt(i);
            if (c != ' ' && c != '_' && c != '-') {
                b.append(Character.toLowerCase(c));
            }
        }
        return b.toString().toLowerCase(Locale.ROOT);
    }
}
