package io.vigie.rules.proxy;

import io.vigie.core.model.Indicator;
import io.vigie.core.model.ProxyEvent;

/**
 * What reaches a destination host's task: a request to it, or a new indicator naming it. Both travel through
 * one repartition topic keyed by host, so that the contacts of a host and the indicators about it always
 * meet in the same task, whatever the partition counts of the source topics.
 */
record DestinationInput(ProxyEvent event, Indicator indicator) {

    static DestinationInput request(final ProxyEvent event) {
        return new DestinationInput(event, null);
    }

    static DestinationInput newIndicator(final Indicator indicator) {
        return new DestinationInput(null, indicator);
    }
}
