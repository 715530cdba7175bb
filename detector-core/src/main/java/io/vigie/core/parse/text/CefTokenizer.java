package io.vigie.core.parse.text;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * The ArcSight CEF tokenizer that the proxy and antivirus CEF parsers share: the seven header fields (escaping
 * {@code \|} and {@code \\}) and the extension's {@code key=value} pairs (escaping {@code \=}, {@code \\},
 * {@code \n}, {@code \r}; a value runs until the next unescaped {@code key=}). Part of the value-reading kernel,
 * as {@link KeyValues} is. Never throws for any input.
 */
public final class CefTokenizer {

    public static final int HEADER_FIELDS = 7;
    /** More pairs than this in one extension are dropped: no product writes them, and each costs memory. */
    public static final int MAX_PAIRS = 512;

    private CefTokenizer() {}

    /**
     * A tokenized record.
     *
     * @param header    version, vendor, product, version, signature id, name, severity (unescaped)
     * @param extension the extension's pairs, keys in lower case
     */
    public record Cef(String[] header, Map<String, String> extension) {}

    /** The record, or null when the line has no complete seven-field header. */
    public static Cef parse(final String line) {
        final int start = headerStart(line);
        if (start < 0) {
            return null;
        }
        final String[] header = new String[HEADER_FIELDS];
        int i = start;
        for (int field = 0; field < HEADER_FIELDS; field++) {
            final int end = unescapedPipe(line, i);
            if (end < 0) {
                return null;
            }
            header[field] = unescapeHeader(line.substring(i, end));
            i = end + 1;
        }
        return new Cef(header, extension(line, i));
    }

    /** Index of the version field: after {@code CEF:}, or the line itself when it starts with {@code <digits>|}. */
    public static int headerStart(final String line) {
        final int cef = line.indexOf("CEF:");
        if (cef >= 0) {
            return cef + 4;
        }
        int i = 0;
        while (i < line.length() && line.charAt(i) == ' ') {
            i++;
        }
        final int digits = i;
        while (i < line.length() && Character.isDigit(line.charAt(i))) {
            i++;
        }
        return i > digits && i < line.length() && line.charAt(i) == '|' ? digits : -1;
    }

    /** The extension's pairs, keys in lower case; a value runs to the next unescaped {@code key=}. */
    public static Map<String, String> extension(final String line, final int from) {
        final Map<String, String> pairs = new LinkedHashMap<>();
        int i = from;
        final int n = line.length();
        while (i < n && pairs.size() < MAX_PAIRS) {
            while (i < n && line.charAt(i) == ' ') {
                i++;
            }
            final int keyEnd = keyEnd(line, i);
            if (keyEnd == i || keyEnd >= n || line.charAt(keyEnd) != '=') {
                // not a key (e.g. "=x"): skip to the next space
                while (i < n && line.charAt(i) != ' ') {
                    i++;
                }
                continue;
            }
            final int valueStart = keyEnd + 1;
            int end = valueStart;
            int candidate = n;
            while (end < n) {
                if (line.charAt(end) == '\\') {
                    end += 2;
                    continue;
                }
                if (line.charAt(end) == ' ') {
                    final int k = keyEnd(line, end + 1);
                    if (k > end + 1 && k < n && line.charAt(k) == '=') {
                        candidate = end;
                        break;
                    }
                }
                end++;
            }
            pairs.putIfAbsent(
                    line.substring(i, keyEnd).toLowerCase(Locale.ROOT),
                    unescapeValue(line.substring(valueStart, Math.min(candidate, n)))
                            .strip());
            i = candidate;
        }
        return pairs;
    }

    /** {@code cs1Label=Policy cs1=X} becomes {@code policy=X}, so fields are found by meaning, not by slot. */
    public static Map<String, String> labelled(final Map<String, String> x) {
        final Map<String, String> out = new LinkedHashMap<>();
        for (final Map.Entry<String, String> e : x.entrySet()) {
            final String key = e.getKey();
            if (key.endsWith("label")) {
                continue;
            }
            final String label = x.get(key + "label");
            if (label != null && (key.startsWith("cs") || key.startsWith("cn") || key.startsWith("flexstring"))) {
                out.putIfAbsent(label.toLowerCase(Locale.ROOT), e.getValue());
            }
        }
        return out;
    }

    /** End of a key-shaped token at {@code from} (letters, digits, {@code _-.()}), or {@code from}. */
    public static int keyEnd(final String s, final int from) {
        if (from >= s.length() || !(Character.isLetter(s.charAt(from)) || s.charAt(from) == '_')) {
            return from;
        }
        int i = from;
        while (i < s.length() && i - from < 128) {
            final char c = s.charAt(i);
            if (Character.isLetterOrDigit(c) || c == '_' || c == '-' || c == '.' || c == '(' || c == ')') {
                i++;
            } else {
                break;
            }
        }
        return i;
    }

    private static int unescapedPipe(final String s, final int from) {
        for (int i = from; i < s.length(); i++) {
            if (s.charAt(i) == '\\') {
                i++;
            } else if (s.charAt(i) == '|') {
                return i;
            }
        }
        return -1;
    }

    private static String unescapeHeader(final String s) {
        return s.indexOf('\\') < 0 ? s : s.replace("\\|", "|").replace("\\\\", "\\");
    }

    private static String unescapeValue(final String s) {
        if (s.indexOf('\\') < 0) {
            return s;
        }
        final StringBuilder b = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            final char c = s.charAt(i);
            if (c != '\\' || i + 1 >= s.length()) {
                b.append(c);
                continue;
            }
            final char next = s.charAt(++i);
            switch (next) {
                case 'n' -> b.append('\n');
                case 'r' -> b.append('\r');
                case '=', '\\' -> b.append(next);
                default -> b.append('\\').append(next);
            }
        }
        return b.toString();
    }
}
