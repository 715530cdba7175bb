package io.vigie.core.parse.quarantine;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.vigie.core.parse.internal.ExternalJson;
import io.vigie.core.time.LoggedTimes;
import java.io.IOException;
import java.net.URI;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * How the quarantine formats read their fields: addresses and message ids, JSON with hard limits, JSON paths,
 * times, URL hosts, numbers and hashes. Named for what it reads, not a model of a mail.
 */
final class QuarantineFields {

    private static final ObjectMapper MAPPER = ExternalJson.mapper(QuarantineParser.MAX_LENGTH);

    private QuarantineFields() {}

    /** The JSON object the text holds, or null when it is not one (bad JSON, too deep, an array, a scalar). */
    static JsonNode object(final String text) {
        final String trimmed = text.strip();
        if (trimmed.isEmpty() || trimmed.charAt(0) != '{') {
            return null;
        }
        try {
            final JsonNode node = MAPPER.readTree(trimmed);
            return node != null && node.isObject() ? node : null;
        } catch (final IOException e) {
            return null;
        }
    }

    /** {@code <A@B.example>} → {@code a@b.example}; {@code <>} (the null sender) → {@code ""}; blank → null. */
    static String address(final String logged) {
        if (logged == null) {
            return null;
        }
        String a = logged.strip();
        if (a.startsWith("<") && a.endsWith(">") && a.length() >= 2) {
            a = a.substring(1, a.length() - 1).strip();
            return a.toLowerCase(Locale.ROOT);
        }
        return a.isEmpty() || "-".equals(a) ? null : a.toLowerCase(Locale.ROOT);
    }

    /** A Message-ID without angle brackets; null when blank. */
    static String messageId(final String logged) {
        if (logged == null) {
            return null;
        }
        String m = logged.strip();
        if (m.startsWith("<")) {
            m = m.substring(1);
        }
        if (m.endsWith(">")) {
            m = m.substring(0, m.length() - 1);
        }
        m = m.strip();
        return m.isEmpty() || "-".equals(m) ? null : m;
    }

    /** Addresses from a list that may be one string with commas, semicolons or spaces. */
    static List<String> addresses(final List<String> values) {
        final Set<String> out = new LinkedHashSet<>();
        for (final String value : values) {
            if (value == null) {
                continue;
            }
            for (final String part : value.split("[,; ]+")) {
                final String a = address(part);
                if (a != null && !a.isEmpty()) {
                    out.add(a);
                }
            }
        }
        return List.copyOf(out);
    }

    /** The host of a URL (or a bare host name), lower case, without a trailing dot; null when there is none. */
    static String host(final String urlOrHost) {
        if (urlOrHost == null) {
            return null;
        }
        String s = urlOrHost.strip();
        if (s.isEmpty()) {
            return null;
        }
        if (s.contains("://")) {
            try {
                s = URI.create(s.replace(" ", "%20")).getHost();
            } catch (final IllegalArgumentException e) {
                final int start = s.indexOf("://") + 3;
                int end = start;
                while (end < s.length() && "/?#:".indexOf(s.charAt(end)) < 0) {
                    end++;
                }
                s = s.substring(start, end);
            }
            if (s == null) {
                return null;
            }
        }
        s = s.toLowerCase(Locale.ROOT);
        while (s.endsWith(".")) {
            s = s.substring(0, s.length() - 1);
        }
        if (s.isEmpty() || s.indexOf('.') < 0 || s.indexOf('@') >= 0 || s.indexOf(' ') >= 0 || s.indexOf('/') >= 0) {
            return null;
        }
        return s;
    }

    static List<String> hosts(final List<String> urls) {
        final Set<String> out = new LinkedHashSet<>();
        for (final String url : urls) {
            final String h = host(url);
            if (h != null) {
                out.add(h);
            }
        }
        return List.copyOf(out);
    }

    /**
     * The values at a dotted path: {@code a.b} descends objects, {@code a[].b} every element of the array
     * {@code a}; a flattened key ({@code "email.from.address"} as one field name) is tried first at each level.
     * Arrays at the end give their elements. Text values only; numbers as their text.
     */
    static List<String> texts(final JsonNode root, final String path) {
        final List<String> out = new ArrayList<>();
        collect(root, path, out);
        return out;
    }

    /** The first text at the path, or null. */
    static String text(final JsonNode root, final String path) {
        final List<String> all = texts(root, path);
        return all.isEmpty() ? null : all.get(0);
    }

    private static void collect(final JsonNode node, final String path, final List<String> out) {
        if (node == null || node.isNull() || node.isMissingNode()) {
            return;
        }
        if (path.isEmpty()) {
            if (node.isArray()) {
                node.forEach(e -> collect(e, "", out));
            } else if (node.isValueNode()) {
                final String t = node.asText();
                if (t != null && !t.isBlank()) {
                    out.add(t);
                }
            }
            return;
        }
        if (node.isObject()) {
            final JsonNode literal = node.get(path);
            if (literal != null) {
                collect(literal, "", out);
                return;
            }
        }
        final int dot = path.indexOf('.');
        String head = dot < 0 ? path : path.substring(0, dot);
        final String rest = dot < 0 ? "" : path.substring(dot + 1);
        final boolean each = head.endsWith("[]");
        if (each) {
            head = head.substring(0, head.length() - 2);
        }
        final JsonNode child = node.isObject() ? node.get(head) : null;
        if (child == null) {
            return;
        }
        if (each || child.isArray() && !rest.isEmpty()) {
            if (child.isArray()) {
                child.forEach(e -> collect(e, rest, out));
            } else {
                collect(child, rest, out);
            }
        } else {
            collect(child, rest, out);
        }
    }

    /** ISO-8601 with offset, or epoch seconds/milliseconds; null when unreadable. */
    static Instant instant(final JsonNode root, final String path) {
        final JsonNode direct = root.get(path);
        if (direct != null && direct.isNumber()) {
            return LoggedTimes.epochSecondsOrMillis(direct.asDouble());
        }
        return instant(text(root, path));
    }

    /** ISO-8601 with an offset (with or without its colon) or an epoch number ({@link LoggedTimes#mailFilter}). */
    static Instant instant(final String text) {
        return LoggedTimes.mailFilter(text);
    }

    /** A decimal, or null; no exception. */
    static Double number(final String text) {
        if (text == null || text.isBlank() || text.length() > 32) {
            return null;
        }
        try {
            final double d = Double.parseDouble(text.strip());
            return Double.isFinite(d) ? d : null;
        } catch (final NumberFormatException e) {
            return null;
        }
    }

    static String upper(final String text) {
        return text == null || text.isBlank()
                ? null
                : text.strip().toUpperCase(Locale.ROOT).replace(' ', '-');
    }

    static String blankToNull(final String text) {
        return text == null || text.isBlank() ? null : text.strip();
    }

    /** Lower-case hex SHA-256 values only: other hashes (MD5, SHA-1) do not belong in the field. */
    static List<String> sha256s(final List<String> values) {
        final Set<String> out = new LinkedHashSet<>();
        for (final String v : values) {
            final String h = v.strip().toLowerCase(Locale.ROOT);
            if (h.length() == 64 && h.chars().allMatch(c -> c >= '0' && c <= '9' || c >= 'a' && c <= 'f')) {
                out.add(h);
            }
        }
        return List.copyOf(out);
    }
}
