package io.vigie.core.parse;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.vigie.core.serde.JsonSerde;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;
import java.util.function.Function;

/**
 * The one golden-file harness of the parser tests: raw input under {@code src/test/resources/samples/<family>/},
 * the expected output beside it as JSON lines (one canonical JSON document per parsed record), compared line by
 * line with a message naming the expected file, the line and the input. Run with
 * {@code -Dvigie.golden.regenerate=true} to rewrite the expected files from the current output (then review the
 * diff line by line: a regenerated file must only add cases, never absorb a change of behaviour). The older
 * switch {@code -Dvigie.golden.write=true} is still honoured.
 *
 * <p>Raw text is decoded as a Kafka {@code StringDeserializer} would (UTF-8, malformed bytes replaced) and split on
 * LF only: a CR stays part of its line, as in a Kafka record, and the empty string after a final LF is no line.
 */
public final class GoldenFiles {

    /** The system property that rewrites the expected files instead of comparing them. */
    public static final String REGENERATE = "vigie.golden.regenerate";

    private static final Path RESOURCES = Path.of("src/test/resources");

    private GoldenFiles() {}

    /** Whether this run rewrites the expected files. */
    public static boolean regenerating() {
        return Boolean.getBoolean(REGENERATE) || Boolean.getBoolean("vigie.golden.write");
    }

    /** The bytes of a test resource ({@code samples/...}, without a leading slash). */
    public static byte[] bytes(final String resource) {
        try (InputStream in =
                Objects.requireNonNull(GoldenFiles.class.getClassLoader().getResourceAsStream(resource), resource)) {
            return in.readAllBytes();
        } catch (final IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The resource decoded as UTF-8 with replacement. */
    public static String text(final String resource) {
        return new String(bytes(resource), StandardCharsets.UTF_8);
    }

    /** The resource's lines: UTF-8 with replacement, split on LF only, no empty last line. */
    public static List<String> lines(final String resource) {
        return splitLines(text(resource));
    }

    /** Splits on LF only; the empty string after a final LF is not a line. */
    public static List<String> splitLines(final String text) {
        final List<String> lines = new ArrayList<>(Arrays.asList(text.split("\n", -1)));
        if (!lines.isEmpty() && lines.get(lines.size() - 1).isEmpty()) {
            lines.remove(lines.size() - 1);
        }
        return lines;
    }

    /**
     * Every line of {@code rawResource} rendered by {@code render}, against the lines of {@code expectedResource}.
     */
    public static void assertLines(
            final String rawResource, final String expectedResource, final Function<String, JsonNode> render) {
        final List<String> raw = lines(rawResource);
        assertMatches(expectedResource, raw, raw.stream().map(render).toList());
    }

    /**
     * {@code actual.get(i)} is the rendering of {@code inputs.get(i)} (a raw line, or a file name for whole-file
     * inputs); it must equal line {@code i + 1} of {@code expectedResource}. Every difference is reported, not only
     * the first, each naming the file and the line.
     */
    public static void assertMatches(
            final String expectedResource, final List<String> inputs, final List<JsonNode> actual) {
        assertThat(actual).as("one rendering per input").hasSameSizeAs(inputs);
        if (regenerating()) {
            write(expectedResource, actual);
        }
        final List<String> expected = expectedLines(expectedResource);
        final List<String> differences = new ArrayList<>();
        if (expected.size() != actual.size()) {
            differences.add(
                    expectedResource + ": " + expected.size() + " expected lines for " + actual.size() + " inputs");
        }
        for (int i = 0; i < Math.min(expected.size(), actual.size()); i++) {
            final JsonNode wanted = read(expected.get(i), expectedResource, i + 1);
            if (!wanted.equals(actual.get(i))) {
                differences.add(expectedResource + ":" + (i + 1) + ": input " + abbreviate(inputs.get(i))
                        + "\n  expected " + canonical(wanted) + "\n  actual   " + canonical(actual.get(i)));
            }
        }
        assertThat(differences)
                .as("golden differences (regenerate with -D%s=true only for new cases)", REGENERATE)
                .isEmpty();
    }

    /** The value as JSON without its null top-level fields, through text so that number types compare. */
    public static JsonNode withoutNulls(final Object value) {
        final JsonNode tree = JsonSerde.MAPPER.valueToTree(value);
        if (tree instanceof ObjectNode node) {
            final List<String> nullFields = new ArrayList<>();
            node.properties().forEach(field -> {
                if (field.getValue().isNull()) {
                    nullFields.add(field.getKey());
                }
            });
            node.remove(nullFields);
        }
        return reparse(tree);
    }

    /** A refused record: {@code {"failed": reason, "source": parser}}. */
    public static JsonNode failure(final ParseError error) {
        return JsonSerde.MAPPER.createObjectNode().put("failed", error.reason()).put("source", error.source());
    }

    /** A record a parser read but set aside: {@code {"ignored": why}}. */
    public static JsonNode ignored(final String because) {
        return JsonSerde.MAPPER.createObjectNode().put("ignored", because);
    }

    /** A result: the value rendered by {@code render}, or {@link #failure}. */
    public static <T> JsonNode render(final ParseResult<T> result, final Function<T, JsonNode> render) {
        return result.isOk() ? render.apply(result.value()) : failure(result.error());
    }

    /**
     * The SHA-256 of the node's canonical text, as a JSON string: what a golden file holds for input whose licence
     * forbids committing it or anything copied from it (the shared corpus), so that its reading is still compared
     * exactly, line by line, without the file revealing a field.
     */
    public static JsonNode digest(final JsonNode node) {
        try {
            final byte[] hash =
                    MessageDigest.getInstance("SHA-256").digest(canonical(node).getBytes(StandardCharsets.UTF_8));
            return JsonSerde.MAPPER.getNodeFactory().textNode(HexFormat.of().formatHex(hash));
        } catch (final NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required of every JVM", e);
        }
    }

    /** The node as compact JSON text. */
    public static String canonical(final JsonNode node) {
        try {
            return JsonSerde.MAPPER.writeValueAsString(node);
        } catch (final JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static JsonNode reparse(final JsonNode node) {
        try {
            return JsonSerde.MAPPER.readTree(canonical(node));
        } catch (final JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static JsonNode read(final String line, final String file, final int number) {
        try {
            return JsonSerde.MAPPER.readTree(line);
        } catch (final JsonProcessingException e) {
            throw new AssertionError(file + ":" + number + ": not JSON: " + e.getOriginalMessage(), e);
        }
    }

    private static void write(final String expectedResource, final List<JsonNode> actual) {
        final StringBuilder text = new StringBuilder();
        for (final JsonNode node : actual) {
            text.append(canonical(node)).append('\n');
        }
        final Path file = RESOURCES.resolve(expectedResource);
        try {
            Files.createDirectories(file.getParent());
            Files.writeString(file, text, StandardCharsets.UTF_8);
        } catch (final IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** From the source tree when the test runs in the module (a regenerated file is read back at once). */
    private static List<String> expectedLines(final String expectedResource) {
        final Path file = RESOURCES.resolve(expectedResource);
        if (!Files.isRegularFile(file)) {
            return lines(expectedResource);
        }
        try {
            return splitLines(Files.readString(file, StandardCharsets.UTF_8));
        } catch (final IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String abbreviate(final String input) {
        return input.length() <= 160 ? input : input.substring(0, 160) + "...";
    }
}
