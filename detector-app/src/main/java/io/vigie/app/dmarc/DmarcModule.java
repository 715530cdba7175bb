package io.vigie.app.dmarc;

import io.vigie.app.cluster.PartitionOwnership;
import io.vigie.app.config.VigieConfig;
import io.vigie.app.dmarc.imap.ImapSettings;
import io.vigie.app.dmarc.imap.KafkaRawReportSink;
import io.vigie.app.dmarc.imap.RuaMailboxPoller;
import io.vigie.app.engine.Engine;
import java.time.Clock;

/**
 * Puts DMARC on the engine: {@code /api/dmarc/*}, the DMARC gauges and, when {@code dmarc.imap.enabled},
 * the {@code rua} mailbox poller feeding {@code raw.dmarc}. Installed by {@code vigie run} and by the tests
 * the same way.
 */
public final class DmarcModule {

    private static final long GAUGE_REFRESH_SECONDS = 15;

    private DmarcModule() {}

    public static Engine install(final Engine engine, final VigieConfig config) {
        return engine.beforeStart(started -> {
            final DmarcState state = new DmarcState(started::streams);
            final Clock clock = Clock.system(config.organisation().timeZone());
            new DmarcApi(state, clock).register(started.http());
            started.onClose(new DmarcGauges(state, clock, started.meterRegistry()).start(GAUGE_REFRESH_SECONDS));
            final ImapSettings imap = ImapSettings.from(config);
            if (imap.enabled()) {
                final KafkaRawReportSink sink = new KafkaRawReportSink(
                        config.clientProperties(started.bootstrapServers()),
                        config.topics().names().rawDmarc(),
                        config.topics().names().dlq(),
                        imap.maxMessageBytes(),
                        Clock.systemUTC());
                // Registered first, closed last: the poller stops before its sink does.
                started.onClose(sink);
                // One instance of the group reads the mailbox: the one running raw.dmarc's partition 0.
                started.onClose(new RuaMailboxPoller(imap, sink, started.meterRegistry(), Clock.systemUTC())
                        .start(new PartitionOwnership(
                                started::streams, config.topics().names().rawDmarc())));
            }
        });
    }
}
