package io.vigie.rules.docs;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.networknt.schema.Error;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SchemaRegistryConfig;
import com.networknt.schema.SpecificationVersion;
import io.vigie.core.serde.JsonSerde;
import io.vigie.rules.alert.Alert;
import io.vigie.rules.alert.AlertLevel;
import io.vigie.rules.alert.AlertRule;
import java.io.IOException;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Keeps {@code docs/alerts.md} and {@code docs/alerts.schema.json} true to what the rules emit: every rule the code
 * defines has an example, each example has exactly the fields the rule's alert has today, and every alert validates
 * against the schema. With {@code -Dvigie.docs.regenerate=true} the examples are rewritten from the alerts first.
 */
class AlertSchemaDocTest {

    @TempDir
    static Path stateDir;

    private static Map<String, AlertScenarios.Captured> alerts;
    private static String markdown;

    @BeforeAll
    static void runEveryRule() throws IOException {
        alerts = AlertScenarios.run(stateDir);
        final Path doc = AlertDoc.docsDir().resolve("alerts.md");
        markdown = Files.readString(doc, StandardCharsets.UTF_8);
        if (Boolean.getBoolean("vigie.docs.regenerate")) {
            markdown = AlertDoc.withExamples(markdown, alerts);
            Files.writeString(doc, markdown, StandardCharsets.UTF_8);
        }
    }

    /** Every {@link AlertRule} constant in the detector-rules classes, found by reflection, by id. */
    static Set<String> definedRuleIds() throws IOException, URISyntaxException {
        final Path classes = Path.of(AlertRule.class
                .getProtectionDomain()
                .getCodeSource()
                .getLocation()
                .toURI());
        assertThat(classes)
                .as("detector-rules classes as a directory, as Maven runs this module's tests")
                .isDirectory();
        final Set<String> ids = new TreeSet<>();
        try (Stream<Path> files = Files.walk(classes)) {
            for (final Path file :
                    files.filter(f -> f.toString().endsWith(".class")).toList()) {
                final String name = classes.relativize(file)
                        .toString()
                        .replace(file.getFileSystem().getSeparator(), ".")
                        .replaceAll("\\.class$", "");
                ids.addAll(ruleIdsIn(name));
            }
        }
        return ids;
    }

    private static List<String> ruleIdsIn(final String className) {
        final List<String> ids = new ArrayList<>();
        try {
            final Class<?> type = Class.forName(className, false, AlertRule.class.getClassLoader());
            for (final Field field : type.getDeclaredFields()) {
                if (Modifier.isStatic(field.getModifiers()) && field.getType() == AlertRule.class) {
                    field.setAccessible(true);
                    ids.add(((AlertRule) field.get(null)).id());
                }
            }
        } catch (final ReflectiveOperationException | LinkageError e) {
            throw new IllegalStateException("cannot inspect " + className, e);
        }
        return ids;
    }

    @Test
    void shouldTriggerEveryRuleTheCodeDefines() throws Exception {
        final Set<String> defined = definedRuleIds();
        assertThat(defined)
                .as("the rules of the README's table and issue")
                .hasSizeGreaterThanOrEqualTo(16)
                .contains("vigie.mail.queue.deferred-growth", "vigie.av.outbreak", "vigie.proxy.retro-hunt");
        assertThat(alerts.keySet())
                .as("rules that fired in AlertScenarios: a new rule needs a scenario there")
                .containsExactlyInAnyOrderElementsOf(defined);
    }

    @Test
    void shouldDocumentAnExampleForEveryRuleTheCodeDefines() throws Exception {
        assertThat(AlertDoc.examples(markdown).keySet())
                .as("examples in docs/alerts.md; regenerate them with -Dvigie.docs.regenerate=true (see there)")
                .containsExactlyInAnyOrderElementsOf(definedRuleIds());
    }

    @Test
    void shouldDocumentExactlyTheFieldsEachRuleEmitsToday() {
        final Map<String, JsonNode> examples = AlertDoc.examples(markdown);
        alerts.forEach((rule, alert) -> {
            assertThat(examples).as("examples in docs/alerts.md").containsKey(rule);
            assertThat(AlertFieldPaths.of(examples.get(rule)))
                    .as(
                            "field paths of the %s example in docs/alerts.md against its alert now; regenerate the"
                                    + " examples with -Dvigie.docs.regenerate=true",
                            rule)
                    .containsExactlyElementsOf(AlertFieldPaths.of(alert.value()));
        });
    }

