package io.vigie.app.status;

import io.vigie.app.config.VigieConfig;
import io.vigie.app.engine.Engine;

/**
 * Puts what the status page needs beyond the other modules' APIs on the engine: {@code /api/alerts/latest}
 * and {@code /api/queue}, fed by a {@link LatestRecords} follower closed with the engine. The page itself
 * is served by the HTTP server. Installed by {@code vigie run} and by the tests the same way.
 */
public final class StatusModule {

    /** Alerts kept in memory for the page. */
    static final int ALERTS_KEPT = 200;

    private StatusModule() {}

    public static Engine install(final Engine engine, final VigieConfig config) {
        return engine.beforeStart(started -> {
            final LatestRecords latest = new LatestRecords(
                            config.clientProperties(started.bootstrapServers()),
                            config.topics().names().alerts(),
                            config.topics().names().queueStatus(),
                            ALERTS_KEPT,
                            started.meterRegistry())
                    .start();
            started.onClose(latest);
            new StatusApi(latest).register(started.http());
        });
    }
}
