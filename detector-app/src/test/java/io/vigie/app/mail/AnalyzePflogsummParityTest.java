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
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
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
 * <p>By default {@code analyze} runs the rules in memory: that is checked on every log of the corpus. With
 * {@code --engine} it runs the topology on its own embedded broker (the producer, waiting for the pipeline to
 * drain, reading the topics back), which does not depend on what the log says but on how much of it there is: that
 * is checked on the two largest logs, one committed and one from the shared data (each run starts a broker).
 */
class AnalyzePflogsummParityTest {

    /** The largest committed log (23,202 lines) and the largest in the shared data (20,000 lines). */
    private static final List<String> ENGINE_CASES = List.of("realgen_mail", "louisitvn_pflgviewer_mail");

    private static final String[][] LISTS = {
        {"senders_by_count", "messages"}, {"recipients_by_count", "messages"},
        {"senders_by_bytes", "bytes"}, {"recipients_by_bytes", "bytes"}};

    static Stream<PflogsummCorpus.Case> corpus() {
        return PflogsummCorpus.cases().stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("corpus")
    void shouldPrintPflogsummsTopListsInMemory(final PflogsummCorpus.Case corpusCase) throws Exception {
        Assumptions.assumeTrue(corpusCase.log().isPresent(), corpusCase::skipMessage);
        assertPrintsPflogsummsLists(corpusCase, analyze(corpusCase));
    }

    @Test
    void shouldPrintPflogsummsTopListsThroughTheEngine() throws Exception {
        final List<PflogsummCorpus.Case> chosen = ENGINE_CASES.stream().map(PflogsummCorpus::byName).toList();
        final List<PflogsummCorpus.Case> available = chosen.stream().filter(c -> c.log().isPresent()).toList();
        Assumptions.assumeFalse(available.isEmpty(), "no corpus log available");
        chosen.stream().filter(c -> c.log().isEmpty())
                .forEach(c -> System.out.println("AnalyzePflogsummParityTest: skipped " + c.skipMessage()));
        for (final PflogsummCorpus.Case corpusCase : available) {
            assertPrintsPflogsummsLists(corpusCase, analyze(corpusCase, "--engine"));
        }
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

    private static void assertPrintsPflogsummsLists(final PflogsummCorpus.Case corpusCase, final JsonNode report)
            throws java.io.IOException {
        assertPrintsLists(corpusCase.name(), corpusCase.expected(), report);
    }

    /** The four "all" lists of an {@code analyze --json} report are those of the pflogsumm report, as it prints them. */
    static void assertPrintsLists(final String what, final PflogsummReport expected, final JsonNode report) {
        assertThat(report.path("stats").path("records").asLong()).as(what).isPositive();
        final JsonNode all = report.path("top20").path("all");
        final List<List<PflogsummReport.Entry>> expectedLists = List.of(expected.sendersByCount(),
                expected.recipientsByCount(), expected.sendersBySize(), expected.recipientsBySize());
        for (int i = 0; i < LISTS.length; i++) {
            final List<String> printed = new ArrayList<>();
            final String field = LISTS[i][1];
            all.path(LISTS[i][0]).forEach(entry -> printed.add(PflogsummReport.formatLikePflogsumm(
                    entry.path(field).asLong(), entry.path("address").asText()).printed()));
            assertThat(printed).as(what + " " + LISTS[i][0]).containsExactlyElementsOf(
                    expectedLists.get(i).stream().map(PflogsummReport.Entry::printed).toList());
        }
    }
}
