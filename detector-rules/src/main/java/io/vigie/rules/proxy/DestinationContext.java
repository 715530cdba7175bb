package io.vigie.rules.proxy;

import java.time.Instant;

/**
 * What the organisation's own traffic says about a destination host, as the topology keeps it over the
 * contacts retention (30 days by default): a host that few internal clients ever contact is where a beacon or
 * a dropper lives; one the whole hospital visits is not, whatever its URLs look like.
 *
 * @param distinctClients distinct internal client addresses that contacted the host within the retention,
 *                        this request's client included (so at least 1 once the request is counted)
 * @param firstSeen       when the organisation first contacted the host within the retention; null when unknown
 * @param atLeast         the count is a lower bound: the host has more clients than the topology keeps per host
 *                        (far above any rarity bound)
 */
record DestinationContext(int distinctClients, Instant firstSeen, boolean atLeast) {

    public DestinationContext {
        if (distinctClients < 0) {
            throw new IllegalArgumentException("distinctClients must be >= 0: " + distinctClients);
        }
    }

    public DestinationContext(final int distinctClients, final Instant firstSeen) {
        this(distinctClients, firstSeen, false);
    }

    public boolean rare(final int maxDistinctClients) {
        return !atLeast && distinctClients <= maxDistinctClients;
    }

    /** For feature details: {@code 1 internal client since 2026-11-28T05:27:26Z}. */
    public String describe() {
        return (atLeast ? "at least " : "")
                + distinctClients
                + (distinctClients == 1 ? " internal client" : " internal clients")
                + (firstSeen == null ? "" : " since " + firstSeen);
    }
}
