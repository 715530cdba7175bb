package io.vigie.core.parse.mail;

import static org.assertj.core.api.Assertions.assertThat;

import io.vigie.core.model.Indicator;
import io.vigie.core.model.ReportedMail;
import io.vigie.core.model.ReportedMail.Attachment;
import io.vigie.core.model.ReportedMail.Link;
import io.vigie.core.parse.ParseResult;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

class ReportedMailAnalyzerTest {

    private static final Instant NOW = Instant.parse("2026-11-28T09:00:00Z");
    private final ReportedMailAnalyzer analyzer = new ReportedMailAnalyzer();

    private static final String HEADERS = String.join(
            "\r\n",
            "Return-Path: <bounce@evil-bounce.example>",
            "Received: from mx.partner.example (mx.partner.example [203.0.113.7])",
            "\tby mx1.hospital.fr (Postfix) with ESMTPS id 4XyZ;",
            "\tWed, 26 Nov 2025 10:15:02 +0100 (CET)",
            "Received: from unknown (HELO attacker) (198.51.100.23)",
            "  by mx.partner.example with SMTP; Wed, 26 Nov 2025 09:14:58 +0000",
            "Authentication-Results: mx1.hospital.fr; spf=fail smtp.mailfrom=evil-bounce.example;",
            " dkim=pass header.d=bank.example; dmarc=fail (p=reject) header.from=bank.example",
            "Authentication-Results: mx.partner.example; spf=pass smtp.mailfrom=x.example",
            "Message-ID: <abc.123@bank.example>",
            "Date: Wed, 26 Nov 2025 09:14:00 +0000",
            "Subject: =?UTF-8?B?RmFjdHVyZSBpbXBhecOpZQ==?= =?UTF-8?Q?_n=C2=B0_42?=",
            "From: \"Service Client\" <Service@Bank.example>",
            "Reply-To: <recover@evil-reply.example>",
            "To: nurse@hospital.fr",
            "MIME-Version: 1.0");

    private static byte[] mail(final String... lines) {
        return String.join("\r\n", lines).getBytes(StandardCharsets.UTF_8);
    }

    private ReportedMail ok(final byte[] raw) {
        final ParseResult<ReportedMail> result = analyzer.analyze(raw, NOW, null);
        assertThat(result.isOk())
                .as(() -> result.isOk() ? "" : result.error().toString())
                .isTrue();
        return result.value();
    }

    private String refusal(final byte[] raw) {
        final ParseResult<ReportedMail> result = analyzer.analyze(raw, NOW, null);
        assertThat(result.isOk()).isFalse();
        assertThat(result.error().source()).isEqualTo("report");
        return result.error().reason();
    }

    private static String sha256(final byte[] bytes) {
        return ReportedMailAnalyzer.sha256(bytes);
    }

    @Test
    void shouldReadHeadersReceivedChainAndAuthenticationWhenMailIsPlain() {
        final byte[] raw = mail(HEADERS, "Content-Type: text/plain; charset=utf-8", "", "Bonjour", "");
        final ReportedMail m = ok(raw);

        assertThat(m.reportId()).isEqualTo(sha256(raw));
        assertThat(m.receivedAt()).isEqualTo(NOW);
        assertThat(m.messageId()).isEqualTo("abc.123@bank.example");
        assertThat(m.date()).isEqualTo(Instant.parse("2025-11-26T09:14:00Z"));
        assertThat(m.subject()).isEqualTo("Facture impayée n° 42");
        assertThat(m.from()).isEqualTo("service@bank.example");
        assertThat(m.fromName()).isEqualTo("Service Client");
        assertThat(m.replyTo()).isEqualTo("recover@evil-reply.example");
        assertThat(m.returnPath()).isEqualTo("bounce@evil-bounce.example");
        assertThat(m.received())
                .containsExactly(
                        new ReportedMail.Hop(
                                "mx.partner.example",
                                "203.0.113.7",
                                "mx1.hospital.fr",
                                Instant.parse("2025-11-26T09:15:02Z")),
                        new ReportedMail.Hop(
                                "unknown",
                                "198.51.100.23",
                                "mx.partner.example",
                                Instant.parse("2025-11-26T09:14:58Z")));
        assertThat(m.authentication()).isEqualTo(new ReportedMail.Authentication("fail", "pass", "fail"));
        assertThat(m.findings())
                .contains("reply-to differs from from", "return-path differs from from", "spf fail", "dmarc fail")
                .doesNotContain("dkim fail", "display name contains an address");
    }

