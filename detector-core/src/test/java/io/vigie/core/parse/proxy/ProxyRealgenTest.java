package io.vigie.core.parse.proxy;

import static org.assertj.core.api.Assertions.assertThat;

import io.vigie.core.model.ProxyEvent;
import io.vigie.core.parse.ParseResult;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The realgen capture: one run of real Squid 5.7 that wrote every request twice, in the native and the combined
 * format. Line N of one file and line N of the other are the same request, so the two parsers must agree on
 * everything both formats carry.
 */
class ProxyRealgenTest {

    private static final int LINES = 2_594;

    private static List<ProxyEvent> nativeEvents;
    private static List<ProxyEvent> combinedEvents;

    @BeforeAll
    static void parseBothFiles() throws IOException {
        nativeEvents = parseAll("/samples/proxy/realgen/access.log", new SquidNativeParser()::parse);
        combinedEvents = parseAll("/samples/proxy/realgen/access_combined.log", new CombinedLogParser()::parse);
    }

    private static List<ProxyEvent> parseAll(
            final String resource, final Function<String, ParseResult<ProxyLine>> parser) throws IOException {
        final List<String> lines = W3cLogParserTest.resourceLines(resource);
        assertThat(lines).hasSize(LINES);
        final List<ProxyEvent> events = new ArrayList<>();
        final List<String> failures = new ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
            final ParseResult<ProxyLine> result = parser.apply(lines.get(i));
            if (!result.isOk()) {
                failures.add((i + 1) + ": " + result.error().reason() + ": " + lines.get(i));
            } else if (!result.value().isAccess()) {
                failures.add((i + 1) + ": ignored " + result.value().ignoredBecause());
            } else {
                events.add(result.value().event());
            }
        }
        assertThat(failures).as(resource).isEmpty();
        return events;
    }

    @Test
    void shouldParseEveryLineOfBothFormats() {
        assertThat(nativeEvents).hasSize(LINES);
        assertThat(combinedEvents).hasSize(LINES);
    }

    @Test
    void shouldAgreeLineByLineOnWhatBothFormatsCarry() {
        final SoftAssertions soft = new SoftAssertions();
        for (int i = 0; i < LINES; i++) {
            final ProxyEvent n = nativeEvents.get(i);
            final ProxyEvent c = combinedEvents.get(i);
            final String at = "line " + (i + 1);
            soft.assertThat(c.clientIp()).as(at).isEqualTo(n.clientIp());
            soft.assertThat(c.user()).as(at).isEqualTo(n.user());
            soft.assertThat(c.method()).as(at).isEqualTo(n.method());
            soft.assertThat(c.host()).as(at).isEqualTo(n.host());
            soft.assertThat(c.port()).as(at).isEqualTo(n.port());
            soft.assertThat(c.path()).as(at).isEqualTo(n.path());
            soft.assertThat(c.status()).as(at).isEqualTo(n.status());
            soft.assertThat(c.bytes()).as(at).isEqualTo(n.bytes());
            soft.assertThat(c.action()).as(at).isEqualTo(n.action());
            soft.assertThat(c.blocked()).as(at).isEqualTo(n.blocked());
            soft.assertThat(Duration.between(c.time(), n.time()).abs())
                    .as(at)
                    .isLessThanOrEqualTo(Duration.ofSeconds(1));
            soft.assertThat(n.referer()).as(at).isNull();
            soft.assertThat(c.referer()).as(at).isNotNull();
            soft.assertThat(c.userAgent()).as(at).isNotNull();
        }
        soft.assertAll();
    }

    @Test
    void shouldFindTheDeniedRequestsAndTheReferers() {
        // grep -c TCP_DENIED access.log: 128 (403s and 407s), the same requests in both files
        assertThat(nativeEvents).filteredOn(ProxyEvent::blocked).hasSize(128);
        assertThat(combinedEvents).filteredOn(ProxyEvent::blocked).hasSize(128);
        assertThat(combinedEvents).filteredOn(ProxyEvent::withoutReferer).isNotEmpty();
        assertThat(combinedEvents).filteredOn(e -> !e.withoutReferer()).isNotEmpty();
        assertThat(nativeEvents)
                .filteredOn(e -> "CONNECT".equals(e.method()))
                .allSatisfy(e -> assertThat(e.path()).isNull());
    }
}
