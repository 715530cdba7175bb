package io.vigie.core.parse;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.zip.GZIPOutputStream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class DmarcPayloadExtractorTest {

    private static final byte[] XML = DmarcReportParserTest.FULL_REPORT.getBytes(StandardCharsets.UTF_8);

    private final DmarcPayloadExtractor extractor = new DmarcPayloadExtractor();

    static byte[] gzip(final byte[] content) throws IOException {
        final ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (GZIPOutputStream gz = new GZIPOutputStream(out)) {
            gz.write(content);
        }
        return out.toByteArray();
    }

    static byte[] zip(final String... namesAndContents) throws IOException {
        final ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(out)) {
            for (int i = 0; i < namesAndContents.length; i += 2) {
                zip.putNextEntry(new ZipEntry(namesAndContents[i]));
                zip.write(namesAndContents[i + 1].getBytes(StandardCharsets.UTF_8));
                zip.closeEntry();
            }
        }
        return out.toByteArray();
    }

    /** An e-mail as a reporter sends it: a text part and the report attached in base64. */
    private static byte[] mail(final String attachmentType, final String fileName, final byte[] attachment) {
        final String b64 = Base64.getMimeEncoder(76, "\r\n".getBytes(StandardCharsets.US_ASCII))
                .encodeToString(attachment);
        return ("From: noreply-dmarc-support@google.com\r\n"
                        + "To: dmarc-rua@hospital.example\r\n"
                        + "Subject: Report domain: hospital.example Submitter: google.com Report-ID: 1234567890\r\n"
                        + "MIME-Version: 1.0\r\n"
                        + "Content-Type: multipart/mixed; boundary=\"b1\"\r\n\r\n"
                        + "--b1\r\nContent-Type: text/html; charset=UTF-8\r\n\r\n<html><body>report attached</body></html>\r\n"
                        + "--b1\r\nContent-Type: " + attachmentType + "; name=\"" + fileName + "\"\r\n"
                        + "Content-Disposition: attachment; filename=\"" + fileName + "\"\r\n"
                        + "Content-Transfer-Encoding: base64\r\n\r\n" + b64 + "\r\n--b1--\r\n")
                .getBytes(StandardCharsets.US_ASCII);
    }

    private byte[] single(final byte[] raw) {
        final ParseResult<List<byte[]>> result = extractor.extract(raw);
        assertThat(result.isOk())
                .as(() -> result.isOk() ? "" : result.error().reason())
                .isTrue();
        assertThat(result.value()).hasSize(1);
        return result.value().get(0);
    }

    private String refusal(final DmarcPayloadExtractor ex, final byte[] raw) {
        final ParseResult<List<byte[]>> result = ex.extract(raw);
        assertThat(result.isOk()).isFalse();
        assertThat(result.error().source()).isEqualTo("dmarc");
        return result.error().reason();
    }

    @Test
    void shouldReturnXmlAsIsWhenInputIsPlainXml() {
        assertThat(single(XML)).isEqualTo(XML);
    }

    @Test
    void shouldInflateWhenInputIsGzipWhateverItsName() throws IOException {
        assertThat(single(gzip(XML))).isEqualTo(XML);
    }

    @Test
    void shouldTakeXmlEntryWhenInputIsZip() throws IOException {
        final byte[] zip = zip(
                "readme.txt",
                "not the report",
                "google.com!hospital.example!1!2.xml",
                DmarcReportParserTest.FULL_REPORT);

        assertThat(single(zip)).isEqualTo(XML);
    }

    @ParameterizedTest
    @ValueSource(strings = {"application/gzip", "application/x-gzip", "application/octet-stream"})
    void shouldFindGzipReportWhenMailCarriesIt(final String type) throws IOException {
        assertThat(single(mail(type, "google.com!hospital.example!1!2.xml.gz", gzip(XML))))
                .isEqualTo(XML);
    }

    @Test
    void shouldFindZipReportWhenMailCarriesIt() throws IOException {
        final byte[] zip = zip("report.xml", DmarcReportParserTest.FULL_REPORT);

        assertThat(single(mail("application/zip", "report.zip", zip))).isEqualTo(XML);
    }

    @Test
    void shouldFindXmlReportWhenMailCarriesItAsTextXml() {
        assertThat(single(mail("text/xml", "report.xml", XML))).isEqualTo(XML);
    }

    @Test
    void shouldFindReportWhenMailIsForwardedAsMessageRfc822() throws IOException {
        final byte[] inner = mail("application/gzip", "r.xml.gz", gzip(XML));
        final byte[] outer = ("From: postmaster@hospital.example\r\nTo: soc@hospital.example\r\n"
                        + "Subject: Fwd: DMARC report\r\nMIME-Version: 1.0\r\n"
                        + "Content-Type: multipart/mixed; boundary=\"outer\"\r\n\r\n"
                        + "--outer\r\nContent-Type: text/plain\r\n\r\nsee attached\r\n"
                        + "--outer\r\nContent-Type: message/rfc822\r\n\r\n"
                        + new String(inner, StandardCharsets.US_ASCII) + "\r\n--outer--\r\n")
                .getBytes(StandardCharsets.US_ASCII);

        assertThat(single(outer)).isEqualTo(XML);
    }

    @Test
    void shouldRefuseWhenMailHasNoReport() {
        final byte[] mail = ("From: a@b.example\r\nSubject: hello\r\nContent-Type: text/html\r\n\r\n"
                        + "<html><feedback>not a report</feedback></html>\r\n")
                .getBytes(StandardCharsets.US_ASCII);

        assertThat(refusal(extractor, mail)).isEqualTo("no report in message");
    }

    @Test
    void shouldRefuseWhenGzipBombInflatesPastLimit() throws IOException {
        // 100 MiB of zeros, compressed at test time (about 100 KiB): never committed to the repository.
        final ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (GZIPOutputStream gz = new GZIPOutputStream(out)) {
            final byte[] zeros = new byte[1024 * 1024];
            for (int i = 0; i < 100; i++) {
                gz.write(zeros);
            }
        }
        final byte[] bomb = out.toByteArray();
        assertThat(bomb.length).isLessThan(1024 * 1024);

        assertThat(refusal(extractor, bomb)).isEqualTo("decompressed size over limit");
        assertThat(refusal(extractor, mail("application/gzip", "r.xml.gz", bomb)))
                .isEqualTo("decompressed size over limit");
    }

    @Test
    void shouldRefuseWhenZipEntriesTogetherInflatePastLimit() throws IOException {
        final String big = "<x>" + "a".repeat(600) + "</x>";
        final DmarcPayloadExtractor small = new DmarcPayloadExtractor(1 << 20, 1000, 16, 64);

        assertThat(refusal(small, zip("a.xml", big, "b.xml", big))).isEqualTo("decompressed size over limit");
    }

    @Test
    void shouldRefuseWhenZipHasTooManyEntries() throws IOException {
        final String[] entries = new String[2 * 1000];
        for (int i = 0; i < 1000; i++) {
            entries[2 * i] = "part" + i + ".xml";
            entries[2 * i + 1] = DmarcReportParserTest.FULL_REPORT;
        }

        assertThat(refusal(extractor, zip(entries))).isEqualTo("too many zip entries");
    }

    @Test
    void shouldRefuseWhenArchivesAreCorruptOrTruncated() throws IOException {
        final byte[] gz = gzip(XML);
        final byte[] zip = zip("r.xml", DmarcReportParserTest.FULL_REPORT);
        final byte[] badGzip = gz.clone();
        Arrays.fill(badGzip, 10, badGzip.length, (byte) 0xFF);

        assertThat(refusal(extractor, Arrays.copyOf(gz, gz.length / 2))).isEqualTo("corrupt gzip");
        assertThat(refusal(extractor, badGzip)).isEqualTo("corrupt gzip");
        assertThat(refusal(extractor, Arrays.copyOf(zip, 40))).isEqualTo("corrupt zip");
        assertThat(refusal(extractor, zip("notes.txt", "hello"))).isEqualTo("no report in zip");
        assertThat(refusal(extractor, gzip("{\"organization-name\":\"x\"}".getBytes(StandardCharsets.UTF_8))))
                .isEqualTo("no report in gzip");
    }

    @Test
    void shouldRefuseWhenMailHasTooManyParts() {
        final StringBuilder mail =
                new StringBuilder("From: a@b.example\r\nContent-Type: multipart/mixed; boundary=\"b\"\r\n\r\n");
        for (int i = 0; i < 200; i++) {
            mail.append("--b\r\nContent-Type: text/plain\r\n\r\npart ")
                    .append(i)
                    .append("\r\n");
        }
        mail.append("--b--\r\n");

        assertThat(refusal(extractor, mail.toString().getBytes(StandardCharsets.US_ASCII)))
                .isEqualTo("too many mime parts");
    }

    @Test
    void shouldRefuseWhenInputIsEmptyTooLargeOrUnknown() throws IOException {
        final DmarcPayloadExtractor small = new DmarcPayloadExtractor(100, 1000, 16, 64);

        assertThat(refusal(extractor, new byte[0])).isEqualTo("empty input");
        assertThat(refusal(extractor, null)).isEqualTo("empty input");
        assertThat(refusal(small, XML)).isEqualTo("input too large");
        assertThat(refusal(extractor, "{\"policies\":[]}".getBytes(StandardCharsets.UTF_8)))
                .isEqualTo("unknown format");
        assertThat(refusal(extractor, Files.readAllBytes(DmarcReportParserTest.HOSTILE.resolve("not-xml.xml"))))
                .isEqualTo("unknown format");
    }

    @Test
    void shouldKeepBytesUndecodedWhenGzippedReportIsUtf16() throws IOException {
        final byte[] utf16 =
                DmarcReportParserTest.FULL_REPORT.replace("UTF-8", "UTF-16").getBytes(StandardCharsets.UTF_16);

        final byte[] xml = single(gzip(utf16));

        assertThat(xml).isEqualTo(utf16);
        assertThat(new DmarcReportParser().parse(xml).value().messageCount()).isEqualTo(4_294_967_300L);
    }
}
