package io.vigie.core.parse;

import io.vigie.core.model.DmarcRecord;
import io.vigie.core.model.DmarcReport;
import java.io.ByteArrayInputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLReporter;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;

/**
 * Parses one DMARC aggregate report (RFC 7489 appendix C XML, the older draft and the DMARCbis
 * {@code urn:ietf:params:xml:ns:dmarc-2.0} variant: element names are matched without namespace).
 *
 * <p>Reports come from anyone who can mail the {@code rua} address, so the XML parser is the JDK's built-in
 * StAX with DTDs and external entities off, a document with a DOCTYPE is refused outright, and depth, size
 * and record count are bounded. Bad input gives a failed {@link ParseResult}, never an exception.
 */
public final class DmarcReportParser implements LogParser<DmarcReport> {

    public static final String SOURCE = "dmarc";
    public static final int DEFAULT_MAX_DEPTH = 64;
    public static final int DEFAULT_MAX_RECORDS = 1_000_000;
    public static final int DEFAULT_MAX_BYTES = 32 * 1024 * 1024;

    /** How much of a refused document is kept in the dead letter: enough to recognise it, not a whole report. */
    static final int RAW_SUMMARY_CHARS = 512;

    private static final Pattern ENCODING = Pattern.compile("encoding\\s*=\\s*[\"']([A-Za-z0-9._-]+)[\"']");

    private final int maxDepth;
    private final int maxRecords;
    private final int maxBytes;
    private final XMLInputFactory factory;

    public DmarcReportParser() {
        this(DEFAULT_MAX_DEPTH, DEFAULT_MAX_RECORDS, DEFAULT_MAX_BYTES);
    }

    /**
     * @param maxDepth   deepest element nesting accepted (a report needs 5)
     * @param maxRecords most {@code <record>} elements accepted in one report
     * @param maxBytes   largest document accepted, in bytes
     */
    public DmarcReportParser(final int maxDepth, final int maxRecords, final int maxBytes) {
        if (maxDepth < 6 || maxRecords < 1 || maxBytes < 1) {
            throw new IllegalArgumentException(
                    "limits too small: depth " + maxDepth + ", records " + maxRecords + ", bytes " + maxBytes);
        }
        this.maxDepth = maxDepth;
        this.maxRecords = maxRecords;
        this.maxBytes = maxBytes;
        // newDefaultFactory: the JDK's own implementation even if another StAX provider is on the classpath,
        // so the hardening below is the one that applies.
        final XMLInputFactory f = XMLInputFactory.newDefaultFactory();
        f.setProperty(XMLInputFactory.SUPPORT_DTD, false);
        f.setProperty(XMLInputFactory.IS_SUPPORTING_EXTERNAL_ENTITIES, false);
        f.setProperty(XMLInputFactory.IS_REPLACING_ENTITY_REFERENCES, false);
        f.setProperty(XMLInputFactory.IS_NAMESPACE_AWARE, true);
        f.setProperty(XMLInputFactory.IS_COALESCING, true);
        // The JDK parser otherwise prints errors to stderr; ours are returned as failed results instead.
        f.setProperty(XMLInputFactory.REPORTER, (XMLReporter) (message, type, info, location) -> {});
        this.factory = f;
    }

    @Override
    public String source() {
        return SOURCE;
    }

    /** Parses a report held as text (already decoded); the encoding in its XML declaration is then ignored. */
    @Override
    public ParseResult<DmarcReport> parse(final String raw) {
        if (raw == null) {
            return failed("empty input", "");
        }
        return parse(raw.getBytes(StandardCharsets.UTF_8), true);
    }

    /** Parses a report as bytes; the encoding comes from the BOM or the XML declaration (UTF-8 by default). */
    public ParseResult<DmarcReport> parse(final byte[] xml) {
        return parse(xml, false);
    }

