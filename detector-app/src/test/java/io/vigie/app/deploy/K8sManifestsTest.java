package io.vigie.app.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.vigie.app.config.VigieConfig;
import io.vigie.app.deploy.KubernetesManifests.Manifest;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** deploy/k8s: valid for the Kubernetes API, and consistent with the image and with Vigie's configuration. */
class K8sManifestsTest {

    @TempDir
    Path dir;

    @Test
    void shouldBeValidKubernetesObjects() throws IOException {
        final List<Manifest> all = KubernetesManifests.all();
        assertThat(all)
                .extracting(Manifest::kind)
                .contains("Namespace", "ConfigMap", "Secret", "StatefulSet", "Service", "PodDisruptionBudget");
        for (final Manifest manifest : all) {
            assertThatCode(() -> KubernetesManifests.validate(manifest.node()))
                    .as("%s in %s", manifest.name(), manifest.file())
                    .doesNotThrowAnyException();
        }
    }

    /** The validator must refuse what the API server refuses, or the test above proves nothing. */
    @ParameterizedTest(name = "{0}")
    @CsvSource(
            delimiter = '|',
            value = {
                "a misspelt field|/spec|replica|2|replica",
                "a misspelt nested field|/spec/template/spec/containers/0/livenessProbe/httpGet|pth|/health|pth",
                "a number as text|/spec|replicas|two|two",
                "a malformed quantity|/spec/template/spec/containers/0/resources/limits|memory|lots|lots",
                "a probe port that is no port name|/spec/template/spec/containers/0/livenessProbe/httpGet|port|x y|x y",
                "a probe port naming no container port|/spec/template/spec/containers/0/readinessProbe/httpGet|port|metrics"
                        + "|metrics",
            })
    void shouldRefuseAStatefulSetWith(
            final String what, final String pointer, final String field, final String value, final String named)
            throws IOException {
        final JsonNode statefulSet =
                KubernetesManifests.only("StatefulSet", "vigie").node().deepCopy();
        final ObjectNode parent = (ObjectNode) statefulSet.at(pointer);
        assertThat(parent.isMissingNode()).as(pointer).isFalse();
        parent.put(field, value);
        if ("replica".equals(field)) {
            parent.put(field, Integer.parseInt(value));
        }
        assertThatThrownBy(() -> KubernetesManifests.validate(statefulSet))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(named);
    }

    @Test
    void shouldRefuseAnUnknownKindAndAMissingRequiredField() throws IOException {
        final ObjectNode service =
                (ObjectNode) KubernetesManifests.only("Service", "vigie").node().deepCopy();
        service.put("kind", "Servise");
        assertThatThrownBy(() -> KubernetesManifests.validate(service)).hasMessageContaining("Servise");
        final ObjectNode statefulSet = (ObjectNode)
                KubernetesManifests.only("StatefulSet", "vigie").node().deepCopy();
        ((ObjectNode) statefulSet.at("/spec")).remove("selector");
        assertThatThrownBy(() -> KubernetesManifests.validate(statefulSet)).hasMessageContaining("selector");
    }

    @Test
    void shouldLoadTheConfigMapWithVigiesLoaderPointingAtAnExternalCluster() throws IOException {
        final VigieConfig config = configMapConfig();
        assertThat(config.kafka().embedded())
                .as("no embedded broker in Kubernetes")
                .isFalse();
        assertThat(config.kafka().bootstrapServers()).isNotBlank();
        assertThat(config.http().apiToken()).as("the token comes from a Secret").isEmpty();
        assertThat((int) config.topics().replicationFactor()).isGreaterThanOrEqualTo(3);
        // the secrets the StatefulSet passes are keys Vigie knows (an unknown VIGIE_ variable stops the start-up)
        final Map<String, String> env = new HashMap<>();
        for (final JsonNode variable : container().path("env")) {
            env.put(variable.path("name").asText(), "x");
        }
        assertThat(env).containsKeys("VIGIE_HTTP_API_TOKEN", "VIGIE_HTTP_READ_TOKEN");
        assertThatCode(() -> VigieConfig.load(configMapFile(), env)).doesNotThrowAnyException();
    }

    @Test
    void shouldProbeScrapeAndServeTheConfiguredHttpPort() throws IOException {
        final int port = configMapConfig().http().port();
        final JsonNode container = container();
        for (final String probe : List.of("startupProbe", "readinessProbe", "livenessProbe")) {
            final JsonNode httpGet = container.path(probe).path("httpGet");
            assertThat(httpGet.path("path").asText()).as(probe).isEqualTo("/health");
            assertThat(KubernetesManifests.resolvePort(container, httpGet.path("port")))
                    .as(probe)
                    .isEqualTo(port);
        }
        final JsonNode annotations = statefulSet().at("/spec/template/metadata/annotations");
        assertThat(annotations.path("prometheus.io/scrape").asText()).isEqualTo("true");
        assertThat(annotations.path("prometheus.io/path").asText()).isEqualTo("/metrics");
        assertThat(annotations.path("prometheus.io/port").asText()).isEqualTo(Integer.toString(port));
        for (final String service : List.of("vigie", "vigie-headless")) {
            final JsonNode servicePort =
                    KubernetesManifests.only("Service", service).node().at("/spec/ports/0");
            assertThat(KubernetesManifests.resolvePort(container, servicePort.path("targetPort")))
                    .as(service)
                    .isEqualTo(port);
        }
    }

