package io.vigie.app.http;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsExchange;
import com.sun.net.httpserver.HttpsServer;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.vigie.core.serde.JsonSerde;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import java.util.function.Supplier;
import javax.net.ssl.SSLContext;
import org.apache.kafka.streams.KafkaStreams;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The process's HTTP endpoint, on the JDK's own server: {@code /health} for the load balancer or
 * systemd watchdog, {@code /metrics} for Prometheus, the read-only status page at {@code /} and
 * {@code /status/*} (fixed files from the jar, see {@link StaticResources}), and JSON GET routes that
 * other parts register with {@link #route}, and POST routes with a bounded body registered with
 * {@link #postRoute}. Other request bodies are never read, and no body is ever logged.
 */
public final class HttpApiServer implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(HttpApiServer.class);

    public static final String PROMETHEUS_CONTENT_TYPE = "text/plain; version=0.0.4; charset=utf-8";
    private static final String JSON_CONTENT_TYPE = "application/json; charset=utf-8";
    private static final int THREADS = 4;
    /** A refused body is read this far at most: beyond, the connection is closed on the client. */
    private static final long DRAIN_LIMIT = 64L * 1024 * 1024;

    private final String bind;
    private final int requestedPort;
    private final PrometheusMeterRegistry registry;
    private final Supplier<KafkaStreams.State> streamsState;
    private final Map<String, Function<Map<String, String>, JsonResponse>> routes = new ConcurrentHashMap<>();
    private final Map<String, PostRoute> postRoutes = new ConcurrentHashMap<>();
    private final Map<String, Function<Map<String, String>, FileResponse>> downloads = new ConcurrentHashMap<>();
    private final StaticResources page = new StaticResources();
    private final ReadAccess readAccess;
    /** HTTPS when set: the server's certificate and key (read again when they change). */
    private final SSLContext tls;

    /** A POST handler and the largest body it accepts. */
    private record PostRoute(int maxBodyBytes, Function<PostRequest, JsonResponse> handler) {}

    private HttpServer server;
    private ExecutorService executor;

    /**
     * @param bind          address to listen on ({@code 0.0.0.0} for every interface)
     * @param port          port, 0 for a free one (see {@link #port()})
     * @param registry      scraped by {@code /metrics}
     * @param streamsState  the current Kafka Streams state, {@code null} while there is no client yet
     */
    public HttpApiServer(
            final String bind,
            final int port,
            final PrometheusMeterRegistry registry,
            final Supplier<KafkaStreams.State> streamsState) {
        this(bind, port, "", null, registry, streamsState);
    }

    /**
     * @param readToken the bearer token every route but {@code /health} and the status page's files needs; empty:
     *                  none (the configuration then allows loopback only)
     * @param tls       HTTPS with this context's key manager, or null for plain HTTP
     */
    public HttpApiServer(
            final String bind,
            final int port,
            final String readToken,
            final SSLContext tls,
            final PrometheusMeterRegistry registry,
            final Supplier<KafkaStreams.State> streamsState) {
        this.tls = tls;
        this.bind = bind;
        this.requestedPort = port;
        this.registry = registry;
        this.streamsState = streamsState;
        this.readAccess = new ReadAccess(readToken, registry);
    }

    /**
     * Registers a JSON GET route, before or after {@link #start()}. The handler receives the query
     * parameters (first value of each, URL-decoded) and may throw {@link BadRequestException}.
     *
     * @param path exact path such as {@code /api/top20}, or with one {@code {id}} segment such as
     *             {@code /api/incidents/{id}} (the handler gets it as the {@code id} parameter)
     * @throws IllegalArgumentException when the path is reserved or already taken
     */
    public HttpApiServer route(final String path, final Function<Map<String, String>, JsonResponse> handler) {
        if (!path.startsWith("/")) {
            throw new IllegalArgumentException("route path must start with '/': " + path);
        }
        if ("/health".equals(path) || "/metrics".equals(path) || StaticResources.claims(path)) {
            throw new IllegalArgumentException("route path is reserved: " + path);
        }
        if (downloads.containsKey(path) || routes.putIfAbsent(path, handler) != null) {
            throw new IllegalArgumentException("route already registered: " + path);
        }
        return this;
    }

    /**
     * Registers a GET route that answers with a file (an evidence archive), behind the read token like the JSON
     * routes. The path may have an {@code {id}} segment, as for {@link #route}.
     */
    public HttpApiServer downloadRoute(final String path, final Function<Map<String, String>, FileResponse> handler) {
        if (!path.startsWith("/")
                || "/health".equals(path)
                || "/metrics".equals(path)
                || StaticResources.claims(path)) {
            throw new IllegalArgumentException("route path must start with '/' and not be reserved: " + path);
        }
        if (routes.containsKey(path) || downloads.putIfAbsent(path, handler) != null) {
            throw new IllegalArgumentException("route already registered: " + path);
        }
        return this;
    }

    /**
     * Registers a JSON POST route. A body over {@code maxBodyBytes} is refused with 413 before the handler
     * runs (the declared length is checked first, then the bytes actually sent). The handler may throw
     * {@link BadRequestException}.
     */
    public HttpApiServer postRoute(
            final String path, final int maxBodyBytes, final Function<PostRequest, JsonResponse> handler) {
        if (!path.startsWith("/")
                || "/health".equals(path)
                || "/metrics".equals(path)
                || StaticResources.claims(path)) {
            throw new IllegalArgumentException("route path must start with '/' and not be reserved: " + path);
        }
        if (maxBodyBytes < 1) {
            throw new IllegalArgumentException("body limit must be positive: " + maxBodyBytes);
        }
        if (postRoutes.putIfAbsent(path, new PostRoute(maxBodyBytes, handler)) != null) {
            throw new IllegalArgumentException("route already registered: " + path);
        }
        return this;
    }

    /** Binds the port and starts serving. */
    public synchronized HttpApiServer start() {
        if (server != null) {
            throw new IllegalStateException("HTTP server already started");
        }
        try {
            if (tls == null) {
                server = HttpServer.create(new InetSocketAddress(bind, requestedPort), 0);
            } else {
                final HttpsServer https = HttpsServer.create(new InetSocketAddress(bind, requestedPort), 0);
                https.setHttpsConfigurator(new HttpsConfigurator(tls));
                server = https;
            }
        } catch (final IOException e) {
            throw new UncheckedIOException("cannot listen for HTTP on " + bind + ":" + requestedPort, e);
        }
        executor = Executors.newFixedThreadPool(THREADS, threadFactory());
        server.setExecutor(executor);
        server.createContext("/", this::handle);
        server.start();
        if (readAccess.required()) {
            LOG.info(
                    "HTTP{} endpoint listening on {}:{}; every route but /health needs the read token",
                    tls == null ? "" : "S",
                    bind,
                    port());
        } else {
            LOG.info(
                    "HTTP endpoint listening on {}:{} only, without a read token: set http.read-token "
                            + "(VIGIE_HTTP_READ_TOKEN) to listen on other interfaces",
                    bind,
                    port());
        }
        return this;
    }

    /** The bound port once started (the actual one when configured with 0). */
    public synchronized int port() {
        if (server == null) {
            throw new IllegalStateException("HTTP server not started");
        }
        return server.getAddress().getPort();
    }

    @Override
    public synchronized void close() {
        if (server == null) {
            return;
        }
        // No grace delay: on JDK 17 stop(n) always waits the full n seconds, and a cut scrape is harmless.
        server.stop(0);
        executor.shutdown();
        try {
            if (!executor.awaitTermination(5, TimeUnit.SECONDS)) {
                executor.shutdownNow();
            }
        } catch (final InterruptedException e) {
            executor.shutdownNow();
            Thread.currentThread().interrupt();
        }
        server = null;
    }

    private void handle(final HttpExchange exchange) {
        try {
            securityHeaders(exchange);
            final String method = exchange.getRequestMethod();
            final String requested = exchange.getRequestURI().getPath();
            final RoutePath.Resolved getRoute = getRoute(requested);
            final RoutePath.Resolved postRoute = RoutePath.resolve(requested, postRoutes.keySet());
            final PostRoute post = postRoute == null ? null : postRoutes.get(postRoute.route());
            final boolean open = "/health".equals(requested)
                    || StaticResources.claims(requested)
                    || "POST".equals(method) && post != null; // write routes check their own token
            final Optional<JsonResponse> refused = open ? Optional.empty() : readAccess.refusal(exchange);
            if (refused.isPresent()) {
                discard(exchange.getRequestBody());
                sendJson(exchange, refused.get(), "HEAD".equals(method));
                return;
            }
            if ("POST".equals(method) && post != null) {
                dispatchPost(exchange, post, postRoute.id());
                return;
            }
            discard(exchange.getRequestBody());
            final boolean head = "HEAD".equals(method);
            final boolean postOnly = post != null && getRoute == null;
            if (postOnly || !head && !"GET".equals(method)) {
                exchange.getResponseHeaders().set("Allow", post != null ? "POST" : "GET, HEAD");
                sendJson(exchange, JsonResponse.error(405, "method not allowed"), false);
                return;
            }
            final String path = exchange.getRequestURI().getPath();
            switch (path) {
                case "/health" -> health(exchange, head);
                case "/metrics" -> metrics(exchange, head);
                default -> {
                    if (StaticResources.claims(path)) {
                        staticFile(exchange, path, head);
                    } else {
                        dispatch(exchange, getRoute, head);
                    }
                }
            }
        } catch (final IOException e) {
            // The client went away; nothing to answer.
            LOG.debug("HTTP exchange failed", e);
        } catch (final RuntimeException e) {
            LOG.error("HTTP request for {} failed", exchange.getRequestURI().getPath(), e);
            try {
                sendJson(exchange, JsonResponse.error(500, "internal error"), false);
            } catch (final IOException | RuntimeException ignored) {
                // Headers may already be out; the connection is closed either way.
            }
        } finally {
            exchange.close();
        }
    }

    /** The JSON or download route that serves a GET of {@code path}, or null. */
    private RoutePath.Resolved getRoute(final String path) {
        final RoutePath.Resolved route = RoutePath.resolve(path, routes.keySet());
        return route != null ? route : RoutePath.resolve(path, downloads.keySet());
    }

    private void dispatch(final HttpExchange exchange, final RoutePath.Resolved route, final boolean head)
            throws IOException {
        if (route == null) {
            sendJson(exchange, JsonResponse.error(404, "no such endpoint"), head);
            return;
        }
        final String path = route.route();
        if (downloads.containsKey(path)) {
            download(
                    exchange,
                    path,
                    withId(queryParameters(exchange.getRequestURI().getRawQuery()), route.id()),
                    head);
            return;
        }
        final Function<Map<String, String>, JsonResponse> handler = routes.get(path);
        JsonResponse response;
        try {
            response = handler.apply(
                    withId(queryParameters(exchange.getRequestURI().getRawQuery()), route.id()));
            if (response == null) {
                throw new IllegalStateException("route " + path + " returned no response");
            }
        } catch (final BadRequestException e) {
            response = JsonResponse.error(400, e.getMessage());
        } catch (final RuntimeException e) {
            LOG.error("HTTP route {} failed", path, e);
            response = JsonResponse.error(500, "internal error");
        }
        sendJson(exchange, response, head);
    }

    private void download(
            final HttpExchange exchange, final String path, final Map<String, String> params, final boolean head)
            throws IOException {
        FileResponse response;
        try {
            response = downloads.get(path).apply(params);
        } catch (final BadRequestException e) {
            response = FileResponse.refused(JsonResponse.error(400, e.getMessage()));
        } catch (final RuntimeException e) {
            LOG.error("HTTP route {} failed", path, e);
            response = FileResponse.refused(JsonResponse.error(500, "internal error"));
        }
        if (response.refusal() != null) {
            sendJson(exchange, response.refusal(), head);
            return;
        }
        try {
            exchange.getResponseHeaders().set("Content-Type", response.contentType());
            exchange.getResponseHeaders()
                    .set("Content-Disposition", "attachment; filename=\"" + response.fileName() + "\"");
            exchange.getResponseHeaders().set("Cache-Control", "no-store");
            final long length = java.nio.file.Files.size(response.file());
            if (head) {
                exchange.sendResponseHeaders(200, -1);
                return;
            }
            exchange.sendResponseHeaders(200, length == 0 ? -1 : length);
            try (OutputStream out = exchange.getResponseBody()) {
                java.nio.file.Files.copy(response.file(), out);
            }
        } finally {
            if (response.temporary()) {
                java.nio.file.Files.deleteIfExists(response.file());
            }
        }
    }

    /** The query parameters, and the path's {@code {id}} as {@code id} (it wins over a query parameter). */
    private static Map<String, String> withId(final Map<String, String> params, final String id) {
        if (id == null) {
            return params;
        }
        final Map<String, String> all = new LinkedHashMap<>(params);
        all.put("id", id);
        return all;
    }

    private void dispatchPost(final HttpExchange exchange, final PostRoute route, final String id) throws IOException {
        final String declared = exchange.getRequestHeaders().getFirst("Content-Length");
        if (declared != null
                && declared.chars().allMatch(Character::isDigit)
                && declared.length() < 19
                && Long.parseLong(declared) > route.maxBodyBytes()) {
            // Refused before reading; what the client still sends is drained (up to a bound), so that it reads the
            // answer instead of a reset connection.
            drain(exchange.getRequestBody());
            sendJson(exchange, JsonResponse.error(413, "body larger than " + route.maxBodyBytes() + " bytes"), false);
            return;
        }
        final byte[] body;
        try (InputStream in = exchange.getRequestBody()) {
            body = in.readNBytes(route.maxBodyBytes() + 1);
            if (body.length > route.maxBodyBytes()) {
                drain(in);
            }
        }
        if (body.length > route.maxBodyBytes()) {
            sendJson(exchange, JsonResponse.error(413, "body larger than " + route.maxBodyBytes() + " bytes"), false);
            return;
        }
        final Map<String, List<String>> headers = new LinkedHashMap<>();
        exchange.getRequestHeaders().forEach((name, values) -> headers.put(name.toLowerCase(Locale.ROOT), values));
        final String contentType = headers.getOrDefault("content-type", List.of(""))
                .get(0)
                .split(";", 2)[0]
                .strip()
                .toLowerCase(Locale.ROOT);
        JsonResponse response;
        try {
            response = route.handler()
                    .apply(new PostRequest(
                            withId(queryParameters(exchange.getRequestURI().getRawQuery()), id),
                            headers,
                            contentType,
                            body));
        } catch (final BadRequestException e) {
            response = JsonResponse.error(400, e.getMessage());
        } catch (final RuntimeException e) {
            LOG.error("HTTP POST {} failed", exchange.getRequestURI().getPath(), e);
            response = JsonResponse.error(500, "internal error");
        }
        if (response.status() == 401) {
            readAccess.writeRefused(exchange);
        }
        sendJson(exchange, response, false);
    }

    /** On every answer: no sniffing, no framing, no referrer, nothing cached by a proxy. */
    private static void securityHeaders(final HttpExchange exchange) {
        // HSTS only over HTTPS: a browser would refuse the plain HTTP of a loopback-only engine afterwards.
        exchange.getResponseHeaders().set("X-Content-Type-Options", "nosniff");
        exchange.getResponseHeaders().set("X-Frame-Options", "DENY");
        exchange.getResponseHeaders().set("Referrer-Policy", "no-referrer");
        exchange.getResponseHeaders().set("Content-Security-Policy", "default-src 'none'; frame-ancestors 'none'");
        exchange.getResponseHeaders().set("Cache-Control", "no-store");
        if (exchange instanceof HttpsExchange) {
            exchange.getResponseHeaders().set("Strict-Transport-Security", "max-age=31536000");
        }
    }

    private void staticFile(final HttpExchange exchange, final String path, final boolean head) throws IOException {
        final Optional<StaticResources.Content> content = page.get(path);
        exchange.getResponseHeaders().set("Content-Security-Policy", StaticResources.CONTENT_SECURITY_POLICY);
        exchange.getResponseHeaders().set("X-Content-Type-Options", "nosniff");
        exchange.getResponseHeaders().set("Referrer-Policy", "no-referrer");
        if (content.isEmpty()) {
            sendJson(exchange, JsonResponse.error(404, "no such file"), head);
            return;
        }
        exchange.getResponseHeaders().set("Content-Type", content.get().contentType());
        exchange.getResponseHeaders().set("Cache-Control", "no-cache");
        send(exchange, 200, content.get().body(), head);
    }

    private void health(final HttpExchange exchange, final boolean head) throws IOException {
        final KafkaStreams.State state = streamsState.get();
        final String status = state == null ? "STARTING" : state.name();
        sendJson(
                exchange,
                JsonResponse.of(state == KafkaStreams.State.RUNNING ? 200 : 503, Map.of("status", status)),
                head);
    }

    private void metrics(final HttpExchange exchange, final boolean head) throws IOException {
        final byte[] body = registry.scrape().getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", PROMETHEUS_CONTENT_TYPE);
        send(exchange, 200, body, head);
    }

    private static void sendJson(final HttpExchange exchange, final JsonResponse response, final boolean head)
            throws IOException {
        final byte[] body = response.body() == null ? new byte[0] : JsonSerde.MAPPER.writeValueAsBytes(response.body());
        exchange.getResponseHeaders().set("Content-Type", JSON_CONTENT_TYPE);
        exchange.getResponseHeaders().set("Cache-Control", "no-store");
        send(exchange, response.status(), body, head);
    }

    private static void send(final HttpExchange exchange, final int status, final byte[] body, final boolean head)
            throws IOException {
        if (head || body.length == 0) {
            exchange.sendResponseHeaders(status, -1);
            return;
        }
        exchange.sendResponseHeaders(status, body.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(body);
        }
    }

    static Map<String, String> queryParameters(final String rawQuery) {
        if (rawQuery == null || rawQuery.isEmpty()) {
            return Map.of();
        }
        final Map<String, String> params = new LinkedHashMap<>();
        for (final String pair : rawQuery.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            final int eq = pair.indexOf('=');
            try {
                final String name = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
                final String value = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
                params.putIfAbsent(name, value);
            } catch (final IllegalArgumentException e) {
                throw new BadRequestException("malformed query string");
            }
        }
        return Collections.unmodifiableMap(params);
    }

    private static void discard(final InputStream body) throws IOException {
        // GET routes take no body, and bodies must never reach a log. Closing lets the server drain exactly
        // the declared length (InputStream.skip would bypass its accounting and stall the connection).
        body.close();
    }

    /** Reads and drops what is left of a refused body, up to {@value #DRAIN_LIMIT} bytes, then closes it. */
    private static void drain(final InputStream body) throws IOException {
        final byte[] buffer = new byte[64 * 1024];
        long left = DRAIN_LIMIT;
        int n;
        while (left > 0 && (n = body.read(buffer, 0, (int) Math.min(buffer.length, left))) > 0) {
            left -= n;
        }
        body.close();
    }

    private static ThreadFactory threadFactory() {
        final AtomicInteger n = new AtomicInteger();
        return r -> {
            final Thread t = new Thread(r, "vigie-http-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        };
    }
}