    private ParseResult<DmarcReport> parse(final byte[] xml, final boolean forceUtf8) {
        if (xml == null || xml.length == 0) {
            return failed("empty input", "");
        }
        if (xml.length > maxBytes) {
            return failed("report too large", summary(xml));
        }
        final int start = XmlSniffer.contentStart(xml);
        if (start < 0) {
            return failed(XmlSniffer.isBlank(xml) ? "empty input" : "not xml", summary(xml));
        }
        if (!forceUtf8 && declaresUtf8(xml, start) && !validUtf8(xml, start)) {
            // Checked here because the JDK parser prints its own "[Fatal Error]" line to stderr for this one.
            return failed("invalid encoding", summary(xml));
        }
        XMLStreamReader reader = null;
        final Handler handler = new Handler();
        try {
            final ByteArrayInputStream in = new ByteArrayInputStream(xml, start, xml.length - start);
            reader = forceUtf8
                    ? factory.createXMLStreamReader(in, StandardCharsets.UTF_8.name())
                    : factory.createXMLStreamReader(in);
            final String refusal = handler.run(reader);
            if (refusal != null) {
                return failed(refusal, summary(xml));
            }
        } catch (final XMLStreamException e) {
            return failed(handler.xmlErrorReason(e), summary(xml));
        } finally {
            close(reader);
        }
        return handler.result(xml);
    }

    /** True when the document is UTF-8 by its BOM, by its declaration, or by default (no declaration). */
    private static boolean declaresUtf8(final byte[] xml, final int start) {
        if (start == 0 && xml.length >= 2 && (xml[0] == 0 || xml[1] == 0 || (xml[0] & 0xFF) >= 0xFE)) {
            return false; // UTF-16 or UTF-32
        }
        final String head = new String(xml, start, Math.min(xml.length - start, 200), StandardCharsets.ISO_8859_1);
        if (!head.startsWith("<?xml")) {
            return true;
        }
        final int close = head.indexOf("?>");
        final Matcher m = ENCODING.matcher(close < 0 ? head : head.substring(0, close));
        return !m.find() || m.group(1).equalsIgnoreCase("utf-8") || m.group(1).equalsIgnoreCase("utf8");
    }

