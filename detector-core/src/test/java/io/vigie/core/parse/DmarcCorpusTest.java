package io.vigie.core.parse;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.vigie.core.model.DmarcReport;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import java.util.zip.GZIPInputStream;
import java.util.zip.ZipInputStream;
import org.junit.jupiter.api.Test;

/**
 * Every file of the shared DMARC corpus (all MIT or Apache-2.0, copied with attribution into
 * {@code samples/dmarc/real}, see its README): aggregate reports parse and keep their counts exactly;
 * everything else is refused with a reason.
 */
class DmarcCorpusTest {

    private static final Path REAL = Path.of("src/test/resources/samples/dmarc/real");
    private static final Pattern COUNT = Pattern.compile("<count>\\s*(\\d+)\\s*</count>");
    private static final Pattern RECORD = Pattern.compile("<record>");

    /** Files that are not aggregate reports, or deliberately broken ones, and why each is refused. */
    private static final Map<String, String> REFUSED = Map.ofEntries(
            Map.entry("parsedmarc/empty.xml", "empty input"),
            Map.entry("parsedmarc/aggregate/invalid_utf_8.xml", "invalid encoding"),
            Map.entry("parsedmarc/aggregate/invalid_xml.xml", "malformed xml"),
            Map.entry(
                    "parsedmarc/failure/DMARC Failure Report for domain.de (mail-from=sharepoint@domain.de, "
                            + "ip=10.10.10.10).eml",
                    "no report in message"),
            Map.entry("parsedmarc/failure/[Netease DMARC Failure Report] Rent Reminder.eml", "no report in message"),
            Map.entry("parsedmarc/failure/dmarc_ruf_report_linkedin.crlf.eml", "no report in message"),
            Map.entry("parsedmarc/failure/dmarc_ruf_report_linkedin.eml", "no report in message"),
            Map.entry("parsedmarc/failure/exim_plain_text_only_no_arf_part.eml", "no report in message"),
            Map.entry("parsedmarc/smtp_tls/google.com_smtp_tls_report.eml", "no report in message"),
            Map.entry("parsedmarc/smtp_tls/mail.ru.json", "unknown format"),
            Map.entry("parsedmarc/smtp_tls/rfc8460.json", "unknown format"),
            Map.entry("parsedmarc/smtp_tls/smtp_tls.json", "unknown format"),
            Map.entry("cry-inc_dmarc-report-viewer/smtp-tls-reports/google.json", "unknown format"),
            Map.entry("cry-inc_dmarc-report-viewer/smtp-tls-reports/microsoft.json", "unknown format"),
            Map.entry("cry-inc_dmarc-report-viewer/smtp-tls-reports/no-contact.json", "unknown format"),
            Map.entry("cry-inc_dmarc-report-viewer/smtp-tls-reports/no-policy.json", "unknown format"),
            Map.entry("cry-inc_dmarc-report-viewer/smtp-tls-reports/no_ip_and_mx.json", "unknown format"),
            Map.entry("cry-inc_dmarc-report-viewer/smtp-tls-reports/rfc-example.json", "unknown format"));

    /** Rows per aggregate report, from the shared data MANIFEST ({@code <record>} count). */
    private static final Map<String, Integer> ROWS = Map.ofEntries(
            Map.entry("cry-inc_dmarc-report-viewer/dmarc-reports/outlook.xml", 2),
            Map.entry("parsedmarc/aggregate/!large-example.com!1711897200!1711983600.xml", 2286),
            Map.entry("parsedmarc/aggregate/rfc9990-example.net!example.com!1700000000!1700086399.xml", 2),
            Map.entry("parsedmarc/aggregate/usssa.com!example.com!1538784000!1538870399.xml", 2),
            Map.entry("parsedmarc/aggregate_from_history/zoho.com!example.com!1581753600!1581840000.xml", 8),
            Map.entry("parsedmarc/extract_report/changed-input.xml", 20),
            Map.entry("parsedmarc/extract_report/nice-input.xml", 20),
            Map.entry("parsedmarc/extract_report/nice-input.xml.gz", 20),
            Map.entry("parsedmarc/extract_report/nice-input.xml.zip", 20));

    private final DmarcPayloadExtractor extractor = new DmarcPayloadExtractor();
    private final DmarcReportParser parser = new DmarcReportParser();

    private static Map<String, Path> corpus() throws IOException {
        final Map<String, Path> files = new TreeMap<>();
        try (Stream<Path> walk = Files.walk(REAL)) {
            walk.filter(Files::isRegularFile)
                    .filter(p -> !p.getFileName().toString().equals("README.md"))
                    .forEach(p -> files.put(REAL.relativize(p).toString().replace('\\', '/'), p));
        }
        return files;
    }

    /** The report XML, decompressed here with the JDK alone so the count check does not trust the extractor. */
    private byte[] independentXml(final String name, final byte[] raw) throws IOException {
        if (name.endsWith(".gz")) {
            try (InputStream in = new GZIPInputStream(new ByteArrayInputStream(raw))) {
                return in.readAllBytes();
            }
        }
        if (name.endsWith(".zip")) {
            try (ZipInputStream in = new ZipInputStream(new ByteArrayInputStream(raw))) {
                assertThat(in.getNextEntry()).isNotNull();
                return in.readAllBytes();
            }
        }
        if (name.endsWith(".eml")) {
            // Decoding MIME by hand would be a second MIME parser; the extractor's output is checked instead
            // (the count check then covers the XML parser, the extraction by the row counts).
            return extractor.extract(raw).value().get(0);
        }
        return raw;
    }

