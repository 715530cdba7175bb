package io.vigie.app.config;

import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Durations as operators write them: {@code 500ms}, {@code 30s}, {@code 10m}, {@code 6h}, {@code 1d}, or ISO-8601. */
public final class Durations {

    private static final Pattern SHORT = Pattern.compile("(\\d+)\\s*(ms|s|m|h|d)");

    private Durations() {}

    /**
     * @throws IllegalArgumentException with a readable reason when the text is not a duration
     */
    public static Duration parse(final String text) {
        final String t = text.strip().toLowerCase(Locale.ROOT);
        final Matcher m = SHORT.matcher(t);
        if (m.matches()) {
            final long amount;
            try {
                amount = Long.parseLong(m.group(1));
            } catch (final NumberFormatException e) {
                throw new IllegalArgumentException("duration too large: '" + text + "'", e);
            }
            return switch (m.group(2)) {
                case "ms" -> Duration.ofMillis(amount);
                case "s" -> Duration.ofSeconds(amount);
                case "m" -> Duration.ofMinutes(amount);
                case "h" -> Duration.ofHours(amount);
                default -> Duration.ofDays(amount);
            };
        }
        if (t.startsWith("p")) {
            try {
                return Duration.parse(t.toUpperCase(Locale.ROOT));
            } catch (final DateTimeParseException e) {
                // fall through to the common message
            }
        }
        throw new IllegalArgumentException(
                "not a duration: '" + text + "' (write e.g. 500ms, 30s, 10m, 6h, 1d, or ISO-8601 such as PT1H30M)");
    }

    /**
     * The shortest text {@link #parse} reads back as {@code duration}: {@code 6h}, {@code 30s}, {@code 500ms}. Whole
     * days from two on are written in days ({@code 7d}, {@code 400d}); one day stays {@code 24h}, as operators
     * write it.
     */
    public static String format(final Duration duration) {
        final long millis = duration.toMillis();
        if (millis % Duration.ofDays(1).toMillis() == 0
                && millis >= Duration.ofDays(2).toMillis()) {
            return duration.toDays() + "d";
        }
        if (millis % Duration.ofHours(1).toMillis() == 0 && millis > 0) {
            return duration.toHours() + "h";
        }
        if (millis % Duration.ofMinutes(1).toMillis() == 0 && millis > 0) {
            return duration.toMinutes() + "m";
        }
        if (millis % 1000 == 0) {
            return (millis / 1000) + "s";
        }
        return millis + "ms";
    }
}