    private static boolean validUtf8(final byte[] xml, final int start) {
        try {
            StandardCharsets.UTF_8
                    .newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(xml, start, xml.length - start));
            return true;
        } catch (final CharacterCodingException e) {
            return false;
        }
    }

    private static void close(final XMLStreamReader reader) {
        if (reader != null) {
            try {
                reader.close();
            } catch (final XMLStreamException ignored) {
                // nothing to release: the input is an in-memory array
            }
        }
    }

    private static ParseResult<DmarcReport> failed(final String reason, final String raw) {
        return ParseResult.failed(SOURCE, reason, raw);
    }

    /** The start of the document as UTF-8 text (lossy), for the dead letter. */
    static String summary(final byte[] raw) {
        final int n = Math.min(raw.length, RAW_SUMMARY_CHARS);
        final String head = new String(raw, 0, n, StandardCharsets.UTF_8);
        return raw.length > n ? head + "... (" + raw.length + " bytes)" : head;
    }

    /** Streaming state: the element path and the report being built. Used once, by one thread. */
    private final class Handler {
        private final Deque<String> path = new ArrayDeque<>();
        private final StringBuilder text = new StringBuilder();
        private boolean rootSeen;
        private boolean rootClosed;
        private boolean wrapped;
        private boolean metadataSeen;
        private boolean policySeen;

        private String version;
        private String orgName;
        private String email;
        private String reportId;
        private String begin;
        private String end;
        private final String[] policy = new String[6];
        private final List<RecordBuilder> records = new ArrayList<>();
        private RecordBuilder current;
        private String[] pair;

        /** Returns a refusal reason, or null when the document was read to its end. */
        String run(final XMLStreamReader r) throws XMLStreamException {
            while (r.hasNext()) {
                final int event = r.next();
                switch (event) {
                    case XMLStreamConstants.DTD:
                        return "dtd not allowed";
                    case XMLStreamConstants.ENTITY_REFERENCE:
                        return "entity reference not allowed";
                    case XMLStreamConstants.START_ELEMENT: {
                        final String refusal = start(r.getLocalName());
                        if (refusal != null) {
                            return refusal;
                        }
                        break;
                    }
                    case XMLStreamConstants.END_ELEMENT:
                        if (path.isEmpty()) {
                            break; // the wrapper
                        }
                        end();
                        if (rootClosed) {
                            return null;
                        }
                        break;
                    case XMLStreamConstants.CHARACTERS:
                    case XMLStreamConstants.CDATA:
                    case XMLStreamConstants.SPACE:
                        if (path.size() > 1) {
                            text.append(r.getTextCharacters(), r.getTextStart(), r.getTextLength());
                        }
                        break;
                    default:
                        break;
                }
            }
            return rootClosed ? null : "truncated xml";
        }

        String xmlErrorReason(final XMLStreamException e) {
            final String message = e.getMessage() == null ? "" : e.getMessage();
            if (message.contains("DOCTYPE") || message.contains("DTD")) {
                return "dtd not allowed";
            }
            if (message.contains("entity") && message.contains("referenced") && !message.contains("same entity")) {
                return "entity reference not allowed";
            }
            if (rootSeen
                    && !rootClosed
                    && (message.contains("same entity")
                            || message.contains("end of file")
                            || message.contains("EOF")
                            || message.contains("Premature end"))) {
                return "truncated xml";
            }
            if (message.contains("Invalid byte")
                    || message.contains("invalid byte")
                    || message.contains("Invalid UTF")
                    || message.contains("Malformed")) {
                return "invalid encoding";
            }
            return rootSeen ? "malformed xml" : "not xml";
        }

        private String start(final String name) {
            text.setLength(0);
            if (path.isEmpty()) {
                // One real reporter (ikea.com in the parsedmarc samples) wraps <feedback> in an unclosed
                // <xs:schema>: accepted as a wrapper, and reading stops where </feedback> ends the report.
                if (!rootSeen && !wrapped && "schema".equals(name)) {
                    wrapped = true;
                    return null;
                }
                if (!"feedback".equals(name)) {
                    return "not a dmarc report";
                }
                rootSeen = true;
            }
            path.push(name);
            if (path.size() > maxDepth) {
                return "too deep";
            }
            if (path.size() == 2) {
                if ("record".equals(name)) {
                    if (records.size() >= maxRecords) {
                        return "too many records";
                    }
                    current = new RecordBuilder();
                    records.add(current);
                } else if ("report_metadata".equals(name)) {
                    metadataSeen = true;
                } else if ("policy_published".equals(name)) {
                    policySeen = true;
                }
            } else if (current != null && path.size() >= 4) {
                final String parent = parent();
                if (path.size() == 5 && "policy_evaluated".equals(parent) && "reason".equals(name)) {
                    pair = new String[2];
                    current.reasons.add(pair);
                } else if (path.size() == 4
                        && "auth_results".equals(parent)
                        && ("dkim".equals(name) || "spf".equals(name))) {
                    pair = new String[3];
                    ("dkim".equals(name) ? current.dkim : current.spf).add(pair);
                }
            }
            return null;
        }

        private String parent() {
            final var it = path.iterator();
            it.next();
            return it.next();
        }

        private void end() {
            final String value = text.toString().strip();
            text.setLength(0);
            final String[] p = path.stream().toArray(String[]::new); // innermost first
            final int depth = p.length;
            path.pop();
            if (depth == 1) {
                rootClosed = true;
                return;
            }
            final String leaf = p[0];
            final String level1 = p[depth - 2];
            if (depth == 2) {
                if ("version".equals(leaf)) {
                    version = blankToNull(value);
                } else if ("record".equals(leaf)) {
                    current = null;
                }
                return;
            }
            switch (level1) {
                case "report_metadata" -> metadata(p, value);
                case "policy_published" -> {
                    if (depth == 3) {
                        policy(leaf, value);
                    }
                }
                case "record" -> {
                    if (current != null) {
                        record(p, value);
                    }
                }
                default -> {}
            }
        }

        private void metadata(final String[] p, final String value) {
            final String leaf = p[0];
            if (p.length == 3) {
                switch (leaf) {
                    case "org_name" -> orgName = blankToNull(value);
                    case "email" -> email = blankToNull(value);
                    case "report_id" -> reportId = blankToNull(value);
                    default -> {}
                }
            } else if (p.length == 4 && "date_range".equals(p[1])) {
                if ("begin".equals(leaf)) {
                    begin = value;
                } else if ("end".equals(leaf)) {
                    end = value;
                }
            }
        }

        private void policy(final String leaf, final String value) {
            final int i = switch (leaf) {
                case "domain" -> 0;
                case "adkim" -> 1;
                case "aspf" -> 2;
                case "p" -> 3;
                case "sp" -> 4;
                case "pct" -> 5;
                default -> -1;
            };
            if (i >= 0) {
                policy[i] = blankToNull(value);
            }
        }

        private void record(final String[] p, final String value) {
            final String leaf = p[0];
            final int depth = p.length;
            final String section = p[depth - 3];
            if (depth == 4) {
                switch (section + "/" + leaf) {
                    case "row/source_ip" -> current.sourceIp = blankToNull(value);
                    case "row/count" -> current.count = value;
                    case "identifiers/header_from" -> current.headerFrom = lower(value);
                    case "identifiers/envelope_from" -> current.envelopeFrom = lower(value);
                    case "identifiers/envelope_to" -> current.envelopeTo = lower(value);
                    default -> {}
                }
            } else if (depth == 5 && "row".equals(section) && "policy_evaluated".equals(p[1])) {
                switch (leaf) {
                    case "disposition" -> current.disposition = lower(value);
                    case "dkim" -> current.dkimResult = lower(value);
                    case "spf" -> current.spfResult = lower(value);
                    default -> {}
                }
            } else if (depth == 6 && "row".equals(section) && "reason".equals(p[1]) && pair != null) {
                if ("type".equals(leaf)) {
                    pair[0] = lower(value);
                } else if ("comment".equals(leaf)) {
                    pair[1] = blankToNull(value);
                }
            } else if (depth == 5 && "auth_results".equals(section) && pair != null) {
                final boolean dkim = "dkim".equals(p[1]);
                switch (leaf) {
                    case "domain" -> pair[0] = lower(value);
                    case "selector" -> pair[1] = dkim ? blankToNull(value) : pair[1];
                    case "scope" -> pair[1] = dkim ? pair[1] : lower(value);
                    case "result" -> pair[2] = lower(value);
                    default -> {}
                }
            }
        }

        ParseResult<DmarcReport> result(final byte[] xml) {
            if (!metadataSeen && !policySeen && records.isEmpty()) {
                return failed("not a dmarc report", summary(xml));
            }
            final Instant from;
            final Instant to;
            try {
                from = epoch(begin);
                to = epoch(end);
            } catch (final NumberFormatException e) {
                return failed("invalid date range", summary(xml));
            }
            final Integer pct;
            try {
                pct = policy[5] == null ? null : Integer.valueOf(policy[5]);
            } catch (final NumberFormatException e) {
                return failed("invalid pct", summary(xml));
            }
            final List<DmarcRecord> rows = new ArrayList<>(records.size());
            for (final RecordBuilder b : records) {
                final long count;
                try {
                    count = Long.parseLong(b.count == null ? "" : b.count);
                } catch (final NumberFormatException e) {
                    return failed("invalid count", summary(xml));
                }
                if (count < 0) {
                    return failed("invalid count", summary(xml));
                }
                if (b.sourceIp == null) {
                    return failed("record without source ip", summary(xml));
                }
                rows.add(b.build(count));
            }
            return ParseResult.ok(new DmarcReport(
                    version,
                    orgName,
                    email,
                    reportId,
                    from,
                    to,
                    new DmarcReport.PolicyPublished(
                            lower(policy[0]),
                            lower(policy[1]),
                            lower(policy[2]),
                            lower(policy[3]),
                            lower(policy[4]),
                            pct),
                    rows));
        }
    }

    private static Instant epoch(final String seconds) {
        if (seconds == null || seconds.isBlank()) {
            return null;
        }
        return Instant.ofEpochSecond(Long.parseLong(seconds.strip()));
    }

    private static String blankToNull(final String s) {
        return s == null || s.isBlank() ? null : s.strip();
    }

    private static String lower(final String s) {
        final String v = blankToNull(s);
        return v == null ? null : v.toLowerCase(Locale.ROOT);
    }

    /** Mutable while one {@code <record>} is read. */
    private static final class RecordBuilder {
        private String sourceIp;
        private String count;
        private String disposition;
        private String dkimResult;
        private String spfResult;
        private String headerFrom;
        private String envelopeFrom;
        private String envelopeTo;
        private final List<String[]> reasons = new ArrayList<>();
        private final List<String[]> dkim = new ArrayList<>();
        private final List<String[]> spf = new ArrayList<>();

        DmarcRecord build(final long n) {
            final List<DmarcRecord.Reason> rs = new ArrayList<>();
            for (final String[] r : reasons) {
                if (r[0] != null || r[1] != null) {
                    rs.add(new DmarcRecord.Reason(r[0], r[1]));
                }
            }
            final List<DmarcRecord.DkimResult> ds = new ArrayList<>();
            for (final String[] d : dkim) {
                ds.add(new DmarcRecord.DkimResult(d[0], d[1], d[2]));
            }
            final List<DmarcRecord.SpfResult> ss = new ArrayList<>();
            for (final String[] s : spf) {
                ss.add(new DmarcRecord.SpfResult(s[0], s[1], s[2]));
            }
            return new DmarcRecord(
                    sourceIp, n, disposition, dkimResult, spfResult, rs, headerFrom, envelopeFrom, envelopeTo, ds, ss);
        }
    }
}
