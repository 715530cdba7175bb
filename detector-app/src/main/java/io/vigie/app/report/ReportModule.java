package io.vigie.app.report;

import io.micrometer.core.instrument.Gauge;
import io.vigie.app.config.VigieConfig;
import io.vigie.app.engine.Engine;
import io.vigie.app.http.ApiToken;
import io.vigie.rules.quarantine.Campaign;
import io.vigie.rules.store.QueryableStores;
import java.util.Properties;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StoreQueryParameters;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.QueryableStoreTypes;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;

/**
 * Puts the mail-security side on the engine: {@code POST /api/report} for user-reported mails, and the
 * {@code vigie_quarantine_campaigns_open} gauge (campaigns of this instance's partitions that raised an alert and
 * are still within their window). Installed by {@code vigie run} and by the tests the same way.
 */
public final class ReportModule {

    private ReportModule() {}

    public static Engine install(final Engine engine, final VigieConfig config) {
        return engine.beforeStart(started -> {
            final Properties p = config.durableProducerProperties(started.bootstrapServers(), "vigie-reports");
            // One reported mail is one record: room for the largest, twice in the buffer.
            p.put(
                    ProducerConfig.MAX_REQUEST_SIZE_CONFIG,
                    Integer.toString(config.reports().maxBytes() + 65_536));
            p.put(
                    ProducerConfig.BUFFER_MEMORY_CONFIG,
                    Long.toString(2L * config.reports().maxBytes() + 1_048_576));
            final KafkaProducer<String, byte[]> producer =
                    new KafkaProducer<>(p, new StringSerializer(), new ByteArraySerializer());
            started.onClose(producer);
            new ReportApi(
                            new ApiToken(config.http().apiToken()),
                            producer,
                            config.topics().names().rawReports(),
                            config.reports().maxBytes())
                    .register(started.http());
            final long windowMillis = config.quarantine().campaignWindow().toMillis();
            Gauge.builder("vigie.quarantine.campaigns.open", started, e -> openCampaigns(e.streams(), windowMillis))
                    .description("Quarantine campaigns that raised an alert and are still within their window "
                            + "(this instance's partitions)")
                    .register(started.meterRegistry());
        });
    }

    private static double openCampaigns(final KafkaStreams streams, final long windowMillis) {
        if (streams == null || streams.state() != KafkaStreams.State.RUNNING) {
            return Double.NaN;
        }
        final ReadOnlyKeyValueStore<String, Campaign> store = streams.store(StoreQueryParameters.fromNameAndType(
                QueryableStores.QUARANTINE_CAMPAIGNS, QueryableStoreTypes.<String, Campaign>keyValueStore()));
        long latest = 0;
        long open = 0;
        final java.util.List<Campaign> alerted = new java.util.ArrayList<>();
        try (KeyValueIterator<String, Campaign> all = store.all()) {
            while (all.hasNext()) {
                final Campaign c = all.next().value;
                if (c == null || c.messages().isEmpty()) {
                    continue;
                }
                latest = Math.max(
                        latest, c.messages().get(c.messages().size() - 1).time());
                if (c.alertedAt() > 0) {
                    alerted.add(c);
                }
            }
        }
        // "Still within the window" against the latest quarantined message seen, the campaigns' own clock.
        for (final Campaign c : alerted) {
            if (c.messages().get(c.messages().size() - 1).time() > latest - windowMillis) {
                open++;
            }
        }
        return open;
    }
}
