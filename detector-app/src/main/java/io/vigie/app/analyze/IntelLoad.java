package io.vigie.app.analyze;

import io.vigie.app.config.VigieConfig;
import io.vigie.app.engine.Engine;
import io.vigie.rules.store.QueryableStores;
import java.io.IOException;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.streams.StoreQueryParameters;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.QueryableStoreTypes;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;

/**
 * Loads indicator files ({@code --urlhaus}, {@code --indicators}) before an analysis: their lines go to the raw
 * intel topics, the pipeline drains, then this waits until every instance's global intel store holds every
 * indicator of {@code state.intel}, so that the first proxy line is already matched against all of them.
 */
final class IntelLoad {

    private static final Duration TIMEOUT = Duration.ofMinutes(10);

    private final Engine engine;
    private final VigieConfig config;
    private final Duration settle;

    IntelLoad(final Engine engine, final VigieConfig config, final Duration settle) {
        this.engine = engine;
        this.config = config;
        this.settle = settle;
    }

    /** @return how many indicators the table holds once loaded */
    long load(final List<Analysis.IntelFile> files) throws IOException, InterruptedException {
        if (files.isEmpty()) {
            return 0;
        }
        final var names = config.topics().names();
        for (final Analysis.IntelFile f : files) {
            Analysis.produce(
                    engine.bootstrapServers(),
                    "urlhaus".equals(f.kind()) ? names.rawUrlhaus() : names.rawIndicators(),
                    List.of(f.file()));
        }
        try (Admin admin = Admin.create(config.clientProperties(engine.bootstrapServers()))) {
            new PipelineDrain(
                            admin,
                            config.applicationId(),
                            Set.of(names.rawUrlhaus(), names.rawIndicators()),
                            Set.of(names.indicators()),
                            settle)
                    .await(TIMEOUT, () -> Analysis.isAlive(engine));
        }
        final Set<String> keys = new HashSet<>();
        Analysis.readAll(engine.bootstrapServers(), names.intelState(), (key, value) -> {
            if (value == null) {
                keys.remove(key);
            } else {
                keys.add(key);
            }
        });
        final long deadline = System.nanoTime() + TIMEOUT.toNanos();
        long loaded = count();
        while (loaded < keys.size()) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException(
                        "the intel table holds " + loaded + " of " + keys.size() + " indicators after " + TIMEOUT);
            }
            Thread.sleep(settle.toMillis());
            loaded = count();
        }
        return loaded;
    }

    private long count() {
        final ReadOnlyKeyValueStore<String, ?> store = engine.streams()
                .store(StoreQueryParameters.fromNameAndType(
                        QueryableStores.INTEL, QueryableStoreTypes.keyValueStore()));
        long n = 0;
        try (KeyValueIterator<String, ?> all = store.all()) {
            while (all.hasNext()) {
                all.next();
                n++;
            }
        }
        return n;
    }
}