    private static long regexSum(final byte[] xml) {
        final Matcher m = COUNT.matcher(new String(xml, StandardCharsets.UTF_8));
        long sum = 0;
        while (m.find()) {
            sum += Long.parseLong(m.group(1));
        }
        return sum;
    }

    private static int regexRows(final byte[] xml) {
        final Matcher m = RECORD.matcher(new String(xml, StandardCharsets.UTF_8));
        int rows = 0;
        while (m.find()) {
            rows++;
        }
        return rows;
    }

    @Test
    void shouldParseEveryAggregateReportAndPreserveCountsWhenCorpusIsRead() throws IOException {
        final Map<String, Path> files = corpus();
        assertThat(files.keySet()).containsAll(REFUSED.keySet());
        int parsed = 0;
        long messages = 0;
        for (final Map.Entry<String, Path> file : files.entrySet()) {
            final String name = file.getKey();
            if (REFUSED.containsKey(name)) {
                continue;
            }
            final byte[] raw = Files.readAllBytes(file.getValue());
            final ParseResult<List<byte[]>> extracted = extractor.extract(raw);
            assertThat(extracted.isOk())
                    .as(name + ": " + (extracted.isOk() ? "" : extracted.error().reason()))
                    .isTrue();
            assertThat(extracted.value()).as(name).hasSize(1);
            final ParseResult<DmarcReport> result =
                    parser.parse(extracted.value().get(0));
            assertThat(result.isOk())
                    .as(name + ": " + (result.isOk() ? "" : result.error().reason()))
                    .isTrue();

            final DmarcReport report = result.value();
            final byte[] xml = independentXml(name, raw);
            assertThat(report.messageCount()).as(name + " sum of <count>").isEqualTo(regexSum(xml));
            assertThat(report.records()).as(name + " rows").hasSize(regexRows(xml));
            assertThat(report.records()).as(name + " rows (MANIFEST)").hasSize(ROWS.getOrDefault(name, 1));
            assertThat(report.reportId()).as(name).isNotBlank();
            assertThat(report.policyPublished().domain()).as(name).isNotBlank();
            parsed++;
            messages += report.messageCount();
        }
        assertThat(parsed).isEqualTo(files.size() - REFUSED.size()).isEqualTo(38);
        assertThat(messages).isEqualTo(14_650L);
    }

    @Test
    void shouldRefuseWithReasonWhenFileIsNotAnAggregateReport() throws IOException {
        final Map<String, Path> files = corpus();
        final Map<String, String> reasons = new TreeMap<>();
        for (final String name : REFUSED.keySet()) {
            final byte[] raw = Files.readAllBytes(files.get(name));
            final ParseResult<List<byte[]>> extracted = extractor.extract(raw);
            final String reason;
            if (!extracted.isOk()) {
                reason = extracted.error().reason();
            } else {
                final ParseResult<DmarcReport> parsed =
                        parser.parse(extracted.value().get(0));
                assertThat(parsed.isOk()).as(name).isFalse();
                assertThat(parsed.error().source()).isEqualTo("dmarc");
                reason = parsed.error().reason();
            }
            reasons.put(name, reason);
        }
        assertThat(reasons).isEqualTo(new TreeMap<>(REFUSED));
    }

    @Test
    void shouldKeepParsedValuesWhenReportsUseUpperCaseOrWrapperVariants() throws IOException {
        final DmarcReport upper = parser.parse(Files.readAllBytes(
                        REAL.resolve("parsedmarc/aggregate_invalid/report_with_upper_cased_pass.xml")))
                .value();
        assertThat(upper.orgName()).isEqualTo("example.com");
        assertThat(upper.records().get(0).dkim()).isEqualTo("pass");
        assertThat(upper.records().get(0).disposition()).isEqualTo("none");

        final DmarcReport ikea = parser.parse(Files.readAllBytes(
                        REAL.resolve("parsedmarc/aggregate/ikea.com!example.de!1538690400!1538776800.xml")))
                .value();
        assertThat(ikea.orgName()).isEqualTo("ikea.com");
        assertThat(ikea.records().get(0).spfResults().get(0).scope()).isEqualTo("helo");

        final DmarcReport bis = parser.parse(
                        Files.readAllBytes(REAL.resolve("parsedmarc/aggregate/rfc9990-sample.xml")))
                .value();
        assertThat(bis.version()).isEqualTo("1.0");
        assertThat(bis.messageCount()).isEqualTo(123);
    }

    @Test
    void shouldMatchSharedDataWhenSharedFolderIsPresent() throws IOException {
        final Optional<Path> shared = SharedData.root().map(p -> p.resolve("dmarc"));
        assumeTrue(shared.isPresent() && Files.isDirectory(shared.get()), "shared/data/dmarc not present");
        final Map<String, Path> copies = corpus();
        final TreeSet<String> upstream = new TreeSet<>();
        try (Stream<Path> walk = Files.walk(shared.get())) {
            walk.filter(Files::isRegularFile)
                    .forEach(p ->
                            upstream.add(shared.get().relativize(p).toString().replace('\\', '/')));
        }
        assertThat(copies.keySet()).containsExactlyInAnyOrderElementsOf(upstream);
        for (final String name : upstream) {
            assertThat(Files.readAllBytes(copies.get(name)))
                    .as(name)
                    .isEqualTo(Files.readAllBytes(shared.get().resolve(name)));
        }
    }
}
