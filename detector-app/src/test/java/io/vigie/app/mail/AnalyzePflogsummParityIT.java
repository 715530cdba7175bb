package io.vigie.app.mail;

import static io.vigie.app.mail.AnalyzePflogsummParityTest.analyze;
import static io.vigie.app.mail.AnalyzePflogsummParityTest.assertPrintsPflogsummsLists;

import io.vigie.app.pflogsumm.PflogsummCorpus;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * {@link AnalyzePflogsummParityTest} through the engine: with {@code --engine}, {@code vigie analyze} runs the
 * topology on its own embedded broker (the producer, waiting for the pipeline to drain, reading the topics back),
 * which does not depend on what the log says but on how much of it there is. So it is checked on the two largest
 * logs, one committed and one from the shared data, one case per log (each run starts a broker).
 */
class AnalyzePflogsummParityIT {

    /** The largest committed log (23,202 lines) and the largest in the shared data (20,000 lines). */
    static Stream<PflogsummCorpus.Case> largestLogs() {
        return Stream.of("realgen_mail", "louisitvn_pflgviewer_mail").map(PflogsummCorpus::byName);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("largestLogs")
    void shouldPrintPflogsummsTopListsThroughTheEngine(final PflogsummCorpus.Case corpusCase) throws Exception {
        Assumptions.assumeTrue(corpusCase.log().isPresent(), corpusCase::skipMessage);
        assertPrintsPflogsummsLists(corpusCase, analyze(corpusCase, "--engine"));
    }
}
