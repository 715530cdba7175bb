package io.vigie.app.proxy;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.vigie.app.cluster.Turn;
import java.io.BufferedInputStream;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;
import java.util.zip.GZIPInputStream;
import java.util.zip.ZipInputStream;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Downloads a URLhaus CSV dump periodically ({@code intel.urlhaus.download-url}, off by default) and puts its
 * lines on {@code raw.urlhaus}, where the engine reads them like an ingested file. The dump may be plain,
 * gzip or zip (URLhaus serves {@code csv_recent} plain and the full dump zipped); what is read is bounded by
 * {@code intel.urlhaus.max-bytes} after decompression. An unchanged dump (same ETag) is not sent again, and
 * indicators already known are not re-published by the engine either.
 *
 * <p>With several instances of one group, one downloads: the one whose turn it is (see {@link #start(Supplier)}).
 */
public final class UrlhausDownloader implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(UrlhausDownloader.class);
    private static final Duration TIMEOUT = Duration.ofMinutes(5);
    /** How soon an instance whose turn it is not asks again: a failover should not wait a download interval. */
    static final Duration TURN_CHECK = Duration.ofSeconds(10);

    static final String KEY = "urlhaus-download";

    private final URI url;
    private final Duration interval;
    private final long maxBytes;
    private final Producer<String, byte[]> producer;
    private final String topic;
    private final Clock clock;
    private final HttpClient http;
    private final Counter succeeded;
    private final Counter failed;
    private final AtomicLong lastSuccess = new AtomicLong();
    private final AtomicLong active = new AtomicLong();
    private final ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor(runnable -> {
        final Thread thread = new Thread(runnable, "vigie-urlhaus-download");
        thread.setDaemon(true);
        return thread;
    });
    private String etag;
    private Supplier<Turn> turns = () -> Turn.MINE;
    private Turn turn = Turn.NOT_KNOWN_YET;
    private long nextDownloadNanos;

    public UrlhausDownloader(
            final URI url,
            final Duration interval,
            final long maxBytes,
            final Producer<String, byte[]> producer,
            final String topic,
            final MeterRegistry registry,
            final Clock clock) {
        this.url = url;
        this.interval = interval;
        this.maxBytes = maxBytes;
        this.producer = producer;
        this.topic = topic;
        this.clock = clock;
        this.http = HttpClient.newBuilder()
                .connectTimeout(Duration.ofSeconds(30))
                .followRedirects(HttpClient.Redirect.NORMAL)
                .build();
        this.succeeded = Counter.builder("vigie.intel.downloads")
                .tag("outcome", "ok")
                .description("URLhaus downloads")
                .register(registry);
        this.failed = Counter.builder("vigie.intel.downloads")
                .tag("outcome", "failed")
                .description("URLhaus downloads")
                .register(registry);
        Gauge.builder("vigie.intel.download.last.success.timestamp.seconds", lastSuccess, AtomicLong::get)
                .description("When the URLhaus dump was last downloaded successfully (Unix time)")
                .register(registry);
        Gauge.builder("vigie.intel.download.active", active, AtomicLong::get)
                .description("1 when this instance downloads URLhaus, 0 when another instance of the group does")
                .strongReference(true)
                .register(registry);
    }

    /** Downloads now, then every {@code interval}. */
    public UrlhausDownloader start() {
        return start(() -> Turn.MINE);
    }

    /**
     * As {@link #start()}, downloading only while {@code turnOfThisInstance} says it is this instance's turn: with
     * several instances one of them downloads. The others ask again every {@link #TURN_CHECK} (or every
     * {@code interval} when shorter), and the one whose turn comes downloads at once.
     */
    public UrlhausDownloader start(final Supplier<Turn> turnOfThisInstance) {
        turns = turnOfThisInstance;
        final long tick = Math.min(interval.toMillis(), TURN_CHECK.toMillis());
        scheduler.scheduleWithFixedDelay(this::tick, 0, tick, TimeUnit.MILLISECONDS);
        LOG.info("Downloading URLhaus from {} every {}", url, interval);
        return this;
    }

    /** Runs on the scheduler's only thread. */
    private void tick() {
        final Turn now = turns.get();
        if (now != turn && now != Turn.NOT_KNOWN_YET) {
            active.set(now == Turn.MINE ? 1 : 0);
            if (turn != Turn.NOT_KNOWN_YET || now == Turn.ANOTHER_INSTANCE) {
                LOG.info(
                        now == Turn.MINE
                                ? "URLhaus download from {}: this instance downloads it from now on"
                                : "URLhaus download from {}: another instance of the group downloads it",
                        url);
            }
            if (now == Turn.MINE) {
                // taken over from another instance, which may have died before its next download: do it now
                nextDownloadNanos = System.nanoTime();
            }
            turn = now;
        }
        if (turn == Turn.MINE && System.nanoTime() - nextDownloadNanos >= 0) {
            nextDownloadNanos = System.nanoTime() + interval.toNanos();
            downloadQuietly();
        }
    }

    private void downloadQuietly() {
        try {
            final long lines = downloadOnce();
            LOG.info("URLhaus download from {}: {}", url, lines < 0 ? "unchanged" : lines + " lines sent to " + topic);
        } catch (final IOException | RuntimeException e) {
            failed.increment();
            LOG.warn("URLhaus download from {} failed: {}", url, e.toString());
        } catch (final InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** @return lines sent, or -1 when the dump did not change since the last download */
    public synchronized long downloadOnce() throws IOException, InterruptedException {
        final HttpRequest.Builder request =
                HttpRequest.newBuilder(url).timeout(TIMEOUT).GET();
        if (etag != null) {
            request.header("If-None-Match", etag);
        }
        final HttpResponse<InputStream> response =
                http.send(request.build(), HttpResponse.BodyHandlers.ofInputStream());
        try (InputStream body = response.body()) {
            if (response.statusCode() == 304) {
                succeeded.increment();
                lastSuccess.set(clock.instant().getEpochSecond());
                return -1;
            }
            if (response.statusCode() != 200) {
                throw new IOException("HTTP " + response.statusCode());
            }
            final long sent = send(decompressed(new BufferedInputStream(body)));
            etag = response.headers().firstValue("ETag").orElse(null);
            succeeded.increment();
            lastSuccess.set(clock.instant().getEpochSecond());
            return sent;
        }
    }

    private long send(final InputStream content) throws IOException {
        final List<Future<?>> acks = new ArrayList<>();
        long lines = 0;
        try (BufferedReader reader = new BufferedReader(
                new InputStreamReader(new BoundedInputStream(content, maxBytes), StandardCharsets.UTF_8))) {
            String line;
            while ((line = reader.readLine()) != null) {
                if (line.isBlank()) {
                    continue;
                }
                acks.add(producer.send(new ProducerRecord<>(topic, KEY, line.getBytes(StandardCharsets.UTF_8))));
                lines++;
            }
        }
        producer.flush();
        for (final Future<?> ack : acks) {
            try {
                ack.get();
            } catch (final java.util.concurrent.ExecutionException e) {
                throw new IOException("writing to " + topic + " failed: " + e.getCause(), e.getCause());
            } catch (final InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IOException("interrupted while writing to " + topic, e);
            }
        }
        return lines;
    }

    /** Plain, gzip or the first entry of a zip, by magic number. */
    private static InputStream decompressed(final BufferedInputStream in) throws IOException {
        in.mark(4);
        final int b1 = in.read();
        final int b2 = in.read();
        in.reset();
        if (b1 == 0x1f && b2 == 0x8b) {
            return new GZIPInputStream(in);
        }
        if (b1 == 'P' && b2 == 'K') {
            final ZipInputStream zip = new ZipInputStream(in);
            if (zip.getNextEntry() == null) {
                throw new IOException("empty zip");
            }
            return zip;
        }
        return in;
    }

    @Override
    public void close() {
        scheduler.shutdownNow();
    }

    /** Fails the read once more than {@code max} bytes came out: a decompression bomb stops there. */
    private static final class BoundedInputStream extends java.io.FilterInputStream {
        private final long max;
        private long read;

        BoundedInputStream(final InputStream in, final long max) {
            super(in);
            this.max = max;
        }

        @Override
        public int read() throws IOException {
            final int b = super.read();
            count(b < 0 ? 0 : 1);
            return b;
        }

        @Override
        public int read(final byte[] b, final int off, final int len) throws IOException {
            final int n = super.read(b, off, len);
            count(Math.max(n, 0));
            return n;
        }

        private void count(final long n) throws IOException {
            read += n;
            if (read > max) {
                throw new IOException("download larger than intel.urlhaus.max-bytes (" + max + " bytes)");
            }
        }
    }
}
