package io.vigie.core.parse.internal;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.util.List;

/**
 * Reading JSON that the outside world sends (proxy, antivirus and quarantine records): a mapper with hard limits,
 * dotted-path lookups, and the shipper wrappers that carry a raw line. Not API: it lives in {@code internal}
 * because three parser packages need it.
 */
public final class ExternalJson {

    public static final int MAX_DEPTH = 32;

    /**
     * Where shippers put the raw line they wrap: Filebeat's and Vector's {@code message}, ECS's, and {@code log}, where
     * Fluent Bit's tail input (and Docker's json-file driver) put it.
     */
    public static final List<String> WRAPPERS = List.of("message", "input.message", "event.original", "log");

    private ExternalJson() {}

    /**
     * Not {@code JsonSerde.MAPPER}: that one reads Vigie's own topics; this one reads what the outside world
     * sends, so it gets hard limits. Documents nested deeper than {@link #MAX_DEPTH} or holding a string longer
     * than {@code maxStringLength} throw {@code StreamConstraintsException}.
     */
    public static ObjectMapper mapper(final int maxStringLength) {
        return JsonMapper.builder(JsonFactory.builder()
                        .streamReadConstraints(StreamReadConstraints.builder()
                                .maxNestingDepth(MAX_DEPTH)
                                .maxStringLength(maxStringLength)
                                .maxNumberLength(64)
                                .build())
                        .build())
                .build();
    }

    /** A dotted path through nested objects, keys containing dots, or any mix of the two. */
    public static JsonNode lookup(final JsonNode node, final String path) {
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
    public static String text(final JsonNode root, final String path) {
        return text(lookup(root, path));
    }

    /** The scalar as text, null when absent, null or a container. */
    public static String text(final JsonNode node) {
        if (node == null || node.isNull() || node.isContainerNode()) {
            return null;
        }
        return node.asText();
    }

    /** The string under the first of the {@link #WRAPPERS} that holds one, else null. */
    public static String wrappedLine(final JsonNode root) {
        for (final String wrapper : WRAPPERS) {
            final JsonNode message = lookup(root, wrapper);
            if (message != null && message.isTextual()) {
                return message.asText();
            }
        }
        return null;
    }

    /**
     * Turns {@code \n}, {@code \r} and {@code \t} written outside strings back into whitespace: they are what
     * a one-record-per-line export leaves of pretty-printed JSON. Inside strings they are JSON escapes and stay.
     */
    public static String unflatten(final String line) {
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
