package io.vigie.rules.docs;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import io.vigie.rules.config.TopicNames;
import java.io.IOException;
import java.io.StringReader;
import java.lang.reflect.RecordComponent;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.apache.kafka.connect.data.SchemaAndValue;
import org.apache.kafka.connect.json.JsonConverter;
import org.apache.kafka.connect.sink.SinkRecord;
import org.apache.kafka.connect.transforms.Transformation;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The SIEM configs of {@code deploy/siem} against the code and the alerts it really emits: they parse, read the
 * alerts topic by the name Vigie writes it, dead-letter to topics of their own, hold no secret, give each alert its
 * {@code event.id} as document id (through Kafka Connect's own converter and transforms), and the index templates
 * map every field of every rule's alert.
 *
 * <p>The connectors themselves (Confluent's, Aiven's, Splunk's) are not on Maven Central and Logstash is not a Debian
 * package: their own config validation cannot run here, only these checks.
 */
class SiemConfigsTest {

    private static final Path SIEM = AlertDoc.docsDir().resolveSibling("deploy").resolve("siem");
    private static final ObjectMapper STRICT_JSON = JsonMapper.builder()
            .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .build();
    private static final List<String> CONNECTORS =
            List.of("elasticsearch-sink.json", "opensearch-sink.json", "splunk-sink.json");
    /** Config keys that hold a secret: the last part of the key. */
    private static final Pattern SECRET_KEY = Pattern.compile("(?i)(password|token|secret|jaas[._]config)$");

    private static final Pattern REFERENCE = Pattern.compile("^\\$\\{[A-Za-z0-9_.:/-]+\\}$");

    @TempDir
    static Path stateDir;

    private static Map<String, AlertScenarios.Captured> alerts;

    @BeforeAll
    static void runEveryRule() {
        alerts = AlertScenarios.run(stateDir);
    }

    private static Map<String, String> connector(final String file) throws IOException {
        final JsonNode root =
                STRICT_JSON.readTree(SIEM.resolve("kafka-connect").resolve(file).toFile());
        assertThat(root.path("name").asText()).as(file + " name").isNotBlank();
        final Map<String, String> config = new LinkedHashMap<>();
        root.path("config").properties().forEach(e -> {
            assertThat(e.getValue().isTextual())
                    .as("%s: %s is a string, as Connect's REST API wants", file, e.getKey())
                    .isTrue();
            config.put(e.getKey(), e.getValue().asText());
        });
        return config;
    }

    private static String text(final String relative) throws IOException {
        return Files.readString(SIEM.resolve(relative), StandardCharsets.UTF_8);
    }

    @Test
    void shouldParseEveryConfigFile() throws IOException {
        final List<Path> files;
        try (Stream<Path> all = Files.walk(SIEM)) {
            files = all.filter(Files::isRegularFile).toList();
        }
        assertThat(files)
                .extracting(f -> f.getFileName().toString())
                .contains("README.md", "elasticsearch-sink.json", "vigie-alerts.conf", "filebeat.yml", "props.conf");
        for (final Path file : files) {
            final String name = file.getFileName().toString();
            if (name.endsWith(".json")) {
                assertThat(STRICT_JSON.readTree(file.toFile()).isObject())
                        .as(name)
                        .isTrue();
            } else if (name.endsWith(".yml")) {
                assertThat(new YAMLMapper().readTree(file.toFile()).isObject())
                        .as(name)
                        .isTrue();
            } else if (name.endsWith(".properties")) {
                final Properties props = new Properties();
                props.load(new StringReader(Files.readString(file, StandardCharsets.UTF_8)));
                assertThat(props).as(name).isNotEmpty();
            }
        }
    }

    @Test
    void shouldReadTheAlertsTopicByTheNameVigieWritesIt() throws IOException {
        final String alertsTopic = TopicNames.defaults().alerts();
        for (final String file : CONNECTORS) {
            // Vigie writes alerts in transactions (exactly_once_v2): an aborted one must not reach a SIEM.
            assertThat(connector(file))
                    .as(file)
                    .containsEntry("topics", alertsTopic)
                    .containsEntry("consumer.override.isolation.level", "read_committed");
        }
        final Matcher logstash =
                Pattern.compile("topics\\s*=>\\s*\\[\\s*\"([^\"]+)\"\\s*]").matcher(text("logstash/vigie-alerts.conf"));
        assertThat(logstash.find()).as("topics of the Logstash kafka input").isTrue();
        assertThat(logstash.group(1)).isEqualTo(alertsTopic);
        final JsonNode filebeat =
                new YAMLMapper().readTree(SIEM.resolve("filebeat/filebeat.yml").toFile());
        assertThat(filebeat.path("filebeat.inputs")
                        .path(0)
                        .path("topics")
                        .path(0)
                        .asText())
                .isEqualTo(alertsTopic);
    }

    @Test
    void shouldDeadLetterToTopicsOfTheirOwn() throws Exception {
        final Set<String> vigieTopics = new TreeSet<>();
        final TopicNames names = TopicNames.defaults();
        for (final RecordComponent component : TopicNames.class.getRecordComponents()) {
            vigieTopics.add((String) component.getAccessor().invoke(names));
        }
        assertThat(vigieTopics).contains("alerts", "dlq");
        // Kafka Streams names its internal topics and Vigie its syslog group after the application id.
        final String applicationId = new YAMLMapper()
                .readTree(AlertDoc.docsDir()
                        .resolveSibling("deploy")
                        .resolve("vigie.example.yaml")
                        .toFile())
                .path("application-id")
                .asText();
        assertThat(applicationId).isNotBlank();

        final Set<String> deadLetters = new TreeSet<>();
        for (final String file : CONNECTORS) {
            final Map<String, String> config = connector(file);
            assertThat(config)
                    .as(file)
                    .containsEntry("errors.tolerance", "all")
                    .containsEntry("errors.deadletterqueue.context.headers.enable", "true");
            final String dlq = config.get("errors.deadletterqueue.topic.name");
            assertThat(dlq)
                    .as(file + " dead-letter topic")
                    .isNotBlank()
                    .doesNotStartWith(applicationId + '-')
                    .isNotEqualTo(applicationId + "-syslog");
            assertThat(vigieTopics)
                    .as(file + " dead-letter topic against Vigie's topics")
                    .doesNotContain(dlq);
            assertThat(deadLetters.add(dlq))
                    .as(file + ": a dead-letter topic of its own")
                    .isTrue();
        }
    }

    @Test
    void shouldHoldNoSecretButReferences() throws IOException {
        for (final String file : CONNECTORS) {
            connector(file).forEach((key, value) -> {
                if (SECRET_KEY.matcher(key).find()) {
                    assertThat(value)
                            .as("%s: %s", file, key)
                            .matches(REFERENCE)
                            .startsWith("${file:/etc/kafka-connect/secrets/");
                }
            });
        }
        // Text configs: every value given to a secret-looking key, comments included, is a ${...} reference.
        final Pattern assignment =
                Pattern.compile("(?i)([A-Za-z0-9_.]*(?:password|token|secret))\\s*(?:=>|:|=)\\s*['\"]?([^'\"\\s,;]*)");
        for (final String file : List.of(
                "logstash/vigie-alerts.conf",
                "filebeat/filebeat.yml",
                "splunk/props.conf",
                "kafka-connect/worker-config-providers.properties")) {
            final Matcher m = assignment.matcher(text(file));
            while (m.find()) {
                assertThat(m.group(2)).as("%s: %s", file, m.group(1)).matches("^\\$\\{[A-Z0-9_]+\\}$");
            }
        }
    }

    @Test
    void shouldGiveEachAlertItsEventIdAsDocumentIdAndTheTemplatesIndex() throws Exception {
        for (final String file : List.of("elasticsearch-sink.json", "opensearch-sink.json")) {
            final Map<String, String> config = connector(file);
            assertThat(config)
                    .as(file)
                    .containsEntry("key.ignore", "false")
                    .containsEntry("schema.ignore", "true")
                    .containsEntry("value.converter.schemas.enable", "false");
            final JsonConverter converter = new JsonConverter();
            converter.configure(prefixed(config, "value.converter."), false);
            final List<Transformation<SinkRecord>> chain = transforms(config);
            for (final AlertScenarios.Captured alert : alerts.values()) {
                final byte[] bytes = alert.value().toString().getBytes(StandardCharsets.UTF_8);
                final SchemaAndValue value = converter.toConnectData(config.get("topics"), bytes);
                SinkRecord record =
                        new SinkRecord(config.get("topics"), 0, null, alert.key(), value.schema(), value.value(), 42L);
                for (final Transformation<SinkRecord> step : chain) {
                    record = step.apply(record);
                }
                assertThat(record.key())
                        .as("%s: document id of %s", file, alert.key())
                        .isEqualTo(alert.value().path("event").path("id").asText());
                assertThat(record.topic()).as(file + ": index").isEqualTo("vigie-alerts");
            }
            chain.forEach(Transformation::close);
        }
        assertThat(indexPatterns("elasticsearch/vigie-alerts.index-template.json"))
                .contains("vigie-alerts*");
        assertThat(indexPatterns("opensearch/vigie-alerts.index-template.json")).contains("vigie-alerts*");
    }

    private static List<String> indexPatterns(final String file) throws IOException {
        final List<String> patterns = new ArrayList<>();
        STRICT_JSON.readTree(SIEM.resolve(file).toFile()).path("index_patterns").forEach(p -> patterns.add(p.asText()));
        return patterns;
    }

    private static Map<String, String> prefixed(final Map<String, String> config, final String prefix) {
        final Map<String, String> sub = new HashMap<>();
        config.forEach((k, v) -> {
            if (k.startsWith(prefix)) {
                sub.put(k.substring(prefix.length()), v);
            }
        });
        return sub;
    }

    @SuppressWarnings("unchecked")
    private static List<Transformation<SinkRecord>> transforms(final Map<String, String> config) throws Exception {
        final List<Transformation<SinkRecord>> chain = new ArrayList<>();
        for (final String alias : config.get("transforms").split(",")) {
            final Map<String, String> props = prefixed(config, "transforms." + alias.trim() + '.');
            final Transformation<SinkRecord> step = (Transformation<SinkRecord>)
                    Class.forName(props.remove("type")).getDeclaredConstructor().newInstance();
            step.configure(props);
            chain.add(step);
        }
        return chain;
    }

    @Test
    void shouldMapEveryFieldOfEveryRuleInTheIndexTemplates() throws IOException {
        final Map<String, List<JsonNode>> values = new TreeMap<>();
        alerts.values().forEach(alert -> leafValues(alert.value(), "", values));
        assertThat(values.keySet())
                .containsAll(alerts.values().stream()
                        .flatMap(a -> AlertFieldPaths.of(a.value()).stream())
                        .toList());

        final JsonNode elastic = STRICT_JSON
                .readTree(SIEM.resolve("elasticsearch/vigie-alerts-mappings.component-template.json")
                        .toFile())
                .path("template")
                .path("mappings");
        final JsonNode opensearch = STRICT_JSON
                .readTree(SIEM.resolve("opensearch/vigie-alerts.index-template.json")
                        .toFile())
                .path("template")
                .path("mappings");
        for (final JsonNode mappings : List.of(elastic, opensearch)) {
            assertThat(mappings.path("dynamic").asBoolean(true))
                    .as("no dynamic mapping: no field explosion")
                    .isFalse();
            values.forEach((path, leaves) -> {
                final String type = mappedType(mappings, path);
                assertThat(type)
                        .as("mapping of %s (add it to the index templates of deploy/siem)", path)
                        .isNotNull();
                leaves.forEach(leaf -> assertThat(fits(type, leaf))
                        .as("%s mapped %s holds %s", path, type, leaf)
                        .isTrue());
            });
        }
    }

    /** The type the mappings give the path, or null; a flattened (flat_object) field maps everything under it. */
    private static String mappedType(final JsonNode mappings, final String path) {
        JsonNode properties = mappings.path("properties");
        final String[] parts = path.split("\\.");
        for (int i = 0; i < parts.length; i++) {
            final JsonNode field = properties.path(parts[i]);
            if (field.isMissingNode()) {
                return null;
            }
            final String type = field.path("type").asText("object");
            if (type.equals("flattened") || type.equals("flat_object") || i == parts.length - 1) {
                return type;
            }
            properties = field.path("properties");
        }
        return null;
    }

    private static boolean fits(final String type, final JsonNode value) {
        if (value.isNull()) {
            return !type.equals("object");
        }
        return switch (type) {
            case "long", "integer" -> value.isIntegralNumber();
            case "double", "float" -> value.isNumber();
            case "boolean" -> value.isBoolean();
            case "keyword", "text", "match_only_text", "wildcard", "ip" -> value.isTextual();
            case "date" -> value.isTextual() && isDate(value.asText());
            case "flattened", "flat_object" -> value.isObject() || value.isTextual();
            default -> false;
        };
    }

    private static boolean isDate(final String text) {
        try {
            Instant.parse(text);
            return true;
        } catch (final DateTimeParseException notAnInstant) {
            try {
                LocalDate.parse(text);
                return true;
            } catch (final DateTimeParseException notADay) {
                return false;
            }
        }
    }

    /** Every leaf value by path, with {@link AlertFieldPaths}' idea of a path (arrays and data-keyed maps). */
    private static void leafValues(final JsonNode node, final String path, final Map<String, List<JsonNode>> out) {
        if (node.isObject() && !node.isEmpty() && !AlertFieldPaths.KEYED_BY_DATA.contains(path)) {
            node.properties()
                    .forEach(e -> leafValues(e.getValue(), path.isEmpty() ? e.getKey() : path + '.' + e.getKey(), out));
        } else if (node.isArray()) {
            final List<JsonNode> leaves = out.computeIfAbsent(path, p -> new ArrayList<>());
            node.forEach(element -> {
                if (element.isContainerNode() && !element.isEmpty()) {
                    leafValues(element, path, out);
                } else {
                    leaves.add(element);
                }
            });
        } else {
            out.computeIfAbsent(path, p -> new ArrayList<>()).add(node);
        }
    }

    @Test
    void shouldSendSplunkTheAlertAsItIsWithAcknowledgementAndItsOwnTime() throws IOException {
        final Map<String, String> splunk = connector("splunk-sink.json");
        assertThat(splunk)
                .containsEntry("splunk.sourcetypes", "vigie:alert")
                .containsEntry("splunk.hec.ack.enabled", "true")
                .containsEntry("splunk.hec.json.event.formatted", "false")
                .containsEntry("splunk.hec.raw", "false")
                .containsEntry("splunk.hec.use.record.timestamp", "false")
                .containsEntry("splunk.hec.auto.extract.timestamp", "true")
                .containsEntry("splunk.hec.ssl.validate.certs", "true");
        final String props = text("splunk/props.conf");
        assertThat(props).contains("[vigie:alert]").contains("KV_MODE = json");
        final Matcher prefix = Pattern.compile("(?m)^TIME_PREFIX = (.+)$").matcher(props);
        assertThat(prefix.find()).isTrue();
        // Splunk reads the time right after TIME_PREFIX: check the regex against every real alert.
        final Pattern timePrefix = Pattern.compile(prefix.group(1));
        alerts.forEach((rule, alert) -> {
            final String raw = alert.value().toString();
            final Matcher at = timePrefix.matcher(raw);
            assertThat(at.find()).as(rule).isTrue();
            assertThat(raw.substring(at.end()))
                    .as(rule)
                    .startsWith(alert.value().path("@timestamp").asText());
        });
    }

    @Test
    void shouldIndexLogstashAndFilebeatDocumentsUnderTheEventId() throws IOException {
        final String logstash = text("logstash/vigie-alerts.conf");
        assertThat(logstash)
                .contains("document_id => \"%{[event][id]}\"")
                .contains("codec => json")
                .contains("isolation_level => \"read_committed\"")
                .doesNotContainPattern("fingerprint\\s*\\{");
        assertBalanced(logstash);
        final JsonNode filebeat =
                new YAMLMapper().readTree(SIEM.resolve("filebeat/filebeat.yml").toFile());
        final JsonNode copy = filebeat.path("filebeat.inputs")
                .path(0)
                .path("processors")
                .path(0)
                .path("copy_fields")
                .path("fields")
                .path(0);
        assertThat(copy.path("from").asText()).isEqualTo("event.id");
        assertThat(copy.path("to").asText()).isEqualTo("@metadata._id");
        assertThat(filebeat.path("filebeat.inputs").path(0).path("type").asText())
                .isEqualTo("kafka");
    }

    /** Logstash's grammar cannot be checked without Logstash: at least braces, brackets and quotes pair up. */
    private static void assertBalanced(final String config) {
        int depth = 0;
        for (final String line : config.split("\n")) {
            final String code = line.strip().startsWith("#") ? "" : line;
            assertThat(code.chars().filter(c -> c == '"').count() % 2)
                    .as("quotes on: " + line)
                    .isZero();
            final String unquoted = code.replaceAll("\"[^\"]*\"", "");
            for (final char c : unquoted.toCharArray()) {
                depth += c == '{' || c == '[' ? 1 : c == '}' || c == ']' ? -1 : 0;
                assertThat(depth).as("nesting at: " + line).isNotNegative();
            }
        }
        assertThat(depth).as("every block closed").isZero();
    }
}
