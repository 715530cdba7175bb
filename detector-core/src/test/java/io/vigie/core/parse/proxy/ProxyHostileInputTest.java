package io.vigie.core.parse.proxy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import io.vigie.core.parse.ParseResult;
import io.vigie.core.parse.proxy.ProxyLineParsers.State;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** What no proxy writes but a feed can carry anyway. Every parser answers with a result, never an exception. */
class ProxyHostileInputTest {

    private static final String NATIVE = "1795843646.438     46 127.20.1.28 TCP_MISS/200 23391 GET "
            + "http://a.example/x mlambert HIER_DIRECT/127.0.0.29 text/html";
    private static final String COMBINED = "127.20.1.28 - mlambert [28/Nov/2026:05:27:26 +0000] \"GET "
            + "http://a.example/x HTTP/1.1\" 200 23391 \"-\" \"Mozilla/5.0\" TCP_MISS:HIER_DIRECT";
    private static final String ELFF = "2016-05-16 15:17:26 1 130.165.40.125 200 TCP_NC_MISS 302 238 GET "
            + "http a.example 80 /x - - - - - - - \"Mozilla/5.0\" OBSERVED \"News\" - 140.120.192.231";

    private static final Map<String, Function<String, ParseResult<ProxyLine>>> PARSERS = Map.of(
            "squid", new SquidNativeParser()::parse,
            "combined", new CombinedLogParser()::parse,
            "w3c", new W3cLogParser()::parse,
            "auto",
                    line -> ProxyLineParsers.forSource("auto")
                            .parse(line, State.INITIAL)
                            .result());

    static Stream<Arguments> parsers() {
        return PARSERS.keySet().stream().sorted().map(Arguments::of);
    }

    private static ParseResult<ProxyLine> parse(final String parser, final String line) {
        return PARSERS.get(parser).apply(line);
    }

    @ParameterizedTest
    @MethodSource("parsers")
    void shouldRefuseEmptyAndBlankLines(final String parser) {
        for (final String line : new String[] {null, "", " ", "\r\n", "\t"}) {
            final ParseResult<ProxyLine> result = parse(parser, line);
            assertThat(result.isOk()).isFalse();
            assertThat(result.error().reason()).isEqualTo("empty line");
        }
    }

    @ParameterizedTest
    @MethodSource("parsers")
    void shouldRefuseALineOfOneMegabyteQuickly(final String parser) {
        final String huge = NATIVE + " " + "a".repeat(1 << 20);

        final ParseResult<ProxyLine> result =
                assertTimeoutPreemptively(Duration.ofSeconds(2), () -> parse(parser, huge));

        assertThat(result.error().reason()).isEqualTo("line too long");
    }

    /** 64 KiB is the limit: one char more is refused, a line of exactly 64 KiB is read. */
    @ParameterizedTest
    @MethodSource("parsers")
    void shouldDrawTheLineAt64KiB(final String parser) {
        final String head = "1795843646.438 46 127.20.1.28 TCP_MISS/200 1 GET http://a.example/";
        final String tail = " - HIER_DIRECT/1.2.3.4 -";
        final String limit = head + "a".repeat(64 * 1024 - head.length() - tail.length()) + tail;
        final String over = head + "a".repeat(64 * 1024 - head.length() - tail.length() + 1) + tail;

        assertThat(limit).hasSize(64 * 1024);
        assertThat(parse(parser, over).error().reason()).isEqualTo("line too long");
        final ParseResult<ProxyLine> atLimit = parse(parser, limit);
        if ("squid".equals(parser) || "auto".equals(parser)) {
            assertThat(atLimit.isOk()).isTrue();
        } else {
            assertThat(atLimit.error().reason()).isNotEqualTo("line too long");
        }
    }

