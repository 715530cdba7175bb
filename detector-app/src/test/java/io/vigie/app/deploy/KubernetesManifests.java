package io.vigie.app.deploy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.kubernetes.client.openapi.JSON;
import io.kubernetes.client.openapi.models.V1ConfigMap;
import io.kubernetes.client.openapi.models.V1Namespace;
import io.kubernetes.client.openapi.models.V1PodDisruptionBudget;
import io.kubernetes.client.openapi.models.V1Secret;
import io.kubernetes.client.openapi.models.V1Service;
import io.kubernetes.client.openapi.models.V1StatefulSet;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The manifests of {@code deploy/k8s}, checked as the API server would check them, without a cluster: each
 * document is read by the Kubernetes Java client's models (generated from Kubernetes' OpenAPI spec), whose reader
 * refuses a field the schema does not have, a value of the wrong type, a missing required field and a malformed
 * quantity — what {@code kubectl apply} with strict field validation refuses. On top, the named-port rule the
 * API server enforces and the schema cannot express: a probe's port is a declared container port.
 */
final class KubernetesManifests {

    static final Path DIR = Path.of("../deploy/k8s");
    static final String KUSTOMIZATION = "kustomization.yaml";
    static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

    /** The API objects the manifests may hold: apiVersion/kind to the model that knows their schema. */
    private static final Map<String, Class<?>> MODELS = Map.of(
            "v1/Namespace", V1Namespace.class,
            "v1/ConfigMap", V1ConfigMap.class,
            "v1/Secret", V1Secret.class,
            "v1/Service", V1Service.class,
            "apps/v1/StatefulSet", V1StatefulSet.class,
            "policy/v1/PodDisruptionBudget", V1PodDisruptionBudget.class);

    /** Kubernetes' IANA_SVC_NAME: what a named port must look like. */
    private static final Pattern PORT_NAME = Pattern.compile("^(?=.*[a-z])(?!.*--)[a-z0-9]([a-z0-9-]{0,13}[a-z0-9])?$");

    /** One document of one file. */
    record Manifest(Path file, JsonNode node) {
        String kind() {
            return node.path("kind").asText();
        }

        String name() {
            return node.path("metadata").path("name").asText();
        }
    }

    private KubernetesManifests() {}

    /** Every manifest file of the directory (not the kustomization, which is kustomize's, not the API's). */
    static List<Path> files() throws IOException {
        try (Stream<Path> files = Files.list(DIR)) {
            return files.filter(f -> f.toString().endsWith(".yaml"))
                    .filter(f -> !f.getFileName().toString().equals(KUSTOMIZATION))
                    .sorted()
                    .toList();
        }
    }

    static List<Manifest> read(final Path file) throws IOException {
        final List<Manifest> manifests = new ArrayList<>();
        try (MappingIterator<JsonNode> documents =
                YAML.readerFor(JsonNode.class).readValues(file.toFile())) {
            while (documents.hasNext()) {
                final JsonNode document = documents.next();
                if (document != null && !document.isNull() && !document.isMissingNode()) {
                    manifests.add(new Manifest(file, document));
                }
            }
        }
        return manifests;
    }

    static List<Manifest> all() throws IOException {
        final List<Manifest> all = new ArrayList<>();
        for (final Path file : files()) {
            all.addAll(read(file));
        }
        return all;
    }

    static Manifest only(final String kind, final String name) throws IOException {
        return all().stream()
                .filter(m -> m.kind().equals(kind) && m.name().equals(name))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no " + kind + " " + name + " in " + DIR));
    }

    /**
     * @throws IllegalArgumentException naming what the API server would refuse
     */
    static void validate(final JsonNode document) {
        final String type = document.path("apiVersion").asText() + "/"
                + document.path("kind").asText();
        final Class<?> model = MODELS.get(type);
        if (model == null) {
            throw new IllegalArgumentException("unknown apiVersion/kind " + type);
        }
        if (document.path("metadata").path("name").asText().isEmpty()) {
            throw new IllegalArgumentException(type + " without metadata.name");
        }
        try {
            new JSON().deserialize(document.toString(), model);
        } catch (final RuntimeException e) {
            // Gson's JsonSyntaxException, the models' IllegalArgumentException, QuantityFormatException...
            throw new IllegalArgumentException(
                    type + " " + document.path("metadata").path("name").asText() + ": " + e.getMessage(), e);
        }
        final JsonNode podSpec = podSpec(document);
        if (podSpec != null) {
            checkProbePorts(podSpec);
        }
    }

    /** The pod template's spec of a workload, or null. */
    static JsonNode podSpec(final JsonNode document) {
        final JsonNode spec = document.path("spec").path("template").path("spec");
        return spec.isObject() ? spec : null;
    }

    /** The container port a probe or Service port refers to, by number or by name. */
    static int resolvePort(final JsonNode container, final JsonNode port) {
        if (port.isInt()) {
            return port.asInt();
        }
        final String name = port.asText();
        if (!PORT_NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("port '" + name + "' is neither a number nor a valid port name "
                    + "(IANA_SVC_NAME: at most 15 lower-case letters, digits and '-')");
        }
        for (final JsonNode declared : container.path("ports")) {
            if (name.equals(declared.path("name").asText())) {
                return declared.path("containerPort").asInt();
            }
        }
        throw new IllegalArgumentException("port '" + name + "' names no port of container "
                + container.path("name").asText());
    }

    private static void checkProbePorts(final JsonNode podSpec) {
        for (final JsonNode container : podSpec.path("containers")) {
            for (final String probe : List.of("startupProbe", "readinessProbe", "livenessProbe")) {
                final JsonNode httpGet = container.path(probe).path("httpGet");
                if (httpGet.isObject()) {
                    resolvePort(container, httpGet.path("port"));
                }
            }
        }
    }
}
