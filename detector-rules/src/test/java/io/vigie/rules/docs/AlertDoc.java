package io.vigie.rules.docs;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.util.DefaultIndenter;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import com.fasterxml.jackson.core.util.Separators;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectWriter;
import io.vigie.core.serde.JsonSerde;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The generated part of {@code docs/alerts.md}: one example alert per rule between two marker lines. Reads the
 * examples back, and writes a new generated part into the hand-written rest of the file.
 */
final class AlertDoc {

    static final String BEGIN = "<!-- BEGIN GENERATED EXAMPLES";
    static final String END = "<!-- END GENERATED EXAMPLES -->";
    private static final Pattern EXAMPLE = Pattern.compile(
            "^### `(?<rule>[a-z0-9.-]+)`$(?<between>.*?)^```json$(?<json>.*?)^```$",
            Pattern.MULTILINE | Pattern.DOTALL);
    private static final ObjectWriter PRETTY = JsonSerde.MAPPER.writer(new DefaultPrettyPrinter()
            .withSeparators(Separators.createDefaultInstance().withObjectFieldValueSpacing(Separators.Spacing.AFTER))
            .withObjectIndenter(new DefaultIndenter("  ", "\n"))
            .withArrayIndenter(new DefaultIndenter("  ", "\n")));

    private AlertDoc() {}

    /** The docs folder of the repository: the module's parent when run by Maven ({@code basedir}). */
    static Path docsDir() {
        return Path.of(System.getProperty("basedir", System.getProperty("user.dir")))
                .toAbsolutePath()
                .resolveSibling("docs");
    }

    /** The examples of the document, by rule id, in document order. */
    static Map<String, JsonNode> examples(final String markdown) {
        final Map<String, JsonNode> examples = new LinkedHashMap<>();
        final Matcher m = EXAMPLE.matcher(generatedPart(markdown));
        while (m.find()) {
            if (m.group("between").contains("\n### ")) {
                throw new IllegalStateException("the section of " + m.group("rule") + " has no JSON example");
            }
            try {
                final JsonNode previous = examples.put(m.group("rule"), JsonSerde.MAPPER.readTree(m.group("json")));
                if (previous != null) {
                    throw new IllegalStateException("two examples of " + m.group("rule"));
                }
            } catch (final JsonProcessingException e) {
                throw new IllegalStateException("the example of " + m.group("rule") + " is not JSON", e);
            }
        }
        return examples;
    }

    /** The document with its generated part replaced by these alerts, one section per rule. */
    static String withExamples(final String markdown, final Map<String, AlertScenarios.Captured> alerts) {
        final int begin = markdown.indexOf(BEGIN);
        final int end = markdown.indexOf(END);
        if (begin < 0 || end < begin) {
            throw new IllegalStateException("docs/alerts.md lost its generated-examples markers");
        }
        final int afterBeginLine = markdown.indexOf('\n', begin) + 1;
        final StringBuilder generated = new StringBuilder("\n");
        alerts.forEach((rule, alert) -> {
            final JsonNode value = alert.value();
            generated
                    .append("### `")
                    .append(rule)
                    .append("`\n\n")
                    .append(value.path("rule").path("name").asText())
                    .append(" — level `")
                    .append(value.path("vigie").path("level").asText())
                    .append("`, Kafka key `")
                    .append(alert.key())
                    .append("`.\n\nObserved: ")
                    .append(observedFields(value))
                    .append(".\n\n```json\n")
                    .append(pretty(value))
                    .append("\n```\n\n");
        });
        return markdown.substring(0, afterBeginLine) + generated + markdown.substring(end);
    }

    private static String observedFields(final JsonNode alert) {
        final String prefix = "vigie.observed.";
        return AlertFieldPaths.of(alert).stream()
                .filter(path -> path.startsWith(prefix))
                .map(path -> "`" + path.substring(prefix.length()) + "`")
                .collect(java.util.stream.Collectors.joining(", "));
    }

    private static String generatedPart(final String markdown) {
        final int begin = markdown.indexOf(BEGIN);
        final int end = markdown.indexOf(END);
        return begin < 0 || end < begin ? "" : markdown.substring(begin, end);
    }

    private static String pretty(final JsonNode node) {
        try {
            return PRETTY.writeValueAsString(node);
        } catch (final JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }
}
