package io.vigie.core.parse.auth;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.vigie.core.model.AuthSession;
import io.vigie.core.parse.GoldenFiles;
import io.vigie.core.parse.ParseResult;
import io.vigie.core.serde.JsonSerde;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.function.Function;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Golden test: every line of {@code samples/auth/<format>/raw.log}, read by that format's parser ({@code auto}: the
 * dispatcher), against the same line of {@code expected.jsonl}: the session event without null fields,
 * {@code {"ignored": why}} or {@code {"failed": reason, "source": parser}}. The raw files are decoded as a Kafka
 * {@code StringDeserializer} would (UTF-8, malformed bytes replaced), so their Latin-1 lines show what a non-UTF-8
 * gateway turns into. Lines are split on LF only (a CR stays part of its line, as in a Kafka record); the comparison
 * is {@link GoldenFiles}'. To regenerate after a deliberate change, run with {@code -Dvigie.golden.regenerate=true}
 * and review the diff line by line.
 */
class AuthGoldenTest {

    static final Clock CLOCK = Clock.fixed(Instant.parse("2026-12-06T12:00:00Z"), ZoneOffset.UTC);
    static final AuthParsers PARSERS = new AuthParsers(ZoneOffset.UTC, CLOCK);
    private static final String DIR = "samples/auth/";

    private static Function<String, ParseResult<AuthLine>> reader(final String format) {
        if ("auto".equals(format)) {
            return PARSERS::auto;
        }
        final AuthLogParser parser = PARSERS.parser(format).orElseThrow();
        return parser::parse;
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"openvpn", "strongswan", "anyconnect", "json", "auto"})
    void shouldProduceTheExpectedResultForEveryGoldenLine(final String format) {
        final Function<String, ParseResult<AuthLine>> reader = reader(format);
        GoldenFiles.assertLines(
                DIR + format + "/raw.log", DIR + format + "/expected.jsonl", line -> toJson(reader.apply(line)));
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
                ? EnumSet.allOf(AuthSession.Kind.class)
                : EnumSet.of(AuthSession.Kind.START, AuthSession.Kind.END);
        assertThat(kinds).as("kinds of %s", format).isEqualTo(expected);
    }

    static JsonNode toJson(final ParseResult<AuthLine> result) {
        return GoldenFiles.render(
                result,
                line -> line.isSession()
                        ? GoldenFiles.withoutNulls(line.session())
                        : GoldenFiles.ignored(line.ignoredBecause()));
    }

    static List<String> resourceLines(final String name) {
        return GoldenFiles.lines(DIR + name);
    }
}
