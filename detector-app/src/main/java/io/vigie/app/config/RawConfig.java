package io.vigie.app.config;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.vigie.app.config.ConfigKeys.Key;
import io.vigie.app.config.ConfigKeys.Shape;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The configuration as text, layered: defaults, then the YAML file, then the environment. Each value
 * remembers where it came from so that a validation error can say which file or variable to fix.
 */
final class RawConfig {

    /**
     * A value (a String, a List of String for list keys, a List of Map of String to String for mapping lists) and
     * where it came from.
     */
    record Value(Object value, String origin) {}

    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

    private final Map<String, Value> values = new LinkedHashMap<>();
    private final Map<String, Value> client = new TreeMap<>();
    /** Keys some reader asked for: a key of the table that none reads is documented but does nothing. */
    private final Set<String> read = ConcurrentHashMap.newKeySet();

    private RawConfig() {}

    static RawConfig load(final Path file, final Map<String, String> env) {
        final RawConfig raw = new RawConfig();
        for (final Key key : ConfigKeys.all()) {
            raw.values.put(key.path(), new Value(key.defaultValue(), "default"));
        }
        if (file != null) {
            raw.readYaml(file);
        }
        raw.readEnvironment(env);
        return raw;
    }

    /** A copy with one key set; the copy is what a derived configuration (another cluster) shows and reads. */
    RawConfig with(final String path, final Object value, final String origin) {
        final RawConfig copy = new RawConfig();
        copy.values.putAll(values);
        copy.client.putAll(client);
        copy.values.put(path, new Value(value, origin));
        return copy;
    }

    Value get(final String path) {
        read.add(path);
        return values.get(path);
    }

    /** The keys of the table no reader has asked for yet. */
    Set<String> unread() {
        final Set<String> unread = new TreeSet<>(values.keySet());
        unread.removeAll(read);
        return unread;
    }

    Map<String, Value> values() {
        return values;
    }

    Map<String, Value> client() {
        return client;
    }

    private void readYaml(final Path file) {
        if (!Files.isRegularFile(file)) {
            throw new InvalidConfigException("configuration file " + file + " does not exist or is not a file");
        }
        final JsonNode root;
        try {
            root = YAML.readTree(file.toFile());
        } catch (final IOException e) {
            throw new InvalidConfigException(
                    "configuration file " + file + " is not valid YAML: "
                            + e.getMessage().lines().findFirst().orElse(""),
                    e);
        }
        if (root == null || root.isMissingNode() || root.isNull()) {
            return;
        }
        if (!root.isObject()) {
            throw new InvalidConfigException("configuration file " + file + " must hold a mapping of keys");
        }
        walk(root, "", file.toString());
    }

    private void walk(final JsonNode node, final String prefix, final String origin) {
        for (final Map.Entry<String, JsonNode> field : node.properties()) {
            final String path = prefix.isEmpty() ? field.getKey() : prefix + "." + field.getKey();
            final JsonNode value = field.getValue();
            if (path.equals(ConfigKeys.CLIENT)) {
                readClient(value, "", origin);
                continue;
            }
            final Key key = ConfigKeys.get(path);
            if (key != null) {
                values.put(path, new Value(yamlValue(key, value, origin), origin));
            } else if (value.isObject() && ConfigKeys.isSection(path)) {
                walk(value, path, origin);
            } else {
                throw new InvalidConfigException("unknown configuration key '" + path + "' in " + origin);
            }
        }
    }

    private static Object yamlValue(final Key key, final JsonNode node, final String origin) {
        if (key.shape() == Shape.MAPPINGS) {
            return mappings(key, node, origin);
        }
        if (key.shape() == Shape.LIST) {
            if (node.isNull()) {
                return List.of();
            }
            if (node.isArray()) {
                final List<String> items = new ArrayList<>();
                for (final JsonNode item : node) {
                    if (!item.isValueNode() || item.isNull()) {
                        throw new InvalidConfigException(
                                key.path() + " in " + origin + ": list items must be plain values");
                    }
                    items.add(item.asText().strip());
                }
                return List.copyOf(items);
            }
            if (node.isValueNode()) {
                return splitList(node.asText());
            }
            throw new InvalidConfigException(key.path() + " in " + origin + ": expected a list");
        }
        if (node.isNull()) {
            return "";
        }
        if (!node.isValueNode()) {
            throw new InvalidConfigException(key.path() + " in " + origin + ": expected a single value, not a "
                    + (node.isArray() ? "list" : "mapping"));
        }
        return node.asText().strip();
    }

