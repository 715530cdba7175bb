package io.vigie.app.mail;

import static io.vigie.app.mail.PflogsummParityTopologyTest.assertSameList;

import io.vigie.app.analyze.Analysis;
import io.vigie.app.analyze.AnalysisResult;
import io.vigie.app.config.VigieConfig;
import io.vigie.app.pflogsumm.PflogsummCorpus;
import io.vigie.app.pflogsumm.PflogsummReport;
import io.vigie.core.model.TopEntry;
import io.vigie.core.model.TopLists;
import java.util.List;
import java.util.Map;
import org.assertj.core.api.Assertions;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * The acceptance check of the mail slice: {@code vigie analyze} (the engine's topology on the
 * embedded broker) prints exactly pflogsumm's four top-20 lists on every real Postfix log of the
 * corpus. The expected outputs were produced by pflogsumm 1.1.5 (see
 * {@code src/test/resources/pflogsumm/README.md} for the command); logs whose licence forbids a
 * copy are read from the shared data folder when it is there, and reported as skipped otherwise.
 */
class AnalyzePflogsummParityTest {

    @Test
    void shouldPrintPflogsummsTopListsForEveryLogOfTheCorpus() throws Exception {
        final List<PflogsummCorpus.Case> available = PflogsummCorpus.cases().stream()
                .filter(c -> c.log().isPresent()).toList();
        Assumptions.assumeFalse(available.isEmpty(), "no corpus log available");
        final List<String> skipped = PflogsummCorpus.cases().stream().filter(c -> c.log().isEmpty())
                .map(PflogsummCorpus.Case::skipMessage).toList();
        if (!skipped.isEmpty()) {
            System.out.println("AnalyzePflogsummParityTest skipped: " + skipped);
        }
        final VigieConfig config = VigieConfig.load(null, Map.of());
        for (final PflogsummCorpus.Case corpusCase : available) {
            final AnalysisResult result = new Analysis(config).run("postfix", List.of(corpusCase.log().get()));
            final TopLists ours = result.period() == null ? TopLists.empty() : result.period().all();
            final PflogsummReport expected = corpusCase.expected();
            Assertions.assertThat(result.records()).as(corpusCase.name() + " records").isPositive();
            assertSameList(corpusCase.name() + " senders by count", ours.sendersByCount(),
                    expected.sendersByCount(), TopEntry::messages);
            assertSameList(corpusCase.name() + " recipients by count", ours.recipientsByCount(),
                    expected.recipientsByCount(), TopEntry::messages);
            assertSameList(corpusCase.name() + " senders by size", ours.sendersByBytes(), expected.sendersBySize(),
                    TopEntry::bytes);
            assertSameList(corpusCase.name() + " recipients by size", ours.recipientsByBytes(),
                    expected.recipientsBySize(), TopEntry::bytes);
        }
    }
}
