package io.vigie.rules.detection;

import io.vigie.rules.store.KeyedState;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.ProcessingContext;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * The thin processor around a {@link Decision}: loads the key's state from the task's store, calls the decision,
 * stores what it decided and forwards what it emits, with the input's timestamp (and headers, as the DSL's own
 * operations keep them; the parsing step bounded that timestamp, where the alert's own is the event's). The rule
 * itself is in the decision; the processor name and the stores stay those the part gives in
 * {@code process(..., Named.as(...), stores)}.
 *
 * @param <I> the input value (the record key is the one the part partitioned by)
 * @param <S> the state kept per key
 * @param <O> what is emitted
 */
public final class DecisionProcessor<I, S, O> implements Processor<String, I, String, O> {

    /** A key worked out from a record: its key and its value. */
    @FunctionalInterface
    public interface KeyOf<I> {
        /** @return the key, or null for a record the rule cannot place (it is skipped) */
        String of(String recordKey, I input);
    }

    /** How the state is reached once the task's stores are open. */
    @FunctionalInterface
    public interface StateOpening<S> {
        KeyedState<S> open(ProcessingContext context);
    }

    private final StateOpening<S> opening;
    private final KeyOf<I> stateKey;
    private final KeyOf<I> outputKey;
    private final Decision<S, I, O> decision;
    private final Sweep<S> sweep;
    private ProcessorContext<String, O> context;
    private KeyedState<S> state;

    /**
     * @param opening   the decision's state in the task's stores
     * @param stateKey  the key the state is kept under
     * @param outputKey the key of what is emitted
     */
    public DecisionProcessor(
            final StateOpening<S> opening,
            final KeyOf<I> stateKey,
            final KeyOf<I> outputKey,
            final Decision<S, I, O> decision) {
        this(opening, stateKey, outputKey, decision, null);
    }

    private DecisionProcessor(
            final StateOpening<S> opening,
            final KeyOf<I> stateKey,
            final KeyOf<I> outputKey,
            final Decision<S, I, O> decision,
            final Sweep<S> sweep) {
        this.opening = opening;
        this.stateKey = stateKey;
        this.outputKey = outputKey;
        this.decision = decision;
        this.sweep = sweep;
    }

    /** The same processor, which also forgets the keys that {@code sweep} says have expired. */
    public DecisionProcessor<I, S, O> sweeping(final Sweep<S> sweep) {
        return new DecisionProcessor<>(opening, stateKey, outputKey, decision, sweep);
    }

    /** A decision whose state is the value of one store, as it is. */
    public static <I, S, O> DecisionProcessor<I, S, O> inStore(
            final String store, final KeyOf<I> stateKey, final KeyOf<I> outputKey, final Decision<S, I, O> decision) {
        return new DecisionProcessor<>(
                context -> KeyedState.of(context.getStateStore(store)), stateKey, outputKey, decision);
    }

    /** The record's own key, for a part that partitioned its input by the key the rule keeps its state under. */
    public static <I> KeyOf<I> recordKey() {
        return (recordKey, input) -> recordKey;
    }

    @Override
    public void init(final ProcessorContext<String, O> ctx) {
        this.context = ctx;
        this.state = opening.open(ctx);
        if (sweep != null) {
            final KeyValueStore<String, S> swept = ctx.getStateStore(sweep.store());
            ctx.schedule(sweep.interval(), PunctuationType.STREAM_TIME, streamTime -> forgetExpired(swept, streamTime));
        }
    }

    @Override
    public void process(final Record<String, I> input) {
        final String key = stateKey.of(input.key(), input.value());
        if (key == null) {
            return;
        }
        for (final O output : decision.applyTo(state, key, input.value())) {
            context.forward(
                    input.withKey(outputKey.of(input.key(), input.value())).withValue(output));
        }
    }

    private void forgetExpired(final KeyValueStore<String, S> store, final long streamTime) {
        final List<String> expired = new ArrayList<>();
        try (KeyValueIterator<String, S> all = store.all()) {
            all.forEachRemaining(entry -> {
                if (sweep.expiry().expired(entry.value, streamTime)) {
                    expired.add(entry.key);
                }
            });
        }
        expired.forEach(store::delete);
    }
}
