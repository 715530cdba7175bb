package io.vigie.app.proxy;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A local URLhaus: serves the committed sample dump at {@code path} with an ETag, as abuse.ch does (304 when the
 * client sends it back), counts the requests, and can be closed (503) for a test that needs the first download to
 * come later.
 */
public final class UrlhausFeed implements AutoCloseable {

    /** 300 rows of the real URLhaus dump. */
    public static final Path SAMPLE = Path.of("../detector-core/src/test/resources/samples/urlhaus/urlhaus-300.csv");

    private static final String ETAG = "\"v1\"";

    private final HttpServer server;
    private final String path;
    private final AtomicInteger requests = new AtomicInteger();
    private volatile boolean open;

    private UrlhausFeed(final HttpServer server, final String path, final boolean open) {
        this.server = server;
        this.path = path;
        this.open = open;
    }

    /** Serves {@link #SAMPLE} at {@code path} on a free loopback port, open or closed (503) until {@link #open()}. */
    public static UrlhausFeed serve(final String path, final boolean open) throws IOException {
        final byte[] dump = Files.readAllBytes(SAMPLE);
        final UrlhausFeed feed =
                new UrlhausFeed(HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0), path, open);
        feed.server.createContext(path, exchange -> {
            feed.requests.incrementAndGet();
            exchange.getResponseHeaders().set("ETag", ETAG);
            if (!feed.open) {
                exchange.sendResponseHeaders(503, -1);
            } else if (ETAG.equals(exchange.getRequestHeaders().getFirst("If-None-Match"))) {
                exchange.sendResponseHeaders(304, -1);
            } else {
                exchange.sendResponseHeaders(200, dump.length);
                exchange.getResponseBody().write(dump);
            }
            exchange.close();
        });
        feed.server.start();
        return feed;
    }

    /** What {@code intel.urlhaus.download-url} is set to. */
    public String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + path;
    }

    /** The requests received so far, answered or not. */
    public int requests() {
        return requests.get();
    }

    public void open() {
        open = true;
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
