package io.vigie.core.parse.proxy;

import io.vigie.core.model.ProxyEvent;
import io.vigie.core.net.UrlParts;
import io.vigie.core.parse.ParseResult;
import io.vigie.core.parse.text.FieldValues;
import io.vigie.core.parse.text.LineCursor;
import io.vigie.core.parse.text.Numbers;
import io.vigie.core.time.CivilTime;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/**
 * W3C extended log format / ELFF, as Blue Coat ProxySG and most commercial proxies write it: space-separated
 * values whose meaning comes from the last {@code #Fields:} directive.
 *
 * <p>The field list is a parameter, not state of this parser: a stream processor keeps it per source (a state
 * store), reads it off a directive with {@link #fieldsDirective(String)} and passes it to
 * {@link #parse(String, List)}. Feeds that arrive without their header use {@link #BLUECOAT_DEFAULT_FIELDS}
 * or {@link #BLUECOAT_MAIN_FIELDS}; {@link #blueCoatFieldsFor(String)} picks one by the line's shape.
 *
 * <p>Values: {@code -} is empty; {@code "..."} values may contain spaces. Dates are UTC (W3C). A line with more
 * values than fields keeps the named ones (appliances append fields, which shift nothing before them); fewer
 * values is {@value #FIELD_COUNT_MISMATCH}. Blocked means {@code sc-filter-result} {@code DENIED}, an
 * {@code x-exception-id} other than {@code -}, or a {@code DENIED} {@code s-action}. Thread-safe; never throws.
 */
final class W3cLogParser extends GuardedLineParser {

    public static final String SOURCE = "w3c";
    public static final String FIELD_COUNT_MISMATCH = "field count mismatch";
    public static final String NOT_W3C = "not w3c";
    public static final String BAD_PORT = "bad port";
    public static final String MISSING_TIMESTAMP = "missing timestamp";
    public static final String DIRECTIVE = "w3c directive";
    public static final String UNPARSEABLE = "unparseable w3c line";

    /**
     * Blue Coat's {@code bcreportermain_v1} format, as an SGOS {@code #Fields:} header spells it: the usual
     * format of ProxySG feeds sent to a reporter or SIEM.
     */
    public static final List<String> BLUECOAT_DEFAULT_FIELDS = List.of(
            "date",
            "time",
            "time-taken",
            "c-ip",
            "cs-username",
            "cs-auth-group",
            "x-exception-id",
            "sc-filter-result",
            "cs-categories",
            "cs(Referer)",
            "sc-status",
            "s-action",
            "cs-method",
            "rs(Content-Type)",
            "cs-uri-scheme",
            "cs-host",
            "cs-uri-port",
            "cs-uri-path",
            "cs-uri-query",
            "cs-uri-extension",
            "cs(User-Agent)",
            "s-ip",
            "sc-bytes",
            "cs-bytes",
            "x-virus-id");

    /**
     * ProxySG's {@code main} format, status and action right after the client; the Apache Metron sample
     * ({@code GrokBluecoatProxyExampleOutput}) is in this order, with one more, unnamed, value at the end.
     */
    public static final List<String> BLUECOAT_MAIN_FIELDS = List.of(
            "date",
            "time",
            "time-taken",
            "c-ip",
            "sc-status",
            "s-action",
            "sc-bytes",
            "cs-bytes",
            "cs-method",
            "cs-uri-scheme",
            "cs-host",
            "cs-uri-port",
            "cs-uri-path",
            "cs-uri-query",
            "cs-username",
            "cs-auth-group",
            "s-hierarchy",
            "s-supplier-name",
            "rs(Content-Type)",
            "cs(Referer)",
            "cs(User-Agent)",
            "sc-filter-result",
            "cs-categories",
            "x-virus-id",
            "s-ip");

    private static final String FIELDS_PREFIX = "#Fields:";

    /**
     * @return the field names when {@code line} is a {@code #Fields:} directive, else empty
     */
    public static Optional<List<String>> fieldsDirective(final String line) {
        if (line == null
                || line.length() > ProxyFields.MAX_LINE_LENGTH
                || !line.regionMatches(true, 0, FIELDS_PREFIX, 0, FIELDS_PREFIX.length())) {
            return Optional.empty();
        }
        final LineCursor c = new LineCursor(line.substring(FIELDS_PREFIX.length()));
        final List<String> fields = new ArrayList<>();
        for (String field = c.token(); field != null; field = c.token()) {
            fields.add(field);
        }
        return fields.isEmpty() ? Optional.empty() : Optional.of(List.copyOf(fields));
    }