    @Test
    void shouldRunReplicasOfOneApplicationWithStateOnTheirOwnVolumes() throws IOException {
        final JsonNode spec = statefulSet().path("spec");
        assertThat(spec.path("replicas").asInt()).isGreaterThanOrEqualTo(2);
        assertThat(spec.path("podManagementPolicy").asText()).isEqualTo("Parallel");
        final JsonNode governing = KubernetesManifests.only(
                        "Service", spec.path("serviceName").asText())
                .node();
        assertThat(governing.at("/spec/clusterIP").asText())
                .as("the governing Service is headless")
                .isEqualTo("None");
        // one application id for all: it is in the shared ConfigMap, and no variable overrides it per pod
        assertThat(configMapConfig().applicationId()).isNotBlank();
        assertThat(container().path("env").findValuesAsText("name")).doesNotContain("VIGIE_APPLICATION_ID");

        final VigieConfig config = configMapConfig();
        final String claim = spec.at("/volumeClaimTemplates/0/metadata/name").asText();
        assertThat(mountPath(claim))
                .as("the claim holds data-dir")
                .isEqualTo(config.dataDir().toString());
        final String configPath = Dockerfile.read().execForm("CMD").get(2);
        assertThat(mountPath("config"))
                .as("the ConfigMap is where the image's CMD reads it")
                .isEqualTo(configPath);
    }

    @Test
    void shouldRunAsTheImagesNonRootUserOnAReadOnlyRootFileSystem() throws IOException {
        final JsonNode pod = statefulSet().at("/spec/template/spec/securityContext");
        assertThat(pod.path("runAsNonRoot").asBoolean()).isTrue();
        final String imageUser = Dockerfile.read().finalStage().stream()
                .filter(i -> "USER".equals(i.keyword()))
                .reduce((a, b) -> b)
                .orElseThrow()
                .arguments();
        assertThat(imageUser)
                .isEqualTo(pod.path("runAsUser").asText() + ":"
                        + pod.path("runAsGroup").asText());
        final JsonNode container = container().path("securityContext");
        assertThat(container.path("readOnlyRootFilesystem").asBoolean()).isTrue();
        assertThat(container.path("allowPrivilegeEscalation").asBoolean(true)).isFalse();
        assertThat(mountPath("tmp"))
                .as("RocksDB needs a writable java.io.tmpdir")
                .isEqualTo("/tmp");
    }

    @Test
    void shouldSelectThePodsFromEveryServiceAndTheDisruptionBudget() throws IOException {
        final JsonNode labels = statefulSet().at("/spec/template/metadata/labels");
        final List<JsonNode> selectors = new ArrayList<>(List.of(
                statefulSet().at("/spec/selector/matchLabels"),
                KubernetesManifests.only("PodDisruptionBudget", "vigie").node().at("/spec/selector/matchLabels"),
                KubernetesManifests.only("Service", "vigie").node().at("/spec/selector"),
                KubernetesManifests.only("Service", "vigie-headless").node().at("/spec/selector")));
        for (final JsonNode selector : selectors) {
            assertThat(selector.size()).isPositive();
            selector.fields()
                    .forEachRemaining(e -> assertThat(labels.path(e.getKey()).asText())
                            .isEqualTo(e.getValue().asText()));
        }
    }

    @Test
    void shouldApplyEveryManifestButTheSecretExampleThroughKustomize() throws IOException {
        final JsonNode kustomization = KubernetesManifests.YAML.readTree(KubernetesManifests.DIR
                .resolve(KubernetesManifests.KUSTOMIZATION)
                .toFile());
        assertThat(kustomization.path("kind").asText()).isEqualTo("Kustomization");
        final List<String> expected = KubernetesManifests.files().stream()
                .map(f -> f.getFileName().toString())
                .filter(name -> !name.equals("secret.example.yaml"))
                .sorted()
                .toList();
        final List<String> resources = new ArrayList<>();
        kustomization.path("resources").forEach(r -> resources.add(r.asText()));
        assertThat(resources).containsExactlyInAnyOrderElementsOf(expected);
        assertThat(kustomization.path("namespace").asText())
                .isEqualTo(KubernetesManifests.only("Namespace", "vigie").name());
        for (final Manifest secret : KubernetesManifests.read(KubernetesManifests.DIR.resolve("secret.example.yaml"))) {
            secret.node()
                    .path("stringData")
                    .forEach(value -> assertThat(value.asText()).contains("REPLACE"));
        }
    }

    private static JsonNode statefulSet() throws IOException {
        return KubernetesManifests.only("StatefulSet", "vigie").node();
    }

    private static JsonNode container() throws IOException {
        return statefulSet().at("/spec/template/spec/containers/0");
    }

    private static String mountPath(final String volume) throws IOException {
        for (final JsonNode mount : container().path("volumeMounts")) {
            if (volume.equals(mount.path("name").asText())) {
                return mount.path("mountPath").asText();
            }
        }
        throw new AssertionError("no mount of volume " + volume);
    }

    private Path configMapFile() throws IOException {
        final Path file = dir.resolve("vigie.yaml");
        Files.writeString(
                file,
                KubernetesManifests.only("ConfigMap", "vigie-config")
                        .node()
                        .at("/data")
                        .path("vigie.yaml")
                        .asText(),
                StandardCharsets.UTF_8);
        return file;
    }

    private VigieConfig configMapConfig() throws IOException {
        return VigieConfig.load(configMapFile(), Map.of("VIGIE_HTTP_READ_TOKEN", "t"));
    }
}
