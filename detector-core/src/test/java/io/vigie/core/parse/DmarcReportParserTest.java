package io.vigie.core.parse;

import static org.assertj.core.api.Assertions.assertThat;

import io.vigie.core.model.DmarcRecord;
import io.vigie.core.model.DmarcReport;
import io.vigie.core.serde.JsonSerde;
import java.io.IOException;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class DmarcReportParserTest {

    static final Path HOSTILE = Path.of("src/test/resources/samples/dmarc/hostile");

    /** RFC 7489 appendix C with the optional parts real reporters add: several reasons and auth results. */
    static final String FULL_REPORT = """
            <?xml version="1.0" encoding="UTF-8"?>
            <feedback>
              <version>1.0</version>
              <report_metadata>
                <org_name> google.com </org_name>
                <email>noreply-dmarc-support@google.com</email>
                <report_id>1234567890</report_id>
                <date_range><begin>1700000000</begin><end>1700086399</end></date_range>
              </report_metadata>
              <policy_published>
                <domain>hospital.example</domain><adkim>r</adkim><aspf>s</aspf>
                <p>reject</p><sp>quarantine</sp><pct>100</pct>
              </policy_published>
              <record>
                <row>
                  <source_ip>2001:db8::25</source_ip>
                  <count>4294967297</count>
                  <policy_evaluated>
                    <disposition>None</disposition><dkim>pass</dkim><spf>fail</spf>
                    <reason><type>forwarded</type><comment>list</comment></reason>
                    <reason><type>local_policy</type></reason>
                  </policy_evaluated>
                </row>
                <identifiers>
                  <envelope_to>partner.example</envelope_to>
                  <envelope_from>bounce.hospital.example</envelope_from>
                  <header_from>Hospital.Example</header_from>
                </identifiers>
                <auth_results>
                  <dkim><domain>hospital.example</domain><selector>s1</selector><result>pass</result></dkim>
                  <dkim><domain>esp.example</domain><selector>k2</selector><result>fail</result></dkim>
                  <spf><domain>bounce.hospital.example</domain><scope>mfrom</scope><result>softfail</result></spf>
                  <spf><domain>mx.partner.example</domain><scope>helo</scope><result>pass</result></spf>
                </auth_results>
              </record>
              <record>
                <row><source_ip>192.0.2.7</source_ip><count>3</count>
                  <policy_evaluated><disposition>reject</disposition><dkim>fail</dkim><spf>fail</spf></policy_evaluated>
                </row>
                <identifiers><header_from>hospital.example</header_from></identifiers>
                <auth_results><spf><domain>spoof.example</domain><result>fail</result></spf></auth_results>
              </record>
            </feedback>
            """;

    private final DmarcReportParser parser = new DmarcReportParser();

    private static byte[] hostile(final String name) throws IOException {
        return Files.readAllBytes(HOSTILE.resolve(name));
    }

    @Test
    void shouldReadEveryFieldWhenReportHasAllOptionalParts() {
        final ParseResult<DmarcReport> result = parser.parse(FULL_REPORT.getBytes(StandardCharsets.UTF_8));

        assertThat(result.isOk()).isTrue();
        final DmarcReport report = result.value();
        assertThat(report.version()).isEqualTo("1.0");
        assertThat(report.orgName()).isEqualTo("google.com");
        assertThat(report.email()).isEqualTo("noreply-dmarc-support@google.com");
        assertThat(report.reportId()).isEqualTo("1234567890");
        assertThat(report.begin()).isEqualTo(Instant.ofEpochSecond(1_700_000_000L));
        assertThat(report.end()).isEqualTo(Instant.ofEpochSecond(1_700_086_399L));
        assertThat(report.policyPublished())
                .isEqualTo(new DmarcReport.PolicyPublished("hospital.example", "r", "s", "reject", "quarantine", 100));
        assertThat(report.records()).hasSize(2);
        assertThat(report.messageCount()).isEqualTo(4_294_967_300L);

        final DmarcRecord first = report.records().get(0);
        assertThat(first.sourceIp()).isEqualTo("2001:db8::25");
        assertThat(first.count()).isEqualTo(4_294_967_297L);
        assertThat(first.disposition()).isEqualTo("none");
        assertThat(first.dkim()).isEqualTo("pass");
        assertThat(first.spf()).isEqualTo("fail");
        assertThat(first.reasons())
                .containsExactly(
                        new DmarcRecord.Reason("forwarded", "list"), new DmarcRecord.Reason("local_policy", null));
        assertThat(first.headerFrom()).isEqualTo("hospital.example");
        assertThat(first.envelopeFrom()).isEqualTo("bounce.hospital.example");
        assertThat(first.envelopeTo()).isEqualTo("partner.example");
        assertThat(first.dkimResults())
                .containsExactly(
                        new DmarcRecord.DkimResult("hospital.example", "s1", "pass"),
                        new DmarcRecord.DkimResult("esp.example", "k2", "fail"));
        assertThat(first.spfResults())
                .containsExactly(
                        new DmarcRecord.SpfResult("bounce.hospital.example", "mfrom", "softfail"),
                        new DmarcRecord.SpfResult("mx.partner.example", "helo", "pass"));

        final DmarcRecord second = report.records().get(1);
        assertThat(second.envelopeFrom()).isNull();
        assertThat(second.reasons()).isEmpty();
        assertThat(second.dkimResults()).isEmpty();
        assertThat(second.spfResults()).containsExactly(new DmarcRecord.SpfResult("spoof.example", null, "fail"));
    }

    @Test
    void shouldRoundTripThroughJsonSerdeWhenReportIsParsed() {
        final DmarcReport report =
                parser.parse(FULL_REPORT.getBytes(StandardCharsets.UTF_8)).value();
        final JsonSerde<DmarcReport> serde = JsonSerde.of(DmarcReport.class);

        assertThat(serde.fromBytes(serde.toBytes(report))).isEqualTo(report);
        final JsonSerde<DmarcReport> internal = JsonSerde.internal(DmarcReport.class);
        assertThat(internal.fromBytes(internal.toBytes(report))).isEqualTo(report);
        assertThat(new String(serde.toBytes(report), StandardCharsets.UTF_8))
                .contains("\"begin\":\"2023-11-14T22:13:20Z\"", "\"count\":4294967297");
    }

    @Test
    void shouldIgnoreNamespaceWhenReportUsesDmarcBisNamespace() {
        final String xml = FULL_REPORT.replace(
                "<feedback>", "<feedback xmlns=\"urn:ietf:params:xml:ns:dmarc-2.0\" xmlns:x=\"urn:x\">");

        final ParseResult<DmarcReport> result = parser.parse(xml.getBytes(StandardCharsets.UTF_8));

        assertThat(result.isOk()).isTrue();
        assertThat(result.value())
                .isEqualTo(parser.parse(FULL_REPORT.getBytes(StandardCharsets.UTF_8))
                        .value());
    }

    @Test
    void shouldParseWhenReportHasBomAndLeadingBlankLines() {
        final byte[] body = ("\r\n\n  " + FULL_REPORT).getBytes(StandardCharsets.UTF_8);
        final byte[] withBom = new byte[body.length + 3];
        withBom[0] = (byte) 0xEF;
        withBom[1] = (byte) 0xBB;
        withBom[2] = (byte) 0xBF;
        System.arraycopy(body, 0, withBom, 3, body.length);

        assertThat(parser.parse(withBom).isOk()).isTrue();
    }

    @ParameterizedTest
    @CsvSource({"UTF-16", "UTF-16LE", "UTF-16BE"})
    void shouldParseWhenReportIsUtf16(final String charset) {
        final String xml = FULL_REPORT
                .replace("encoding=\"UTF-8\"", "encoding=\"UTF-16\"")
                .replace("google.com", "hôpital-ünïcode.example");
        final byte[] bytes;
        if ("UTF-16".equals(charset)) {
            bytes = xml.getBytes(StandardCharsets.UTF_16); // big-endian with BOM
        } else {
            final byte[] raw = xml.getBytes(Charset.forName(charset));
            bytes = new byte[raw.length + 2];
            final boolean le = charset.endsWith("LE");
            bytes[0] = (byte) (le ? 0xFF : 0xFE);
            bytes[1] = (byte) (le ? 0xFE : 0xFF);
            System.arraycopy(raw, 0, bytes, 2, raw.length);
        }

        final ParseResult<DmarcReport> result = parser.parse(bytes);

        assertThat(result.isOk())
                .as(() -> result.isOk() ? "" : result.error().reason())
                .isTrue();
        assertThat(result.value().orgName()).isEqualTo("hôpital-ünïcode.example");
        assertThat(result.value().messageCount()).isEqualTo(4_294_967_300L);
    }

    @Test
    void shouldHonourDeclaredEncodingWhenReportIsLatin1() {
        final String xml = FULL_REPORT
                .replace("encoding=\"UTF-8\"", "encoding=\"ISO-8859-1\"")
                .replace("google.com", "hôpital.example");

        final ParseResult<DmarcReport> result = parser.parse(xml.getBytes(StandardCharsets.ISO_8859_1));

        assertThat(result.isOk()).isTrue();
        assertThat(result.value().orgName()).isEqualTo("hôpital.example");
    }

    @Test
    void shouldParseWhenOptionalFieldsAreMissing() {
        final String xml = """
                <feedback>
                  <report_metadata><org_name>tiny.example</org_name><report_id>r</report_id></report_metadata>
                  <policy_published><domain>hospital.example</domain></policy_published>
                  <record><row><source_ip>192.0.2.9</source_ip><count>0</count></row></record>
                </feedback>""";

        final ParseResult<DmarcReport> result = parser.parse(xml);

        assertThat(result.isOk()).isTrue();
        final DmarcReport report = result.value();
        assertThat(report.begin()).isNull();
        assertThat(report.email()).isNull();
        assertThat(report.version()).isNull();
        assertThat(report.policyPublished().pct()).isNull();
        assertThat(report.records()).singleElement().satisfies(r -> {
            assertThat(r.count()).isZero();
            assertThat(r.disposition()).isNull();
            assertThat(r.headerFrom()).isNull();
        });
    }

    @ParameterizedTest
    @CsvSource({
        "xxe-external-entity.xml, dtd not allowed",
        "xxe-parameter-entity.xml, dtd not allowed",
        "billion-laughs.xml, dtd not allowed",
        "doctype-system.xml, dtd not allowed",
        "undeclared-entity.xml, entity reference not allowed",
        "truncated.xml, truncated xml",
        "not-xml.xml, not xml",
        "wrong-root.xml, not a dmarc report",
    })
    void shouldRefuseWithReasonWhenSampleIsHostile(final String file, final String reason) throws IOException {
        final ParseResult<DmarcReport> result = parser.parse(hostile(file));

        assertThat(result.isOk()).isFalse();
        assertThat(result.error().source()).isEqualTo("dmarc");
        assertThat(result.error().reason()).isEqualTo(reason);
        assertThat(result.error().raw()).doesNotContain("root:x:0:0");
    }

    @Test
    void shouldRefuseWhenElementsNestTooDeep() {
        final String xml = "<feedback>" + "<x>".repeat(100) + "</x>".repeat(100) + "</feedback>";

        assertThat(parser.parse(xml).error().reason()).isEqualTo("too deep");
    }

    @Test
    void shouldRefuseWhenRecordsExceedLimit() {
        final DmarcReportParser strict = new DmarcReportParser(64, 1, 1024 * 1024);

        assertThat(strict.parse(FULL_REPORT).error().reason()).isEqualTo("too many records");
    }

    @Test
    void shouldRefuseWhenReportIsOverSizeLimit() {
        final DmarcReportParser strict = new DmarcReportParser(64, 10, 100);

        final ParseResult<DmarcReport> result = strict.parse(FULL_REPORT.getBytes(StandardCharsets.UTF_8));

        assertThat(result.error().reason()).isEqualTo("report too large");
        assertThat(result.error().raw()).hasSizeLessThan(FULL_REPORT.length());
    }

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            value = {
                "<count>3</count>|<count>many</count>|invalid count",
                "<count>3</count>|<count>-1</count>|invalid count",
                "<count>3</count>|<count>99999999999999999999</count>|invalid count",
                "<source_ip>192.0.2.7</source_ip>|<source_ip> </source_ip>|record without source ip",
                "<begin>1700000000</begin>|<begin>yesterday</begin>|invalid date range",
                "<pct>100</pct>|<pct>all</pct>|invalid pct",
            })
    void shouldRefuseWhenValueIsInvalid(final String original, final String replacement, final String reason) {
        assertThat(FULL_REPORT).contains(original);

        assertThat(parser.parse(FULL_REPORT.replace(original, replacement))
                        .error()
                        .reason())
                .isEqualTo(reason);
    }

    @Test
    void shouldRefuseWhenInputIsEmptyOrInvalidUtf8() {
        assertThat(parser.parse(new byte[0]).error().reason()).isEqualTo("empty input");
        assertThat(parser.parse((String) null).error().reason()).isEqualTo("empty input");
        assertThat(parser.parse(" \n".getBytes(StandardCharsets.UTF_8)).error().reason())
                .isEqualTo("empty input");
        final String ascii = FULL_REPORT.replace("google.com", "gXogle.com");
        final byte[] bad = ascii.getBytes(StandardCharsets.UTF_8);
        bad[ascii.indexOf("gXogle")] = (byte) 0x91; // a Windows-1252 quote, as in parsedmarc's invalid_utf_8.xml
        assertThat(parser.parse(bad).error().reason()).isEqualTo("invalid encoding");
    }

    @Test
    void shouldAcceptFeedbackWrappedInUnclosedSchemaElementWhenReporterSendsIt() {
        final String xml = FULL_REPORT.replace(
                "<?xml version=\"1.0\" encoding=\"UTF-8\"?>",
                "<?xml version=\"1.0\"?> <xs:schema xmlns:xs=\"http://www.w3.org/2001/XMLSchema\">");

        final ParseResult<DmarcReport> result = parser.parse(xml);

        assertThat(result.isOk()).isTrue();
        assertThat(result.value().records()).hasSize(2);
    }

    @Test
    void shouldDecodePredefinedAndCharacterReferencesWhenTextUsesThem() {
        final String xml = FULL_REPORT.replace(
                "<org_name> google.com </org_name>",
                "<org_name>AT&amp;T &#233;&#x41; &lt;x&gt; <![CDATA[c&d]]></org_name>");

        final ParseResult<DmarcReport> result = parser.parse(xml);

        assertThat(result.isOk()).isTrue();
        assertThat(result.value().orgName()).isEqualTo("AT&T \u00e9A <x> c&d");
    }
}
