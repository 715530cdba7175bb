package io.vigie.core.parse.proxy;

import static org.assertj.core.api.Assertions.assertThat;

import io.vigie.core.model.ProxyEvent;
import io.vigie.core.parse.ParseResult;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class JsonProxyParserTest {

    /** Records what it was handed, and answers with a fixed ignored line. */
    private final List<String> handed = new ArrayList<>();

    private final ProxyLogParser stub = line -> {
        handed.add(line);
        return ParseResult.ok(ProxyLine.ignored("stub"));
    };
    private final JsonProxyParser parser = new JsonProxyParser(JsonProxyMapping.ecs(), stub, ZoneOffset.UTC);

    @Test
    void shouldMapEcsFieldsWhenNested() {
        final ProxyEvent e = Samples.event(parser.parse("{\"@timestamp\":\"2024-05-01T10:00:00.250Z\","
                + "\"source\":{\"ip\":\"10.0.0.8\"},\"user\":{\"name\":\"gina\"},"
                + "\"http\":{\"request\":{\"method\":\"get\",\"referrer\":\"https://ref.example/\"},"
                + "\"response\":{\"status_code\":200,\"body\":{\"bytes\":1234},\"mime_type\":\"Text/HTML\"}},"
                + "\"url\":{\"original\":\"http://www.example.com:8080/p?q=1\"},\"event\":{\"action\":\"TCP_MISS\","
                + "\"duration\":1500000000},\"user_agent\":{\"original\":\"UA/1\"}}"));

        assertThat(e.format()).isEqualTo("json");
        assertThat(e.time()).isEqualTo(Instant.parse("2024-05-01T10:00:00.250Z"));
        assertThat(e.clientIp()).isEqualTo("10.0.0.8");
        assertThat(e.user()).isEqualTo("gina");
        assertThat(e.method()).isEqualTo("GET");
        assertThat(e.url()).isEqualTo("http://www.example.com:8080/p?q=1");
        assertThat(e.host()).isEqualTo("www.example.com");
        assertThat(e.port()).isEqualTo(8080);
        assertThat(e.path()).isEqualTo("/p");
        assertThat(e.query()).isEqualTo("q=1");
        assertThat(e.status()).isEqualTo(200);
        assertThat(e.bytes()).isEqualTo(1234);
        assertThat(e.contentType()).isEqualTo("text/html");
        assertThat(e.referer()).isEqualTo("https://ref.example/");
        assertThat(e.userAgent()).isEqualTo("UA/1");
        assertThat(e.action()).isEqualTo("TCP_MISS");
        assertThat(e.durationMs()).as("event.duration is in nanoseconds").isEqualTo(1500);
        assertThat(handed).isEmpty();
    }

    @Test
    void shouldMapEcsFieldsWhenDottedOrMixedAndBuildUrlFromParts() {
        final ProxyEvent e = Samples.event(parser.parse("{\"@timestamp\":\"2024-05-01T10:00:00Z\","
                + "\"source.ip\":\"10.0.0.9\",\"http.request.method\":\"POST\",\"url\":{\"domain\":\"Api.Example\","
                + "\"port\":\"443\",\"path\":\"/v1\",\"query\":\"k=v\",\"scheme\":\"https\"},"
                + "\"http.response.bytes\":\"77\",\"event.action\":\"denied\"}"));

        assertThat(e.clientIp()).isEqualTo("10.0.0.9");
        assertThat(e.url()).isEqualTo("https://api.example/v1?k=v");
        assertThat(e.bytes()).isEqualTo(77);
        assertThat(e.blocked()).isTrue();
        assertThat(e.refererKnown())
                .as("no referrer field: the pipeline does not record it")
                .isFalse();
    }

    @Test
    void shouldUseOperatorMappingWhenFieldNamesDiffer() {
        final JsonProxyMapping custom = new JsonProxyMapping(
                List.of("ts"),
                List.of("client"),
                List.of("who"),
                List.of("verb"),
                List.of("target.url"),
                List.of(),
                List.of(),
                List.of(),
                List.of(),
                List.of(),
                List.of("code"),
                List.of("verdict"),
                List.of("size"),
                List.of(),
                List.of("ref"),
                List.of("agent"),
                List.of("ms"),
                TimeUnit.MILLISECONDS);
        final JsonProxyParser p = new JsonProxyParser(custom, stub, ZoneOffset.UTC);

        final ProxyEvent e = Samples.event(p.parse("{\"ts\":1700000000,\"client\":\"10.1.1.1\",\"who\":\"hank\","
                + "\"verb\":\"GET\",\"target\":{\"url\":\"http://x.example/\"},\"code\":\"302\",\"verdict\":\"allow\","
                + "\"size\":10,\"ref\":\"\",\"agent\":\"curl\",\"ms\":12}"));

        assertThat(e.time()).isEqualTo(Instant.ofEpochSecond(1_700_000_000L));
        assertThat(e.user()).isEqualTo("hank");
        assertThat(e.url()).isEqualTo("http://x.example/");
        assertThat(e.status()).isEqualTo(302);
        assertThat(e.withoutReferer()).isTrue();
        assertThat(e.durationMs()).isEqualTo(12);
    }

    @Test
    void shouldMapZscalerWebRecordAndIgnoreOtherNssFeeds() {
        final ProxyEvent e = Samples.event(parser.parse("{\"sourcetype\": \"zscalernss-web\", \"event\": {"
                + "\"datetime\":\"2024-08-26 13:27:54\",\"protocol\":\"HTTPS\",\"action\":\"Blocked\","
                + "\"responsesize\":\"758\",\"requestmethod\":\"GET\",\"refererURL\":\"None\","
                + "\"useragent\":\"Mozilla/5.0%20(X11%3b%20Linux)\",\"ClientIP\":\"10.5.5.5\",\"status\":\"403\","
                + "\"user\":\"ivy@example.org\",\"url\":\"dl.example.net/file.iso\","
                + "\"contenttype\":\"application/octet-stream\"}}"));

        assertThat(e.time()).isEqualTo(Instant.parse("2024-08-26T13:27:54Z"));
        assertThat(e.clientIp()).isEqualTo("10.5.5.5");
        assertThat(e.user()).isEqualTo("ivy@example.org");
        assertThat(e.url()).as("NSS logs no scheme; protocol gives it").isEqualTo("https://dl.example.net/file.iso");
        assertThat(e.host()).isEqualTo("dl.example.net");
        assertThat(e.status()).isEqualTo(403);
        assertThat(e.blocked()).isTrue();
        assertThat(e.bytes()).isEqualTo(758);
        assertThat(e.userAgent()).isEqualTo("Mozilla/5.0 (X11; Linux)");
        assertThat(e.withoutReferer()).as("None: the request had none").isTrue();

        for (final String type : List.of("audit", "dns", "fw", "casb", "tunnel")) {
            assertThat(Samples.ignored(parser.parse("{\"sourcetype\":\"zscalernss-" + type + "\",\"event\":{}}")))
                    .isEqualTo(JsonProxyParser.NOT_WEB);
        }
    }

    @Test
    void shouldMapBroadcomCloudSwgRecordByElffNames() {
        final ProxyEvent e = Samples.event(parser.parse("{\"date\":\"2024-03-04\",\"time\":\"16:55:02\","
                + "\"c-ip\":\"10.7.7.7\",\"cs-userdn\":\"CORP\\\\jack\",\"sc-filter-result\":\"DENIED\","
                + "\"cs-method\":\"GET\",\"cs-uri-scheme\":\"https\",\"cs-host\":\"www.example.com\","
                + "\"cs-uri-port\":443,\"cs-uri-path\":\"/x\",\"sc-status\":403,\"sc-bytes\":\"0\","
                + "\"cs(User-Agent)\":\"UA\",\"cs(Referer)\":\"-\",\"time-taken\":\"random word\"}"));

        assertThat(e.time()).isEqualTo(Instant.parse("2024-03-04T16:55:02Z"));
        assertThat(e.user()).isEqualTo("CORP\\jack");
        assertThat(e.url()).isEqualTo("https://www.example.com/x");
        assertThat(e.blocked()).isTrue();
        assertThat(e.userAgent()).isEqualTo("UA");
        assertThat(e.withoutReferer()).isTrue();
        assertThat(e.durationMs()).as("a word where a number belongs").isEqualTo(-1);
    }

    @Test
    void shouldHandWrappedRawLinesToTheLineParser() {
        assertThat(Samples.ignored(parser.parse("{\"@timestamp\":\"2024-01-01T00:00:00Z\",\"message\":\"raw one\","
                        + "\"host\":{\"name\":\"proxy1\"}}")))
                .isEqualTo("stub");
        assertThat(Samples.ignored(parser.parse("{\"test_file\":\"t.json\",\"input\":{\"message\":\"raw two\"}}")))
                .isEqualTo("stub");
        assertThat(Samples.ignored(parser.parse("{\"event\":{\"original\":\"raw three\"}}")))
                .isEqualTo("stub");
        assertThat(handed).containsExactly("raw one", "raw two", "raw three");
    }

    @Test
    void shouldReadWrappedJsonItselfWhenTheRawLineIsJson() {
        final ProxyEvent e = Samples.event(parser.parse("{\"input\":{\"message\":\"{\\\"url.original\\\":"
                + "\\\"http://in.example/\\\",\\\"@timestamp\\\":\\\"2024-01-01T00:00:00Z\\\"}\"}}"));

        assertThat(e.url()).isEqualTo("http://in.example/");
        assertThat(handed).isEmpty();
    }

    @Test
    void shouldAcceptPrettyPrintedJsonFlattenedWithWrittenNewlines() {
        final ProxyEvent e = Samples.event(parser.parse("{\\n  \"url.full\": \"http://a.example/line\\nbreak\","
                + "\\n  \"@timestamp\": \"2024-01-01T00:00:00Z\"\\n}\\n"));

        assertThat(e.url()).as("\\n inside a string stays a JSON escape").isEqualTo("http://a.example/line\nbreak");
    }

    @Test
    void shouldRefuseHostileJsonWithoutThrowing() {
        final String deep = "{\"a\":".repeat(5000) + "1" + "}".repeat(5000);
        assertThat(parser.parse(deep).error().reason())
                .as("5000 levels, under the length limit")
                .isEqualTo(JsonProxyParser.NOT_JSON);
        final String nested =
                "{\"a\":".repeat(JsonProxyParser.MAX_DEPTH + 1) + "1" + "}".repeat(JsonProxyParser.MAX_DEPTH + 1);
        assertThat(parser.parse(nested).error().reason())
                .as("one level deeper than the limit")
                .isEqualTo(JsonProxyParser.NOT_JSON);
        final String allowed = "{\"url.full\":\"http://d.example/\",\"x\":"
                + "{\"a\":".repeat(JsonProxyParser.MAX_DEPTH - 2)
                + "1" + "}".repeat(JsonProxyParser.MAX_DEPTH - 2) + "}";
        assertThat(Samples.event(parser.parse(allowed)).host())
                .as("within the limit")
                .isEqualTo("d.example");
        assertThat(parser.parse("{\"message\":\"" + "x".repeat(1 << 20) + "\"}")
                        .error()
                        .reason())
                .isEqualTo(JsonProxyParser.TOO_LONG);
        assertThat(parser.parse("{\"url.original\": \"unterminated").error().reason())
                .isEqualTo(JsonProxyParser.NOT_JSON);
        assertThat(parser.parse("[1,2]").error().reason()).isEqualTo(JsonProxyParser.NOT_OBJECT);
        assertThat(parser.parse("{\"foo\":1}").error().reason()).isEqualTo(JsonProxyParser.NO_MAPPED_FIELD);
        assertThat(parser.parse("").error().reason()).isEqualTo(JsonProxyParser.EMPTY);
        final String wrapped = "{\"message\":\"{\\\"message\\\":\\\"{\\\\\\\"message\\\\\\\":\\\\\\\""
                + "{\\\\\\\\\\\\\\\"message\\\\\\\\\\\\\\\":\\\\\\\\\\\\\\\"{}\\\\\\\\\\\\\\\"}\\\\\\\"}\\\"}\"}";
        assertThat(parser.parse(wrapped).error().reason()).isEqualTo(JsonProxyParser.TOO_DEEPLY_WRAPPED);

        final ProxyEvent e = Samples.event(parser.parse("{\"url.original\":\"http://h.example/\","
                + "\"url.port\":\"http\",\"http.response.bytes\":\"12kB\",\"http.response.status_code\":99999,"
                + "\"@timestamp\":\"yesterday\"}"));
        assertThat(e.port()).isEqualTo(80);
        assertThat(e.bytes()).isEqualTo(-1);
        assertThat(e.status()).isZero();
        assertThat(e.time()).isNull();
    }
}
