package io.vigie.core.parse.av;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/** JSON reading with hard limits, and the lookups the JSON-shaped antivirus records need. */
final class AvJson {

    static final int MAX_DEPTH = 32;

    /**
     * Not {@code JsonSerde.MAPPER}: that one reads Vigie's own topics; this one reads what the outside world
     * sends, so it gets hard limits.
     */
    private static final ObjectMapper MAPPER = JsonMapper.builder(JsonFactory.builder()
                    .streamReadConstraints(StreamReadConstraints.builder()
                            .maxNestingDepth(MAX_DEPTH)
                            .maxStringLength(AvValues.MAX_LINE_LENGTH)
                            .maxNumberLength(64)
                            .build())
                    .build())
            .build();

    private AvJson() {
    }

    /** The object in {@code text}, or null when it is not a readable JSON object within the limits. */
    static ObjectNode object(final String text) {
        try {
            final JsonNode root = MAPPER.readTree(unflatten(text));
            return root != null && root.isObject() ? (ObjectNode) root : null;
        } catch (final IOException | RuntimeException e) {
            // includes StreamConstraintsException for documents nested deeper than MAX_DEPTH
            return null;
        }
    }

    /** A dotted path through nested objects, keys containing dots, or any mix of the two. */
    static JsonNode lookup(final JsonNode node, final String path) {
        if (node == null || !node.isObject()) {
            return null;
        }
        final JsonNode direct = node.get(path);
        if (direct != null) {
            return direct;
        }
        for (int dot = path.indexOf('.'); dot > 0; dot = path.indexOf('.', dot + 1)) {
            final JsonNode child = node.get(path.substring(0, dot));
            if (child != null && child.isObject()) {
                final JsonNode found = lookup(child, path.substring(dot + 1));
                if (found != null) {
                    return found;
                }
            }
        }
        return null;
    }

    /** The scalar at a path as text, null when absent, null or a container. */
    static String text(final JsonNode root, final String path) {
        return text(lookup(root, path));
    }

    static String text(final JsonNode node) {
        if (node == null || node.isNull() || node.isContainerNode()) {
            return null;
        }
        return node.asText();
    }

    /** The first present scalar among the paths. */
    static String first(final JsonNode root, final Iterable<String> paths) {
        for (final String path : paths) {
            final String v = AvValues.orNull(text(root, path));
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

    /**
     * Turns {@code \n}, {@code \r} and {@code \t} written outside strings back into whitespace: they are what
     * a one-record-per-line export leaves of pretty-printed JSON. Inside strings they are JSON escapes and stay.
     */
    static String unflatten(final String line) {
        if (line.indexOf('\\') < 0) {
            return line;
        }
        final StringBuilder b = new StringBuilder(line.length());
        boolean inString = false;
        for (int i = 0; i < line.length(); i++) {
            final char c = line.charAt(i);
            if (inString) {
                b.append(c);
                if (c == '\\' && i + 1 < line.length()) {
                    b.append(line.charAt(++i));
                } else if (c == '"') {
                    inString = false;
                }
            } else if (c == '\\' && i + 1 < line.length() && "nrt".indexOf(line.charAt(i + 1)) >= 0) {
                b.append(' ');
                i++;
            } else {
                inString = c == '"';
                b.append(c);
            }
        }
        return b.toString();
    }
}