    /**
     * For a feed without its header: {@link #BLUECOAT_MAIN_FIELDS} when the fifth value is an HTTP status (as
     * in {@code main}), else {@link #BLUECOAT_DEFAULT_FIELDS}, whose fifth value is the user name.
     */
    public static List<String> blueCoatFieldsFor(final String line) {
        if (line == null || line.length() > ProxyFields.MAX_LINE_LENGTH) {
            return BLUECOAT_DEFAULT_FIELDS;
        }
        final LineCursor c = new LineCursor(line);
        String fifth = null;
        for (int i = 0; i < 5; i++) {
            fifth = c.token();
        }
        return fifth != null && fifth.length() == 3 && ProxyFields.status(fifth) > 0
                ? BLUECOAT_MAIN_FIELDS
                : BLUECOAT_DEFAULT_FIELDS;
    }

    public W3cLogParser() {
        super(SOURCE, UNPARSEABLE, true);
    }

    /** Reads with {@link #blueCoatFieldsFor(String)}: for a header-less Blue Coat feed. */
    @Override
    protected ParseResult<ProxyLine> read(final String line) {
        return read(line, blueCoatFieldsFor(line));
    }

    /**
     * @param line   one line of the log
     * @param fields the names from the {@code #Fields:} directive in force, as {@link #fieldsDirective} gives them
     * @return the access record; an ignored line for directives and comments; or a failure
     */
    public ParseResult<ProxyLine> parse(final String line, final List<String> fields) {
        Objects.requireNonNull(fields, "fields");
        return guarded(line, l -> read(l, fields));
    }

    private static ParseResult<ProxyLine> read(final String line, final List<String> fields) {
        if (line.charAt(0) == '#') {
            return ParseResult.ok(ProxyLine.ignored(DIRECTIVE));
        }
        final LineCursor c = new LineCursor(line);
        final Record r = new Record();
        for (final String field : fields) {
            final String value = c.w3cValue();
            if (value == null) {
                return fail(c.unclosedQuote() ? ProxyFields.TRUNCATED : FIELD_COUNT_MISMATCH, line);
            }
            r.set(field, value);
        }
        return r.toEvent(line);
    }

    private static ParseResult<ProxyLine> fail(final String reason, final String line) {
        return ParseResult.failed(SOURCE, reason, line);
    }

    /** The values of one line by meaning, filled field by field; raw text until {@link #toEvent}. */
    private static final class Record {
        private String date;
        private String time;
        private String timeTaken;
        private String clientIp;
        private String user;
        private String action;
        private String status;
        private String bytes;
        private String method;
        private String scheme;
        private String host;
        private String port;
        private String path;
        private String query;
        private String uri;
        private String referer;
        private boolean refererLogged;
        private String userAgent;
        private String contentType;
        private String exceptionId;
        private String filterResult;

        void set(final String field, final String value) {
            final String v = FieldValues.dashToNull(value);
            switch (field.toLowerCase(Locale.ROOT)) {
                case "date" -> date = v;
                case "time" -> time = v;
                case "time-taken" -> timeTaken = v;
                case "c-ip" -> clientIp = v;
                case "cs-username" -> user = v;
                // Cloud SWG logs the user's DN instead; cs-username wins when a feed has both
                case "cs-userdn" -> user = user == null ? v : user;
                case "s-action" -> action = v;
                case "sc-status" -> status = v;
                case "sc-bytes" -> bytes = v;
                case "cs-method" -> method = v;
                case "cs-uri-scheme" -> scheme = v;
                case "cs-host", "cs-uri-host" -> host = v;
                case "cs-uri-port" -> port = v;
                case "cs-uri-path", "cs-uri-stem" -> path = v;
                case "cs-uri-query" -> query = v;
                case "cs-uri", "cs-url" -> uri = v;
                case "cs(referer)" -> {
                    referer = v;
                    refererLogged = true;
                }
                case "cs(user-agent)" -> userAgent = v;
                case "rs(content-type)", "sc(content-type)" -> contentType = v;
                case "x-exception-id" -> exceptionId = v;
                case "sc-filter-result" -> filterResult = v;
                default -> {
                    // cs-bytes, cs-categories, s-ip, x-virus-id...: not part of ProxyEvent
                }
            }
        }

