package io.vigie.app.evidence;

import static org.assertj.core.api.Assertions.assertThat;

import io.vigie.core.net.InternalNetworks;
import io.vigie.core.parse.mail.ReportedMailAnalyzer;
import jakarta.mail.Part;
import jakarta.mail.Session;
import jakarta.mail.internet.ContentType;
import jakarta.mail.internet.MimeBodyPart;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AbuseDraftsTest {

    private static final Instant REPORTED = Instant.parse("2026-12-06T09:30:00Z");
    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-12-06T12:00:00Z"), ZoneOffset.UTC);

    @TempDir
    Path dir;

    @Test
    void shouldDraftAnArfReportThatParsesBackWithItsThreeParts() throws Exception {
        final byte[] eml = EvidenceMails.phishing("alice@hopital.example");
        final Map<String, byte[]> files = drafts(eml, InternalNetworks.of("10.0.0.0/8"));
        final String id = id(eml);
        assertThat(files)
                .containsOnlyKeys(
                        "abuse/" + id + "/arf.eml",
                        "abuse/" + id + "/signal-spam.txt",
                        "abuse/" + id + "/phishtank.txt",
                        EvidenceArchive.MANIFEST);

        final MimeMessage arf = new MimeMessage(
                Session.getInstance(new Properties()), new ByteArrayInputStream(files.get("abuse/" + id + "/arf.eml")));
        final ContentType type = new ContentType(arf.getContentType());
        assertThat(type.getBaseType()).isEqualTo("multipart/report");
        assertThat(type.getParameter("report-type")).isEqualTo("feedback-report");
        assertThat(arf.getHeader("To", ",")).isEqualTo("abuse@evil-bank.example");
        assertThat(arf.getHeader("Cc", ",")).isEqualTo(ArfDraft.PROVIDER_PLACEHOLDER);
        assertThat(arf.getHeader("From", ",")).endsWith(".invalid");
        assertThat(arf.getSubject()).startsWith("[DRAFT]").contains("phishing", "evil-bank.example");

        final MimeMultipart parts = (MimeMultipart) arf.getContent();
        assertThat(parts.getCount()).isEqualTo(3);
        final Part human = parts.getBodyPart(0);
        assertThat(human.isMimeType("text/plain")).isTrue();
        assertThat((String) human.getContent())
                .contains(
                        "RDAP/WHOIS",
                        ArfDraft.PROVIDER_PLACEHOLDER,
                        "never sends mail",
                        "http://login.evil-bank.example/verify?id=1",
                        "V\u00e9rifiez votre compte");

        final Part feedback = parts.getBodyPart(1);
        assertThat(feedback.isMimeType("message/feedback-report")).isTrue();
        final String report = text(feedback.getInputStream());
        assertThat(report)
                .contains(
                        "Feedback-Type: fraud\r\n",
                        "User-Agent: Vigie\r\n",
                        "Version: 1\r\n",
                        "Source-IP: 203.0.113.45\r\n",
                        "Reported-Domain: evil-bank.example\r\n",
                        "Arrival-Date: Sun, 6 Dec 2026 09:00:01 GMT\r\n",
                        "Original-Mail-From: <bounce@evil-bank.example>\r\n",
                        "Reported-URI: http://login.evil-bank.example/verify?id=1\r\n");
        // the address the link shows is the genuine bank's: never reported
        assertThat(report).doesNotContain("mabanque");

        final MimeBodyPart original = (MimeBodyPart) parts.getBodyPart(2);
        assertThat(original.isMimeType("message/rfc822")).isTrue();
        final byte[] attached = original.getRawInputStream().readAllBytes();
        assertThat(attached).isEqualTo(eml);
        assertThat(((MimeMessage) original.getContent()).getMessageID()).isEqualTo("<m1@evil-bank.example>");
    }

    @Test
    void shouldWriteSubmissionTextsWithTheUrlsAndTheHeaders() throws Exception {
        final byte[] eml = EvidenceMails.phishing("alice@hopital.example");
        final Map<String, byte[]> files = drafts(eml, InternalNetworks.none());
        final String id = id(eml);
        final String signalSpam = new String(files.get("abuse/" + id + "/signal-spam.txt"), StandardCharsets.UTF_8);
        final String phishTank = new String(files.get("abuse/" + id + "/phishtank.txt"), StandardCharsets.UTF_8);

        assertThat(signalSpam)
                .contains(
                        "signal-spam.fr",
                        "mail/" + id + ".eml",
                        "phishing",
                        "http://login.evil-bank.example/verify?id=1",
                        "securite@evil-bank.example",
                        "<m1@evil-bank.example>".substring(1, 21),
                        "203.0.113.45",
                        "nothing was sent");
        assertThat(phishTank)
                .contains(
                        "phishtank.org",
                        "URLs (1):",
                        "http://login.evil-bank.example/verify?id=1",
                        "Return-Path: bounce@evil-bank.example")
                .doesNotContain("mabanque", "spf=null");
    }

    @Test
    void shouldLeaveSourceIpOutWhenEveryHopIsInternal() throws Exception {
        final byte[] eml = EvidenceMails.phishing("alice@hopital.example");
        final Map<String, byte[]> files = drafts(eml, InternalNetworks.of("203.0.113.0/24"));
        final String arf = new String(files.get("abuse/" + id(eml) + "/arf.eml"), StandardCharsets.UTF_8);

        assertThat(arf).doesNotContain("Source-IP:").contains("Arrival-Date: Sun, 6 Dec 2026 08:59:58 GMT");
    }

    @Test
    void shouldReportAMailWithoutLinksAsAbuse() throws Exception {
        final byte[] eml = EvidenceMails.plain("bob@hopital.example");
        final Map<String, byte[]> files = drafts(eml, InternalNetworks.none());
        final String arf = new String(files.get("abuse/" + id(eml) + "/arf.eml"), StandardCharsets.UTF_8);

        assertThat(arf)
                .contains("Feedback-Type: abuse\r\n", "Source-IP: 198.51.100.7\r\n", "To: abuse@spam.example")
                .doesNotContain("Reported-URI");
    }

    @Test
    void shouldDraftNothingForWhatIsNotAMail() throws Exception {
        try (EvidenceArchive archive = new EvidenceArchive(dir.resolve("staging"), 10_000_000)) {
            final boolean written = new AbuseDrafts(new ReportedMailAnalyzer(), InternalNetworks.none(), CLOCK)
                    .write(archive, "just some text".getBytes(StandardCharsets.UTF_8), REPORTED, "alice");
            assertThat(written).isFalse();
            assertThat(archive.names()).isEmpty();
        }
    }

    private Map<String, byte[]> drafts(final byte[] eml, final InternalNetworks internal) throws Exception {
        final ByteArrayOutputStream zip = new ByteArrayOutputStream();
        try (EvidenceArchive archive = new EvidenceArchive(dir.resolve("staging"), 10_000_000)) {
            assertThat(new AbuseDrafts(new ReportedMailAnalyzer(), internal, CLOCK)
                            .write(archive, eml, REPORTED, "alice"))
                    .isTrue();
            archive.writeZip(zip);
        }
        return EvidenceZips.read(zip.toByteArray());
    }

    private static String id(final byte[] eml) {
        return java.util.HexFormat.of().formatHex(EvidenceArchive.sha256().digest(eml));
    }

    private static String text(final InputStream in) throws IOException {
        return new String(in.readAllBytes(), StandardCharsets.US_ASCII);
    }
}