    @Test
    void shouldValidateEveryAlertAgainstTheJsonSchema() throws IOException {
        final Schema schema = schema();
        alerts.forEach((rule, alert) -> {
            final List<Error> errors = schema.validate(alert.value());
            assertThat(errors).as("%s against docs/alerts.schema.json", rule).isEmpty();
        });
    }

    @Test
    void shouldRejectAlertsTheSchemaForbids() throws IOException {
        final Schema schema = schema();
        final JsonNode valid = alerts.values().iterator().next().value();
        final JsonNode wrongSeverity = valid.deepCopy();
        final int severity = valid.path("event").path("severity").asInt();
        ((ObjectNode) wrongSeverity.path("event")).put("severity", severity == 21 ? 47 : 21);
        final JsonNode unknownField = valid.deepCopy();
        ((ObjectNode) unknownField).put("surprise", true);
        final JsonNode badTime = valid.deepCopy();
        ((ObjectNode) badTime).put("@timestamp", "28/11/2026 05:26");

        assertThat(schema.validate(wrongSeverity))
                .as("severity not matching the level")
                .isNotEmpty();
        assertThat(schema.validate(unknownField))
                .as("a top-level field the schema does not know")
                .isNotEmpty();
        assertThat(schema.validate(badTime)).as("a time that is not RFC 3339").isNotEmpty();
    }

    @Test
    void shouldGiveEachFieldPathOneKindAcrossAllRules() {
        final Map<String, Set<String>> kinds = new TreeMap<>();
        alerts.values()
                .forEach(alert -> AlertFieldPaths.withKinds(alert.value())
                        .forEach((path, k) -> kinds.computeIfAbsent(path, p -> new TreeSet<>())
                                .addAll(k)));
        // A SIEM maps a field once: text in one rule and a number or an object in another is refused there.
        assertThat(kinds).allSatisfy((path, k) -> assertThat(k).as(path).hasSizeLessThanOrEqualTo(1));
        assertThat(kinds.keySet())
                .allSatisfy(path -> assertThat(kinds.keySet())
                        .as("%s is a value in one alert and an object in another", path)
                        .noneMatch(other -> other.startsWith(path + '.')));
    }

    @Test
    void shouldNameEveryObservedFieldInSnakeCase() {
        // The alert is the SIEM's contract, in ECS's style: a Java record's camelCase name must not leak into it.
        final Set<String> observed = new TreeSet<>();
        alerts.values()
                .forEach(alert -> AlertFieldPaths.of(alert.value()).stream()
                        .filter(path -> path.startsWith("vigie.observed."))
                        .forEach(observed::add));
        assertThat(observed)
                .isNotEmpty()
                .allSatisfy(path -> assertThat(path)
                        .as("a field name in " + path)
                        .matches("vigie\\.observed(\\.[a-z0-9]+(_[a-z0-9]+)*)+"));
    }

    @Test
    void shouldMatchTheSeverityToTheLevelAndKeyEachAlertByRuleAndEntity() {
        alerts.forEach((rule, alert) -> {
            final Alert typed = JsonSerde.of(Alert.class)
                    .deserializer()
                    .deserialize("alerts", alert.value().toString().getBytes(StandardCharsets.UTF_8));
            assertThat(typed.event().severity())
                    .as(rule)
                    .isEqualTo(AlertLevel.valueOf(typed.vigie().level().toUpperCase(Locale.ROOT))
                            .severity());
            assertThat(alert.key()).as("Kafka key of " + rule).isEqualTo(rule + '|' + typed.entity());
        });
    }

    private static Schema schema() throws IOException {
        final String text = Files.readString(AlertDoc.docsDir().resolve("alerts.schema.json"), StandardCharsets.UTF_8);
        return SchemaRegistry.withDefaultDialect(
                        SpecificationVersion.DRAFT_2020_12,
                        builder -> builder.schemaRegistryConfig(SchemaRegistryConfig.builder()
                                .formatAssertionsEnabled(true)
                                .build()))
                .getSchema(JsonSerde.MAPPER.readTree(text));
    }
}
