package io.vigie.rules.incident;

import io.vigie.rules.alert.Alert;

/** What the incident task reads, one of the two: an alert that went out, or an analyst's tick. */
record IncidentInput(Alert alert, StepUpdate step) {

    static IncidentInput of(final Alert alert) {
        return new IncidentInput(alert, null);
    }

    static IncidentInput of(final StepUpdate step) {
        return new IncidentInput(null, step);
    }
}
