package io.vigie.rules.proxy;

import java.util.HashMap;
import java.util.Map;

/** Shannon entropy of a string's characters, in bits per character. */
final class Entropy {

    private Entropy() {}

    /**
     * Bounded by log2 of the length, so it only separates random from written text on strings long enough:
     * callers set a minimum length. Words and slugs stay around 3.5-4.2; random base64 of 40 characters is
     * around 5; hexadecimal can never exceed 4.
     */
    static double bitsPerChar(final String text) {
        if (text == null || text.isEmpty()) {
            return 0;
        }
        final Map<Character, Integer> counts = new HashMap<>();
        for (int i = 0; i < text.length(); i++) {
            counts.merge(text.charAt(i), 1, Integer::sum);
        }
        double bits = 0;
        for (final int count : counts.values()) {
            final double p = (double) count / text.length();
            bits -= p * Math.log(p) / Math.log(2);
        }
        return bits;
    }
}
