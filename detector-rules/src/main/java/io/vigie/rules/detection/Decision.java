package io.vigie.rules.detection;

import io.vigie.rules.store.KeyedState;
import java.util.List;

/**
 * A detection's logic: given what it kept about a key and one input, what it keeps now and what it emits (alerts,
 * most often). Pure: no Kafka type, no store, no clock but the input's, so that a rule is tested with plain JUnit
 * and runs the same in the engine ({@link DecisionProcessor}) and in memory ({@code vigie analyze}).
 *
 * @param <S> the state kept per key (the value of the rule's store)
 * @param <I> the input
 * @param <O> what the rule emits
 */
@FunctionalInterface
public interface Decision<S, I, O> {

    /**
     * @param key   the key the state is kept under (a sender, a host, a trait...): some rules name it in their alerts
     * @param state what was kept under the key; null when nothing was
     */
    Outcome<S, O> decide(String key, S state, I input);

    /**
     * Decides on an input with the state kept in {@code state} under {@code key}, and applies the outcome to it: the
     * one place where an outcome is stored, for the engine and for a run in memory alike.
     *
     * @return what the rule emits, in order
     */
    default List<O> applyTo(final KeyedState<S> state, final String key, final I input) {
        final Outcome<S, O> outcome = decide(key, state.get(key), input);
        switch (outcome.change()) {
            case PUT -> state.put(key, outcome.state());
            case DELETE -> state.delete(key);
            case KEEP -> {
                // nothing to write: the store, and its changelog, stay as they were
            }
            default -> throw new IllegalStateException("unknown state change " + outcome.change());
        }
        return outcome.outputs();
    }
}
