package io.vigie.rules.dmarc;

import static org.assertj.core.api.Assertions.assertThat;

import io.vigie.core.model.DeadLetter;
import io.vigie.core.model.DmarcEvent;
import io.vigie.core.parse.DmarcPayloadExtractor;
import io.vigie.core.parse.DmarcReader;
import io.vigie.rules.config.RulesConfig;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The real reports copied into detector-core's test resources (MIT and Apache-2.0 sources, see the README
 * there) through the DMARC part: every message they count comes out on {@code events.dmarc}, exactly
 * once (the corpus holds some reports twice or three times, plain and compressed), and every refused file is
 * in {@code dlq}.
 */
class DmarcCorpusTopologyTest {

    private static final Path CORPUS = Path.of("../detector-core/src/test/resources/samples/dmarc/real");
    private static final Pattern COUNT = Pattern.compile("<count>\\s*(\\d+)\\s*</count>");

    @TempDir
    Path stateDir;

    @Test
    void everyCountedMessageOfTheRealReportsReachesTheEventsTopic() throws IOException {
        final List<Path> files;
        try (Stream<Path> walk = Files.walk(CORPUS)) {
            files = walk.filter(Files::isRegularFile)
                    .filter(p -> !p.getFileName().toString().equals("README.md"))
                    .sorted()
                    .toList();
        }
        assertThat(files).as("the copied corpus").hasSizeGreaterThan(30);

        long expectedMessages = 0;
        long expectedRefusals = 0;
        final java.util.Set<String> reportsSeen = new java.util.HashSet<>();
        final DmarcReader reader = new DmarcReader();
        try (DmarcDriver driver = new DmarcDriver(RulesConfig.defaults(), stateDir)) {
            for (final Path file : files) {
                final byte[] bytes = Files.readAllBytes(file);
                final var reports = reader.read(bytes);
                if (reports.stream().allMatch(r -> r.isOk())) {
                    // Counted independently of the parser: the <count> elements of the decompressed XML, once
                    // per report (the corpus holds the same report as .xml, .xml.gz and .zip).
                    final List<byte[]> xmls =
                            new DmarcPayloadExtractor().extract(bytes).value();
                    for (int i = 0; i < xmls.size(); i++) {
                        final var report = reports.get(i).value();
                        if (reportsSeen.add(report.orgName() + '|' + report.reportId())) {
                            expectedMessages += countSum(new String(xmls.get(i), StandardCharsets.UTF_8));
                        }
                    }
                } else {
                    expectedRefusals += reports.stream().filter(r -> !r.isOk()).count();
                }
                driver.send(file.getFileName().toString(), bytes);
            }
            final List<DmarcEvent> events = driver.newEvents();
            final List<DeadLetter> letters = driver.dlq.readValuesToList();

            assertThat(events.stream().mapToLong(DmarcEvent::count).sum())
                    .isEqualTo(expectedMessages)
                    .isGreaterThan(8_000);
            assertThat(reportsSeen).as("distinct reports").hasSizeGreaterThan(30);
            assertThat(letters).hasSize((int) expectedRefusals);
            assertThat(letters).allSatisfy(l -> assertThat(l.reason()).isNotBlank());
            assertThat(events).extracting(DmarcEvent::rowIdentity).doesNotHaveDuplicates();
        }
    }

    private static long countSum(final String xml) {
        long sum = 0;
        final Matcher m = COUNT.matcher(xml);
        while (m.find()) {
            sum += Long.parseLong(m.group(1));
        }
        return sum;
    }
}