    @ParameterizedTest
    @MethodSource("parsers")
    void shouldRefuseNulBytes(final String parser) {
        for (final String line : List.of(NATIVE, COMBINED, ELFF)) {
            final String withNul = line.replace("GET", "G\0ET");
            assertThat(parse(parser, withNul).error().reason()).isEqualTo("nul byte");
        }
    }

    @Test
    void shouldKeepUndecodableBytesAsReplacementCharacters() {
        final byte[] latin1 = NATIVE.replace("mlambert", "h\u00e9l\u00e8ne").getBytes(StandardCharsets.ISO_8859_1);
        final String decoded = new String(latin1, StandardCharsets.UTF_8);

        final ParseResult<ProxyLine> result = new SquidNativeParser().parse(decoded);

        assertThat(result.value().event().user()).isEqualTo("h\uFFFDl\uFFFDne");
    }

    @Test
    void shouldReportTruncatedQuotesAndBadFieldsPerFormat() {
        assertThat(new CombinedLogParser()
                        .parse(COMBINED.substring(0, COMBINED.indexOf("Mozilla") + 4))
                        .error()
                        .reason())
                .isEqualTo("truncated");
        assertThat(new W3cLogParser()
                        .parse(ELFF.substring(0, ELFF.indexOf("Mozilla") + 4))
                        .error()
                        .reason())
                .isEqualTo("truncated");
        assertThat(new CombinedLogParser()
                        .parse(COMBINED.replace("28/Nov/2026", "28/Nov/20x6"))
                        .error()
                        .reason())
                .isEqualTo("bad timestamp");
        assertThat(new SquidNativeParser()
                        .parse(NATIVE.replace(" 23391 ", " -23391 "))
                        .error()
                        .reason())
                .isEqualTo("bad byte count");
        assertThat(new W3cLogParser()
                        .parse(ELFF.replace(" 80 ", " 65536 "))
                        .error()
                        .reason())
                .isEqualTo("bad port");
    }

    @Test
    void shouldKeepAnOutOfRangePortInAClientUrlAsUnknown() {
        final ParseResult<ProxyLine> result =
                new SquidNativeParser().parse(NATIVE.replace("a.example/", "a.example:123456/"));

        assertThat(result.value().event().port()).isEqualTo(-1);
        assertThat(result.value().event().host()).isEqualTo("a.example");
    }

    /** Cut and mangled real lines: whatever comes back, it is a result, never an exception. */
    @ParameterizedTest
    @MethodSource("parsers")
    void shouldNeverThrowOnCutOrMangledLines(final String parser) {
        final Random random = new Random(42);
        final String alphabet = " \"[]/:.-\\#%?@\t0123456789aZ\u00e9\uFFFD";
        for (final String line : List.of(NATIVE, COMBINED, ELFF)) {
            for (int cut = 0; cut <= line.length(); cut++) {
                final String prefix = line.substring(0, cut);
                assertThatCode(() -> parse(parser, prefix))
                        .as("cut %d of %s", cut, line)
                        .doesNotThrowAnyException();
            }
            for (int i = 0; i < 2_000; i++) {
                final char[] chars = line.toCharArray();
                for (int k = 0; k < 3; k++) {
                    chars[random.nextInt(chars.length)] = alphabet.charAt(random.nextInt(alphabet.length()));
                }
                final String mangled = new String(chars);
                assertThatCode(() -> parse(parser, mangled)).as(mangled).doesNotThrowAnyException();
            }
        }
    }

    @ParameterizedTest
    @MethodSource("parsers")
    void shouldStayLinearOnLinesMadeOfQuotesAndEscapes(final String parser) {
        final String quotes = "1.2.3.4 - - [28/Nov/2026:05:27:26 +0000] \"" + "\\\" ".repeat(15_000);
        final String elff = "2016-05-16 15:17:26 1 " + "\"a \" ".repeat(10_000);

        assertTimeoutPreemptively(Duration.ofSeconds(2), () -> {
            parse(parser, quotes);
            parse(parser, elff);
        });
    }
}