    @Test
    void shouldNotFlagReplyToWhenSameDomain() {
        final ReportedMail m = ok(mail("From: a@bank.example", "Reply-To: b@bank.example", "Subject: x", "", "body"));
        assertThat(m.findings()).doesNotContain("reply-to differs from from");
        assertThat(m.authentication()).isEqualTo(new ReportedMail.Authentication(null, null, null));
    }

    @Test
    void shouldFlagDisplayNameWhenItHoldsAnotherAddress() {
        final ReportedMail m = ok(mail("From: \"support@bank.com\" <x@evil.example>", "Subject: x", "", "body"));
        assertThat(m.from()).isEqualTo("x@evil.example");
        assertThat(m.fromName()).isEqualTo("support@bank.com");
        assertThat(m.findings()).contains("display name contains an address");
    }

    @Test
    void shouldRefangObfuscatedLinksWhenTextAndHtmlHideThem() {
        final ReportedMail m = ok(mail(
                "From: a@evil.example",
                "Subject: x",
                "MIME-Version: 1.0",
                "Content-Type: multipart/alternative; boundary=\"b1\"",
                "",
                "--b1",
                "Content-Type: text/plain; charset=us-ascii",
                "",
                "Go to hxxps://defanged[.]example/login now.",
                "--b1",
                "Content-Type: text/html; charset=utf-8",
                "Content-Transfer-Encoding: quoted-printable",
                "",
                "<p>Visit &#104;ttps://entity.example/a and <a href=3D\"https://redir.example/r?u=3Dhttps%3A%2F%2F=",
                "encoded.example%2Fpath\">here</a>, <a href=3D\"http://%65vil-host.example/x\">there</a>",
                " and <a href=3D\"https://split-by-soft-break.example/very/long/pa=",
                "th/to/phish\">this</a>.</p>",
                "--b1--",
                ""));

        assertThat(m.urls())
                .extracting(Link::url)
                .contains(
                        "https://defanged.example/login",
                        "https://entity.example/a",
                        "https://encoded.example/path",
                        "http://evil-host.example/x",
                        "https://split-by-soft-break.example/very/long/path/to/phish");
        assertThat(m.urls())
                .filteredOn(l -> l.url().equals("https://defanged.example/login"))
                .extracting(Link::where)
                .containsExactly("text");
        assertThat(m.urls()).extracting(Link::url).doesNotHaveDuplicates();
    }

    @Test
    void shouldRecordShownAsWhenLinkTextShowsAnotherHost() {
        final ReportedMail m = ok(mail(
                "From: a@evil.example",
                "Subject: x",
                "Content-Type: text/html; charset=utf-8",
                "",
                "<a href=\"http://login.evil.example/x\"><b>https://www.mybank.com/login</b></a>",
                "<a href=\"https://www.partner.example/\">partner.example</a>",
                "<a href=\"http://192.0.2.10/pay\">Pay now</a>",
                ""));

        assertThat(m.urls())
                .contains(
                        new Link(
                                "http://login.evil.example/x",
                                "login.evil.example",
                                "html",
                                "https://www.mybank.com/login"),
                        new Link("https://www.mybank.com/login", "www.mybank.com", "html-text", null));
        assertThat(m.urls())
                .filteredOn(l -> "www.partner.example".equals(l.host()))
                .extracting(Link::shownAs)
                .containsOnlyNulls();
        assertThat(m.findings()).contains("link text shows another host", "ip address link");
    }

    @Test
    void shouldFlagExecutableWhenPdfAttachmentStartsWithMz() {
        final byte[] exe = new byte[300];
        exe[0] = 'M';
        exe[1] = 'Z';
        exe[2] = (byte) 0x90;
        final ReportedMail m = ok(withAttachment("application/pdf", "invoice.pdf", exe));

        final Attachment a = m.attachments().get(0);
        assertThat(a)
                .isEqualTo(
                        new Attachment("invoice.pdf", "application/pdf", "application/x-msdownload", 300, sha256(exe)));
        assertThat(m.findings()).contains("executable attachment", "attachment type mismatch");
    }

