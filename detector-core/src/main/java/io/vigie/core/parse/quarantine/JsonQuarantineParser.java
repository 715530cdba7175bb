package io.vigie.core.parse.quarantine;

import com.fasterxml.jackson.databind.JsonNode;
import io.vigie.core.model.QuarantineEvent;
import io.vigie.core.parse.ParseResult;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * One JSON document from a commercial gateway's export. Three exports are recognised by their shape before the
 * {@link JsonQuarantineMapping} is used:
 * <ul>
 *   <li>Trend Micro Email Security ({@code mailID} + {@code action}): {@code Quarantined} is an event, the other
 *       actions ({@code Delivered}, {@code Bounced}, {@code Scanning in sandbox}) are ignored;</li>
 *   <li>Mimecast SIEM API ({@code processingId}/{@code aggregateId}): {@code av} → {@code INFECTED},
 *       {@code spam} → {@code SPAM}, {@code url protect} with action {@code Block} → {@code URL-BLOCK},
 *       {@code impersonation protect} with action {@code Hold} → {@code IMPERSONATION}, {@code process} with action
 *       {@code Hld} → {@code HOLD}, {@code receipt} with action {@code Rej} → {@code REJECT}; the rest
 *       (delivery, journal, accepted receipts, attachment protect without a verdict) is ignored;</li>
 *   <li>Proofpoint on Demand message log ({@code filter.disposition}): {@code discard}, {@code reject},
 *       {@code quarantine} or a {@code quarantine} filter action is an event with the final rule as threat; its
 *       maillog and message-part records are ignored.</li>
 * </ul>
 * A wrapper whose {@code message} or {@code input.message} is itself a JSON document is read through.
 */
final class JsonQuarantineParser extends QuarantineParser {

    public static final String SOURCE = "json";
    public static final String BAD_JSON = "not a JSON object";

    private static final int MAX_WRAPPING = 3;
    private static final List<String> BLOCKING =
            List.of("quarantin", "block", "reject", "hold", "held", "discard", "delete", "drop");

    private final JsonQuarantineMapping mapping;

    public JsonQuarantineParser(final JsonQuarantineMapping mapping) {
        super(SOURCE);
        this.mapping = Objects.requireNonNull(mapping, "mapping");
    }

    public JsonQuarantineParser() {
        this(JsonQuarantineMapping.ECS);
    }

    @Override
    protected ParseResult<QuarantineLine> read(final String raw) {
        JsonNode json = QuarantineFields.object(raw);
        if (json == null) {
            return failed(BAD_JSON, raw);
        }
        for (int i = 0; i < MAX_WRAPPING; i++) {
            final String inner = wrapped(json);
            if (inner == null) {
                break;
            }
            final JsonNode unwrapped = QuarantineFields.object(inner);
            if (unwrapped == null) {
                return ignored("wrapped text record");
            }
            json = unwrapped;
        }
        return ParseResult.ok(read(json));
    }

    /** The string under {@code message} or {@code input.message} when it is the whole record, else null. */
    private static String wrapped(final JsonNode json) {
        for (final String path : List.of("input.message", "message")) {
            final JsonNode node = path.startsWith("input.") ? json.path("input").get("message") : json.get(path);
            if (node != null && node.isTextual() && (json.size() <= 3 || path.startsWith("input."))) {
                return node.asText();
            }
        }
        return null;
    }

    QuarantineLine read(final JsonNode json) {
        if (json.has("mailID") && json.has("action")) {
            return trendMicro(json);
        }
        if (json.has("processingId") || json.has("aggregateId")) {
            return mimecast(json);
        }
        if (json.path("filter").has("disposition")
                || json.has("msgParts")
                || json.has("pps")
                || "msgPartsUrl".equals(QuarantineFields.text(json, "type"))) {
            return proofpoint(json);
        }
        return generic(json);
    }

    private QuarantineLine generic(final JsonNode json) {
        final String action = QuarantineFields.text(json, mapping.action());
        final String reason = mapping.reason() == null ? null : QuarantineFields.text(json, mapping.reason());
        if (action == null && reason == null) {
            return QuarantineLine.ignored("no action or reason");
        }
        if (action != null && !blocking(action)) {
            return QuarantineLine.ignored("action " + action.toLowerCase(Locale.ROOT));
        }
        return QuarantineLine.of(new QuarantineEvent(
                mapping.time() == null ? null : QuarantineFields.instant(json, mapping.time()),
                SOURCE,
                QuarantineFields.upper(reason != null ? reason : action),
                path(json, mapping.rule()),
                path(json, mapping.queueId()),
                QuarantineFields.messageId(path(json, mapping.messageId())),
                QuarantineFields.address(path(json, mapping.sender())),
                addresses(json, mapping.recipients()),
                QuarantineFields.blankToNull(path(json, mapping.subject())),
                QuarantineFields.sha256s(paths(json, mapping.attachmentHashes())),
                paths(json, mapping.attachmentNames()),
                QuarantineFields.hosts(paths(json, mapping.urlDomains())),
                null,
                null));
    }

    static boolean blocking(final String action) {
        final String a = action.toLowerCase(Locale.ROOT);
        return BLOCKING.stream().anyMatch(a::contains);
    }

