package io.vigie.app.proxy;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.vigie.app.EngineHttp;
import io.vigie.app.cluster.Turn;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.file.Files;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.clients.producer.MockProducer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The URLhaus download as a single-instance duty: it follows the turn it is given. */
class UrlhausDownloaderTest {

    /** Shorter than {@link UrlhausDownloader#TURN_CHECK}: the turn is asked at every download interval. */
    private static final Duration INTERVAL = Duration.ofMillis(200);

    private static final Duration WAIT = Duration.ofSeconds(30);

    private final AtomicInteger requests = new AtomicInteger();
    private HttpServer feed;

    @BeforeEach
    void startFeed() throws Exception {
        final byte[] dump = Files.readAllBytes(UrlhausFeed.SAMPLE);
        feed = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        feed.createContext("/csv/", exchange -> {
            requests.incrementAndGet();
            exchange.sendResponseHeaders(200, dump.length);
            exchange.getResponseBody().write(dump);
            exchange.close();
        });
        feed.start();
    }

    @AfterEach
    void stopFeed() {
        feed.stop(0);
    }

    @Test
    void shouldDownloadOnlyWhileItIsThisInstancesTurnAndAtOnceWhenTheTurnComes() throws Exception {
        final MockProducer<String, byte[]> producer =
                new MockProducer<>(true, null, new StringSerializer(), new ByteArraySerializer());
        final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        final AtomicReference<Turn> turn = new AtomicReference<>(Turn.NOT_KNOWN_YET);
        final AtomicInteger asked = new AtomicInteger();

        try (UrlhausDownloader downloader = new UrlhausDownloader(
                URI.create("http://127.0.0.1:" + feed.getAddress().getPort() + "/csv/"),
                INTERVAL,
                1 << 20,
                producer,
                "raw.urlhaus",
                registry,
                Clock.systemUTC())) {
            downloader.start(() -> {
                asked.incrementAndGet();
                return turn.get();
            });
            awaitAsked(asked, 3);
            assertThat(requests)
                    .as("not known yet whose turn it is: nothing downloaded")
                    .hasValue(0);
            turn.set(Turn.ANOTHER_INSTANCE);
            awaitAsked(asked, 3);
            assertThat(requests)
                    .as("another instance's turn: nothing downloaded")
                    .hasValue(0);
            assertThat(registry.scrape()).contains("vigie_intel_download_active 0.0");

            turn.set(Turn.MINE);
            EngineHttp.poll(requests::get, n -> n >= 2, WAIT, "no download when the turn came");
            assertThat(registry.scrape()).contains("vigie_intel_download_active 1.0");
            assertThat(producer.history()).hasSizeGreaterThanOrEqualTo(300);

            turn.set(Turn.ANOTHER_INSTANCE);
            awaitAsked(asked, 1);
            final int stopped = requests.get();
            awaitAsked(asked, 3);
            assertThat(requests).as("the turn went: no more downloads").hasValue(stopped);
            assertThat(registry.scrape()).contains("vigie_intel_download_active 0.0");
        }
    }

    /** Waits until the downloader asked for its turn {@code times} more times. */
    private static void awaitAsked(final AtomicInteger asked, final int times) throws Exception {
        final int from = asked.get();
        EngineHttp.poll(asked::get, n -> n >= from + times, WAIT, "the downloader did not ask for its turn");
    }
}
