package io.vigie.core.parse;

import io.vigie.core.model.DmarcReport;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

/**
 * Reads whatever arrives on the DMARC raw topic (plain XML, gzip, zip, or the e-mail carrying them) into
 * reports: {@link DmarcPayloadExtractor} finds the XML documents, {@link DmarcReportParser} reads each.
 * One input may hold several reports (a message with two attachments); each is a result of its own, so one
 * bad attachment does not hide a good one.
 *
 * <p>Deduplication needs an identity for every report. A report without {@code report_id} gets one from the
 * SHA-256 of its XML (the same bytes re-sent deduplicate, nothing else can collide with it), and one without
 * {@code org_name} is attributed to {@value #UNKNOWN_REPORTER}.
 */
public final class DmarcReader {

    public static final String UNKNOWN_REPORTER = "unknown";

    private final DmarcPayloadExtractor extractor;
    private final DmarcReportParser parser;

    public DmarcReader(final DmarcPayloadExtractor extractor, final DmarcReportParser parser) {
        this.extractor = extractor;
        this.parser = parser;
    }

    /** Default limits: 32 MiB in and inflated, 16 zip entries, 64 MIME parts, 1,000,000 rows. */
    public DmarcReader() {
        this(new DmarcPayloadExtractor(), new DmarcReportParser());
    }

    /** @return one result per report found, or a single failure when none could be extracted */
    public List<ParseResult<DmarcReport>> read(final byte[] raw) {
        final ParseResult<List<byte[]>> payloads = extractor.extract(raw);
        if (!payloads.isOk()) {
            return List.of(ParseResult.failed(
                    payloads.error().source(),
                    payloads.error().reason(),
                    payloads.error().raw()));
        }
        final List<ParseResult<DmarcReport>> results =
                new ArrayList<>(payloads.value().size());
        for (final byte[] xml : payloads.value()) {
            final ParseResult<DmarcReport> parsed = parser.parse(xml);
            results.add(parsed.isOk() ? ParseResult.ok(withIdentity(parsed.value(), xml)) : parsed);
        }
        return List.copyOf(results);
    }

    private static DmarcReport withIdentity(final DmarcReport report, final byte[] xml) {
        if (report.reportId() != null && report.orgName() != null) {
            return report;
        }
        final String id = report.reportId() != null ? report.reportId() : "sha256:" + sha256(xml);
        final String org = report.orgName() != null ? report.orgName() : UNKNOWN_REPORTER;
        return new DmarcReport(
                report.version(),
                org,
                report.email(),
                id,
                report.begin(),
                report.end(),
                report.policyPublished(),
                report.records());
    }

    private static String sha256(final byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (final NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required of every JVM", e);
        }
    }
}