    private static QuarantineLine trendMicro(final JsonNode j) {
        final String action = QuarantineFields.text(j, "action");
        if (!"quarantined".equalsIgnoreCase(action)) {
            return QuarantineLine.ignored("action " + String.valueOf(action).toLowerCase(Locale.ROOT));
        }
        final List<String> recipients =
                new ArrayList<>(QuarantineFields.addresses(QuarantineFields.texts(j, "recipient")));
        return QuarantineLine.of(new QuarantineEvent(
                QuarantineFields.instant(j, "timestamp") != null
                        ? QuarantineFields.instant(j, "timestamp")
                        : QuarantineFields.instant(j, "genTime"),
                SOURCE,
                "QUARANTINED",
                QuarantineFields.blankToNull(QuarantineFields.text(j, "details")),
                QuarantineFields.text(j, "mailID"),
                QuarantineFields.messageId(QuarantineFields.text(j, "messageID")),
                QuarantineFields.address(QuarantineFields.text(j, "sender")),
                recipients,
                QuarantineFields.blankToNull(QuarantineFields.text(j, "subject")),
                QuarantineFields.sha256s(QuarantineFields.texts(j, "attachments[].sha256")),
                QuarantineFields.texts(j, "attachments[].fileName"),
                QuarantineFields.hosts(QuarantineFields.texts(j, "embeddedUrls")),
                null,
                null));
    }

    private static QuarantineLine mimecast(final JsonNode j) {
        String type = QuarantineFields.text(j, "type");
        if (type == null) {
            type = QuarantineFields.text(j, "eventType");
        }
        final String t = type == null ? "" : type.toLowerCase(Locale.ROOT);
        final String action = String.valueOf(QuarantineFields.text(j, "action")).toLowerCase(Locale.ROOT);
        final String reason;
        final String threat;
        switch (t) {
            case "av" -> {
                reason = "INFECTED";
                threat = QuarantineFields.text(j, "virusFound");
            }
            case "spam" -> {
                reason = "SPAM";
                threat = null;
            }
            case "url protect" -> {
                reason = "block".equals(action) ? "URL-BLOCK" : null;
                threat = QuarantineFields.text(j, "urlCategory");
            }
            case "impersonation protect" -> {
                reason = "hold".equals(action) ? "IMPERSONATION" : null;
                threat = QuarantineFields.text(j, "policyDefinition");
            }
            case "process" -> {
                reason = "hld".equals(action) ? "HOLD" : null;
                threat = QuarantineFields.text(j, "holdReason");
            }
            case "receipt" -> {
                reason = "rej".equals(action) ? "REJECT" : null;
                threat = QuarantineFields.text(j, "rejectionType");
            }
            default -> {
                reason = null;
                threat = null;
            }
        }
        if (reason == null) {
            return QuarantineLine.ignored("mimecast " + (t.isEmpty() ? "record" : t) + " without a block");
        }
        final List<String> hashes = QuarantineFields.sha256s(QuarantineFields.texts(j, "sha256"));
        final List<String> names = QuarantineFields.texts(j, "fileName");
        return QuarantineLine.of(new QuarantineEvent(
                QuarantineFields.instant(j, "timestamp"),
                SOURCE,
                reason,
                QuarantineFields.blankToNull(threat),
                QuarantineFields.text(j, "processingId"),
                QuarantineFields.messageId(QuarantineFields.text(j, "messageId")),
                QuarantineFields.address(QuarantineFields.text(j, "senderEnvelope")),
                QuarantineFields.addresses(QuarantineFields.texts(j, "recipients")),
                QuarantineFields.blankToNull(QuarantineFields.text(j, "subject")),
                hashes,
                names,
                QuarantineFields.hosts(QuarantineFields.texts(j, "url")),
                null,
                null));
    }

    private static QuarantineLine proofpoint(final JsonNode j) {
        final JsonNode filter = j.path("filter");
        final String disposition = QuarantineFields.text(filter, "disposition");
        if (disposition == null) {
            return QuarantineLine.ignored("proofpoint record without a disposition");
        }
        final List<String> actions = QuarantineFields.texts(filter, "actions[].action");
        final String d = disposition.toLowerCase(Locale.ROOT);
        final boolean held = "discard".equals(d)
                || "reject".equals(d)
                || "quarantine".equals(d)
                || actions.stream().anyMatch("quarantine"::equalsIgnoreCase);
        if (!held) {
            return QuarantineLine.ignored("disposition " + d);
        }
        String rule = null;
        for (final JsonNode a : filter.path("actions")) {
            if (a.path("isFinal").asBoolean(false)) {
                rule = QuarantineFields.text(a, "rule");
            }
        }
        return QuarantineLine.of(new QuarantineEvent(
                QuarantineFields.instant(j, "ts"),
                SOURCE,
                QuarantineFields.upper(disposition),
                rule,
                QuarantineFields.text(filter, "qid"),
                QuarantineFields.messageId(QuarantineFields.text(j, "msg.normalizedHeader.message-id")),
                QuarantineFields.address(QuarantineFields.text(j, "envelope.from")),
                QuarantineFields.addresses(QuarantineFields.texts(j, "envelope.rcpts")),
                QuarantineFields.blankToNull(QuarantineFields.text(j, "msg.normalizedHeader.subject")),
                QuarantineFields.sha256s(QuarantineFields.texts(j, "msgParts[].sha256")),
                List.of(),
                List.of(),
                null,
                null));
    }

    private static String path(final JsonNode json, final String path) {
        return path == null ? null : QuarantineFields.text(json, path);
    }

    private static List<String> paths(final JsonNode json, final String path) {
        return path == null ? List.of() : QuarantineFields.texts(json, path);
    }

    private static List<String> addresses(final JsonNode json, final String path) {
        return path == null ? List.of() : QuarantineFields.addresses(QuarantineFields.texts(json, path));
    }
}
