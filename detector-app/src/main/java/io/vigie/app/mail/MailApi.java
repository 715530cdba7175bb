package io.vigie.app.mail;

import io.vigie.app.engine.Engine;

/**
 * Puts the mail statistics on the engine's HTTP server and metrics: {@code GET /api/top} and the
 * top-20 gauges. Installed by {@code vigie run} and by the tests the same way.
 */
public final class MailApi {

    /** How often the top-20 gauges are refreshed from the snapshots store. */
    private static final long GAUGE_REFRESH_SECONDS = 5;

    private MailApi() {}

    public static Engine install(final Engine engine) {
        return engine.beforeStart(started -> {
            final TopSnapshots snapshots = new TopSnapshots(started::streams);
            new TopApi(snapshots).register(started.http());
            final TopGauges gauges = new TopGauges(snapshots, started.meterRegistry()).start(GAUGE_REFRESH_SECONDS);
            started.onClose(gauges);
        });
    }
}
