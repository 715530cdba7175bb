package io.vigie.app.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.vigie.app.config.VigieConfig;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * deploy/compose, read as files: Vigie's own loader reads its vigie.yaml; its Prometheus and Grafana files differ
 * from deploy/prometheus and deploy/grafana only by the compose service names. {@link ComposeFileIT} has
 * docker-compose and promtool check it.
 */
class ComposeFileTest {

    static final Path DIR = Path.of("../deploy/compose");
    static final Path COMPOSE = DIR.resolve("compose.yaml");

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
        assertThat(compose.at("/services/kafka/environment/KAFKA_ADVERTISED_LISTENERS")
                        .asText())
                .as("the broker advertises the address Vigie bootstraps from")
                .contains("://" + config.kafka().bootstrapServers());
        assertThat(config.http().port())
                .as("the image's EXPOSE and HEALTHCHECK port")
                .isEqualTo(8080);
        assertThat(vigie.path("ports").toString())
                .contains(config.http().port() + ":" + config.http().port());
        assertThat(config.dataDir().toString()).isEqualTo(mountOf(vigie, null, "vigie-state"));
        assertThat(Dockerfile.read().execForm("CMD")).contains("/etc/vigie/vigie.yaml");
        assertThat(vigie.at("/depends_on/kafka/condition").asText()).isEqualTo("service_healthy");
        assertThat(vigie.at("/build/dockerfile").asText()).isEqualTo("deploy/docker/Dockerfile");
        assertThat(DIR.resolve(vigie.at("/build/context").asText())
                        .resolve(vigie.at("/build/dockerfile").asText()))
                .isRegularFile();
        // the variables compose passes are keys Vigie knows (an unknown VIGIE_ variable stops the start-up)
        final Map<String, String> env = new HashMap<>();
        vigie.path("environment").fieldNames().forEachRemaining(name -> env.put(name, "x"));
        assertThat(VigieConfig.load(DIR.resolve(configMount), env).http().apiToken())
                .isEqualTo("x");
        assertThat(VigieConfig.load(DIR.resolve(configMount), env).http().readToken())
                .isEqualTo("x");
    }

    @Test
    void shouldPinEveryImageAndMountOnlyFilesThatExist() throws IOException {
        final JsonNode services =
                KubernetesManifests.YAML.readTree(COMPOSE.toFile()).path("services");
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
                    assertThat(DIR.resolve(source))
                            .as("%s mounts %s", name, source)
                            .exists();
                }
            }
        }
    }

    @Test
    void shouldDifferFromTheSharedPrometheusAndGrafanaFilesOnlyByServiceNames() throws IOException {
        final JsonNode scrape =
                KubernetesManifests.YAML.readTree(DIR.resolve("prometheus.yml").toFile());
        final JsonNode shared = KubernetesManifests.YAML
                .readTree(Path.of("../deploy/prometheus/prometheus.yml").toFile())
                .deepCopy();
        ((ObjectNode) shared.at("/scrape_configs/0/static_configs/0"))
                .putArray("targets")
                .add("vigie:8080");
        ((ObjectNode) shared.at("/scrape_configs/0"))
                .putObject("authorization")
                .put("credentials_file", "/etc/prometheus/secrets/vigie-read-token");
        assertThat(scrape).isEqualTo(shared);

        final JsonNode datasource = KubernetesManifests.YAML.readTree(
                DIR.resolve("grafana-datasource.yaml").toFile());
        final JsonNode sharedDatasource = KubernetesManifests.YAML
                .readTree(Path.of("../deploy/grafana/provisioning/datasources/prometheus.yaml")
                        .toFile())
                .deepCopy();
        ((ObjectNode) sharedDatasource.at("/datasources/0")).put("url", "http://prometheus:9090");
        assertThat(datasource).isEqualTo(sharedDatasource);
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
}
