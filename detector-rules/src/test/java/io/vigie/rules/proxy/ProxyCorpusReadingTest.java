package io.vigie.rules.proxy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.vigie.core.parse.ParseResult;
import io.vigie.core.parse.proxy.ProxyLine;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Every real proxy log read the way the engine reads {@code raw.proxy} with {@code proxy.format: auto}: not one
 * line may become a dead letter. The copies committed in detector-core (Apache-2.0/MIT sources and realgen)
 * always run; the whole {@code shared/data/proxy} directory runs when it is next to the clone.
 */
class ProxyCorpusReadingTest {

    private static final Path COPIES = Path.of("../detector-core/src/test/resources/samples");

    @Test
    void everyCommittedRealProxyLogReadsWithoutADeadLetter() throws IOException {
        final List<Path> files = files(
                COPIES.resolve("proxy/realgen"), COPIES.resolve("proxy/licensed"), COPIES.resolve("proxy-vendors"));
        assertThat(files).hasSizeGreaterThanOrEqualTo(8);
        assertThat(read(files)).isGreaterThan(5_000);
    }

    @Test
    void everyProxyLogOfTheSharedDataReadsWithoutADeadLetter() throws IOException {
        final Path shared = Stream.of(Path.of("../../shared/data/proxy"), Path.of("/work/shared/data/proxy"))
                .filter(Files::isDirectory)
                .findFirst()
                .orElse(null);
        assumeTrue(shared != null, "shared/data/proxy is not next to the clone: the committed copies still ran");
        final List<Path> files = files(shared);
        assertThat(files).hasSizeGreaterThanOrEqualTo(30);
        assertThat(read(files)).isGreaterThan(200);
    }

    /** @return access events read; fails on the first line that would be a dead letter */
    private static long read(final List<Path> files) throws IOException {
        long events = 0;
        for (final Path file : files) {
            final ProxyLineReading reading = ProxyLineReading.forFormat("auto", ZoneId.of("UTC"));
            int n = 0;
            for (final String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
                n++;
                final ParseResult<ProxyLine> result =
                        reading.parse(file.getFileName().toString(), line, 0).get(0);
                final int lineNumber = n;
                assertThat(result.isOk())
                        .as(() -> file + ":" + lineNumber + " refused ("
                                + (result.isOk() ? "" : result.error().reason()) + "): " + line)
                        .isTrue();
                if (result.value().isAccess()) {
                    events++;
                }
            }
        }
        return events;
    }

    private static List<Path> files(final Path... dirs) throws IOException {
        final List<Path> out = new ArrayList<>();
        for (final Path dir : dirs) {
            try (Stream<Path> walk = Files.walk(dir)) {
                walk.filter(Files::isRegularFile)
                        .filter(p -> !p.getFileName().toString().equals("README.md"))
                        .sorted()
                        .forEach(out::add);
            }
        }
        return out;
    }
}
