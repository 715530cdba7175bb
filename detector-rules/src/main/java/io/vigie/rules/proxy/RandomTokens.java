package io.vigie.rules.proxy;

import java.util.regex.Pattern;

/**
 * Finds the long base64 or hexadecimal tokens that encoded payloads, bot identifiers and one-time download
 * links put in URLs. Slugs ({@code vaccination-hiver-2026-recommandations}) use the same characters as
 * base64url, so base64 also needs both letter cases and a digit, which written words almost never mix.
 */
final class RandomTokens {

    /** Separators between tokens in a path or a query (base64url keeps {@code -} and {@code _} inside). */
    private static final Pattern SEPARATORS = Pattern.compile("[/?&=.;,:~!$'()*@%]+");

    private RandomTokens() {}

    /** A token found, with what it looks like. */
    record Token(String text, String encoding) {}

    /** The longest token of at least {@code minLength} characters in the text, or null. */
    static Token longest(final String text, final int minLength) {
        if (text == null) {
            return null;
        }
        Token best = null;
        for (final String part : SEPARATORS.split(text)) {
            if (part.length() < minLength
                    || best != null && part.length() <= best.text().length()) {
                continue;
            }
            final String encoding = encoding(part);
            if (encoding != null) {
                best = new Token(part, encoding);
            }
        }
        return best;
    }

    private static String encoding(final String part) {
        boolean upper = false;
        boolean lower = false;
        boolean digit = false;
        boolean hex = true;
        for (int i = 0; i < part.length(); i++) {
            final char c = part.charAt(i);
            if (c >= 'A' && c <= 'Z') {
                upper = true;
                hex &= c <= 'F';
            } else if (c >= 'a' && c <= 'z') {
                lower = true;
                hex &= c <= 'f';
            } else if (c >= '0' && c <= '9') {
                digit = true;
            } else if (c == '-' || c == '_' || c == '+') {
                hex = false;
            } else {
                return null;
            }
        }
        if (hex && digit && (upper || lower) && !(upper && lower)) {
            return "hex";
        }
        return upper && lower && digit ? "base64" : null;
    }
}
