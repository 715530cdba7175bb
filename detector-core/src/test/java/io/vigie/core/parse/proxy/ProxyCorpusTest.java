package io.vigie.core.parse.proxy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.vigie.core.parse.ParseResult;
import io.vigie.core.parse.proxy.ProxyLineParsers.Parsed;
import io.vigie.core.parse.proxy.ProxyLineParsers.State;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every Squid native/combined and ELFF file of the team's shared data, read in place (most of them may not be
 * copied into the repository, see shared/data/MANIFEST.md). Skipped, with a message, when it is absent.
 */
class ProxyCorpusTest {

    private static final String ABSENT = "shared data not found (-Dvigie.shared.data, ../shared/data or "
            + "../../shared/data): proxy corpus test skipped";
    private static final Path ROOT = sharedData().orElse(null);

    /**
     * {@code -Dvigie.shared.data=DIR}, else {@code shared/data} found from the working directory upwards: surefire
     * runs in the module directory, an IDE often in the repository root, and the data sits beside the worktree.
     */
    static Optional<Path> sharedData() {
        final List<Path> candidates = new ArrayList<>();
        final String configured = System.getProperty("vigie.shared.data");
        if (configured != null && !configured.isBlank()) {
            candidates.add(Path.of(configured));
        }
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            candidates.add(dir.resolve("shared/data"));
        }
        return candidates.stream()
                .filter(p -> Files.isDirectory(p.resolve("proxy")))
                .map(Path::normalize)
                .findFirst();
    }

    static Stream<Arguments> files() {
        if (ROOT == null) {
            return Stream.of(Arguments.of("(shared data absent)", "auto"));
        }
        try (Stream<Path> squid = Files.list(ROOT.resolve("proxy/squid"))) {
            final List<Arguments> files =
                    new ArrayList<>(squid.filter(p -> p.getFileName().toString().endsWith(".log"))
                            .sorted()
                            .map(p -> Arguments.of(ROOT.relativize(p).toString(), "auto"))
                            .toList());
            files.add(Arguments.of("proxy/bluecoat/apache-metron_BluecoatProxy_ELFF.log", "w3c"));
            files.add(Arguments.of("realgen/squid/access.log", "squid"));
            files.add(Arguments.of("realgen/squid/access_combined.log", "combined"));
            return files.stream();
        } catch (final IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Blank lines and {@code #} lines are not counted: fail2ban's test file annotates Squid lines with
     * {@code # failJSON} comments and empty separators, which no proxy writes. Every other line must be an
     * access record.
     */
    @ParameterizedTest(name = "{0} as {1}")
    @MethodSource("files")
    void shouldReadEveryAccessLineWithoutFailure(final String file, final String source) throws IOException {
        assumeTrue(ROOT != null, ABSENT);
        final List<String> lines = new String(Files.readAllBytes(ROOT.resolve(file)), StandardCharsets.UTF_8)
                .lines()
                .toList();
        final ProxyLineParsers parsers = ProxyLineParsers.forSource(source);
        State state = State.INITIAL;
        int access = 0;
        int expected = 0;
        final List<String> failures = new ArrayList<>();
        for (final String line : lines) {
            if (line.isBlank()) {
                continue;
            }
            final Parsed parsed = parsers.parse(line, state);
            state = parsed.state();
            final ParseResult<ProxyLine> result = parsed.result();
            if (line.startsWith("#")) {
                assertThat(result.isOk() && !result.value().isAccess()).as(line).isTrue();
                continue;
            }
            expected++;
            if (!result.isOk()) {
                failures.add(result.error().reason() + ": " + line);
            } else if (result.value().isAccess()) {
                access++;
                assertThat(result.value().event().clientIp()).as(line).isNotBlank();
                assertThat(result.value().event().time()).as(line).isNotNull();
            }
        }
        assertThat(failures).as(file).isEmpty();
        assertThat(access).as(file).isEqualTo(expected).isPositive();
    }

    /** The copies under src/test/resources must stay byte-for-byte what the MANIFEST attributes. */
    @Test
    void shouldKeepTheCommittedCopiesIdenticalToTheSharedFiles() throws IOException {
        assumeTrue(ROOT != null, ABSENT);
        final List<String[]> copies = List.of(
                new String[] {
                    "licensed/apache-metron-docker_SquidExampleOutput.log",
                    "proxy/squid/apache-metron-docker_SquidExampleOutput.log"
                },
                new String[] {
                    "licensed/apache-metron_SquidExampleOutput.log", "proxy/squid/apache-metron_SquidExampleOutput.log"
                },
                new String[] {"licensed/plaso_squid_access.log", "proxy/squid/plaso_squid_access.log"},
                new String[] {
                    "licensed/apache-metron_BluecoatProxy_ELFF.log",
                    "proxy/bluecoat/apache-metron_BluecoatProxy_ELFF.log"
                },
                new String[] {"realgen/access.log", "realgen/squid/access.log"},
                new String[] {"realgen/access_combined.log", "realgen/squid/access_combined.log"});
        for (final String[] copy : copies) {
            final String committed = String.join("\n", W3cLogParserTest.resourceLines("/samples/proxy/" + copy[0]));
            final String shared = String.join("\n", Files.readAllLines(ROOT.resolve(copy[1]), StandardCharsets.UTF_8));
            assertThat(committed).as(copy[0]).isEqualTo(shared);
        }
    }
}
