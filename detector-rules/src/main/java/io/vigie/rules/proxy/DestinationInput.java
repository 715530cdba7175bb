package io.vigie.rules.proxy;

import io.vigie.core.model.Indicator;
import io.vigie.core.model.ProxyEvent;

/**
 * What reaches a destination host's task: a request to it, a new indicator naming it, a suspicious mail linking to
 * it (a {@link Lure}), or an antivirus detection ({@link AvSighting}, sent to every task: the machine's contacts are
 * spread over all destinations). All travel through one repartition topic keyed by host, so that the contacts of a
 * host and what is learnt about it always meet in the same task, whatever the partition counts of the source topics.
 */
record DestinationInput(ProxyEvent event, Indicator indicator, Lure lure, AvSighting av) {

    static DestinationInput request(final ProxyEvent event) {
        return new DestinationInput(event, null, null, null);
    }

    static DestinationInput newIndicator(final Indicator indicator) {
        return new DestinationInput(null, indicator, null, null);
    }

    static DestinationInput lure(final Lure lure) {
        return new DestinationInput(null, null, lure, null);
    }

    static DestinationInput av(final AvSighting av) {
        return new DestinationInput(null, null, null, av);
    }
}
