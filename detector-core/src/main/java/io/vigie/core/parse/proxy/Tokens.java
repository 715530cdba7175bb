package io.vigie.core.parse.proxy;

import java.util.ArrayList;
import java.util.List;

/**
 * Splits a line on runs of spaces, keeping {@code "quoted strings"} and {@code [bracketed dates]} as one
 * token each (without their delimiters), as access-log formats need. An unterminated quote or bracket runs to
 * the end of the line. At most {@code max} tokens; the rest of the line is the last one.
 */
final class Tokens {

    private Tokens() {
    }

    static List<String> split(final String line, final int max) {
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
