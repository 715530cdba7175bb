package io.vigie.core.parse.auth;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.vigie.core.model.AuthSession;
import io.vigie.core.parse.ParseResult;
import io.vigie.core.parse.internal.ExternalJson;
import io.vigie.core.parse.text.FieldValues;
import io.vigie.core.time.LoggedTimes;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Objects;
import java.util.function.Function;

/**
 * A generic JSON record per line, for gateways whose logs a shipper or a script turns into one:
 * <pre>{"user":"alice","source_ip":"203.0.113.5","assigned_ip":"10.8.0.6","start":"2026-12-01T08:00:00Z",
 * "end":"2026-12-01T12:00:00Z","session_id":"abc","gateway":"vpn1"}</pre>
 * {@code user} is required; {@code start} alone is a start, {@code end} alone an end, both a whole session (whose
 * time is its end). Times are ISO-8601 (with an offset, or without one in the configured zone) or epoch seconds or
 * milliseconds (told apart by size), as numbers or strings. The camel-case names ({@code sourceIp},
 * {@code assignedIp}, {@code sessionId}) are read too. A document with no {@code user} that wraps a raw line in a
 * shipper's {@code message} (Filebeat, Vector, Fluent Bit) is read as that line. Thread-safe; never throws.
 */
final class JsonAuthParser extends GuardedAuthParser {

    public static final String FORMAT = "json";

    public static final String NOT_JSON = "not a JSON object";
    public static final String UNPARSEABLE = "unparseable JSON record";
    public static final String NO_TIME = "no start or end";
    public static final String BAD_TIME = "bad time";
    public static final String END_BEFORE_START = "end before start";

    private final ObjectMapper mapper = ExternalJson.mapper(AuthFields.MAX_LINE_LENGTH);
    private final ZoneId zone;
    private final Function<String, ParseResult<AuthLine>> wrapped;

    /**
     * @param zone    the zone of ISO times written without an offset
     * @param wrapped reads a raw line a shipper wrapped in JSON (the family's automatic reading)
     */
    public JsonAuthParser(final ZoneId zone, final Function<String, ParseResult<AuthLine>> wrapped) {
        super(FORMAT, UNPARSEABLE);
        this.zone = Objects.requireNonNull(zone, "zone");
        this.wrapped = Objects.requireNonNull(wrapped, "wrapped");
    }

    @Override
    protected ParseResult<AuthLine> read(final String line) {
        final JsonNode root;
        try {
            root = mapper.readTree(line.strip());
        } catch (final JacksonException e) {
            return failed(NOT_JSON, line);
        }
        if (root == null || !root.isObject()) {
            return failed(NOT_JSON, line);
        }
        final String loggedUser = first(root, "user", "username");
        if (loggedUser == null) {
            final String raw = ExternalJson.wrappedLine(root);
            if (raw != null && !raw.strip().startsWith("{")) {
                return wrapped.apply(raw);
            }
            return failed(AuthFields.NO_USER, line);
        }
        final String user = AuthFields.user(loggedUser);
        if (user == null) {
            return failed(AuthFields.NO_USER, line);
        }
        final Instant start;
        final Instant end;
        try {
            start = time(root.get("start"));
            end = time(root.get("end"));
        } catch (final IllegalArgumentException e) {
            return failed(BAD_TIME, line);
        }
        if (start == null && end == null) {
            return failed(NO_TIME, line);
        }
        if (start != null && end != null && end.isBefore(start)) {
            return failed(END_BEFORE_START, line);
        }
        final String loggedSource = first(root, "source_ip", "sourceIp");
        final String loggedAssigned = first(root, "assigned_ip", "assignedIp");
        final String sourceIp = FieldValues.ip(loggedSource);
        final String assignedIp = FieldValues.ip(loggedAssigned);
        if ((loggedSource != null && sourceIp == null) || (loggedAssigned != null && assignedIp == null)) {
            return failed(AuthFields.BAD_ADDRESS, line);
        }
        final AuthSession.Kind kind = start != null && end != null
                ? AuthSession.Kind.SESSION
                : start != null ? AuthSession.Kind.START : AuthSession.Kind.END;
        return ParseResult.ok(AuthLine.of(new AuthSession(
                end != null ? end : start,
                FORMAT,
                kind,
                user,
                sourceIp,
                assignedIp,
                first(root, "session_id", "sessionId"),
                start,
                end,
                AuthFields.host(first(root, "gateway")))));
    }

    /** The first non-blank scalar among the names, stripped; null when none. */
    private static String first(final JsonNode root, final String... names) {
        for (final String name : List.of(names)) {
            final String v = ExternalJson.text(root.get(name));
            if (v != null && !v.isBlank()) {
                return v.strip();
            }
        }
        return null;
    }

    /** @throws IllegalArgumentException when the value is present but not a time */
    private Instant time(final JsonNode node) {
        if (node == null || node.isNull()) {
            return null;
        }
        if (node.isNumber()) {
            return epoch(node.decimalValue());
        }
        if (!node.isTextual()) {
            throw new IllegalArgumentException("not a time");
        }
        final String text = node.asText().strip();
        if (text.isEmpty()) {
            return null;
        }
        if (text.chars().allMatch(c -> c >= '0' && c <= '9' || c == '.')) {
            try {
                return epoch(new BigDecimal(text));
            } catch (final NumberFormatException e) {
                throw new IllegalArgumentException("not a number", e);
            }
        }
        final Instant withOffset = LoggedTimes.withOffset(text);
        if (withOffset != null) {
            return withOffset;
        }
        final Instant local = LoggedTimes.inZone(text, List.of(LoggedTimes.LOCAL), zone);
        if (local == null) {
            throw new IllegalArgumentException("not a time");
        }
        return local;
    }

    private static Instant epoch(final BigDecimal value) {
        final Instant time = LoggedTimes.epochSecondsOrMillis(value);
        if (time == null) {
            throw new IllegalArgumentException("epoch out of range");
        }
        return time;
    }
}
