package io.vigie.app.incident;

import io.vigie.app.config.VigieConfig;
import io.vigie.app.engine.Engine;
import io.vigie.app.evidence.EvidenceApi;
import io.vigie.app.evidence.EvidenceCollector;
import io.vigie.app.evidence.EvidenceSettings;
import io.vigie.app.http.ApiToken;
import java.nio.file.Path;
import java.time.Clock;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * Puts the incidents on the engine: {@code /api/incidents}, one incident, the checklist ticks and the evidence
 * archive ({@code /api/incidents/{id}/evidence}). Installed by
 * {@code vigie run} and by the tests the same way.
 */
public final class IncidentModule {

    private IncidentModule() {}

    public static Engine install(final Engine engine, final VigieConfig config) {
        return engine.beforeStart(started -> {
            final KafkaProducer<String, byte[]> producer = new KafkaProducer<>(
                    config.durableProducerProperties(started.bootstrapServers(), "vigie-incident-steps"),
                    new StringSerializer(),
                    new ByteArraySerializer());
            // Registered first, closed last: what writes with it stops before it.
            started.onClose(producer);
            new IncidentApi(
                            new IncidentState(started::streams),
                            new ApiToken(config.http().apiToken()),
                            producer,
                            config.topics().names().incidentSteps(),
                            Clock.systemUTC())
                    .register(started.http());
            final Path staging = config.dataDir().resolve("evidence");
            new EvidenceApi(
                            new EvidenceCollector(EvidenceSettings.from(
                                    config,
                                    started.bootstrapServers(),
                                    staging,
                                    EvidenceSettings.DEFAULT_MAX_ARCHIVE_BYTES)),
                            staging,
                            Clock.systemUTC())
                    .register(started.http());
        });
    }
}
