package io.vigie.app.identity;

import io.vigie.app.engine.Engine;
import io.vigie.rules.entity.IdentityLookup;
import io.vigie.rules.entity.IdentityTimeline;
import io.vigie.rules.store.QueryableStores;
import java.time.Clock;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StoreQueryParameters;
import org.apache.kafka.streams.state.QueryableStoreTypes;

/** Puts {@code GET /api/identities} on the engine. Installed by {@code vigie run} and by the tests the same way. */
public final class IdentityModule {

    private IdentityModule() {}

    public static Engine install(final Engine engine) {
        return engine.beforeStart(started ->
                new IdentityApi(() -> lookup(started.streams()), Clock.systemUTC()).register(started.http()));
    }

    /** The lookup, or null before the global store can be read (running or rebalancing: it is never reassigned). */
    static IdentityLookup lookup(final KafkaStreams streams) {
        if (streams == null || !streams.state().isRunningOrRebalancing()) {
            return null;
        }
        return new IdentityLookup(streams.store(StoreQueryParameters.fromNameAndType(
                QueryableStores.IDENTITIES, QueryableStoreTypes.<String, IdentityTimeline>keyValueStore())));
    }
}
