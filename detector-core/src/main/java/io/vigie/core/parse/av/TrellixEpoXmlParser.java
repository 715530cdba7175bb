package io.vigie.core.parse.av;

import io.vigie.core.parse.ParseResult;
import java.util.Locale;

/**
 * Trellix (McAfee) ePO on-premises events as the agent's XML ({@code <EPOEvent>}, {@code <UpdateEvents>},
 * {@code <MSMERoot>}), one document per line (newlines possibly written as literal {@code \n}). The few
 * elements needed are read by name, without an XML parser: no DTD, no entity is ever expanded.
 *
 * <p>A detection is an event whose {@code ThreatCategory} is {@code av.*} or {@code hip.*} with a
 * {@code ThreatName}; update, scan and task events are ignored. Mapping: {@code DetectedUTC},
 * {@code TargetHostName} (else {@code MachineName}), {@code IPAddress}, {@code TargetUserName} (else
 * {@code UserName}), {@code ThreatName}, {@code TargetFileName}, {@code TargetHash} (MD5),
 * {@code ThreatActionTaken}, {@code ThreatSeverity}.
 */
final class TrellixEpoXmlParser extends GuardedAvParser {

    public static final String FORMAT = "trellix-epo";
    public static final String NOT_EPO_XML = "not an ePO XML event";

    public TrellixEpoXmlParser() {
        super(FORMAT, NOT_EPO_XML);
    }

    @Override
    protected ParseResult<AvLine> read(final String line) {
        if (!line.contains("<MachineInfo>")) {
            return failed(NOT_EPO_XML, line);
        }
        final String category = lower(element(line, "ThreatCategory"));
        final String threat = AvFields.orNull(element(line, "ThreatName"));
        if (threat == null || category == null || !category.startsWith("av.") && !category.startsWith("hip.")) {
            return ParseResult.ok(AvLine.ignored(AvFields.NOT_DETECTION));
        }
        final AvEventBuilder b = new AvEventBuilder(FORMAT);
        b.time = AvFields.time(element(line, "DetectedUTC"), java.time.ZoneOffset.UTC);
        b.host = first(element(line, "TargetHostName"), element(line, "MachineName"));
        b.hostIp = element(line, "IPAddress");
        b.user = first(element(line, "TargetUserName"), element(line, "UserName"));
        b.threat = threat;
        b.path = element(line, "TargetFileName");
        b.hash(element(line, "TargetHash"));
        b.action = AvFields.action(element(line, "ThreatActionTaken"));
        b.severity = element(line, "ThreatSeverity");
        return ParseResult.ok(AvLine.of(b.build()));
    }

    /** The text of the first {@code <name>...</name>}, entities {@code &amp;} and friends decoded; else null. */
    static String element(final String xml, final String name) {
        final String open = "<" + name + ">";
        final int a = xml.indexOf(open);
        if (a < 0) {
            return null;
        }
        final int b = xml.indexOf("</" + name + ">", a);
        if (b < 0) {
            return null;
        }
        return xml.substring(a + open.length(), b)
                .replace("&lt;", "<")
                .replace("&gt;", ">")
                .replace("&quot;", "\"")
                .replace("&apos;", "'")
                .replace("&amp;", "&")
                .strip();
    }

    private static String lower(final String s) {
        return s == null ? null : s.toLowerCase(Locale.ROOT);
    }

    private static String first(final String a, final String b) {
        return AvFields.orNull(a) != null ? a : b;
    }
}
