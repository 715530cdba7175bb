package io.vigie.app.evidence;

import io.vigie.core.model.ReportedMail;
import io.vigie.core.net.InternalNetworks;
import io.vigie.core.parse.ParseResult;
import io.vigie.core.parse.mail.ReportedMailAnalyzer;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;

/**
 * The abuse-report drafts of one reported mail, under {@code abuse/<report-id>/}: {@code arf.eml} (RFC 5965),
 * {@code signal-spam.txt} and {@code phishtank.txt}. A mail the analyser refuses (not a mail, broken MIME) gets none:
 * there is no sender or URL to report.
 */
final class AbuseDrafts {

    private final ReportedMailAnalyzer analyzer;
    private final InternalNetworks internal;
    private final Clock clock;

    AbuseDrafts(final ReportedMailAnalyzer analyzer, final InternalNetworks internal, final Clock clock) {
        this.analyzer = analyzer;
        this.internal = internal;
        this.clock = clock;
    }

    /** @return whether drafts were written */
    boolean write(final EvidenceArchive archive, final byte[] eml, final Instant receivedAt, final String reporter)
            throws IOException {
        final ParseResult<ReportedMail> analysis = analyzer.analyze(eml, receivedAt, reporter);
        if (!analysis.isOk()) {
            return false;
        }
        final AbuseFacts facts = AbuseFacts.of(analysis.value(), internal);
        final String dir = "abuse/" + facts.reportId() + "/";
        archive.add(dir + "arf.eml", ArfDraft.build(facts, eml, clock.instant()));
        archive.add(dir + "signal-spam.txt", SubmissionTexts.signalSpam(facts).getBytes(StandardCharsets.UTF_8));
        archive.add(dir + "phishtank.txt", SubmissionTexts.phishTank(facts).getBytes(StandardCharsets.UTF_8));
        return true;
    }
}
