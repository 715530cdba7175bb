package io.vigie.core.parse.auth;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.vigie.core.model.AuthSession;
import io.vigie.core.parse.ParseResult;
import io.vigie.core.serde.JsonSerde;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.function.Function;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Golden test: every line of {@code samples/auth/<format>/raw.log}, read by that format's parser ({@code auto}: the
 * dispatcher), against the same line of {@code expected.jsonl}: the session event without null fields,
 * {@code {"ignored": why}} or {@code {"failed": reason, "source": parser}}. The raw files are decoded as a Kafka
 * {@code StringDeserializer} would (UTF-8, malformed bytes replaced), so their Latin-1 lines show what a non-UTF-8
 * gateway turns into. Lines are split on LF only (a CR stays part of its line, as in a Kafka record). To regenerate
 * after a deliberate change, run with {@code -Dvigie.golden.write=true} and review the diff line by line.
 */
class AuthGoldenTest {

    static final Clock CLOCK = Clock.fixed(Instant.parse("2026-12-06T12:00:00Z"), ZoneOffset.UTC);
    static final AuthParsers PARSERS = new AuthParsers(ZoneOffset.UTC, CLOCK);
    private static final String DIR = "/samples/auth/";

    private static Function<String, ParseResult<AuthLine>> reader(final String format) {
        if ("auto".equals(format)) {
            return PARSERS::auto;
        }
        final AuthLogParser parser = PARSERS.parser(format).orElseThrow();
        return parser::parse;
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"openvpn", "strongswan", "anyconnect", "json", "auto"})
    void shouldProduceTheExpectedResultForEveryGoldenLine(final String format) throws IOException {
        final List<String> raw = resourceLines(format + "/raw.log");
        final Function<String, ParseResult<AuthLine>> reader = reader(format);
        final List<JsonNode> actual = raw.stream().map(line -> toJson(reader.apply(line))).toList();
        if (Boolean.getBoolean("vigie.golden.write")) {
            final StringBuilder text = new StringBuilder();
            for (final JsonNode node : actual) {
                text.append(JsonSerde.MAPPER.writeValueAsString(node)).append('\n');
            }
            Files.writeString(Path.of("src/test/resources" + DIR + format + "/expected.jsonl"), text,
                    StandardCharsets.UTF_8);
        }
        final List<String> expected = resourceLines(format + "/expected.jsonl");
        assertThat(expected).hasSameSizeAs(raw);
        for (int i = 0; i < raw.size(); i++) {
            assertThat(actual.get(i)).as("%s line %d: %s", format, i + 1, raw.get(i))
                    .isEqualTo(JsonSerde.MAPPER.readTree(expected.get(i)));
        }
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"openvpn", "strongswan", "anyconnect", "json"})
    void shouldReadEveryGoldenSessionLineTheSameWhetherTheFormatIsNamedOrDetected(final String format) {
        final AuthLogParser named = PARSERS.parser(format).orElseThrow();
        int sessions = 0;
        for (final String line : resourceLines(format + "/raw.log")) {
            final ParseResult<AuthLine> byName = named.parse(line);
            if (byName.isOk() && byName.value().isSession()) {
                assertThat(PARSERS.auto(line)).as(line).isEqualTo(byName);
                sessions++;
            }
        }
        assertThat(sessions).isGreaterThanOrEqualTo(5);
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"openvpn", "strongswan", "anyconnect", "json", "auto"})
    void shouldSurviveAJsonRoundTripForEveryGoldenSession(final String format) {
        final JsonSerde<AuthSession> serde = JsonSerde.of(AuthSession.class);
        final Function<String, ParseResult<AuthLine>> reader = reader(format);
        final Set<AuthSession.Kind> kinds = EnumSet.noneOf(AuthSession.Kind.class);
        for (final String line : resourceLines(format + "/raw.log")) {
            final ParseResult<AuthLine> r = reader.apply(line);
            if (r.isOk() && r.value().isSession()) {
                final AuthSession session = r.value().session();
                assertThat(serde.fromBytes(serde.toBytes(session))).as(line).isEqualTo(session);
                kinds.add(session.kind());
            }
        }
        final Set<AuthSession.Kind> expected = "json".equals(format) || "auto".equals(format)
                ? EnumSet.allOf(AuthSession.Kind.class) : EnumSet.of(AuthSession.Kind.START, AuthSession.Kind.END);
        assertThat(kinds).as("kinds of %s", format).isEqualTo(expected);
    }

    static JsonNode toJson(final ParseResult<AuthLine> result) {
        try {
            if (!result.isOk()) {
                // an ObjectNode, not Map.of, so that a regenerated file keeps its field order
                return JsonSerde.MAPPER.createObjectNode().put("failed", result.error().reason())
                        .put("source", result.error().source());
            }
            if (!result.value().isSession()) {
                return JsonSerde.MAPPER.createObjectNode().put("ignored", result.value().ignoredBecause());
            }
            final ObjectNode node = JsonSerde.MAPPER.valueToTree(result.value().session());
            final List<String> nullFields = new ArrayList<>();
            node.properties().forEach(field -> {
                if (field.getValue().isNull()) {
                    nullFields.add(field.getKey());
                }
            });
            node.remove(nullFields);
            // through text, so that number node types match what reading expected.jsonl gives
            return JsonSerde.MAPPER.readTree(JsonSerde.MAPPER.writeValueAsString(node));
        } catch (final IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The file's lines, split on LF only; the empty string after a final LF is not a line. */
    static List<String> resourceLines(final String name) {
        try (InputStream in = Objects.requireNonNull(AuthGoldenTest.class.getResourceAsStream(DIR + name), name)) {
            final String text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            final List<String> lines = new ArrayList<>(Arrays.asList(text.split("\n", -1)));
            if (!lines.isEmpty() && lines.get(lines.size() - 1).isEmpty()) {
                lines.remove(lines.size() - 1);
            }
            return lines;
        } catch (final IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
