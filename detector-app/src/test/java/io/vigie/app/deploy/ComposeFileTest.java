package io.vigie.app.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.vigie.app.RequiredTool;
import io.vigie.app.config.VigieConfig;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * deploy/compose: {@code docker-compose config} (Debian's docker-compose, which needs no engine to read a file)
 * accepts it and refuses a broken copy; Vigie's own loader reads its vigie.yaml; its Prometheus and Grafana files
 * differ from deploy/prometheus and deploy/grafana only by the compose service names; promtool accepts its
 * scrape configuration.
 */
class ComposeFileTest {

    static final Path DIR = Path.of("../deploy/compose");
    private static final Path COMPOSE = DIR.resolve("compose.yaml");
    private static final String REQUIRE_COMPOSE = "VIGIE_REQUIRE_COMPOSE";
    private static final String REQUIRE_PROMETHEUS = "VIGIE_REQUIRE_PROMETHEUS";

    @TempDir
    Path dir;

    @Test
    void shouldBeAcceptedByDockerCompose() throws Exception {
        final Path dockerCompose = require("/usr/bin/docker-compose", REQUIRE_COMPOSE, "docker-compose");
        final Result result = run(DIR, dockerCompose.toString(), "-f", COMPOSE.getFileName().toString(), "config",
                "-q");
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
                "read_only: true", "read_only: sometimes").entrySet()) {
            assertThat(original).contains(broken.getKey());
            Files.writeString(copy.resolve("compose.yaml"), original.replace(broken.getKey(), broken.getValue()),
                    StandardCharsets.UTF_8);
            final Result result = run(copy, dockerCompose.toString(), "-f", "compose.yaml", "config", "-q");
            assertThat(result.code()).as("%s accepted: %s", broken.getValue(), result.output()).isNotZero();
        }
    }

    @Test
    void shouldPointVigieAtTheComposeBrokerWithAConfigVigieLoads() throws IOException {
        final JsonNode compose = KubernetesManifests.YAML.readTree(COMPOSE.toFile());
        final JsonNode vigie = compose.at("/services/vigie");
        final String configMount = mountOf(vigie, "/etc/vigie/vigie.yaml");
        // the container listens on every interface: without the read token Vigie refuses to start
        assertThatThrownBy(() -> VigieConfig.load(DIR.resolve(configMount), Map.of()))
                .hasMessageContaining("http.read-token");
        final VigieConfig config = VigieConfig.load(DIR.resolve(configMount), Map.of("VIGIE_HTTP_READ_TOKEN", "t"));
        assertThat(config.kafka().embedded()).isFalse();
        assertThat(compose.at("/services/kafka/environment/KAFKA_ADVERTISED_LISTENERS").asText())
                .as("the broker advertises the address Vigie bootstraps from")
                .contains("://" + config.kafka().bootstrapServers());
        assertThat(config.http().port()).as("the image's EXPOSE and HEALTHCHECK port").isEqualTo(8080);
        assertThat(vigie.path("ports").toString()).contains(config.http().port() + ":" + config.http().port());
        assertThat(config.dataDir().toString()).isEqualTo(mountOf(vigie, null, "vigie-state"));
        assertThat(Dockerfile.read().execForm("CMD")).contains("/etc/vigie/vigie.yaml");
        assertThat(vigie.at("/depends_on/kafka/condition").asText()).isEqualTo("service_healthy");
        assertThat(vigie.at("/build/dockerfile").asText()).isEqualTo("deploy/docker/Dockerfile");
        assertThat(DIR.resolve(vigie.at("/build/context").asText()).resolve(vigie.at("/build/dockerfile").asText()))
                .isRegularFile();
        // the variables compose passes are keys Vigie knows (an unknown VIGIE_ variable stops the start-up)
        final Map<String, String> env = new HashMap<>();
        vigie.path("environment").fieldNames().forEachRemaining(name -> env.put(name, "x"));
        assertThat(VigieConfig.load(DIR.resolve(configMount), env).http().apiToken()).isEqualTo("x");
        assertThat(VigieConfig.load(DIR.resolve(configMount), env).http().readToken()).isEqualTo("x");
    }

    @Test
    void shouldPinEveryImageAndMountOnlyFilesThatExist() throws IOException {
        final JsonNode services = KubernetesManifests.YAML.readTree(COMPOSE.toFile()).path("services");
        final List<String> names = new ArrayList<>();
        services.fieldNames().forEachRemaining(names::add);
        assertThat(names).containsExactlyInAnyOrder("kafka", "vigie", "prometheus", "grafana");
        assertThat(services.at("/kafka/image").asText()).startsWith("apache/kafka:4.");
        for (final String name : names) {
            final String image = services.path(name).path("image").asText();
            assertThat(image).as(name).matches("[a-z0-9./-]+:[A-Za-z0-9._-]+").doesNotEndWith(":latest");
            for (final JsonNode volume : services.path(name).path("volumes")) {
                final String source = volume.asText().split(":")[0];
                if (source.startsWith(".")) {
                    assertThat(DIR.resolve(source)).as("%s mounts %s", name, source).exists();
                }
            }
        }
    }

    @Test
    void shouldDifferFromTheSharedPrometheusAndGrafanaFilesOnlyByServiceNames() throws IOException {
        final JsonNode scrape = KubernetesManifests.YAML.readTree(DIR.resolve("prometheus.yml").toFile());
        final JsonNode shared = KubernetesManifests.YAML.readTree(Path.of("../deploy/prometheus/prometheus.yml")
                .toFile()).deepCopy();
        ((ObjectNode) shared.at("/scrape_configs/0/static_configs/0")).putArray("targets").add("vigie:8080");
        ((ObjectNode) shared.at("/scrape_configs/0")).putObject("authorization")
                .put("credentials_file", "/etc/prometheus/secrets/vigie-read-token");
        assertThat(scrape).isEqualTo(shared);

        final JsonNode datasource = KubernetesManifests.YAML.readTree(DIR.resolve("grafana-datasource.yaml").toFile());
        final JsonNode sharedDatasource = KubernetesManifests.YAML.readTree(
                Path.of("../deploy/grafana/provisioning/datasources/prometheus.yaml").toFile()).deepCopy();
        ((ObjectNode) sharedDatasource.at("/datasources/0")).put("url", "http://prometheus:9090");
        assertThat(datasource).isEqualTo(sharedDatasource);
    }

    @Test
    void shouldPassPromtoolOnTheComposeScrapeConfig() throws Exception {
        final Path promtool = require("/usr/bin/promtool", REQUIRE_PROMETHEUS, "prometheus");
        final Path config = dir.resolve("prometheus.yml");
        final Path token = Files.writeString(dir.resolve("vigie-read-token"), "t", StandardCharsets.UTF_8);
        Files.writeString(config, Files.readString(DIR.resolve("prometheus.yml"), StandardCharsets.UTF_8)
                .replace("/etc/prometheus/vigie-rules.yml", Path.of("../deploy/prometheus/vigie-rules.yml")
                        .toAbsolutePath().normalize().toString())
                .replace("/etc/prometheus/secrets/vigie-read-token", token.toString()), StandardCharsets.UTF_8);
        final Result result = run(dir, promtool.toString(), "check", "config", config.toString());
        assertThat(result.code()).as(result.output()).isZero();
        assertThat(result.output()).contains("SUCCESS");
    }

    /** The host side of the service's volume whose container side is {@code target} (or named {@code named}). */
    private static String mountOf(final JsonNode service, final String target) {
        return mountOf(service, target, null);
    }

    private static String mountOf(final JsonNode service, final String target, final String named) {
        for (final JsonNode volume : service.path("volumes")) {
            final String[] parts = volume.asText().split(":");
            if (target != null && parts[1].equals(target)) {
                return parts[0];
            }
            if (named != null && parts[0].equals(named)) {
                return parts[1];
            }
        }
        throw new AssertionError("no volume " + (target != null ? target : named));
    }

    private static Path require(final String binary, final String requireEnv, final String debianPackage) {
        return RequiredTool.require(Path.of(binary), requireEnv, debianPackage);
    }

    private record Result(int code, String output) {
    }

    private static Result run(final Path workDir, final String... command) throws IOException, InterruptedException {
        final ProcessBuilder builder = new ProcessBuilder(command).directory(workDir.toFile()).redirectErrorStream(true);
        // compose substitutes ${VAR} from the environment: only the .env next to the file, as a fresh shell has
        builder.environment().keySet().removeIf(name -> name.startsWith("VIGIE_") || name.startsWith("COMPOSE_")
                || name.startsWith("DOCKER_"));
        final Process process = builder.start();
        final String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).as("%s finished", List.of(command)).isTrue();
        return new Result(process.exitValue(), output);
    }
}
