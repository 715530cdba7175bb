package io.vigie.core.parse.proxy;

import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.vigie.core.parse.ParseResult;
import io.vigie.core.parse.internal.ExternalJson;
import io.vigie.core.parse.text.Numbers;
import java.io.IOException;
import java.time.ZoneId;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * Proxy records that arrive as one JSON object per line, in this order of recognition:
 * <ol>
 *   <li>Zscaler NSS feeds, {@code {"sourcetype": "zscalernss-web", "event": {...}}}; the other NSS feeds
 *       (audit, DNS, firewall, CASB, tunnel) are valid records but not web accesses, and are ignored;</li>
 *   <li>Broadcom Cloud SWG (WSS) records, flat objects with ELFF names ({@code c-ip}, {@code cs-host}), mapped
 *       as {@link BlueCoatRecord};</li>
 *   <li>documents already parsed by a shipper, read through a {@link JsonProxyMapping} (ECS by default);</li>
 *   <li>wrapped raw lines: no mapped field but a string {@code message} (Filebeat, Vector, Fluent Bit),
 *       {@code input.message} or {@code event.original}; the raw line is handed to the injected line parser,
 *       or read again here when it is itself JSON (up to {@value #MAX_WRAPPING} levels).</li>
 * </ol>
 *
 * <p>Hostile input is bounded: lines over {@value #MAX_LINE_LENGTH} chars are refused before parsing, and
 * Jackson's {@link StreamReadConstraints} cap nesting at {@value #MAX_DEPTH} levels. Pretty-printed JSON that a
 * one-record-per-line export flattened by writing its newlines as {@code \n} is accepted. Thread-safe; never
 * throws.
 */
final class JsonProxyParser extends GuardedLineParser {

    public static final String FORMAT = "json";

    public static final String NOT_JSON = "not JSON";
    public static final String NOT_OBJECT = "not a JSON object";
    public static final String NO_MAPPED_FIELD = "no mapped field";
    public static final String TOO_DEEPLY_WRAPPED = "too deeply wrapped";
    public static final String NOT_WEB = "not a web record";

    public static final int MAX_LINE_LENGTH = ProxyFields.MAX_LINE_LENGTH;
    static final int MAX_DEPTH = ExternalJson.MAX_DEPTH;
    static final int MAX_WRAPPING = 3;

    private static final ObjectMapper MAPPER = ExternalJson.mapper(MAX_LINE_LENGTH);

    private final JsonProxyMapping mapping;
    private final List<String> identifying;
    private final ProxyLogParser lineParser;
    private final ZoneId zone;

    /**
     * @param mapping    where parsed documents put each field
     * @param lineParser reads the raw line inside a wrapper document
     * @param zone       the zone of vendor timestamps written without one (Zscaler NSS, Cloud SWG)
     */
    public JsonProxyParser(final JsonProxyMapping mapping, final ProxyLogParser lineParser, final ZoneId zone) {
        super(FORMAT, NOT_JSON);
        this.mapping = Objects.requireNonNull(mapping, "mapping");
        this.identifying = mapping.identifying();
        this.lineParser = Objects.requireNonNull(lineParser, "lineParser");
        this.zone = Objects.requireNonNull(zone, "zone");
    }

    @Override
    protected ParseResult<ProxyLine> read(final String line) {
        return document(line, 0);
    }

    private ParseResult<ProxyLine> document(final String line, final int wrapping) {
        final JsonNode root;
        try {
            root = MAPPER.readTree(ExternalJson.unflatten(line));
        } catch (final IOException | RuntimeException e) {
            // includes StreamConstraintsException for documents nested deeper than MAX_DEPTH
            return failed(NOT_JSON, line);
        }
        if (root == null || !root.isObject()) {
            return failed(NOT_OBJECT, line);
        }
        try {
            return recognise((ObjectNode) root, line, wrapping);
        } catch (final RuntimeException e) {
            return failed(NOT_JSON, line);
        }
    }

    private ParseResult<ProxyLine> recognise(final ObjectNode root, final String line, final int wrapping) {
        final String sourcetype = ExternalJson.text(root.get("sourcetype"));
        if (sourcetype != null
                && sourcetype.startsWith("zscalernss-")
                && root.path("event").isObject()) {
            return ParseResult.ok(
                    "zscalernss-web".equals(sourcetype)
                            ? ZscalerWebRecord.map(flat((ObjectNode) root.get("event")), FORMAT, zone)
                            : ProxyLine.ignored(NOT_WEB));
        }
        final Map<String, String> flat = flat(root);
        if (BlueCoatRecord.matches(flat)) {
            return ParseResult.ok(BlueCoatRecord.map(flat, FORMAT, null, zone));
        }
        if (identifying.stream().anyMatch(p -> ExternalJson.lookup(root, p) != null)) {
            return ParseResult.ok(mapped(root));
        }
        final String wrapped = ExternalJson.wrappedLine(root);
        if (wrapped != null) {
            return unwrap(wrapped, line, wrapping);
        }
        return failed(NO_MAPPED_FIELD, line);
    }

    private ParseResult<ProxyLine> unwrap(final String raw, final String line, final int wrapping) {
        if (raw.strip().startsWith("{")) {
            if (wrapping >= MAX_WRAPPING) {
                return failed(TOO_DEEPLY_WRAPPED, line);
            }
            final String refused = ProxyFields.refusal(raw);
            return refused != null ? failed(refused, raw) : document(raw, wrapping + 1);
        }
        return lineParser.parse(raw);
    }

    private ProxyLine mapped(final ObjectNode root) {
        final ProxyEventBuilder b = new ProxyEventBuilder(FORMAT);
        b.time = ProxyFields.time(first(root, mapping.time()), zone);
        b.clientIp = first(root, mapping.clientIp());
        b.user = first(root, mapping.user());
        b.method = first(root, mapping.method());
        b.url = first(root, mapping.url());
        b.scheme = first(root, mapping.scheme());
        b.host = first(root, mapping.host());
        b.port = Numbers.port(first(root, mapping.port()));
        b.path = first(root, mapping.path());
        b.query = first(root, mapping.query());
        b.status = ProxyFields.vendorStatus(first(root, mapping.status()));
        b.action = first(root, mapping.action());
        b.blocked = ProxyFields.meansBlocked(b.action);
        b.bytes = Numbers.toLong(first(root, mapping.bytes()), -1);
        b.contentType = first(root, mapping.contentType());
        // absent means "this pipeline does not record it", present and empty means "the request had none"
        final boolean refererMapped = mapping.referer().stream().anyMatch(p -> ExternalJson.lookup(root, p) != null);
        b.referer = refererMapped ? ProxyFields.referer(first(root, mapping.referer())) : null;
        b.userAgent = first(root, mapping.userAgent());
        final long duration = Numbers.toLong(first(root, mapping.duration()), -1);
        b.durationMs = duration < 0 ? -1 : mapping.durationUnit().toMillis(duration);
        return ProxyLine.of(b.build());
    }

    private static String first(final JsonNode root, final List<String> paths) {
        for (final String path : paths) {
            final String v = ProxyFields.orNull(ExternalJson.text(root, path));
            if (v != null) {
                return v;
            }
        }
        return null;
    }

    /** Top-level scalar fields, keys in lower case and stripped; arrays of scalars joined with {@code ;}. */
    static Map<String, String> flat(final ObjectNode object) {
        final Map<String, String> out = new LinkedHashMap<>();
        for (final Map.Entry<String, JsonNode> e : object.properties()) {
            final String key = e.getKey().strip().toLowerCase(Locale.ROOT);
            final JsonNode v = e.getValue();
            if (v.isArray()) {
                final StringBuilder b = new StringBuilder();
                v.forEach(item -> {
                    if (item.isValueNode()) {
                        b.append(b.length() == 0 ? "" : ";").append(item.asText());
                    }
                });
                out.putIfAbsent(key, b.toString());
            } else if (v.isValueNode() && !v.isNull()) {
                out.putIfAbsent(key, v.asText().strip());
            }
        }
        return out;
    }
}