    @Test
    void shouldFlagArchiveWhenZipAttached() throws IOException {
        final byte[] zip = zip("readme.txt", "hello".getBytes(StandardCharsets.UTF_8));
        final ReportedMail m = ok(withAttachment("application/zip", "docs.zip", zip));

        assertThat(m.attachments()).extracting(Attachment::sniffedType).containsExactly("application/zip");
        assertThat(m.attachments().get(0).sha256()).isEqualTo(sha256(zip));
        assertThat(m.findings())
                .contains("archive attachment")
                .doesNotContain("attachment type mismatch", "executable attachment");
    }

    @Test
    void shouldFlagMacrosWhenOfficeDocumentCarriesVbaProject() throws IOException {
        final ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (ZipOutputStream z = new ZipOutputStream(out)) {
            for (final String name : List.of("[Content_Types].xml", "word/document.xml", "word/vbaProject.bin")) {
                z.putNextEntry(new ZipEntry(name));
                z.write("x".getBytes(StandardCharsets.UTF_8));
                z.closeEntry();
            }
        }
        final ReportedMail m = ok(withAttachment(
                "application/vnd.openxmlformats-officedocument.wordprocessingml" + ".document",
                "facture.docx",
                out.toByteArray()));
        assertThat(m.attachments().get(0).sniffedType())
                .isEqualTo("application/vnd.openxmlformats-officedocument.wordprocessingml.document");
        assertThat(m.findings())
                .contains("macro-enabled office attachment")
                .doesNotContain("archive attachment", "attachment type mismatch");
    }

    @Test
    void shouldFlagHtmlAttachmentWhenDeclaredAsOctetStream() {
        final byte[] html = "Your document\r\n<html><form action=\"https://harvest.example/p\"></form></html>"
                .getBytes(StandardCharsets.UTF_8);
        final ReportedMail m = ok(withAttachment("application/octet-stream", "scan.htm", html));
        assertThat(m.attachments().get(0).sniffedType()).isEqualTo("text/html");
        assertThat(m.findings()).contains("html attachment");
        assertThat(m.urls()).extracting(Link::url).contains("https://harvest.example/p");
    }

    @Test
    void shouldDecodeFileNamesWhenRfc2231OrRfc2047() {
        final byte[] pdf = "%PDF-1.7\n".getBytes(StandardCharsets.US_ASCII);
        final String b64 = Base64.getMimeEncoder().encodeToString(pdf);
        final ReportedMail m = ok(mail(
                "From: a@evil.example",
                "Subject: x",
                "Content-Type: multipart/mixed; boundary=\"b\"",
                "",
                "--b",
                "Content-Type: text/plain",
                "",
                "see attached",
                "--b",
                "Content-Type: application/pdf",
                "Content-Disposition: attachment; filename*=UTF-8''facture%20%C3%A9t%C3%A9.pdf",
                "Content-Transfer-Encoding: base64",
                "",
                b64,
                "--b",
                "Content-Type: application/pdf; name=\"=?UTF-8?Q?re=C3=A7u.pdf?=\"",
                "Content-Transfer-Encoding: base64",
                "",
                b64,
                "--b",
                "Content-Type: application/pdf",
                "Content-Disposition: attachment; filename*0*=UTF-8''long%20;",
                " filename*1=\"name.pdf\"",
                "Content-Transfer-Encoding: base64",
                "",
                b64,
                "--b--",
                ""));
        assertThat(m.attachments())
                .extracting(Attachment::name)
                .containsExactly("facture été.pdf", "reçu.pdf", "long name.pdf");
        assertThat(m.findings()).doesNotContain("attachment type mismatch");
    }

