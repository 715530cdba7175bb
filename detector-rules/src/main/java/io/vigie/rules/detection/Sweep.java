package io.vigie.rules.detection;

import java.time.Duration;

/**
 * The keys a rule forgets without an input to decide on: every {@code interval} of stream time, the entries of its
 * store that {@code expired} says nothing reads any more are deleted (a network quiet for two windows, say).
 *
 * @param store    the store swept
 * @param interval how often, in stream time
 * @param expiry   whether a key's state can go, at a stream time; pure, so that a rule tests it without Kafka
 */
public record Sweep<S>(String store, Duration interval, Expiry<S> expiry) {

    /** Whether a kept state has nothing left that a decision reads. */
    @FunctionalInterface
    public interface Expiry<S> {
        boolean expired(S state, long streamTime);
    }
}
