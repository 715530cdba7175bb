package io.vigie.app.metrics;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Counts a periodic refresh's failed rounds in a row and says so when it matters. A rebalance makes the stores
 * unavailable for a round or two: that is logged at debug. After {@value #ROUNDS_BEFORE_WARNING} failed rounds in
 * a row the gauges are stale, which is one warning, and one line again when a round succeeds.
 */
final class RefreshFailures {

    private static final Logger LOG = LoggerFactory.getLogger(RefreshFailures.class);

    static final int ROUNDS_BEFORE_WARNING = 4;

    private final String name;
    private int inARow;

    RefreshFailures(final String name) {
        this.name = name;
    }

    void succeeded() {
        if (inARow >= ROUNDS_BEFORE_WARNING) {
            LOG.info("{} refreshed again after {} failed rounds", name, inARow);
        }
        inARow = 0;
    }

    void failed(final RuntimeException e) {
        inARow++;
        if (inARow == ROUNDS_BEFORE_WARNING) {
            LOG.warn("{} not refreshed for {} rounds, its gauges show old values: {}", name, inARow, e.toString());
        } else {
            LOG.debug("{} not refreshed: {}", name, e.toString());
        }
    }
}