    @Test
    void shouldAnalyseOriginalWhenMailIsForwardWrapper() {
        final String original = String.join(
                "\r\n",
                "From: \"Banque\" <alerte@phish.example>",
                "Subject: Votre compte",
                "Message-ID: <orig@phish.example>",
                "Content-Type: text/html",
                "",
                "<a href=\"https://phish.example/login\">ici</a>",
                "");
        final byte[] wrapper = mail(
                "From: Infirmière <nurse@hospital.fr>",
                "To: soc@hospital.fr",
                "Subject: FW: Votre compte",
                "MIME-Version: 1.0",
                "Content-Type: multipart/mixed; boundary=\"w\"",
                "",
                "--w",
                "Content-Type: text/plain; charset=utf-8",
                "",
                "Message suspect signalé",
                "",
                "--w",
                "Content-Type: message/rfc822",
                "Content-Disposition: attachment; filename=\"orig.eml\"",
                "",
                original,
                "--w--",
                "");

        final ReportedMail m = ok(wrapper);
        assertThat(m.reportId()).isEqualTo(sha256(wrapper));
        assertThat(m.reporter()).isEqualTo("nurse@hospital.fr");
        assertThat(m.from()).isEqualTo("alerte@phish.example");
        assertThat(m.messageId()).isEqualTo("orig@phish.example");
        assertThat(m.urls()).extracting(Link::url).containsExactly("https://phish.example/login");
        assertThat(m.attachments()).isEmpty();

        final ReportedMail given =
                analyzer.analyze(wrapper, NOW, "reporter@hospital.fr").value();
        assertThat(given.reporter()).isEqualTo("reporter@hospital.fr");
        assertThat(given.from()).isEqualTo("alerte@phish.example");
    }

    @Test
    void shouldUnwrapWhenOriginalIsAttachedAsBase64EmlFile() {
        final String original =
                String.join("\r\n", "From: x@attacker.example", "Subject: hi", "", "hxxp://a[.]example/", "");
        final byte[] wrapper = mail(
                "From: reporter@hospital.fr",
                "Subject: Report",
                "Content-Type: multipart/mixed; boundary=\"w\"",
                "",
                "--w",
                "Content-Type: text/html",
                "",
                "<p>Signalement</p>",
                "--w",
                "Content-Type: application/octet-stream; name=\"Phishing.eml\"",
                "Content-Transfer-Encoding: base64",
                "",
                Base64.getMimeEncoder().encodeToString(original.getBytes(StandardCharsets.UTF_8)),
                "--w--",
                "");
        final ReportedMail m = ok(wrapper);
        assertThat(m.from()).isEqualTo("x@attacker.example");
        assertThat(m.reporter()).isEqualTo("reporter@hospital.fr");
        assertThat(m.urls()).extracting(Link::url).containsExactly("http://a.example/");
    }

    @Test
    void shouldHashNestedMessageWhenItIsNotTheOnlyPart() {
        final String nested = String.join("\r\n", "From: x@inner.example", "Subject: inner", "", "inner body", "");
        final byte[] raw = mail(
                "From: a@outer.example",
                "Subject: outer",
                "Content-Type: multipart/mixed; boundary=\"o\"",
                "",
                "--o",
                "Content-Type: text/plain",
                "",
                "see both",
                "--o",
                "Content-Type: message/rfc822",
                "",
                nested,
                "--o",
                "Content-Type: application/pdf; name=\"a.pdf\"",
                "",
                "%PDF-1.4",
                "--o--",
                "");
        final ReportedMail m = ok(raw);
        assertThat(m.from()).isEqualTo("a@outer.example");
        // The part's content is the nested message as written, up to the CRLF that belongs to the boundary.
        assertThat(m.attachments())
                .extracting(Attachment::declaredType, Attachment::sha256)
                .contains(org.assertj.core.groups.Tuple.tuple(
                        "message/rfc822", sha256(nested.getBytes(StandardCharsets.UTF_8))));
    }

    @Test
    void shouldDeriveIndicatorsWhenMailIsAnalysed() {
        final byte[] exe = {'M', 'Z', 0, 0};
        final ReportedMail m = ok(withAttachment("application/octet-stream", "a.exe", exe));
        final List<Indicator> indicators = analyzer.indicators(m, NOW);

        assertThat(indicators)
                .extracting(Indicator::key)
                .containsExactly("host:evil.example", "url:https://evil.example/x", "sha256:" + sha256(exe));
        assertThat(indicators).allSatisfy(i -> {
            assertThat(i.source()).isEqualTo("report");
            assertThat(i.reference()).isEqualTo(m.reportId());
            assertThat(i.added()).isEqualTo(NOW);
        });
    }

