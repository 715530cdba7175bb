package io.vigie.core.parse;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.vigie.core.model.PostfixEvent;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/**
 * Measures single-thread PostfixParser throughput on the big real logs and prints it. Opt-in and
 * assertion-free on purpose (timings on shared CI machines are noise):
 * {@code mvn -pl detector-core test -Dtest=PostfixParserThroughputTest -Dvigie.bench=true}.
 */
@EnabledIfSystemProperty(named = "vigie.bench", matches = "true")
class PostfixParserThroughputTest {

    private static final int ROUNDS = 30;

    @Test
    void shouldReportLinesPerSecondWhenBenchmarkingTheRealLogs() {
        final Path root = SharedData.root().orElse(null);
        assumeTrue(root != null, "shared data not found: benchmark skipped");
        final List<String> lines = new ArrayList<>();
        for (final String name : List.of(
                "postfix/kdent_postfix_log_analysis_mail.log",
                "postfix/kdent_postfix_log_analysis_mail2.log",
                "postfix/louisitvn_pflgviewer_mail.log",
                "realgen/postfix/mail.log",
                "realgen/postfix/mail.rfc3339.log")) {
            final Path file = root.resolve(name);
            if (Files.isRegularFile(file)) {
                lines.addAll(SharedData.lines(file));
            }
        }
        assumeTrue(!lines.isEmpty(), "no log to benchmark");
        final PostfixParser parser = new PostfixParser(Clock.systemUTC(), ZoneId.of("Europe/Paris"));

        long checksum = 0;
        double best = 0;
        for (int round = 0; round < ROUNDS; round++) {
            final long start = System.nanoTime();
            for (final String line : lines) {
                final ParseResult<PostfixEvent> result = parser.parse(line);
                checksum += result.isOk() ? result.value().kind().ordinal() : 1;
            }
            final double perSecond = lines.size() / ((System.nanoTime() - start) / 1e9);
            best = Math.max(best, perSecond);
            if (round == 0 || round == ROUNDS - 1) {
                System.out.printf(Locale.ROOT, "PostfixParser round %d: %,.0f lines/s%n", round + 1, perSecond);
            }
        }
        System.out.printf(
                Locale.ROOT,
                "PostfixParser: %,d lines, best round %,.0f lines/s (checksum %d)%n",
                lines.size(),
                best,
                checksum);
        assertThat(checksum).isPositive();
    }
}
