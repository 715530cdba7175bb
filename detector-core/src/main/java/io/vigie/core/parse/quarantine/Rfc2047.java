package io.vigie.core.parse.quarantine;

import java.nio.charset.Charset;
import java.util.Base64;
import java.util.Locale;

/** Decodes RFC 2047 encoded words ({@code =?UTF-8?B?...?=}, {@code =?iso-8859-1?Q?...?=}) in a header value. */
final class Rfc2047 {

    private Rfc2047() {}

    /** The value with its encoded words decoded; a word that cannot be decoded is left as it is. */
    static String decode(final String value) {
        if (value == null || !value.contains("=?")) {
            return value;
        }
        final StringBuilder out = new StringBuilder();
        int p = 0;
        boolean lastWasWord = false;
        while (p < value.length()) {
            final int start = value.indexOf("=?", p);
            if (start < 0) {
                out.append(value, p, value.length());
                break;
            }
            final int q1 = value.indexOf('?', start + 2);
            final int q2 = q1 < 0 ? -1 : value.indexOf('?', q1 + 1);
            final int end = q2 < 0 ? -1 : value.indexOf("?=", q2 + 1);
            if (end < 0) {
                out.append(value, p, value.length());
                break;
            }
            final String between = value.substring(p, start);
            // white space between two encoded words is dropped (RFC 2047 section 6.2)
            if (!(lastWasWord && between.isBlank())) {
                out.append(between);
            }
            final String decoded =
                    word(value.substring(start + 2, q1), value.substring(q1 + 1, q2), value.substring(q2 + 1, end));
            if (decoded == null) {
                out.append(value, start, end + 2);
                lastWasWord = false;
            } else {
                out.append(decoded);
                lastWasWord = true;
            }
            p = end + 2;
        }
        return out.toString();
    }

    private static String word(final String charsetName, final String encoding, final String text) {
        final Charset charset;
        try {
            final int star = charsetName.indexOf('*');
            charset = Charset.forName(star < 0 ? charsetName : charsetName.substring(0, star));
        } catch (final IllegalArgumentException e) {
            return null;
        }
        final String enc = encoding.toUpperCase(Locale.ROOT);
        try {
            if ("B".equals(enc)) {
                return new String(Base64.getMimeDecoder().decode(text), charset);
            }
            if ("Q".equals(enc)) {
                final byte[] bytes = new byte[text.length()];
                int n = 0;
                for (int i = 0; i < text.length(); i++) {
                    final char c = text.charAt(i);
                    if (c == '_') {
                        bytes[n++] = ' ';
                    } else if (c == '=' && i + 2 < text.length()) {
                        bytes[n++] = (byte) Integer.parseInt(text.substring(i + 1, i + 3), 16);
                        i += 2;
                    } else {
                        bytes[n++] = (byte) c;
                    }
                }
                return new String(bytes, 0, n, charset);
            }
        } catch (final IllegalArgumentException e) {
            return null;
        }
        return null;
    }
}
