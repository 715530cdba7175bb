package io.vigie.app.proxy;

import io.vigie.app.cluster.PartitionOwnership;
import io.vigie.app.config.VigieConfig;
import io.vigie.app.engine.Engine;
import io.vigie.app.http.ApiToken;
import java.net.URI;
import java.time.Clock;
import java.util.Properties;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * Puts the proxy side on the engine: {@code /api/proxy/*}, {@code POST /api/indicators}, the proxy gauges and,
 * when {@code intel.urlhaus.download-url} is set, the periodic URLhaus download. Installed by {@code vigie run}
 * and by the tests the same way.
 */
public final class ProxyModule {

    private static final long GAUGE_REFRESH_SECONDS = 15;

    private ProxyModule() {}

    public static Engine install(final Engine engine, final VigieConfig config) {
        return engine.beforeStart(started -> {
            final ProxyState state = new ProxyState(started::streams);
            final Clock clock = Clock.systemUTC();
            new ProxyApi(state, clock).register(started.http());
            started.onClose(new ProxyGauges(state, started.meterRegistry()).start(GAUGE_REFRESH_SECONDS));
            final KafkaProducer<String, byte[]> producer = new KafkaProducer<>(
                    producerProperties(config, started.bootstrapServers()),
                    new StringSerializer(),
                    new ByteArraySerializer());
            // Registered first, closed last: what writes with it stops before it.
            started.onClose(producer);
            new IndicatorApi(
                            new ApiToken(config.http().apiToken()),
                            producer,
                            config.topics().names().indicators(),
                            clock)
                    .register(started.http());
            final VigieConfig.ProxySettings proxy = config.proxy();
            if (!proxy.urlhausDownloadUrl().isEmpty()) {
                // One instance of the group downloads: the one running raw.urlhaus's partition 0.
                started.onClose(new UrlhausDownloader(
                                URI.create(proxy.urlhausDownloadUrl()),
                                proxy.urlhausInterval(),
                                proxy.urlhausMaxBytes(),
                                producer,
                                config.topics().names().rawUrlhaus(),
                                started.meterRegistry(),
                                clock)
                        .start(new PartitionOwnership(
                                started::streams, config.topics().names().rawUrlhaus())));
            }
        });
    }

    private static Properties producerProperties(final VigieConfig config, final String bootstrap) {
        return config.durableProducerProperties(bootstrap, "vigie-intel");
    }
}
