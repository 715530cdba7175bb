package io.vigie.rules.proxy;

import io.vigie.core.model.Indicator;
import io.vigie.rules.alert.Alert;

/** What a destination task emits: an alert, or an indicator to publish on {@code intel.indicators}. */
record DestinationOutput(Alert alert, Indicator indicator) {

    static DestinationOutput of(final Alert alert) {
        return new DestinationOutput(alert, null);
    }

    static DestinationOutput of(final Indicator indicator) {
        return new DestinationOutput(null, indicator);
    }
}
