package io.vigie.core.parse.av;

import io.vigie.core.parse.ParseResult;
import io.vigie.core.parse.text.CefTokenizer;
import io.vigie.core.parse.text.FieldValues;
import java.time.ZoneId;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * CEF from AV management consoles ({@code CEF:0|Vendor|Product|Version|SignatureID|Name|Severity|ext}, after an
 * optional syslog header, or without {@code CEF:} as some forwarders write it), tokenized by the shared
 * {@link CefTokenizer}.
 *
 * <p>A record is a detection when it names a threat: a {@code cs<n>} labelled {@code VirusName},
 * {@code ThreatName}, {@code MalwareName}, {@code DetectionName} or {@code SpywareName}; Bitdefender
 * GravityZone's {@code BitdefenderGZMalwareName} (antimalware module); Trend Micro Apex Central's virus and
 * predictive-ML logs (signature id {@code AV:...} or {@code PML:...}), whose header name is the threat; Sophos
 * detection event types, whose name quotes the threat. Every other record (web control, device control,
 * updates, logons, incidents) is an ignored line.
 *
 * <p>Mapping: {@code rt}/{@code end}/{@code start} time; the endpoint from {@code dhost},
 * {@code BitdefenderGZComputerFQDN}, {@code shost}, {@code dvchost}; its address from {@code dst},
 * {@code dvc}, {@code src}; {@code duser} then {@code suser}; {@code filePath} then {@code fname};
 * {@code fileHash} or the labelled/vendor hash; {@code act} or a labelled {@code ActionResult}; the header
 * severity as CEF's words (0-3 low, 4-6 medium, 7-8 high, 9-10 very-high); {@code request} as origin.
 */
final class CefAvParser extends GuardedAvParser {

    public static final String FORMAT = "cef";

    public static final String BAD_HEADER = "bad CEF header";
    public static final String UNPARSEABLE = "unparseable CEF line";

    private final ZoneId zone;

    /** @param zone the console's zone, for {@code rt} values written without one */
    public CefAvParser(final ZoneId zone) {
        super(FORMAT, UNPARSEABLE);
        this.zone = Objects.requireNonNull(zone, "zone");
    }

    @Override
    protected ParseResult<AvLine> read(final String line) {
        final CefTokenizer.Cef cef = CefTokenizer.parse(line);
        if (cef == null) {
            return failed(BAD_HEADER, line);
        }
        final String[] h = cef.header();
        final Map<String, String> x = cef.extension();
        final Map<String, String> labelled = CefTokenizer.labelled(x);
        final String signature = h[4];
        final String name = h[5];
        String threat = AvFields.first(
                labelled,
                "virusname",
                "threatname",
                "malwarename",
                "detectionname",
                "spywarename",
                "virus_name",
                "threat_name");
        if (threat == null && "av".equalsIgnoreCase(x.get("bitdefendergzmodule"))) {
            threat = AvFields.first(x, "bitdefendergzmalwarename");
        }
        if (threat == null && (signature.startsWith("AV:") || signature.startsWith("PML:"))) {
            threat = AvFields.orNull(name);
        }
        final String sig = signature.toLowerCase(Locale.ROOT);
        if (threat == null
                && sig.startsWith("event::endpoint::")
                && (sig.contains("detect") || sig.contains("threat"))) {
            threat = FieldValues.singleQuoted(name);
        }
        if (threat == null) {
            return ParseResult.ok(AvLine.ignored(AvFields.NOT_DETECTION));
        }
        final AvEventBuilder b = new AvEventBuilder(FORMAT);
        b.threat = threat;
        b.time = AvFields.time(AvFields.first(x, "rt", "bitdefendergzdetectiontime", "end", "start"), zone);
        b.host = AvFields.first(x, "dhost", "tmcmlogdetectedhost", "bitdefendergzcomputerfqdn", "shost", "dvchost");
        b.hostIp = firstAddress(AvFields.first(x, "dst", "dvc", "src"));
        b.user = AvFields.first(x, "duser", "suser");
        b.path = AvFields.first(x, "filepath", "fname");
        b.hash(AvFields.first(x, "filehash", "bitdefendergzmalwarehash"));
        b.hash(AvFields.first(labelled, "sha256", "filehash", "file_sha256"));
        b.action = AvFields.action(firstNonNumeric(
                AvFields.first(x, "act"), AvFields.first(labelled, "actionresult", "action", "actiontaken")));
        if (b.action == null && signature.indexOf(':') > 0) {
            // Trend Micro's virus log puts the result in the signature id: "AV:File cleaned"
            b.action = AvFields.action(signature.substring(signature.indexOf(':') + 1));
        }
        b.origin = AvFields.first(x, "request");
        b.severity = severity(h[6]);
        return ParseResult.ok(AvLine.of(b.build()));
    }

    /** Trend Micro writes numeric {@code act} codes on some logs: a code is not a word, the label may be. */
    private static String firstNonNumeric(final String a, final String b) {
        if (a != null && !a.chars().allMatch(Character::isDigit)) {
            return a;
        }
        return b;
    }

    /** {@code dvc=5.6.7.8, 1.2.3.4}: the first address. */
    private static String firstAddress(final String value) {
        if (value == null) {
            return null;
        }
        final int comma = value.indexOf(',');
        return comma < 0 ? value : value.substring(0, comma).strip();
    }

    /** CEF severity 0-10 as CEF's words; a word is kept as the product wrote it. */
    static String severity(final String header) {
        final String s = AvFields.orNull(header);
        if (s == null) {
            return null;
        }
        if (s.length() <= 2 && s.chars().allMatch(Character::isDigit)) {
            final int n = Integer.parseInt(s);
            return n <= 3 ? "low" : n <= 6 ? "medium" : n <= 8 ? "high" : n <= 10 ? "very-high" : null;
        }
        return s;
    }
}
