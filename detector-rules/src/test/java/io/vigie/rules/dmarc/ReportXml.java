package io.vigie.rules.dmarc;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.zip.GZIPOutputStream;

/** Builds RFC 7489 aggregate reports for tests, row by row, as XML, gzip or the e-mail carrying them. */
public final class ReportXml {

    private final String org;
    private final String reportId;
    private final String domain;
    private final String policy;
    private final Instant begin;
    private final Instant end;
    private final List<String> rows = new ArrayList<>();

    ReportXml(
            final String org,
            final String reportId,
            final String domain,
            final String policy,
            final Instant begin,
            final Instant end) {
        this.org = org;
        this.reportId = reportId;
        this.domain = domain;
        this.policy = policy;
        this.begin = begin;
        this.end = end;
    }

    /** A report for the UTC day starting at {@code dayStart}. */
    public static ReportXml day(
            final String org, final String reportId, final String domain, final String policy, final String dayStart) {
        final Instant b = Instant.parse(dayStart);
        return new ReportXml(org, reportId, domain, policy, b, b.plusSeconds(86_399));
    }

    public ReportXml row(
            final String ip,
            final long count,
            final String disposition,
            final String dkim,
            final String spf,
            final String headerFrom) {
        rows.add("<record><row><source_ip>" + ip + "</source_ip><count>" + count + "</count>"
                + "<policy_evaluated><disposition>" + disposition + "</disposition><dkim>" + dkim + "</dkim><spf>"
                + spf + "</spf></policy_evaluated></row><identifiers><header_from>" + headerFrom
                + "</header_from><envelope_from>" + headerFrom + "</envelope_from></identifiers>"
                + "<auth_results><dkim><domain>" + headerFrom + "</domain><selector>s1</selector><result>" + dkim
                + "</result></dkim><spf><domain>" + headerFrom + "</domain><scope>mfrom</scope><result>" + spf
                + "</result></spf></auth_results></record>");
        return this;
    }

    String xml() {
        return "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<feedback><report_metadata><org_name>" + org
                + "</org_name><email>noreply@" + org + "</email><report_id>" + reportId + "</report_id>"
                + "<date_range><begin>" + begin.getEpochSecond() + "</begin><end>" + end.getEpochSecond()
                + "</end></date_range></report_metadata><policy_published><domain>" + domain + "</domain>"
                + "<adkim>r</adkim><aspf>r</aspf><p>" + policy + "</p><sp>" + policy + "</sp><pct>100</pct>"
                + "</policy_published>" + String.join("", rows) + "</feedback>\n";
    }

    public byte[] bytes() {
        return xml().getBytes(StandardCharsets.UTF_8);
    }

    byte[] gzip() {
        return gzip(bytes());
    }

    static byte[] gzip(final byte[] bytes) {
        final ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (GZIPOutputStream gz = new GZIPOutputStream(out)) {
            gz.write(bytes);
        } catch (final IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    /** The e-mail a reporter sends to the rua address, with the report gzipped and base64-encoded. */
    byte[] email() {
        final String body = Base64.getMimeEncoder().encodeToString(gzip());
        final String mail = "From: noreply@" + org + "\r\nTo: dmarc-rua@" + domain + "\r\nSubject: Report domain: "
                + domain + " Submitter: " + org + " Report-ID: " + reportId + "\r\nMIME-Version: 1.0\r\n"
                + "Content-Type: multipart/mixed; boundary=\"b1\"\r\n\r\n--b1\r\nContent-Type: text/plain\r\n\r\n"
                + "This is an aggregate report.\r\n--b1\r\nContent-Type: application/gzip; name=\"" + org + "!"
                + domain + ".xml.gz\"\r\nContent-Transfer-Encoding: base64\r\nContent-Disposition: attachment; "
                + "filename=\"" + org + "!" + domain + ".xml.gz\"\r\n\r\n" + body + "\r\n--b1--\r\n";
        return mail.getBytes(StandardCharsets.US_ASCII);
    }
}
