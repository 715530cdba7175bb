package io.vigie.app.deploy;

import static io.vigie.app.deploy.ComposeFileTest.COMPOSE;
import static io.vigie.app.deploy.ComposeFileTest.DIR;
import static org.assertj.core.api.Assertions.assertThat;

import io.vigie.app.RequiredTool;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * deploy/compose through the real tools: {@code docker-compose config} (Debian's docker-compose, which needs no
 * engine to read a file) accepts it and refuses a broken copy; promtool accepts its scrape configuration.
 */
class ComposeFileIT {

    private static final String REQUIRE_COMPOSE = "VIGIE_REQUIRE_COMPOSE";
    private static final String REQUIRE_PROMETHEUS = "VIGIE_REQUIRE_PROMETHEUS";

    @TempDir
    Path dir;

    @Test
    void shouldBeAcceptedByDockerCompose() throws Exception {
        final Path dockerCompose = require("/usr/bin/docker-compose", REQUIRE_COMPOSE, "docker-compose");
        final Result result =
                run(DIR, dockerCompose.toString(), "-f", COMPOSE.getFileName().toString(), "config", "-q");
        assertThat(result.code()).as(result.output()).isZero();
    }

    /** docker-compose must refuse what Docker Compose refuses, or the test above proves nothing. */
    @Test
    void shouldBeRefusedByDockerComposeWithAMisspeltKeyOrAWrongCondition() throws Exception {
        final Path dockerCompose = require("/usr/bin/docker-compose", REQUIRE_COMPOSE, "docker-compose");
        final String original = Files.readString(COMPOSE, StandardCharsets.UTF_8);
        final Path copy = Files.createDirectories(dir.resolve("deploy/compose"));
        // the copy itself is accepted (its build context ../.. exists), so each refusal is the broken key's
        Files.writeString(copy.resolve("compose.yaml"), original, StandardCharsets.UTF_8);
        final Result control = run(copy, dockerCompose.toString(), "-f", "compose.yaml", "config", "-q");
        assertThat(control.code()).as(control.output()).isZero();
        for (final Map.Entry<String, String> broken : Map.of(
                        "stop_grace_period: 30s", "stop_grace_periode: 30s",
                        "condition: service_healthy", "condition: healthy",
                        "read_only: true", "read_only: sometimes")
                .entrySet()) {
            assertThat(original).contains(broken.getKey());
            Files.writeString(
                    copy.resolve("compose.yaml"),
                    original.replace(broken.getKey(), broken.getValue()),
                    StandardCharsets.UTF_8);
            final Result result = run(copy, dockerCompose.toString(), "-f", "compose.yaml", "config", "-q");
            assertThat(result.code())
                    .as("%s accepted: %s", broken.getValue(), result.output())
                    .isNotZero();
        }
    }

    @Test
    void shouldPassPromtoolOnTheComposeScrapeConfig() throws Exception {
        final Path promtool = require("/usr/bin/promtool", REQUIRE_PROMETHEUS, "prometheus");
        final Path config = dir.resolve("prometheus.yml");
        final Path token = Files.writeString(dir.resolve("vigie-read-token"), "t", StandardCharsets.UTF_8);
        Files.writeString(
                config,
                Files.readString(DIR.resolve("prometheus.yml"), StandardCharsets.UTF_8)
                        .replace(
                                "/etc/prometheus/vigie-rules.yml",
                                Path.of("../deploy/prometheus/vigie-rules.yml")
                                        .toAbsolutePath()
                                        .normalize()
                                        .toString())
                        .replace("/etc/prometheus/secrets/vigie-read-token", token.toString()),
                StandardCharsets.UTF_8);
        final Result result = run(dir, promtool.toString(), "check", "config", config.toString());
        assertThat(result.code()).as(result.output()).isZero();
        assertThat(result.output()).contains("SUCCESS");
    }

    private static Path require(final String binary, final String requireEnv, final String debianPackage) {
        return RequiredTool.require(Path.of(binary), requireEnv, debianPackage);
    }

    private record Result(int code, String output) {}

    private static Result run(final Path workDir, final String... command) throws IOException, InterruptedException {
        final ProcessBuilder builder =
                new ProcessBuilder(command).directory(workDir.toFile()).redirectErrorStream(true);
        // compose substitutes ${VAR} from the environment: only the .env next to the file, as a fresh shell has
        builder.environment()
                .keySet()
                .removeIf(
                        name -> name.startsWith("VIGIE_") || name.startsWith("COMPOSE_") || name.startsWith("DOCKER_"));
        final Process process = builder.start();
        final String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(60, TimeUnit.SECONDS))
                .as("%s finished", List.of(command))
                .isTrue();
        return new Result(process.exitValue(), output);
    }
}
