package io.vigie.core.parse;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.vigie.core.model.DmarcReport;
import io.vigie.core.serde.JsonSerde;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Golden test of the DMARC reading, payload extraction (XML, gzip, zip, e-mail) then report parsing: every file
 * of {@code samples/dmarc/real} (MIT and Apache-2.0 copies, see its README) and {@code samples/dmarc/hostile},
 * sorted by path, is one input; its rendering is one line of {@code samples/dmarc/golden/<folder>.expected.jsonl}:
 * {@code {"file": path, "reports": [report without null fields, ...]}} or
 * {@code {"file": path, "failed": reason, "source": stage}}. Regenerate with {@code -Dvigie.golden.regenerate=true}.
 */
class DmarcGoldenTest {

    private static final Path SAMPLES = Path.of("src/test/resources/samples/dmarc");

    private final DmarcPayloadExtractor extractor = new DmarcPayloadExtractor();
    private final DmarcReportParser parser = new DmarcReportParser();

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"real", "hostile"})
    void shouldReadEveryGoldenReportAsBefore(final String folder) {
        final List<String> files = files(SAMPLES.resolve(folder));
        final List<JsonNode> actual = files.stream()
                .map(name -> render(name, read(SAMPLES.resolve(folder).resolve(name))))
                .toList();
        GoldenFiles.assertMatches("samples/dmarc/golden/" + folder + ".expected.jsonl", files, actual);
    }

    private JsonNode render(final String name, final byte[] raw) {
        final ParseResult<List<byte[]>> extracted = extractor.extract(raw);
        if (!extracted.isOk()) {
            return named(name, GoldenFiles.failure(extracted.error()));
        }
        final ArrayNode reports = JsonSerde.MAPPER.createArrayNode();
        for (final byte[] xml : extracted.value()) {
            final ParseResult<DmarcReport> report = parser.parse(xml);
            if (!report.isOk()) {
                return named(name, GoldenFiles.failure(report.error()));
            }
            reports.add(GoldenFiles.withoutNulls(report.value()));
        }
        return JsonSerde.MAPPER.createObjectNode().put("file", name).set("reports", reports);
    }

    private static JsonNode named(final String name, final JsonNode failure) {
        final ObjectNode node = JsonSerde.MAPPER.createObjectNode().put("file", name);
        failure.properties().forEach(field -> node.set(field.getKey(), field.getValue()));
        return node;
    }

    private static List<String> files(final Path root) {
        try (Stream<Path> walk = Files.walk(root)) {
            return walk.filter(Files::isRegularFile)
                    .map(p -> root.relativize(p).toString().replace('\\', '/'))
                    .filter(n -> !n.equals("README.md"))
                    .sorted()
                    .toList();
        } catch (final IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static byte[] read(final Path file) {
        try {
            return Files.readAllBytes(file);
        } catch (final IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
