package io.vigie.rules.incident;

import static io.vigie.rules.incident.IncidentAlerts.DELIVERED;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.util.DefaultIndenter;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SchemaRegistryConfig;
import com.networknt.schema.SpecificationVersion;
import io.vigie.core.net.InternalNetworks;
import io.vigie.core.serde.JsonSerde;
import io.vigie.rules.alert.Alert;
import io.vigie.rules.config.IncidentsConfig;
import io.vigie.rules.entity.UserMapping;
import io.vigie.rules.store.InMemoryState;
import io.vigie.rules.store.KeyedState;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Keeps {@code docs/incidents.md} and {@code docs/incidents.schema.json} true to what the engine writes: the example
 * has exactly the fields of an incident made today, and incidents validate against the schema. With
 * {@code -Dvigie.docs.regenerate=true} the example is rewritten first.
 */
class IncidentSchemaDocTest {

    private static final Path DOCS = Path.of("../docs");
    private static final Pattern EXAMPLE = Pattern.compile(
            "(<!-- example:start -->\\n```json\\n)(.*?)(\\n```\\n" + "<!-- example:end -->)", Pattern.DOTALL);

    private static JsonNode incident;
    private static JsonNode merged;
    private static String markdown;

    @BeforeAll
    static void makeTheStoryIncident() throws IOException {
        final IncidentBook book = new IncidentBook(
                IncidentsConfig.defaults(),
                UserMapping.of(List.of("chu-exemple.fr"))::accountOf,
                InternalNetworks.of("10.0.0.0/8"));
        final InMemoryState<Incident> incidents = KeyedState.inMemory();
        final InMemoryState<String> index = KeyedState.inMemory();
        final Alert report = IncidentAlerts.reportedMail("alice@chu-exemple.fr", DELIVERED.plus(Duration.ofHours(1)));
        book.onAlert(report, incidents, index);
        book.onAlert(
                IncidentAlerts.click("alice", "10.1.2.3", DELIVERED.plus(Duration.ofMinutes(30))), incidents, index);
        final Incident story = book.onAlert(
                        IncidentAlerts.download(
                                "pc-alice", "10.1.2.3", "CHU\\alice", DELIVERED.plus(Duration.ofMinutes(35))),
                        incidents,
                        index)
                .get(0);
        book.onAlert(IncidentAlerts.vpnSession("alice", DELIVERED.plus(Duration.ofMinutes(50))), incidents, index);
        final Incident ticked = book.onStep(
                        new StepUpdate(
                                story.id(),
                                "isolate:pc-alice",
                                true,
                                "night analyst",
                                Instant.parse("2026-12-01T10:12:00Z"),
                                "switch port 12 shut"),
                        incidents)
                .get(0);
        incident = tree(ticked);

        book.onAlert(IncidentAlerts.takeover("bob", DELIVERED), incidents, index);
        book.onAlert(IncidentAlerts.download("pc-bob", "10.7.7.7", null, DELIVERED.plusSeconds(60)), incidents, index);
        final List<Incident> changed =
                book.onAlert(IncidentAlerts.click("bob", "10.7.7.7", DELIVERED.plusSeconds(120)), incidents, index);
        merged = tree(changed.get(1));

        final Path doc = DOCS.resolve("incidents.md");
        markdown = Files.readString(doc, StandardCharsets.UTF_8);
        if (Boolean.getBoolean("vigie.docs.regenerate")) {
            final String pretty = JsonSerde.MAPPER
                    .writer(new DefaultPrettyPrinter().withObjectIndenter(new DefaultIndenter("  ", "\n")))
                    .writeValueAsString(incident);
            markdown = EXAMPLE.matcher(markdown)
                    .replaceFirst(Matcher.quoteReplacement(
                            "<!-- example:start -->\n```json\n" + pretty + "\n```\n<!-- example:end -->"));
            Files.writeString(doc, markdown, StandardCharsets.UTF_8);
        }
    }

    private static JsonNode tree(final Incident i) throws IOException {
        return JsonSerde.MAPPER.readTree(Incidents.SERDE.serializer().serialize("incidents", i));
    }

    @Test
    void shouldDocumentExactlyTheFieldsOfAnIncident() {
        final Matcher m = EXAMPLE.matcher(markdown);
        assertThat(m.find()).as("an example block in docs/incidents.md").isTrue();
        final JsonNode example;
        try {
            example = JsonSerde.MAPPER.readTree(m.group(2));
        } catch (final IOException e) {
            throw new AssertionError("the example in docs/incidents.md is not JSON", e);
        }
        assertThat(paths(example))
                .as("field paths of the example in docs/incidents.md; regenerate it with "
                        + "-Dvigie.docs.regenerate=true")
                .containsExactlyElementsOf(paths(incident));
    }

    @Test
    void shouldValidateIncidentsAgainstTheSchemaAndRejectWhatItForbids() throws IOException {
        final Schema schema = schema();
        assertThat(schema.validate(incident)).isEmpty();
        assertThat(schema.validate(merged)).isEmpty();
        assertThat(merged.path("status").asText()).isEqualTo("merged");

        final ObjectNode badSeverity = incident.deepCopy();
        badSeverity.put("severity", "urgent");
        final ObjectNode unknown = incident.deepCopy();
        unknown.put("surprise", true);
        final ObjectNode badId = incident.deepCopy();
        badId.put("id", "42");
        assertThat(schema.validate(badSeverity)).isNotEmpty();
        assertThat(schema.validate(unknown)).isNotEmpty();
        assertThat(schema.validate(badId)).isNotEmpty();
    }

    private static Schema schema() throws IOException {
        final String text = Files.readString(DOCS.resolve("incidents.schema.json"), StandardCharsets.UTF_8);
        return SchemaRegistry.withDefaultDialect(
                        SpecificationVersion.DRAFT_2020_12,
                        builder -> builder.schemaRegistryConfig(SchemaRegistryConfig.builder()
                                .formatAssertionsEnabled(true)
                                .build()))
                .getSchema(JsonSerde.MAPPER.readTree(text));
    }

    private static SortedSet<String> paths(final JsonNode node) {
        final SortedSet<String> paths = new TreeSet<>();
        collect(node, "", paths);
        return paths;
    }

    private static void collect(final JsonNode node, final String path, final SortedSet<String> paths) {
        if (node.isObject()) {
            node.fields()
                    .forEachRemaining(
                            f -> collect(f.getValue(), path.isEmpty() ? f.getKey() : path + "." + f.getKey(), paths));
        } else if (node.isArray()) {
            node.forEach(element -> collect(element, path, paths));
            if (node.isEmpty()) {
                paths.add(path);
            }
        } else {
            paths.add(path);
        }
    }
}
