package io.vigie.core.parse.quarantine;

import io.vigie.core.model.QuarantineEvent;
import java.util.Objects;

/**
 * What one mail-filter record turned out to be: a quarantine decision, or a valid record that is not one (Amavis
 * {@code Passed CLEAN}, rspamd {@code no action}, another daemon's line). The second kind is counted and left,
 * never dead-lettered.
 *
 * @param event          the decision, null when the record is not one
 * @param ignoredBecause why the record carries no decision, null when it does
 */
public record QuarantineLine(QuarantineEvent event, String ignoredBecause) {

    public QuarantineLine {
        if ((event == null) == (ignoredBecause == null)) {
            throw new IllegalArgumentException("exactly one of event and ignoredBecause");
        }
    }

    public static QuarantineLine of(final QuarantineEvent event) {
        return new QuarantineLine(Objects.requireNonNull(event, "event"), null);
    }

    public static QuarantineLine ignored(final String because) {
        return new QuarantineLine(null, Objects.requireNonNull(because, "because"));
    }

    public boolean isEvent() {
        return event != null;
    }
}
