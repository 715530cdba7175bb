package io.vigie.core.parse.proxy;

import io.vigie.core.parse.ParseResult;
import io.vigie.core.parse.text.KeyValues;
import java.time.ZoneId;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * The vendor proxy formats by name, and {@link #detect(String)}, which names a line's format from its shape
 * for an {@code auto} mode. Squid native, combined and W3C are not here: {@link #auto(ProxyLogParser)} hands
 * the lines it does not own to the parser it is given, which is where those go.
 *
 * <p>Names: {@value JsonProxyParser#FORMAT}, {@value KeyValueProxyParser#FORMAT}, {@value CefProxyParser#FORMAT},
 * {@value UmbrellaCsvParser#FORMAT}, {@value CiscoWsaParser#FORMAT}, {@value SquidGuardParser#FORMAT},
 * {@value TrendMicroUrlFilterParser#FORMAT}, {@value ThreeProxyParser#FORMAT},
 * {@value BlueCoatEventLogParser#FORMAT}, {@value OlfeoParser#FORMAT}, {@value NetskopeParser#FORMAT}.
 * Immutable and thread-safe.
 */
public final class VendorProxyParsers {

    /** What {@link #detect} answers for Squid's native format, which is not a vendor format here. */
    public static final String SQUID = "squid";

    public static final String BLANK = "blank line";

    private final Map<String, ProxyLogParser> parsers;

    /**
     * @param zone    the proxies' zone, for timestamps written without one
     * @param mapping where parsed JSON documents put each field
     * @param others  reads what is not a vendor format (Squid native, combined, W3C), including raw lines
     *                wrapped in JSON documents
     */
    public VendorProxyParsers(final ZoneId zone, final JsonProxyMapping mapping, final ProxyLogParser others) {
        Objects.requireNonNull(zone, "zone");
        Objects.requireNonNull(others, "others");
        final Map<String, ProxyLogParser> m = new LinkedHashMap<>();
        m.put(KeyValueProxyParser.FORMAT, new KeyValueProxyParser(zone));
        m.put(CefProxyParser.FORMAT, new CefProxyParser(zone));
        m.put(UmbrellaCsvParser.FORMAT, new UmbrellaCsvParser());
        m.put(CiscoWsaParser.FORMAT, new CiscoWsaParser());
        m.put(SquidGuardParser.FORMAT, new SquidGuardParser(zone));
        m.put(TrendMicroUrlFilterParser.FORMAT, new TrendMicroUrlFilterParser());
        m.put(ThreeProxyParser.FORMAT, new ThreeProxyParser());
        m.put(BlueCoatEventLogParser.FORMAT, new BlueCoatEventLogParser());
        m.put(OlfeoParser.FORMAT, new OlfeoParser(zone));
        m.put(NetskopeParser.FORMAT, new NetskopeParser());
        // a raw line inside a JSON wrapper can be any line format, vendor or not
        final Map<String, ProxyLogParser> lineFormats = Map.copyOf(m);
        m.put(JsonProxyParser.FORMAT, new JsonProxyParser(mapping, auto(lineFormats, others), zone));
        this.parsers = Map.copyOf(m);
    }

    /** The format names this class serves. */
    public Set<String> formats() {
        return parsers.keySet();
    }

    /** The parser for a format name, empty when the name is not a vendor format. */
    public Optional<ProxyLogParser> parser(final String format) {
        return Optional.ofNullable(parsers.get(format));
    }

    /** Detects each line's format; vendor formats are read here, everything else by {@code others}. */
    public ProxyLogParser auto(final ProxyLogParser others) {
        return auto(parsers, others);
    }

    private static ProxyLogParser auto(final Map<String, ProxyLogParser> parsers, final ProxyLogParser others) {
        return line -> {
            if (line != null && line.isBlank()) {
                // collectors pass blank lines on; there is nothing in them to keep or to dead-letter
                return ParseResult.ok(ProxyLine.ignored(BLANK));
            }
            final String format = detect(line);
            final ProxyLogParser p = format == null ? null : parsers.get(format);
            if (p == null) {
                return others.parse(line);
            }
            // Shapes overlap (Olfeo writes a combined line with more fields after it): when the vendor parser
            // refuses the line, the other formats get their chance; the vendor's reason stays if they fail too.
            final ParseResult<ProxyLine> byVendor = p.parse(line);
            if (byVendor.isOk()) {
                return byVendor;
            }
            final ParseResult<ProxyLine> byOthers = others.parse(line);
            return byOthers.isOk() ? byOthers : byVendor;
        };
    }

    /**
     * Names a line's format from its shape, looking at its first few hundred characters only. Null when the
     * shape is none of the known ones (an empty line, a comment, a W3C or combined line).
     *
     * @return a vendor format name, {@value #SQUID}, or null
     */
    public static String detect(final String line) {
        if (line == null) {
            return null;
        }
        final String l = line.strip();
        if (l.isEmpty() || l.length() > JsonProxyParser.MAX_LINE_LENGTH) {
            return null;
        }
        final String head = l.length() > 512 ? l.substring(0, 512) : l;
        if (head.charAt(0) == '{') {
            return JsonProxyParser.FORMAT;
        }
        if (head.contains("CEF:") || CefProxyParser.headerStart(head) >= 0 && pipes(head) >= 7) {
            return CefProxyParser.FORMAT;
        }
        if (head.contains("<;>")) {
            return TrendMicroUrlFilterParser.FORMAT;
        }
        if (head.startsWith("\"") && head.length() > 6 && isDigits(head, 1, 5) && head.charAt(5) == '-') {
            return UmbrellaCsvParser.FORMAT;
        }
        if (head.startsWith("# failJSON:")) {
            return null;
        }
        if (BlueCoatEventLogParser.isEventLog(head)) {
            return BlueCoatEventLogParser.FORMAT;
        }
        final String first = firstToken(head);
        if (isEpoch(first)) {
            return head.contains(" <") ? CiscoWsaParser.FORMAT : SQUID;
        }
        if (first.endsWith(":") && isEpoch(firstToken(CiscoWsaParser.withoutLevel(head)))) {
            return CiscoWsaParser.FORMAT;
        }
        if (isDate(head, '-', 4) && head.length() > 10 && head.charAt(10) == ' ') {
            if (head.contains(" Request(")) {
                return SquidGuardParser.FORMAT;
            }
            // Netskope writes a hundred and more fields; W3C or ELFF lines have a few dozen at most
            if (spaces(l) >= 60) {
                return NetskopeParser.FORMAT;
            }
        }
        if (isDate(head, '-', 2) && (head.contains(" PROXY.") || head.contains(" SOCKS."))) {
            return ThreeProxyParser.FORMAT;
        }
        final int bracket = head.indexOf(" [");
        if (bracket > 0
                && bracket + 12 < head.length()
                && isDigits(head, bracket + 2, bracket + 4)
                && head.charAt(bracket + 4) == '/'
                && isDigits(head, bracket + 5, bracket + 7)) {
            return OlfeoParser.FORMAT;
        }
        // three pairs, so that an access line with one "a=b" in a URL or user agent is not taken for one
        if (KeyValues.countKeys(head, 3) >= 3) {
            return KeyValueProxyParser.FORMAT;
        }
        return null;
    }

    private static String firstToken(final String s) {
        final int space = s.indexOf(' ');
        return space < 0 ? s : s.substring(0, space);
    }

    private static boolean isEpoch(final String token) {
        final int dot = token.indexOf('.');
        return dot >= 9
                && dot <= 10
                && isDigits(token, 0, dot)
                && token.length() > dot + 1
                && isDigits(token, dot + 1, token.length());
    }

    /** {@code yyyy-MM-dd} (firstDigits 4) or {@code dd-MM-yyyy} (firstDigits 2) at the start. */
    private static boolean isDate(final String s, final char sep, final int firstDigits) {
        if (s.length() < 10) {
            return false;
        }
        final int second = firstDigits + 1;
        return isDigits(s, 0, firstDigits)
                && s.charAt(firstDigits) == sep
                && isDigits(s, second, second + 2)
                && s.charAt(second + 2) == sep
                && isDigits(s, second + 3, 10);
    }

    private static boolean isDigits(final String s, final int from, final int to) {
        if (from >= to || to > s.length()) {
            return false;
        }
        for (int i = from; i < to; i++) {
            if (!Character.isDigit(s.charAt(i))) {
                return false;
            }
        }
        return true;
    }

    private static int pipes(final String s) {
        return (int) s.chars().filter(c -> c == '|').count();
    }

    private static int spaces(final String s) {
        return (int) s.chars().filter(c -> c == ' ').count();
    }
}
