package io.vigie.core.parse.mail;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.vigie.core.model.Indicator;
import io.vigie.core.model.ReportedMail;
import io.vigie.core.model.ReportedMail.Attachment;
import io.vigie.core.model.ReportedMail.Link;
import io.vigie.core.parse.ParseResult;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Real phishing mails from rf-peixoto/phishing_pot (CC BY-NC 4.0): read in place from the shared data folder,
 * never copied into the repository; skipped when the folder is absent. The facts asserted per sample were
 * checked by reading the files.
 */
class ReportedMailCorpusTest {

    private static final Instant NOW = Instant.parse("2026-11-28T09:00:00Z");
    private final ReportedMailAnalyzer analyzer = new ReportedMailAnalyzer();

    private static Path corpus() {
        final Path relative = Path.of("../../shared/data/eml");
        final Path folder = Files.isDirectory(relative) ? relative : Path.of("/work/shared/data/eml");
        assumeTrue(
                Files.isDirectory(folder),
                "phishing .eml samples not found (../../shared/data/eml or "
                        + "/work/shared/data/eml): corpus test skipped");
        return folder;
    }

    private static byte[] sample(final String name) throws IOException {
        final Path file = corpus().resolve(name);
        assumeTrue(Files.isRegularFile(file), name + " absent: skipped");
        return Files.readAllBytes(file);
    }

    private ReportedMail analyze(final String name) throws IOException {
        final ParseResult<ReportedMail> result = analyzer.analyze(sample(name), NOW, null);
        assertThat(result.isOk())
                .as(() -> name + ": " + (result.isOk() ? "" : result.error()))
                .isTrue();
        return result.value();
    }

    @Test
    void shouldParseEverySampleWhenCorpusPresent() throws IOException {
        final List<String> failed = new ArrayList<>();
        int count = 0;
        try (Stream<Path> files = Files.list(corpus())) {
            for (final Path file :
                    files.filter(p -> p.toString().endsWith(".eml")).sorted().toList()) {
                count++;
                final byte[] raw = Files.readAllBytes(file);
                final ParseResult<ReportedMail> result = analyzer.analyze(raw, NOW, null);
                if (!result.isOk()) {
                    failed.add(file.getFileName() + ": " + result.error().reason());
                    continue;
                }
                final ReportedMail mail = result.value();
                if (mail.from() == null
                        || mail.received().isEmpty()
                        || !mail.reportId().equals(sha256(raw))) {
                    failed.add(file.getFileName() + ": no From, no Received or wrong id");
                }
                assertThat(analyzer.indicators(mail, NOW))
                        .allSatisfy(i -> assertThat(i.value()).isNotBlank());
            }
        }
        assertThat(count).isPositive();
        assertThat(failed).isEmpty();
    }

    @Test
    void shouldFlagDisplayNameAndHashDocxWhenCoinbaseLure() throws IOException {
        final ReportedMail m = analyze("sample-992.eml");

        assertThat(m.from()).isEqualTo("mssggeauthencti-cbspprt-325937197367@medisept.com.au");
        assertThat(m.fromName()).isEqualTo("support@mail.coinbase.com");
        assertThat(m.findings()).contains("display name contains an address");
        final String expected = sha256(base64PartAfter(sample("sample-992.eml"), "filename=\"Coinbase -15392.docx\""));
        assertThat(m.attachments())
                .containsExactly(new Attachment(
                        "Coinbase -15392.docx",
                        "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
                        "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
                        17627,
                        expected));
        assertThat(analyzer.indicators(m, NOW))
                .extracting(Indicator::key)
                .contains("host:medisept.com.au", "sha256:" + expected);
    }

    @Test
    void shouldSniffIsoWhenDeclaredAsOctetStream() throws IOException {
        final ReportedMail m = analyze("sample-1266.eml");

        assertThat(m.from()).isEqualTo("paol.reggiani@moss.it");
        final Attachment iso = m.attachments().get(0);
        assertThat(iso.name()).isEqualTo("quotation.iso");
        assertThat(iso.declaredType()).isEqualTo("application/octet-stream");
        assertThat(iso.sniffedType()).isEqualTo("application/x-iso9660-image");
        assertThat(iso.sha256())
                .isEqualTo(sha256(base64PartAfter(
                        sample("sample-1266.eml"), "Content-Disposition: attachment; filename=\"quotation.iso\"")));
        assertThat(m.findings()).contains("archive attachment");
    }

    @Test
    void shouldJoinSoftBrokenLinkAndReadFailuresWhenBradescoLure() throws IOException {
        final ReportedMail m = analyze("sample-2905.eml");

        assertThat(m.from()).isEqualTo("noreply@bradesco.com.br");
        assertThat(m.authentication()).isEqualTo(new ReportedMail.Authentication("fail", "fail", "fail"));
        assertThat(m.findings()).contains("spf fail", "dkim fail", "dmarc fail");
        // In the file the href is split by a quoted-printable soft line break and its & is written &amp;.
        assertThat(m.urls())
                .extracting(Link::url)
                .contains("https://b-a4qxna7jwq-rj.a.run.app/b/?tr=295055f9c260432da61f943a771667ec&t1=bra");
    }

    @Test
    void shouldFlagReplyToWhenItPointsElsewhere() throws IOException {
        final ReportedMail decathlon = analyze("sample-1072.eml");
        assertThat(decathlon.from()).isEqualTo("otto-newsletter@newsletter.otto.de");
        assertThat(decathlon.fromName()).isEqualTo("Decathlon");
        assertThat(decathlon.replyTo()).isEqualTo("reply_to@winner-win.art");
        assertThat(decathlon.findings()).contains("reply-to differs from from", "dmarc fail");
        assertThat(decathlon.urls()).extracting(Link::host).contains("bsq2.firiri.shop");

        final ReportedMail fedex = analyze("sample-5802.eml");
        assertThat(fedex.replyTo()).isEqualTo("lee.carolyn@zohomail.eu");
        assertThat(fedex.findings()).contains("reply-to differs from from", "spf fail");
    }

    /** The base64 body of the part whose headers contain {@code marker}, decoded without mime4j. */
    private static byte[] base64PartAfter(final byte[] raw, final String marker) {
        final String[] lines = new String(raw, StandardCharsets.ISO_8859_1).split("\r?\n", -1);
        int i = 0;
        while (!lines[i].contains(marker)) {
            i++;
        }
        while (!lines[i].isBlank()) {
            i++;
        }
        final StringBuilder b64 = new StringBuilder();
        for (i++; i < lines.length && !lines[i].startsWith("--") && !lines[i].isBlank(); i++) {
            b64.append(lines[i].strip());
        }
        return Base64.getMimeDecoder().decode(b64.toString());
    }

    private static String sha256(final byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (final NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
