package io.vigie.app.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import io.vigie.app.EngineHttp;
import io.vigie.app.LoopbackServers;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The image's command line, run outside Docker (no engine here) on the jar {@code mvn package} just built: the
 * Dockerfile's ENTRYPOINT and CMD as they are, with the image's paths mapped to the files they are copied from,
 * the image's own default configuration, and only ports and directories moved by VIGIE_* variables. Then the
 * Dockerfile's HEALTHCHECK command must pass against it, and SIGTERM (what {@code docker stop} sends) must stop
 * it cleanly. Runs in the integration-test phase, after package.
 */
@Timeout(300)
class DockerImageIT {

    /** Where the Dockerfile's build stage leaves the jar, relative to the repository root. */
    private static final Path ROOT = Path.of("..");

    private static final Duration UP_WITHIN = Duration.ofSeconds(120);
    /** Exit code of a JVM stopped by SIGTERM (128 + 15): Vigie's documented clean stop. */
    private static final int SIGTERM_EXIT = 143;

    @TempDir
    Path dir;

    @Test
    void shouldCopyTheJarThatTheBuildProduces() throws IOException {
        final Dockerfile dockerfile = Dockerfile.read();
        assertThat(ROOT.resolve(jarInBuildStage(dockerfile)))
                .as("the jar mvn package built")
                .isRegularFile();
    }

    @Test
    void shouldServeHealthPassTheHealthCheckAndStopCleanlyOnSigtermWhenRunAsTheImageRunsIt() throws Exception {
        final Dockerfile dockerfile = Dockerfile.read();
        final List<String> command = new ArrayList<>();
        for (final String argument : concat(dockerfile.execForm("ENTRYPOINT"), dockerfile.execForm("CMD"))) {
            command.add(hostPath(dockerfile, argument));
        }
        assertThat(command)
                .as("the image runs java -jar on the jar and vigie run on a config")
                .contains("-jar", "run", "--config");
        final int httpPort = LoopbackServers.freePort();
        final Path data = Files.createDirectories(dir.resolve("state"));
        final Path log = dir.resolve("vigie.log");
        final ProcessBuilder builder = new ProcessBuilder(command)
                .directory(data.toFile())
                .redirectErrorStream(true)
                .redirectOutput(log.toFile());
        // The build's own VIGIE_REQUIRE_* switches would be unknown keys to Vigie: only the test's variables.
        builder.environment().keySet().removeIf(name -> name.startsWith("VIGIE_"));
        builder.environment()
                .putAll(Map.of(
                        "VIGIE_DATA_DIR", data.toString(),
                        "VIGIE_KAFKA_EMBEDDED_LISTENER", "127.0.0.1:0",
                        "VIGIE_KAFKA_EMBEDDED_CONTROLLER_PORT", "0",
                        "VIGIE_HTTP_BIND", "127.0.0.1",
                        "VIGIE_HTTP_PORT", Integer.toString(httpPort)));
        final List<String> healthCheck = healthCheckOn(dockerfile, httpPort);

        final Process vigie = builder.start();
        try {
            EngineHttp.poll(
                    () -> healthStatus(vigie, httpPort, log),
                    status -> status == 200,
                    UP_WITHIN,
                    "/health never answered 200 (log: " + log + ")");
            assertThat(run(healthCheck))
                    .as("the Dockerfile's HEALTHCHECK against the running jar")
                    .isZero();

            vigie.destroy(); // SIGTERM
            assertThat(vigie.waitFor(60, TimeUnit.SECONDS))
                    .as("stopped within 60 s of SIGTERM")
                    .isTrue();
            final String output = Files.readString(log, StandardCharsets.UTF_8);
            assertThat(vigie.exitValue()).as(output).isEqualTo(SIGTERM_EXIT);
            assertThat(output).contains("Vigie stopped").doesNotContain(" ERROR ");
        } finally {
            vigie.destroyForcibly();
        }
    }

    @Test
    void shouldFailTheHealthCheckWhenHealthAnswers503OrNothingListens() throws Exception {
        final Dockerfile dockerfile = Dockerfile.read();
        final HttpServer rebalancing = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        rebalancing.createContext("/health", exchange -> {
            final byte[] body = "{\"status\":\"REBALANCING\"}".getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(503, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        rebalancing.start();
        try {
            assertThat(run(healthCheckOn(dockerfile, rebalancing.getAddress().getPort())))
                    .isNotZero();
        } finally {
            rebalancing.stop(0);
        }
        assertThat(run(healthCheckOn(dockerfile, LoopbackServers.freePort()))).isNotZero();
    }

    /** The Dockerfile's HEALTHCHECK command, aimed at {@code port} instead of the image's 8080. */
    private static List<String> healthCheckOn(final Dockerfile dockerfile, final int port) {
        final List<String> command = dockerfile.healthCheckCommand();
        assertThat(String.join(" ", command)).contains("/health").contains("127.0.0.1/8080");
        return command.stream()
                .map(part -> part.replace("127.0.0.1/8080", "127.0.0.1/" + port))
                .toList();
    }

    /** An image path mapped to the repository file it is copied from; other arguments unchanged. */
    private static String hostPath(final Dockerfile dockerfile, final String argument) {
        if ("java".equals(argument)) {
            return Path.of(System.getProperty("java.home"), "bin", "java").toString();
        }
        if (argument.equals(Dockerfile.JAR_IN_IMAGE)) {
            return ROOT.resolve(jarInBuildStage(dockerfile))
                    .toAbsolutePath()
                    .normalize()
                    .toString();
        }
        return dockerfile
                .contextSourceOf(argument)
                .map(source -> ROOT.resolve(source).toAbsolutePath().normalize().toString())
                .orElse(argument);
    }

    /** The jar's path in the repository: the build stage's COPY source, relative to the build stage's WORKDIR. */
    static String jarInBuildStage(final Dockerfile dockerfile) {
        final String source = dockerfile
                .copySourceFromStage(Dockerfile.JAR_IN_IMAGE)
                .orElseThrow(() -> new AssertionError("no COPY --from=... " + Dockerfile.JAR_IN_IMAGE));
        final String workdir =
                dockerfile.buildWorkdir().endsWith("/") ? dockerfile.buildWorkdir() : dockerfile.buildWorkdir() + "/";
        assertThat(source)
                .as("the jar is copied from the build stage's WORKDIR")
                .startsWith(workdir);
        return source.substring(workdir.length());
    }

    private static int healthStatus(final Process vigie, final int port, final Path log) throws Exception {
        if (!vigie.isAlive()) {
            throw new AssertionError(
                    "vigie exited with " + vigie.exitValue() + ":\n" + Files.readString(log, StandardCharsets.UTF_8));
        }
        try {
            return HttpClient.newHttpClient()
                    .send(
                            HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/health"))
                                    .timeout(Duration.ofSeconds(5))
                                    .build(),
                            HttpResponse.BodyHandlers.discarding())
                    .statusCode();
        } catch (final IOException e) {
            return -1; // not listening yet
        }
    }

    private static int run(final List<String> command) throws IOException, InterruptedException {
        final Process process = new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                .start();
        assertThat(process.waitFor(30, TimeUnit.SECONDS))
                .as("%s finished", command)
                .isTrue();
        return process.exitValue();
    }

    private static List<String> concat(final List<String> first, final List<String> second) {
        final List<String> all = new ArrayList<>(first);
        all.addAll(second);
        return all;
    }
}
