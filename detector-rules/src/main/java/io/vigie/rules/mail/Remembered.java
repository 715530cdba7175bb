package io.vigie.rules.mail;

import java.util.HashMap;
import java.util.Map;
import java.util.function.UnaryOperator;

/**
 * A string function whose results are remembered, for the ones a hot path computes again and again on the same few
 * inputs (pflogsumm's sort key of an address, the trimmed form of a deferral reason). Bounded: it forgets
 * everything when full. Not thread-safe, like the processors that hold one.
 */
final class Remembered implements UnaryOperator<String> {

    private final Map<String, String> results = new HashMap<>();
    private final int maxEntries;
    private final UnaryOperator<String> function;

    Remembered(final int maxEntries, final UnaryOperator<String> function) {
        this.maxEntries = maxEntries;
        this.function = function;
    }

    @Override
    public String apply(final String input) {
        if (input == null) {
            return function.apply(null);
        }
        final String known = results.get(input);
        if (known != null) {
            return known;
        }
        if (results.size() >= maxEntries) {
            results.clear();
        }
        final String result = function.apply(input);
        results.put(input, result);
        return result;
    }
}
