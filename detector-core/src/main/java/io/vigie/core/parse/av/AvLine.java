package io.vigie.core.parse.av;

import io.vigie.core.model.AvEvent;
import java.util.Objects;

/**
 * What an antivirus log line or record turned out to be: a detection, or a valid record that is not one (a
 * ClamAV {@code OK} line or scan summary, a health or configuration event, a console's audit record). The
 * second kind is not an error: it is counted and left, never dead-lettered.
 *
 * @param event          the detection, null when the record is not one
 * @param ignoredBecause why the record carries no detection, null when it does
 */
public record AvLine(AvEvent event, String ignoredBecause) {

    public static AvLine of(final AvEvent event) {
        return new AvLine(Objects.requireNonNull(event, "event"), null);
    }

    public static AvLine ignored(final String because) {
        return new AvLine(null, Objects.requireNonNull(because, "because"));
    }

    public boolean isDetection() {
        return event != null;
    }
}
