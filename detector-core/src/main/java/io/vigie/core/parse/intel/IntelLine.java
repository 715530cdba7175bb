package io.vigie.core.parse.intel;

import io.vigie.core.model.Indicator;
import java.util.Objects;

/**
 * What a line of an indicator feed turned out to be: an indicator, or a line the format defines that is not
 * one (a {@code #} comment, the CSV header). Only a malformed line is an error.
 *
 * @param indicator      the indicator, null for a comment or header
 * @param ignoredBecause why the line carries none, null when it does
 */
public record IntelLine(Indicator indicator, String ignoredBecause) {

    public static IntelLine of(final Indicator indicator) {
        return new IntelLine(Objects.requireNonNull(indicator, "indicator"), null);
    }

    public static IntelLine ignored(final String because) {
        return new IntelLine(null, because);
    }
}
