package io.vigie.rules.dmarc;

import io.vigie.core.model.DmarcEvent;
import io.vigie.rules.alert.Alert;

/**
 * One output of {@link DmarcLedger}: a counted row, a day's or a source's new figures (null: forget them),
 * or an alert. Exactly one kind per output; the wiring sends each kind to its topic.
 */
record DmarcOutput(Kind kind, DmarcEvent event, DmarcDayStats day, DmarcSourceStats source, Alert alert) {

    enum Kind {
        EVENT,
        DAY,
        SOURCE,
        ALERT
    }

    static DmarcOutput event(final DmarcEvent event) {
        return new DmarcOutput(Kind.EVENT, event, null, null, null);
    }

    static DmarcOutput day(final DmarcDayStats day) {
        return new DmarcOutput(Kind.DAY, null, day, null, null);
    }

    static DmarcOutput source(final DmarcSourceStats source) {
        return new DmarcOutput(Kind.SOURCE, null, null, source, null);
    }

    static DmarcOutput alert(final Alert alert) {
        return new DmarcOutput(Kind.ALERT, null, null, null, alert);
    }
}