    /** A list of mappings whose values are scalars, kept in their order; keys are checked by the typed reader. */
    private static List<Map<String, String>> mappings(final Key key, final JsonNode node, final String origin) {
        if (node == null || node.isNull()) {
            return List.of();
        }
        if (!node.isArray()) {
            throw new InvalidConfigException(key.path() + " in " + origin + ": expected a list of mappings");
        }
        final List<Map<String, String>> items = new ArrayList<>();
        for (final JsonNode item : node) {
            if (!item.isObject()) {
                throw new InvalidConfigException(key.path() + " in " + origin
                        + ": list items must be mappings such as {match: ..., account: ...}");
            }
            final Map<String, String> fields = new LinkedHashMap<>();
            for (final Map.Entry<String, JsonNode> field : item.properties()) {
                if (!field.getValue().isValueNode() || field.getValue().isNull()) {
                    throw new InvalidConfigException(
                            key.path() + "." + field.getKey() + " in " + origin + ": expected a single value");
                }
                fields.put(field.getKey(), field.getValue().asText());
            }
            items.add(Collections.unmodifiableMap(fields));
        }
        return List.copyOf(items);
    }

    private void readClient(final JsonNode node, final String prefix, final String origin) {
        if (node.isNull()) {
            return;
        }
        if (!node.isObject()) {
            throw new InvalidConfigException(
                    ConfigKeys.CLIENT + " in " + origin + ": expected a mapping of Kafka client properties");
        }
        for (final Map.Entry<String, JsonNode> field : node.properties()) {
            // Both `ssl.truststore.location: x` and nested `ssl: {truststore: {location: x}}` are accepted.
            final String name = prefix.isEmpty() ? field.getKey() : prefix + "." + field.getKey();
            final JsonNode value = field.getValue();
            if (value.isObject()) {
                readClient(value, name, origin);
            } else if (value.isValueNode() && !value.isNull()) {
                client.put(name, new Value(value.asText(), origin));
            } else {
                throw new InvalidConfigException(
                        ConfigKeys.CLIENT + "." + name + " in " + origin + ": expected a single value");
            }
        }
    }

    private void readEnvironment(final Map<String, String> env) {
        final String kafkaBootstrap = env.get(ConfigKeys.KAFKA_BOOTSTRAP_ENV);
        if (kafkaBootstrap != null) {
            values.put(
                    "kafka.bootstrap-servers",
                    new Value(kafkaBootstrap.strip(), "environment variable " + ConfigKeys.KAFKA_BOOTSTRAP_ENV));
        }
        // Sorted, so that the reported error is the same from one run to the next.
        for (final Map.Entry<String, String> entry : new TreeMap<>(env).entrySet()) {
            final String name = entry.getKey();
            if (!name.startsWith(ConfigKeys.ENV_PREFIX) || ConfigKeys.RESERVED_ENV.contains(name)) {
                continue;
            }
            final String origin = "environment variable " + name;
            if (name.startsWith(ConfigKeys.CLIENT_ENV_PREFIX)
                    && name.length() > ConfigKeys.CLIENT_ENV_PREFIX.length()) {
                client.put(ConfigKeys.clientKeyOf(name), new Value(entry.getValue(), origin));
                continue;
            }
            final Key key = ConfigKeys.byEnvName(name);
            if (key == null) {
                throw new InvalidConfigException("unknown environment variable " + name
                        + ": no configuration key maps to it (VIGIE_ variables are reserved for configuration)");
            }
            final Object value = switch (key.shape()) {
                case LIST -> splitList(entry.getValue());
                case MAPPINGS -> mappingsFromText(key, entry.getValue(), origin);
                case SCALAR -> entry.getValue().strip();
            };
            values.put(key.path(), new Value(value, origin));
        }
    }

    /** A mapping list in one variable: JSON or YAML flow, {@code [{"match": "...", "account": "${user}"}]}. */
    private static List<Map<String, String>> mappingsFromText(final Key key, final String text, final String origin) {
        if (text.isBlank()) {
            return List.of();
        }
        final JsonNode node;
        try {
            node = YAML.readTree(text);
        } catch (final IOException e) {
            throw new InvalidConfigException(
                    key.path() + " in " + origin + ": expected a JSON list of mappings: "
                            + e.getMessage().lines().findFirst().orElse(""),
                    e);
        }
        return mappings(key, node, origin);
    }

    private static List<String> splitList(final String text) {
        return Arrays.stream(text.split(","))
                .map(String::strip)
                .filter(s -> !s.isEmpty())
                .toList();
    }
}
