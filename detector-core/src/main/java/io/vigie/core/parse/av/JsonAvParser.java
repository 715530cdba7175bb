package io.vigie.core.parse.av;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.vigie.core.parse.ParseResult;
import io.vigie.core.parse.internal.ExternalJson;
import java.time.ZoneId;
import java.util.List;
import java.util.Objects;

/**
 * Antivirus records that arrive as one JSON object per line (or one JSON document), in this order:
 * <ol>
 *   <li>Microsoft Defender events as Winlogbeat, EVTX-to-JSON or NXLog ship them ({@link DefenderEvents});</li>
 *   <li>the consoles' own JSON records: ESET PROTECT, Sophos Central, Microsoft 365 Defender
 *       ({@link VendorJsonRecords});</li>
 *   <li>documents already parsed by a shipper, read through an {@link AvJsonMapping} (ECS by default): a
 *       document with a threat field is a detection;</li>
 *   <li>wrapped raw lines: a string {@code message} (Filebeat, Vector, Fluent Bit), {@code input.message} or
 *       {@code event.original}; the raw line is handed to the injected line parser, or read again here when it
 *       is itself JSON (up to {@value #MAX_WRAPPING} levels);</li>
 *   <li>any other object is a valid record that is not a detection: an ignored line.</li>
 * </ol>
 * Hostile input is bounded: the line guard's length limit, and Jackson's {@code StreamReadConstraints} cap
 * nesting at 32 levels. Pretty-printed JSON flattened with literal {@code \n} is accepted. Thread-safe; never
 * throws.
 */
final class JsonAvParser extends GuardedAvParser {

    public static final String FORMAT = "json";

    public static final String NOT_JSON = "not JSON";
    public static final String TOO_DEEPLY_WRAPPED = "too deeply wrapped";

    static final int MAX_WRAPPING = 3;

    private final AvJsonMapping mapping;
    private final AvLogParser lineParser;
    private final ZoneId zone;

    /**
     * @param mapping    where shipper-parsed documents put each field
     * @param lineParser reads the raw line inside a wrapper document
     * @param zone       the zone of timestamps written without one
     */
    public JsonAvParser(final AvJsonMapping mapping, final AvLogParser lineParser, final ZoneId zone) {
        super(FORMAT, NOT_JSON);
        this.mapping = Objects.requireNonNull(mapping, "mapping");
        this.lineParser = Objects.requireNonNull(lineParser, "lineParser");
        this.zone = Objects.requireNonNull(zone, "zone");
    }

    @Override
    protected ParseResult<AvLine> read(final String line) {
        return document(line, 0);
    }

    private ParseResult<AvLine> document(final String text, final int wrapping) {
        final ObjectNode root = AvJson.object(text);
        if (root == null) {
            return failed(NOT_JSON, text);
        }
        final AvLine defender = DefenderEvents.read(root, zone);
        if (defender != null) {
            return ParseResult.ok(defender);
        }
        final AvLine vendor = VendorJsonRecords.read(root, zone);
        if (vendor != null) {
            return ParseResult.ok(vendor);
        }
        if (AvJson.first(root, mapping.threat()) != null) {
            return ParseResult.ok(AvLine.of(mapped(root)));
        }
        final String wrapped = ExternalJson.wrappedLine(root);
        if (wrapped != null) {
            return unwrap(wrapped, text, wrapping);
        }
        return ParseResult.ok(AvLine.ignored(AvFields.NOT_DETECTION));
    }

    private ParseResult<AvLine> unwrap(final String raw, final String text, final int wrapping) {
        if (raw.strip().startsWith("{")) {
            if (wrapping >= MAX_WRAPPING) {
                return failed(TOO_DEEPLY_WRAPPED, text);
            }
            return document(raw, wrapping + 1);
        }
        return lineParser.parse(raw);
    }

    private io.vigie.core.model.AvEvent mapped(final JsonNode root) {
        final AvEventBuilder b = new AvEventBuilder(FORMAT);
        b.time = AvFields.time(AvJson.first(root, mapping.time()), zone);
        b.host = AvJson.first(root, mapping.host());
        b.hostIp = firstIp(root, mapping.hostIp());
        b.user = AvJson.first(root, mapping.user());
        b.threat = AvJson.first(root, mapping.threat());
        b.path = AvJson.first(root, mapping.path());
        b.hash(AvJson.first(root, mapping.sha256()));
        b.hash(AvJson.first(root, mapping.hash()));
        b.action = AvFields.action(AvJson.first(root, mapping.action()));
        b.origin = AvJson.first(root, mapping.origin());
        b.severity = AvJson.first(root, mapping.severity());
        return b.build();
    }

    /** ECS {@code host.ip} is usually an array: its first element. */
    private static String firstIp(final JsonNode root, final List<String> paths) {
        for (final String path : paths) {
            final JsonNode n = ExternalJson.lookup(root, path);
            if (n != null && n.isArray() && !n.isEmpty()) {
                return ExternalJson.text(n.get(0));
            }
            final String v = AvFields.orNull(ExternalJson.text(n));
            if (v != null) {
                return v;
            }
        }
        return null;
    }
}