    @Test
    void shouldLeaveOutForgedSenderAndDecoyWhenTheyNameTheVictim() {
        final ReportedMail m = ok(mail(
                "From: alerte@impots.gouv.fr",
                "Authentication-Results: mx1.hospital.fr; spf=fail; dkim=none; dmarc=fail header.from=impots.gouv.fr",
                "Subject: Remboursement",
                "Content-Type: text/html",
                "",
                "<a href=\"https://refund.evil.example/x\">https://www.impots.gouv.fr/remboursement</a>",
                ""));
        assertThat(m.urls()).extracting(Link::url).contains("https://www.impots.gouv.fr/remboursement");
        assertThat(analyzer.indicators(m, NOW))
                .extracting(Indicator::key)
                .containsExactly("url:https://refund.evil.example/x");
    }

    @Test
    void shouldSkipSenderDomainWhenWebmail() {
        final ReportedMail m = ok(mail("From: someone@Gmail.com", "Subject: x", "", "http://x.example/a"));
        assertThat(analyzer.indicators(m, NOW)).extracting(Indicator::key).containsExactly("url:http://x.example/a");
    }

    @Test
    void shouldRefuseWhenEmptyOrNotAMail() {
        assertThat(refusal(new byte[0])).isEqualTo("empty");
        assertThat(refusal(null)).isEqualTo("empty");
        assertThat(refusal(" \r\n\r\n".getBytes(StandardCharsets.US_ASCII))).isEqualTo("empty");
        assertThat(refusal("hello world, no headers here".getBytes(StandardCharsets.US_ASCII)))
                .isEqualTo("not a mail");
        assertThat(refusal("%PDF-1.4\n%...".getBytes(StandardCharsets.US_ASCII)))
                .isEqualTo("not a mail");
    }

    @Test
    @Timeout(value = 20, unit = TimeUnit.SECONDS)
    void shouldRefuseWhenOverSizeLimit() {
        final byte[] big = new byte[30 * 1024 * 1024];
        final byte[] head = "From: a@b.example\r\nSubject: big\r\n\r\n".getBytes(StandardCharsets.US_ASCII);
        System.arraycopy(head, 0, big, 0, head.length);
        java.util.Arrays.fill(big, head.length, big.length, (byte) 'A');
        assertThat(refusal(big)).isEqualTo("too large");
    }

    @Test
    @Timeout(value = 20, unit = TimeUnit.SECONDS)
    void shouldRefuseWhenTenThousandParts() {
        final StringBuilder sb =
                new StringBuilder("From: a@b.example\r\nContent-Type: multipart/mixed; boundary=x" + "\r\n\r\n");
        for (int i = 0; i < 10_000; i++) {
            sb.append("--x\r\nContent-Type: text/plain\r\n\r\npart ").append(i).append("\r\n");
        }
        sb.append("--x--\r\n");
        assertThat(refusal(sb.toString().getBytes(StandardCharsets.US_ASCII))).isEqualTo("too many parts");
    }

    @Test
    @Timeout(value = 20, unit = TimeUnit.SECONDS)
    void shouldRefuseWhenMultipartNestedTwoHundredLevels() {
        final StringBuilder sb =
                new StringBuilder("From: a@b.example\r\nContent-Type: multipart/mixed; boundary=b0" + "\r\n\r\n");
        for (int i = 1; i <= 200; i++) {
            sb.append("--b")
                    .append(i - 1)
                    .append("\r\nContent-Type: multipart/mixed; boundary=b")
                    .append(i)
                    .append("\r\n\r\n");
        }
        sb.append("--b200\r\nContent-Type: text/plain\r\n\r\ndeep http://deep.example/\r\n");
        for (int i = 200; i >= 0; i--) {
            sb.append("--b").append(i).append("--\r\n");
        }
        assertThat(refusal(sb.toString().getBytes(StandardCharsets.US_ASCII))).isEqualTo("too many parts");
    }

