package io.vigie.app.mail;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.vigie.app.Main;
import io.vigie.app.pflogsumm.PflogsummCorpus;
import io.vigie.app.pflogsumm.PflogsummReport;
import io.vigie.core.serde.JsonSerde;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import picocli.CommandLine;

/**
 * The acceptance check of the mail slice: {@code vigie analyze --source postfix --json FILE} prints exactly
 * pflogsumm's four top-20 lists: addresses, order, and values at the precision pflogsumm prints them. The
 * expected outputs were produced by pflogsumm 1.1.5 (command in {@code src/test/resources/pflogsumm/README.md});
 * logs whose licence forbids a copy are read from the shared data folder when it is there, and reported as
 * skipped otherwise.
 *
 * <p>By default {@code analyze} runs the rules in memory: that is checked here on every log of the corpus, one case
 * per log, so that a difference on one log does not hide those of the others. With {@code --engine} it runs the
 * topology on its own embedded broker: that is {@link AnalyzePflogsummParityIT}.
 */
class AnalyzePflogsummParityTest {

    private static final String[][] LISTS = {
        {"senders_by_count", "messages"}, {"recipients_by_count", "messages"},
        {"senders_by_bytes", "bytes"}, {"recipients_by_bytes", "bytes"}
    };

    static Stream<PflogsummCorpus.Case> corpus() {
        return PflogsummCorpus.cases().stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("corpus")
    void shouldPrintPflogsummsTopListsInMemory(final PflogsummCorpus.Case corpusCase) throws Exception {
        Assumptions.assumeTrue(corpusCase.log().isPresent(), corpusCase::skipMessage);
        assertPrintsPflogsummsLists(corpusCase, analyze(corpusCase));
    }

    /** {@code vigie analyze --source postfix --json} over the case's log, with any further options. */
    static JsonNode analyze(final PflogsummCorpus.Case corpusCase, final String... options) throws Exception {
        return analyze(corpusCase.log().get(), options);
    }

    /** {@code vigie analyze --source postfix --json} over a log, with any further options. */
    static JsonNode analyze(final java.nio.file.Path log, final String... options) throws Exception {
        final StringWriter out = new StringWriter();
        final StringWriter err = new StringWriter();
        final CommandLine cli = new CommandLine(new Main(Map.of()));
        cli.setOut(new PrintWriter(out, true));
        cli.setErr(new PrintWriter(err, true));
        final List<String> args = new ArrayList<>(List.of("analyze", "--source", "postfix", "--json"));
        args.addAll(List.of(options));
        args.add(log.toString());
        final int code = cli.execute(args.toArray(String[]::new));
        assertThat(code).as(log + ": " + err).isZero();
        return JsonSerde.MAPPER.readTree(out.toString());
    }

    static void assertPrintsPflogsummsLists(final PflogsummCorpus.Case corpusCase, final JsonNode report)
            throws java.io.IOException {
        assertPrintsLists(corpusCase.name(), corpusCase.expected(), report);
    }

    /**
     * The four "all" lists of an {@code analyze --json} report are those of the pflogsumm report, as it prints them.
     * The four are compared softly: a difference in one list does not hide those of the other three.
     */
    static void assertPrintsLists(final String what, final PflogsummReport expected, final JsonNode report) {
        assertThat(report.path("stats").path("records").asLong()).as(what).isPositive();
        final JsonNode all = report.path("top20").path("all");
        final List<List<PflogsummReport.Entry>> expectedLists = List.of(
                expected.sendersByCount(),
                expected.recipientsByCount(),
                expected.sendersBySize(),
                expected.recipientsBySize());
        SoftAssertions.assertSoftly(lists -> {
            for (int i = 0; i < LISTS.length; i++) {
                final List<String> printed = new ArrayList<>();
                final String field = LISTS[i][1];
                all.path(LISTS[i][0])
                        .forEach(entry -> printed.add(PflogsummReport.formatLikePflogsumm(
                                        entry.path(field).asLong(),
                                        entry.path("address").asText())
                                .printed()));
                lists.assertThat(printed)
                        .as(what + " " + LISTS[i][0])
                        .containsExactlyElementsOf(expectedLists.get(i).stream()
                                .map(PflogsummReport.Entry::printed)
                                .toList());
            }
        });
    }
}
