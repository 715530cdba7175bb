package io.vigie.core.parse.text;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * Splits {@code key=value} records: space-separated ({@code a=1 b="two words"}) or pipe-separated
 * ({@code |a=1|b=two words|}). Keys are returned in lower case because vendors are not consistent even within
 * one product ({@code cs-User-Agent} and {@code cs-user-agent}). The first occurrence of a key wins.
 *
 * <p>Unquoted values may contain spaces (Skyhigh's cloud gateway writes {@code category=Business, Software}):
 * such a value runs until the next space followed by something shaped like a key and {@code =}. Each space is
 * examined once, so a line costs linear time whatever it holds. Never throws.
 */
public final class KeyValues {

    public static final int MAX_PAIRS = 512;

    private KeyValues() {}

    /** Where the pairs start: the first key-shaped token followed by {@code =}, or -1. */
    public static int start(final String line) {
        for (int i = 0; i < line.length(); i++) {
            if (i == 0 || line.charAt(i - 1) == ' ' || line.charAt(i - 1) == '|') {
                final int end = keyEnd(line, i);
                if (end > i && end < line.length() && line.charAt(end) == '=') {
                    return i;
                }
            }
        }
        return -1;
    }

    /** How many tokens of {@code s} look like {@code key=}, counting up to {@code max}. */
    public static int countKeys(final String s, final int max) {
        int count = 0;
        for (int i = 0; i < s.length() && count < max; i++) {
            if (i == 0 || s.charAt(i - 1) == ' ' || s.charAt(i - 1) == '|') {
                final int end = keyEnd(s, i);
                if (end > i && end < s.length() && s.charAt(end) == '=') {
                    count++;
                }
            }
        }
        return count;
    }

    public static Map<String, String> parse(final String line, final int start, final char separator) {
        final Map<String, String> pairs = new LinkedHashMap<>();
        int i = start;
        final int n = line.length();
        while (i < n && pairs.size() < MAX_PAIRS) {
            while (i < n && (line.charAt(i) == separator || line.charAt(i) == ' ')) {
                i++;
            }
            if (i >= n) {
                break;
            }
            final int keyEnd = keyEnd(line, i);
            if (keyEnd == i || keyEnd >= n || line.charAt(keyEnd) != '=') {
                // a stray token ("=x", "%0D%0A"): skip it rather than lose the record
                i = nextSeparator(line, i, separator);
                continue;
            }
            final String key = line.substring(i, keyEnd).toLowerCase(Locale.ROOT);
            int v = keyEnd + 1;
            final String value;
            if (v < n && line.charAt(v) == '"') {
                final boolean doubled = v + 1 < n
                        && line.charAt(v + 1) == '"'
                        && v + 2 < n
                        && line.charAt(v + 2) != separator
                        && line.charAt(v + 2) != ' ';
                // CSV exports of these logs double the quotes: key=""value""
                final int open = doubled ? v + 2 : v + 1;
                final int close = doubled ? line.indexOf("\"\"", open) : closingQuote(line, open);
                if (close < 0) {
                    value = unescape(line.substring(open));
                    i = n;
                } else {
                    value = unescape(line.substring(open, close));
                    i = close + (doubled ? 2 : 1);
                }
            } else {
                final int end = separator == '|' ? nextSeparator(line, v, '|') : unquotedEnd(line, v);
                value = line.substring(v, end).trim();
                i = end;
            }
            pairs.putIfAbsent(key, value);
        }
        return pairs;
    }

    /** End of a key: letters, digits, {@code _ - . ( )}; must start with a letter or underscore. */
    public static int keyEnd(final String s, final int from) {
        return CefTokenizer.keyEnd(s, from);
    }

    private static int nextSeparator(final String s, final int from, final char separator) {
        int i = from;
        while (i < s.length() && s.charAt(i) != separator && (separator != ' ' || s.charAt(i) != ' ')) {
            i++;
        }
        return i;
    }

    /** An unquoted value ends before a space that starts the next {@code key=}, or at the end of the line. */
    private static int unquotedEnd(final String s, final int from) {
        int i = from;
        while (i < s.length()) {
            if (s.charAt(i) == ' ') {
                int k = i;
                while (k < s.length() && s.charAt(k) == ' ') {
                    k++;
                }
                final int end = keyEnd(s, k);
                if (k >= s.length() || end > k && end < s.length() && s.charAt(end) == '=') {
                    return i;
                }
                i = k;
            } else {
                i++;
            }
        }
        return i;
    }

    private static int closingQuote(final String s, final int from) {
        for (int i = from; i < s.length(); i++) {
            final char c = s.charAt(i);
            if (c == '\\') {
                i++;
            } else if (c == '"') {
                return i;
            }
        }
        return -1;
    }

    private static String unescape(final String s) {
        if (s.indexOf('\\') < 0) {
            return s;
        }
        final StringBuilder b = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            final char c = s.charAt(i);
            if (c == '\\' && i + 1 < s.length() && (s.charAt(i + 1) == '"' || s.charAt(i + 1) == '\\')) {
                b.append(s.charAt(++i));
            } else {
                b.append(c);
            }
        }
        return b.toString();
    }
}
