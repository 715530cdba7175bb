package io.vigie.core.parse.proxy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.vigie.core.parse.ParseResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every real vendor proxy log in {@code shared/data/proxy} parses with no dead letter, into as many access
 * records as a reading of the file finds. Lines of Squid's native format (the squidGuard sample mixes them in)
 * are counted as handed on: their parser is not a vendor parser.
 */
class VendorProxyCorpusTest {

    static final String HANDED_ON = "handed to the squid parser";

    /** Stands in for the Squid/combined/W3C parsers: takes Squid native lines, refuses anything else. */
    static final ProxyLogParser SQUID_STUB = line -> VendorProxyParsers.SQUID.equals(VendorProxyParsers.detect(line))
            ? ParseResult.ok(ProxyLine.ignored(HANDED_ON))
            : ParseResult.failed("stub", "not squid", line);

    private static final VendorProxyParsers PARSERS =
            new VendorProxyParsers(ZoneOffset.UTC, JsonProxyMapping.ecs(), SQUID_STUB);

    static Stream<Arguments> files() {
        return Stream.of(
                // file, parser ("auto" = detect), access events, ignored lines (handed-on lines included)
                Arguments.of("zscaler/sekoia_zscaler_zia_tests.log", "json", 3, 10),
                Arguments.of("other/sekoia_netskope_transaction_tests.log", "netskope", 4, 0),
                Arguments.of("other/sekoia_skyhigh_swg_tests.log", "kv", 8, 0),
                Arguments.of("other/sekoia_umbrella_proxy_tests.log", "umbrella", 4, 0),
                Arguments.of("other/sekoia_cisco_wsa_tests.log", "cisco-wsa", 6, 0),
                Arguments.of("other/sekoia_forcepoint_swg_tests.log", "cef", 5, 0),
                Arguments.of("other/sekoia_olfeo_swg_tests.log", "olfeo", 4, 0),
                Arguments.of("other/sekoia_fortiproxy_tests.log", "kv", 7, 19),
                Arguments.of("other/usiem-squid_squidGuard_logs.log", "auto", 5, 9),
                Arguments.of("other/plaso_trendmicro_OfcUrlf.log", "trendmicro", 4, 0),
                Arguments.of("other/fail2ban_3proxy.log", "3proxy", 2, 4),
                Arguments.of("bluecoat/apache-metron_BluecoatSyslog.log", "bluecoat-eventlog", 0, 144),
                Arguments.of("bluecoat/apache-metron_BluecoatCIM_syslog.log", "kv", 2, 0),
                Arguments.of("bluecoat/sekoia_broadcom_edge_swg_proxysg_tests.log", "kv", 2, 0),
                Arguments.of("bluecoat/sekoia_broadcom_cloud_swg_wss_tests.log", "json", 4, 0),
                // the same records as the SEKOIA test inputs, {"input": {"message": ...}}, read in auto mode
                Arguments.of("zscaler/sekoia_zscaler_zia_tests.jsonl", "auto", 3, 10),
                Arguments.of("other/sekoia_netskope_transaction_tests.jsonl", "auto", 4, 0),
                Arguments.of("other/sekoia_skyhigh_swg_tests.jsonl", "auto", 8, 0),
                Arguments.of("other/sekoia_umbrella_proxy_tests.jsonl", "auto", 4, 0),
                Arguments.of("other/sekoia_cisco_wsa_tests.jsonl", "auto", 6, 0),
                Arguments.of("other/sekoia_forcepoint_swg_tests.jsonl", "auto", 5, 0),
                Arguments.of("other/sekoia_olfeo_swg_tests.jsonl", "auto", 4, 0),
                Arguments.of("other/sekoia_fortiproxy_tests.jsonl", "auto", 7, 19),
                Arguments.of("bluecoat/sekoia_broadcom_edge_swg_proxysg_tests.jsonl", "auto", 2, 0),
                Arguments.of("bluecoat/sekoia_broadcom_cloud_swg_wss_tests.jsonl", "auto", 4, 0));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("files")
    void shouldParseEveryLineWithoutDeadLetterWhenReadingRealVendorLogs(
            final String file, final String format, final int events, final int ignored) {
        final Optional<Path> root = ProxySamples.root();
        assumeTrue(root.isPresent(), "shared/data not found (set -Dvigie.shared.data): corpus test skipped");
        final Path path = root.get().resolve("proxy").resolve(file);
        assumeTrue(Files.isRegularFile(path), () -> path + " missing: skipped");
        final ProxyLogParser parser = "auto".equals(format)
                ? PARSERS.auto(SQUID_STUB)
                : PARSERS.parser(format).orElseThrow();

        final List<String> failures = new ArrayList<>();
        final Map<String, Integer> reasons = new TreeMap<>();
        int accesses = 0;
        int n = 0;
        for (final String line : ProxySamples.lines(path)) {
            n++;
            final ParseResult<ProxyLine> r = parser.parse(line);
            if (!r.isOk()) {
                failures.add(n + ": " + r.error().reason());
            } else if (r.value().isAccess()) {
                accesses++;
                assertThat(r.value().event().time()).as("time of line %d", n).isNotNull();
            } else {
                reasons.merge(r.value().ignoredBecause(), 1, Integer::sum);
            }
        }
        assertThat(failures).as("dead letters in %s", file).isEmpty();
        assertThat(accesses)
                .as("access events in %s (ignored: %s)", file, reasons)
                .isEqualTo(events);
        assertThat(reasons.values().stream().mapToInt(Integer::intValue).sum())
                .as("ignored lines: %s", reasons)
                .isEqualTo(ignored);
    }
}
