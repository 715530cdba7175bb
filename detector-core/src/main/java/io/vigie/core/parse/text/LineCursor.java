package io.vigie.core.parse.text;

import java.util.ArrayList;
import java.util.List;

/**
 * Scans one log line left to right: space-separated tokens and double-quoted strings. Index arithmetic only,
 * so hostile lines cost one pass and nothing can backtrack. Not thread-safe: one per line. {@link #fields} splits a
 * whole access-log line at once, quoted strings and bracketed dates kept whole.
 */
public final class LineCursor {

    private final String s;
    private final int end;
    private int pos;

    /** Trailing CR/LF are not part of the line (files shipped from Windows hosts, or a shipper that keeps LF). */
    public LineCursor(final String line) {
        this.s = line;
        int e = line.length();
        while (e > 0 && (line.charAt(e - 1) == '\n' || line.charAt(e - 1) == '\r')) {
            e--;
        }
        this.end = e;
    }

    public boolean atEnd() {
        skipSpaces();
        return pos >= end;
    }

    /** The next character after any spaces, or 0 at the end. */
    public char peek() {
        skipSpaces();
        return pos < end ? s.charAt(pos) : 0;
    }

    /** The next space-delimited token (runs of spaces and tabs separate), null at the end of the line. */
    public String token() {
        skipSpaces();
        if (pos >= end) {
            return null;
        }
        final int start = pos;
        while (pos < end && !isSpace(s.charAt(pos))) {
            pos++;
        }
        return s.substring(start, pos);
    }

    /**
     * A {@code "..."} string with backslash escapes, as Apache and Squid write it: {@code \"} and {@code \\} are
     * unescaped, other escapes are kept as logged. Null when the next token is not quoted or the quote never
     * closes (a truncated line); {@link #unclosedQuote()} then tells the two apart.
     */
    public String quoted() {
        skipSpaces();
        if (pos >= end || s.charAt(pos) != '"') {
            return null;
        }
        final StringBuilder out = new StringBuilder();
        int p = pos + 1;
        while (p < end) {
            final char c = s.charAt(p);
            if (c == '\\' && p + 1 < end) {
                final char next = s.charAt(p + 1);
                if (next != '"' && next != '\\') {
                    out.append(c);
                }
                out.append(next);
                p += 2;
            } else if (c == '"') {
                pos = p + 1;
                return out.toString();
            } else {
                out.append(c);
                p++;
            }
        }
        return null;
    }

    /**
     * A W3C value: a bare token, or a {@code "..."} string that may contain spaces and ends at a quote followed
     * by a space or the end of the line (W3C has no escapes; ProxySG URL-encodes the odd quote). Null at the end
     * of the line or when a quote never closes.
     */
    public String w3cValue() {
        skipSpaces();
        if (pos >= end) {
            return null;
        }
        if (s.charAt(pos) != '"') {
            return token();
        }
        int p = pos + 1;
        while (p < end) {
            if (s.charAt(p) == '"' && (p + 1 == end || isSpace(s.charAt(p + 1)))) {
                final String value = s.substring(pos + 1, p);
                pos = p + 1;
                return value;
            }
            p++;
        }
        return null;
    }

    /** Whether the cursor stands on a quote that {@link #quoted()} could not close. */
    public boolean unclosedQuote() {
        skipSpaces();
        return pos < end && s.charAt(pos) == '"';
    }

    /** Everything left, without leading spaces; "" at the end. */
    public String rest() {
        skipSpaces();
        final String rest = s.substring(pos, end);
        pos = end;
        return rest;
    }

    /** Reads up to {@code close} (exclusive) and steps over it; null when it never comes. */
    public String until(final char close) {
        final int at = s.indexOf(close, pos);
        if (at < 0 || at >= end) {
            return null;
        }
        final String value = s.substring(pos, at);
        pos = at + 1;
        return value;
    }

    /** Steps over {@code c} after any spaces; false (cursor unmoved past spaces) when it is not there. */
    public boolean skip(final char c) {
        skipSpaces();
        if (pos < end && s.charAt(pos) == c) {
            pos++;
            return true;
        }
        return false;
    }

    private void skipSpaces() {
        while (pos < end && isSpace(s.charAt(pos))) {
            pos++;
        }
    }

    private static boolean isSpace(final char c) {
        return c == ' ' || c == '\t';
    }

    /**
     * Splits a line on runs of spaces, keeping {@code "quoted strings"} and {@code [bracketed dates]} as one
     * token each (without their delimiters), as access-log formats need. An unterminated quote or bracket runs to
     * the end of the line. At most {@code max} tokens; the rest of the line is the last one. Unlike the cursor,
     * a tab is part of a token and a quote has no escapes: the formats read this way write neither.
     */
    public static List<String> fields(final String line, final int max) {
        final List<String> out = new ArrayList<>();
        int i = 0;
        final int n = line.length();
        while (i < n) {
            while (i < n && line.charAt(i) == ' ') {
                i++;
            }
            if (i >= n) {
                break;
            }
            if (out.size() == max - 1) {
                out.add(line.substring(i).strip());
                break;
            }
            final char open = line.charAt(i);
            final char close = open == '"' ? '"' : open == '[' ? ']' : 0;
            if (close != 0) {
                final int end = line.indexOf(close, i + 1);
                out.add(line.substring(i + 1, end < 0 ? n : end));
                i = end < 0 ? n : end + 1;
            } else {
                final int start = i;
                while (i < n && line.charAt(i) != ' ') {
                    i++;
                }
                out.add(line.substring(start, i));
            }
        }
        return out;
    }
}