        ParseResult<ProxyLine> toEvent(final String line) {
            if (date == null || time == null) {
                return fail(MISSING_TIMESTAMP, line);
            }
            final Instant when = instant(date, time);
            if (when == null) {
                return fail(ProxyFields.BAD_TIMESTAMP, line);
            }
            final int statusCode = status == null ? 0 : ProxyFields.status(status);
            if (statusCode < 0) {
                return fail(ProxyFields.BAD_STATUS, line);
            }
            final long byteCount = bytes == null ? -1 : Numbers.digits(bytes);
            if (byteCount == Numbers.NOT_A_NUMBER) {
                return fail(ProxyFields.BAD_BYTE_COUNT, line);
            }
            final long durationMs = timeTaken == null ? -1 : Numbers.digits(timeTaken);
            if (durationMs == Numbers.NOT_A_NUMBER) {
                return fail(ProxyFields.BAD_DURATION, line);
            }
            if (port != null && (Numbers.digits(port) < 1 || Numbers.digits(port) > 65_535)) {
                return fail(BAD_PORT, line);
            }
            final String normalisedMethod = ProxyFields.method(method);
            final String url = uri != null ? uri : url(normalisedMethod);
            final UrlParts parts = UrlParts.of(url, normalisedMethod);
            final boolean blocked =
                    "DENIED".equalsIgnoreCase(filterResult) || exceptionId != null || ProxyFields.deniedAction(action);
            return ParseResult.ok(ProxyLine.of(new ProxyEvent(
                    when,
                    SOURCE,
                    clientIp,
                    user,
                    normalisedMethod,
                    url,
                    parts.scheme(),
                    parts.host(),
                    parts.port(),
                    parts.path(),
                    parts.query(),
                    statusCode,
                    action,
                    blocked,
                    byteCount,
                    ProxyFields.contentType(contentType),
                    refererLogged ? (referer == null ? "" : referer) : null,
                    userAgent,
                    durationMs)));
        }

        /**
         * The URL rebuilt from its parts, in the form Squid would log it: {@code host:port} for CONNECT (ProxySG
         * logs scheme {@code tcp} and path {@code /} for tunnels), else {@code scheme://host[:port]path[?query]}.
         */
        private String url(final String normalisedMethod) {
            if (host == null) {
                return path;
            }
            // an IPv6 literal needs its brackets back, or its last group would read as the port
            final String authority = host.indexOf(':') >= 0 && host.charAt(0) != '[' ? '[' + host + ']' : host;
            if ("CONNECT".equals(normalisedMethod)) {
                return port == null ? authority : authority + ':' + port;
            }
            final String s = scheme == null ? "http" : scheme.toLowerCase(Locale.ROOT);
            final StringBuilder url = new StringBuilder(s).append("://").append(authority);
            if (port != null && Integer.parseInt(port) != UrlParts.defaultPort(s)) {
                url.append(':').append(port);
            }
            url.append(path == null ? "/" : path);
            if (query != null) {
                // ProxySG logs the query with its "?", IIS without
                url.append(query.charAt(0) == '?' ? "" : "?").append(query);
            }
            return url.toString();
        }

        /** {@code yyyy-mm-dd} and {@code hh:mm:ss[.fff]}, UTC. */
        private static Instant instant(final String date, final String time) {
            if (date.length() != 10 || date.charAt(4) != '-' || date.charAt(7) != '-') {
                return null;
            }
            final long day = CivilTime.epochDayIfValid(
                    CivilTime.fourDigits(date, 0), CivilTime.twoDigits(date, 5), CivilTime.twoDigits(date, 8));
            final int seconds = CivilTime.timeOfDay(time, 0);
            if (day < 0 || seconds < 0) {
                return null;
            }
            long nanos = 0;
            if (time.length() > 8) {
                final String fraction = time.substring(9);
                final long value = Numbers.digits(fraction);
                if (time.charAt(8) != '.' || value == Numbers.NOT_A_NUMBER || fraction.length() > 9) {
                    return null;
                }
                nanos = value;
                for (int i = fraction.length(); i < 9; i++) {
                    nanos *= 10;
                }
            }
            return Instant.ofEpochSecond(day * 86_400 + seconds, nanos);
        }
    }
}
