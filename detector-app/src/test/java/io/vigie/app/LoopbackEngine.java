package io.vigie.app;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/** The configuration of an engine a test starts: its own data directory, broker and HTTP on loopback ports. */
public final class LoopbackEngine {

    private LoopbackEngine() {}

    /**
     * {@code VIGIE_*} variables for an engine in {@code dataDir}, its embedded broker and HTTP server on free loopback
     * ports, plus the test's own.
     *
     * @return a mutable map, for tests that add keys later
     */
    public static Map<String, String> env(final Path dataDir, final Map<String, String> extra) {
        final Map<String, String> env = new HashMap<>(Map.of(
                "VIGIE_DATA_DIR", dataDir.toString(),
                "VIGIE_KAFKA_EMBEDDED_LISTENER", "127.0.0.1:0",
                "VIGIE_KAFKA_EMBEDDED_CONTROLLER_PORT", "0",
                "VIGIE_HTTP_BIND", "127.0.0.1",
                "VIGIE_HTTP_PORT", "0"));
        env.putAll(extra);
        return env;
    }
}
