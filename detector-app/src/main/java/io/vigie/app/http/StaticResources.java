package io.vigie.app.http;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The status page's files, read from the classpath under {@code status/}. Only the names of a fixed
 * allow-list are served: a request path is looked up, never joined to a directory, so {@code ..},
 * encoded slashes or other jar entries cannot be reached.
 */
final class StaticResources {

    /** Served with every file: the page loads nothing but its own script and style, and only calls this origin. */
    static final String CONTENT_SECURITY_POLICY = "default-src 'none'; script-src 'self'; style-src 'self'; "
            + "connect-src 'self'; img-src 'self'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";

    /** Request path to classpath name and content type. */
    private static final Map<String, Asset> ASSETS = Map.of(
            "/", new Asset("status/index.html", "text/html; charset=utf-8"),
            "/status/", new Asset("status/index.html", "text/html; charset=utf-8"),
            "/status/index.html", new Asset("status/index.html", "text/html; charset=utf-8"),
            "/status/status.css", new Asset("status/status.css", "text/css; charset=utf-8"),
            "/status/status.js", new Asset("status/status.js", "text/javascript; charset=utf-8"));

    /** A file of the page. */
    record Asset(String resource, String contentType) {}

    /** A file's bytes, with its content type. */
    record Content(byte[] body, String contentType) {}

    private final Map<String, Content> loaded = new ConcurrentHashMap<>();

    /** Whether the path is the page's (served here, even when the file is missing: then 404). */
    static boolean claims(final String path) {
        return "/".equals(path) || path.startsWith("/status/") || "/status".equals(path);
    }

    /** The file for an exact request path, empty when it is not on the allow-list. */
    Optional<Content> get(final String path) {
        final Asset asset = ASSETS.get(path);
        if (asset == null) {
            return Optional.empty();
        }
        return Optional.of(loaded.computeIfAbsent(path, p -> load(asset)));
    }

    private static Content load(final Asset asset) {
        try (InputStream in = StaticResources.class.getClassLoader().getResourceAsStream(asset.resource())) {
            if (in == null) {
                throw new IllegalStateException("status page file missing from the jar: " + asset.resource());
            }
            return new Content(in.readAllBytes(), asset.contentType());
        } catch (final IOException e) {
            throw new UncheckedIOException("cannot read " + asset.resource(), e);
        }
    }
}
