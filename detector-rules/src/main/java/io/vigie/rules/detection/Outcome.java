package io.vigie.rules.detection;

import java.util.List;
import java.util.Optional;

/**
 * What a {@link Decision} made of one input: how the key's state changes, and what is emitted.
 *
 * @param change  whether the key's state is kept as it was, replaced, or forgotten
 * @param state   the new state when {@code change} is {@link StateChange#PUT}, null otherwise
 * @param outputs what is emitted, in order (often nothing, or one alert)
 */
public record Outcome<S, O>(StateChange change, S state, List<O> outputs) {

    /** How a key's state changes. */
    public enum StateChange {
        /** Left as it was: nothing is written (an input the rule does not read, for one). */
        KEEP,
        /** Replaced by {@link Outcome#state()}. */
        PUT,
        /** Forgotten: nothing is left to remember for the key. */
        DELETE
    }

    public Outcome {
        if ((change == StateChange.PUT) != (state != null)) {
            throw new IllegalArgumentException("a state is given with PUT, and only with it: " + change);
        }
        outputs = List.copyOf(outputs);
    }

    /** The state is left as it was and nothing is emitted. */
    public static <S, O> Outcome<S, O> unchanged() {
        return new Outcome<>(StateChange.KEEP, null, List.of());
    }

    /** The state is left as it was. */
    public static <S, O> Outcome<S, O> unchanged(final List<O> outputs) {
        return new Outcome<>(StateChange.KEEP, null, outputs);
    }

    public static <S, O> Outcome<S, O> put(final S state, final List<O> outputs) {
        return new Outcome<>(StateChange.PUT, state, outputs);
    }

    public static <S, O> Outcome<S, O> put(final S state, final Optional<O> output) {
        return put(state, output.stream().toList());
    }

    public static <S, O> Outcome<S, O> delete(final List<O> outputs) {
        return new Outcome<>(StateChange.DELETE, null, outputs);
    }

    public static <S, O> Outcome<S, O> delete(final Optional<O> output) {
        return delete(output.stream().toList());
    }

    /** The one output of a rule that emits at most one per input. */
    public Optional<O> output() {
        if (outputs.size() > 1) {
            throw new IllegalStateException("more than one output: " + outputs.size());
        }
        return outputs.stream().findFirst();
    }
}