    @Test
    @Timeout(value = 20, unit = TimeUnit.SECONDS)
    void shouldStayBoundedWhenMessagesNestedTwoHundredLevels() {
        String message = "From: core@deep.example\r\nSubject: core\r\n\r\nhttp://deep.example/\r\n";
        for (int i = 0; i < 200; i++) {
            message = "From: level" + i + "@wrap.example\r\nContent-Type: message/rfc822\r\n\r\n" + message;
        }
        final ReportedMail m = ok(message.getBytes(StandardCharsets.US_ASCII));
        // Three forward wrappers are unwrapped; what lies deeper is one attached message, hashed, not parsed.
        assertThat(m.from()).isEqualTo("level196@wrap.example");
        assertThat(m.attachments()).extracting(Attachment::declaredType).containsExactly("message/rfc822");
    }

    @Test
    @Timeout(value = 20, unit = TimeUnit.SECONDS)
    void shouldRefuseWhenTooManyHeaderFields() {
        final StringBuilder sb = new StringBuilder("From: a@b.example\r\n");
        for (int i = 0; i < 5_000; i++) {
            sb.append("X-Filler-").append(i).append(": y\r\n");
        }
        sb.append("\r\nbody\r\n");
        assertThat(refusal(sb.toString().getBytes(StandardCharsets.US_ASCII))).isEqualTo("corrupt mime");
    }

    @Test
    void shouldParseWhenHeaderOnly() {
        final ReportedMail m = ok(mail("From: a@b.example", "Subject: only headers"));
        assertThat(m.subject()).isEqualTo("only headers");
        assertThat(m.urls()).isEmpty();
        assertThat(m.attachments()).isEmpty();
    }

    @Test
    void shouldParseWhenNulBytesAndBrokenBase64() {
        final byte[] raw = mail(
                "From: a@b\0.example",
                "Subject: nul\0here",
                "Content-Type: multipart/mixed; boundary=\"n\"",
                "",
                "--n",
                "Content-Type: text/plain",
                "",
                "text\0with nul http://nul.example/a\0b",
                "--n",
                "Content-Type: application/octet-stream; name=\"x.bin\"",
                "Content-Transfer-Encoding: base64",
                "",
                "TVqQ!!!AAMAAAAEAAAA//8AALgA===AAAA@@@@",
                "AAA",
                "--n",
                "Content-Type: text/html",
                "Content-Transfer-Encoding: base64",
                "",
                "%%%not base64%%%",
                "--n--",
                "");
        final ReportedMail m = ok(raw);
        assertThat(m.urls()).extracting(Link::url).contains("http://nul.example/a");
        assertThat(m.attachments()).extracting(Attachment::name).contains("x.bin");
    }

    @Test
    @Timeout(value = 20, unit = TimeUnit.SECONDS)
    void shouldStayBoundedWhenHtmlIsPathological() {
        final StringBuilder sb = new StringBuilder("From: a@b.example\r\nContent-Type: text/html\r\n\r\n");
        for (int i = 0; i < 200_000; i++) {
            sb.append("<a href=\"http://h").append(i).append(".example/\"> <<< &#");
        }
        sb.append("<script <style");
        final ReportedMail m = ok(sb.toString().getBytes(StandardCharsets.US_ASCII));
        assertThat(m.urls()).hasSize(ReportedMailAnalyzer.DEFAULT_MAX_URLS);
    }

    private static byte[] withAttachment(final String type, final String name, final byte[] content) {
        return mail(
                "From: \"Facturation\" <billing@evil.example>",
                "Subject: Facture",
                "MIME-Version: 1.0",
                "Content-Type: multipart/mixed; boundary=\"m\"",
                "",
                "--m",
                "Content-Type: text/html",
                "",
                "<a href=\"https://evil.example/x\">https://evil.example/x</a>",
                "--m",
                "Content-Type: " + type + "; name=\"" + name + "\"",
                "Content-Disposition: attachment; filename=\"" + name + "\"",
                "Content-Transfer-Encoding: base64",
                "",
                Base64.getMimeEncoder().encodeToString(content),
                "--m--",
                "");
    }

    private static byte[] zip(final String entry, final byte[] content) throws IOException {
        final ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (ZipOutputStream z = new ZipOutputStream(out)) {
            z.putNextEntry(new ZipEntry(entry));
            z.write(content);
            z.closeEntry();
        }
        return out.toByteArray();
    }
}
