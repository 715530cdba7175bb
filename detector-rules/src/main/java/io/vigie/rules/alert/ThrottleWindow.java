package io.vigie.rules.alert;

import io.vigie.rules.store.KeyedState;
import java.time.Duration;

/**
 * The throttle's decision, without Kafka: the same rule for the same entity does not fire again within the
 * throttle period (event time). Run by {@link AlertThrottle} in the engine and by the in-memory analysis.
 */
public final class ThrottleWindow {

    private final long throttleMillis;

    public ThrottleWindow(final Duration throttle) {
        this.throttleMillis = throttle.toMillis();
    }

    /** The key one throttle entry is kept under: the rule and the entity. */
    public static String keyOf(final Alert alert) {
        return alert.ruleId() + '|' + alert.entity();
    }

    /**
     * Whether the alert goes out; if it does, it opens a new throttle period for its rule and entity. An alert up to
     * a throttle period before the last one fired is a repeat too: alerts of one rule and entity can arrive out of
     * order (the queue states of several partitions, a replayed backlog), and a decreasing sequence must not get
     * through one by one. The latest time fired is kept.
     */
    public boolean admits(final KeyedState<Long> lastFired, final Alert alert) {
        final String key = keyOf(alert);
        final long time = alert.timestamp().toEpochMilli();
        final Long previous = lastFired.get(key);
        if (previous != null && Math.abs(time - previous) < throttleMillis) {
            return false;
        }
        lastFired.put(key, previous == null ? time : Math.max(previous, time));
        return true;
    }

    long millis() {
        return throttleMillis;
    }
}
