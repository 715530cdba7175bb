package io.vigie.core.parse.mail;

import com.fasterxml.jackson.databind.JsonNode;
import io.vigie.core.parse.GoldenFiles;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Golden test of {@link ReportedMailAnalyzer}: each hand-made {@code samples/mail/*.eml} (a forward with the
 * original as message/rfc822, a direct report from a webmail with a disguised archive, a Latin-1 mail without
 * MIME, a truncated multipart, something that is no mail) is one input; its verdict (or failure) is one line of
 * {@code samples/mail/expected.jsonl}, in the order listed here. Regenerate with
 * {@code -Dvigie.golden.regenerate=true}.
 */
class ReportedMailGoldenTest {

    private static final String DIR = "samples/mail/";
    private static final List<String> MAILS = List.of(
            "forwarded-rfc822.eml",
            "direct-webmail-zip.eml",
            "latin1-plain.eml",
            "truncated-multipart.eml",
            "not-a-mail.eml");
    private static final Instant RECEIVED_AT = Instant.parse("2026-11-28T09:05:00Z");

    @Test
    void shouldAnalyzeEveryGoldenMailAsBefore() {
        final ReportedMailAnalyzer analyzer = new ReportedMailAnalyzer();
        final List<JsonNode> actual = MAILS.stream()
                .map(name -> GoldenFiles.render(
                        analyzer.analyze(GoldenFiles.bytes(DIR + name), RECEIVED_AT, null), GoldenFiles::withoutNulls))
                .toList();
        GoldenFiles.assertMatches(DIR + "expected.jsonl", MAILS, actual);
    }
}
