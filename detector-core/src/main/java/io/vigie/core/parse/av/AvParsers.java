package io.vigie.core.parse.av;

import io.vigie.core.parse.ParseResult;
import io.vigie.core.parse.text.CefTokenizer;
import java.time.Clock;
import java.time.ZoneId;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * The antivirus formats by name, and {@link #auto}, which reads each line in the format its shape names
 * ({@link #detect}). Names: {@value ClamAvParser#FORMAT}, {@value DefenderParser#FORMAT},
 * {@value CefAvParser#FORMAT}, {@value JsonAvParser#FORMAT}, {@value McAfeeEpoSyslogParser#FORMAT},
 * {@value TrellixEpoXmlParser#FORMAT}, {@value KasperskyParser#FORMAT}, {@value SymantecSepParser#FORMAT},
 * {@value SymantecLogParser#FORMAT}, {@value McAfeeVseParser#FORMAT}, {@value OfficeScanParser#FORMAT},
 * {@value SophosSavParser#FORMAT}. A raw line wrapped in a JSON document is read by {@link #auto} too.
 * Immutable and thread-safe.
 */
public final class AvParsers {

    private final Map<String, AvLogParser> parsers;

    /**
     * @param host    the machine, for the formats that do not log it (ClamAV, the local log files); may be null
     * @param zone    the zone of timestamps written without one
     * @param clock   gives the year of syslog timestamps
     * @param mapping where shipper-parsed JSON documents put each field
     */
    public AvParsers(final String host, final ZoneId zone, final Clock clock, final AvJsonMapping mapping) {
        Objects.requireNonNull(zone, "zone");
        final Map<String, AvLogParser> m = new LinkedHashMap<>();
        m.put(ClamAvParser.FORMAT, new ClamAvParser(host, zone, clock));
        m.put(DefenderParser.FORMAT, new DefenderParser(zone));
        m.put(CefAvParser.FORMAT, new CefAvParser(zone));
        // the JSON parser hands wrapped raw lines back to auto(), which is only called once construction is done
        m.put(JsonAvParser.FORMAT, new JsonAvParser(mapping, this::auto, zone));
        m.put(McAfeeEpoSyslogParser.FORMAT, new McAfeeEpoSyslogParser(zone));
        m.put(TrellixEpoXmlParser.FORMAT, new TrellixEpoXmlParser());
        m.put(KasperskyParser.FORMAT, new KasperskyParser());
        m.put(SymantecSepParser.FORMAT, new SymantecSepParser(zone));
        m.put(SymantecLogParser.FORMAT, new SymantecLogParser(zone));
        m.put(McAfeeVseParser.FORMAT, new McAfeeVseParser(host, zone));
        m.put(OfficeScanParser.FORMAT, new OfficeScanParser(host, zone));
        m.put(SophosSavParser.FORMAT, new SophosSavParser(host, zone));
        this.parsers = Map.copyOf(m);
    }

    public Set<String> formats() {
        return parsers.keySet();
    }

    /** The parser for a format name, empty when the name is unknown. */
    public Optional<AvLogParser> parser(final String format) {
        return Optional.ofNullable(parsers.get(format));
    }

    /** Reads a line in the format its shape names; a line of no known shape is read as ClamAV output. */
    public ParseResult<AvLine> auto(final String line) {
        if (line != null && line.isBlank()) {
            return ParseResult.ok(AvLine.ignored(AvFields.BLANK));
        }
        final String format = detect(line);
        return parsers.get(format == null ? ClamAvParser.FORMAT : format).parse(line);
    }

    /**
     * Names a line's format from its first 512 characters; null when it is none of the distinctive shapes
     * (ClamAV output has none: a path, a colon and a word).
     */
    public static String detect(final String line) {
        if (line == null) {
            return null;
        }
        String l = line.strip();
        if (l.startsWith("\uFEFF")) {
            l = l.substring(1);
        }
        if (l.isEmpty()) {
            return null;
        }
        final String head = l.length() > 512 ? l.substring(0, 512) : l;
        if (head.charAt(0) == '{') {
            return JsonAvParser.FORMAT;
        }
        if (head.startsWith("<?xml")
                || head.contains("<EPOEvent")
                || head.contains("<EPOevent")
                || head.contains("<UpdateEvents")
                || head.contains("<MSMERoot")) {
            return TrellixEpoXmlParser.FORMAT;
        }
        if (head.contains("CEF:") || CefTokenizer.headerStart(head) >= 0 && count(head, '|') >= 7) {
            return CefAvParser.FORMAT;
        }
        if (head.contains("<;>")) {
            return OfficeScanParser.FORMAT;
        }
        if ((head.contains("signature=\"") || head.contains("category=\"")) && count(head, '"') >= 6) {
            return McAfeeEpoSyslogParser.FORMAT;
        }
        if (head.startsWith("Result description: ") || head.startsWith("Event type: ")) {
            return KasperskyParser.FORMAT;
        }
        if (head.length() > 13 && head.charAt(12) == ',' && isHex(head, 12)) {
            return SymantecLogParser.FORMAT;
        }
        if (head.length() > 16
                && head.charAt(8) == ' '
                && head.charAt(15) == ' '
                && digits(head, 0, 8)
                && digits(head, 9, 15)) {
            return SophosSavParser.FORMAT;
        }
        if (head.indexOf('\t') > 0
                && Character.isDigit(head.charAt(0))
                && head.indexOf('/') > 0
                && head.indexOf('/') < head.indexOf('\t')) {
            return McAfeeVseParser.FORMAT;
        }
        if (head.contains(",") && labels(head) >= 2) {
            return SymantecSepParser.FORMAT;
        }
        return null;
    }

    /** How many comma-separated fields look like {@code Label: value} (SEP's shape). */
    private static int labels(final String s) {
        int n = 0;
        for (final String field : s.split(",")) {
            final int colon = field.indexOf(": ");
            if (colon > 0
                    && colon < 40
                    && Character.isUpperCase(
                            field.strip().isEmpty() ? 'x' : field.strip().charAt(0))) {
                n++;
            }
        }
        return n;
    }

    private static boolean isHex(final String s, final int to) {
        for (int i = 0; i < to; i++) {
            if (Character.digit(s.charAt(i), 16) < 0) {
                return false;
            }
        }
        return true;
    }

    private static boolean digits(final String s, final int from, final int to) {
        for (int i = from; i < to; i++) {
            if (!Character.isDigit(s.charAt(i))) {
                return false;
            }
        }
        return true;
    }

    private static int count(final String s, final char c) {
        return (int) s.chars().filter(x -> x == c).count();
    }
}
