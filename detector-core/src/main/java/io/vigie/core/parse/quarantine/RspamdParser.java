package io.vigie.core.parse.quarantine;

import com.fasterxml.jackson.databind.JsonNode;
import io.vigie.core.model.QuarantineEvent;
import io.vigie.core.model.SyslogRecord;
import io.vigie.core.parse.ParseResult;
import io.vigie.core.parse.SyslogParser;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * rspamd's verdicts, in the three shapes it writes them:
 * <ul>
 *   <li>a {@code /history} row ({@code unix_time}, {@code action}, {@code score}, {@code subject},
 *       {@code sender_smtp}, {@code rcpt_smtp}, {@code message-id}, {@code symbols}, {@code ip}...);</li>
 *   <li>{@code rspamc -j} output ({@code action}, {@code score}, {@code symbols}, {@code urls}, {@code message-id};
 *       no time, so the event has none);</li>
 *   <li>the {@code rspamd_task_write_log} text line of rspamd.log (native {@code 2026-11-28 08:12:44 #pid(...)}
 *       or syslog-wrapped): {@code id: <mid>, qid: <qid>, ip: ..., from: <...>, (default: T (reject):
 *       [16.50/15.00] [SYM(1.0){opt;},...]), len: ..., rcpts: <a,b>, mime_rcpts: <...>}.</li>
 * </ul>
 * Action mapping: {@code reject} → reason {@code REJECT}; {@code add header} → {@code ADD-HEADER} and
 * {@code rewrite subject} → {@code REWRITE-SUBJECT} (the message is delivered tagged as spam: the junk-folder
 * quarantine); {@code soft reject} and {@code greylist} are temporary refusals the sender retries, and {@code no
 * action} is a pass: all three are ignored. URL domains come from {@code urls}, else from the options of the URL
 * reputation symbols ({@code *URIBL*}, {@code *SURBL*}, {@code DBL_*}, {@code PHISHING}...).
 */
final class RspamdParser extends QuarantineParser {

    public static final String SOURCE = "rspamd";
    public static final String NOT_RSPAMD = "not an rspamd record";
    public static final String NO_ACTION = "no action in record";

    private static final String WRITE_LOG = "rspamd_task_write_log:";

    private final SyslogParser syslog;
    private final ZoneId zone;

    public RspamdParser(final SyslogParser syslog, final ZoneId zone) {
        super(SOURCE);
        this.syslog = Objects.requireNonNull(syslog, "syslog");
        this.zone = Objects.requireNonNull(zone, "zone");
    }

    public RspamdParser(final Clock clock, final ZoneId zone) {
        this(new SyslogParser(clock, zone), zone);
    }

    @Override
    protected ParseResult<QuarantineLine> read(final String raw) {
        final String trimmed = raw.strip();
        if (trimmed.startsWith("{")) {
            final JsonNode json = QuarantineFields.object(trimmed);
            if (json == null) {
                return failed(JsonQuarantineParser.BAD_JSON, raw);
            }
            return readJson(json, raw);
        }
        final int log = trimmed.indexOf(WRITE_LOG);
        if (log < 0) {
            return ignored("not a task log line");
        }
        final Instant time = lineTime(trimmed);
        return readTaskLog(trimmed.substring(log + WRITE_LOG.length()), time, raw);
    }

    /** Reads a parsed JSON document: a history row or rspamc output. */
    ParseResult<QuarantineLine> readJson(final JsonNode json, final String raw) {
        final String action = QuarantineFields.text(json, "action");
        if (action == null) {
            return failed(NO_ACTION, raw);
        }
        final String reason = reason(action);
        if (reason == null) {
            return ignored("action " + action.toLowerCase(Locale.ROOT));
        }
        final Set<String> recipients =
                new LinkedHashSet<>(QuarantineFields.addresses(QuarantineFields.texts(json, "rcpt_smtp")));
        if (recipients.isEmpty()) {
            recipients.addAll(QuarantineFields.addresses(QuarantineFields.texts(json, "rcpt_mime")));
        }
        String sender = QuarantineFields.address(QuarantineFields.text(json, "sender_smtp"));
        if (sender == null) {
            sender = QuarantineFields.address(QuarantineFields.text(json, "sender_mime"));
        }
        final List<String> urls = new ArrayList<>(QuarantineFields.texts(json, "urls"));
        final JsonNode symbols = json.get("symbols");
        final List<String> domains = urls.isEmpty() ? symbolDomainsJson(symbols) : QuarantineFields.hosts(urls);
        return ParseResult.ok(QuarantineLine.of(new QuarantineEvent(
                QuarantineFields.instant(json, "unix_time"),
                SOURCE,
                reason,
                topSymbol(symbols),
                QuarantineFields.text(json, "qid"),
                QuarantineFields.messageId(QuarantineFields.text(json, "message-id")),
                sender,
                List.copyOf(recipients),
                QuarantineFields.blankToNull(QuarantineFields.text(json, "subject")),
                List.of(),
                List.of(),
                domains,
                null,
                QuarantineFields.number(QuarantineFields.text(json, "score")))));
    }

    /** reject → REJECT, add header → ADD-HEADER, rewrite subject → REWRITE-SUBJECT, else null (ignored). */
    static String reason(final String action) {
        return switch (action.strip().toLowerCase(Locale.ROOT)) {
            case "reject" -> "REJECT";
            case "add header", "add_header" -> "ADD-HEADER";
            case "rewrite subject", "rewrite_subject" -> "REWRITE-SUBJECT";
            default -> null;
        };
    }

    /** The highest-scoring symbol: the history row names the rule that did most of the verdict. */
    private static String topSymbol(final JsonNode symbols) {
        if (symbols == null || !symbols.isObject()) {
            return null;
        }
        String best = null;
        double bestScore = 0;
        final Iterator<Map.Entry<String, JsonNode>> it = symbols.fields();
        while (it.hasNext()) {
            final Map.Entry<String, JsonNode> e = it.next();
            final JsonNode score = e.getValue().get("score");
            final double s = score == null ? 0 : score.asDouble();
            if (best == null || s > bestScore) {
                best = e.getKey();
                bestScore = s;
            }
        }
        return best;
    }

    private static List<String> symbolDomainsJson(final JsonNode symbols) {
        if (symbols == null || !symbols.isObject()) {
            return List.of();
        }
        final Set<String> out = new LinkedHashSet<>();
        final Iterator<Map.Entry<String, JsonNode>> it = symbols.fields();
        while (it.hasNext()) {
            final Map.Entry<String, JsonNode> e = it.next();
            if (isUrlSymbol(e.getKey())) {
                addOptionHosts(QuarantineFields.texts(e.getValue(), "options"), out);
            }
        }
        return List.copyOf(out);
    }

    static boolean isUrlSymbol(final String name) {
        final String n = name.toUpperCase(Locale.ROOT);
        return n.contains("URIBL")
                || n.contains("SURBL")
                || n.startsWith("DBL_")
                || n.contains("_DBL_")
                || n.startsWith("PHISH")
                || n.contains("URL");
    }

    private static void addOptionHosts(final List<String> options, final Set<String> out) {
        for (final String option : options) {
            // PHISHING's option is "shown->real"
            for (final String part : option.split("->")) {
                final String h = QuarantineFields.host(part);
                if (h != null) {
                    out.add(h);
                }
            }
        }
    }

    /** Native {@code 2026-11-28 08:12:44[.123] #pid(...)} in this parser's zone, else the syslog envelope. */
    private Instant lineTime(final String line) {
        if (line.length() >= 19 && line.charAt(4) == '-' && line.charAt(10) == ' ') {
            int end = 19;
            while (end < line.length() && (line.charAt(end) == '.' || Character.isDigit(line.charAt(end)))) {
                end++;
            }
            try {
                return LocalDateTime.parse(line.substring(0, end).replace(' ', 'T'))
                        .atZone(zone)
                        .toInstant();
            } catch (final DateTimeParseException e) {
                return null;
            }
        }
        final ParseResult<SyslogRecord> envelope = syslog.parse(line);
        return envelope.isOk() ? envelope.value().timestamp() : null;
    }

    private ParseResult<QuarantineLine> readTaskLog(final String s, final Instant time, final String raw) {
        final int verdict = s.indexOf("(default: ");
        if (verdict < 0) {
            return failed(NO_ACTION, raw);
        }
        int p = verdict + "(default: ".length();
        final int actionOpen = s.indexOf(" (", p);
        final int actionClose = actionOpen < 0 ? -1 : s.indexOf("): ", actionOpen);
        if (actionClose < 0) {
            return failed(NO_ACTION, raw);
        }
        final String action = s.substring(actionOpen + 2, actionClose);
        final String reason = reason(action);
        if (reason == null) {
            return ignored("action " + action.toLowerCase(Locale.ROOT));
        }
        p = actionClose + 3;
        Double score = null;
        if (p < s.length() && s.charAt(p) == '[') {
            final int slash = s.indexOf('/', p);
            final int close = s.indexOf(']', p);
            if (slash > p && close > slash) {
                score = QuarantineFields.number(s.substring(p + 1, slash));
                p = close + 1;
            }
        }
        final List<String> symbolNames = new ArrayList<>();
        final Set<String> domains = new LinkedHashSet<>();
        if (s.startsWith(" [", p)) {
            readSymbols(s, p + 2, symbolNames, domains);
        }
        final String head = s.substring(0, verdict);
        final String tail = s.substring(verdict);
        final List<String> recipients = QuarantineFields.addresses(List.of(splitList(angled(tail, " rcpts: <"))));
        final List<String> mimeRecipients = recipients.isEmpty()
                ? QuarantineFields.addresses(List.of(splitList(angled(tail, " mime_rcpts: <"))))
                : recipients;
        return ParseResult.ok(QuarantineLine.of(new QuarantineEvent(
                time,
                SOURCE,
                reason,
                symbolNames.isEmpty() ? null : symbolNames.get(0),
                angled(head, "qid: <"),
                QuarantineFields.messageId(angled(head, " id: <")),
                QuarantineFields.address(angled(head, "from: <")),
                mimeRecipients,
                null,
                List.of(),
                List.of(),
                List.copyOf(domains),
                null,
                score)));
    }

    /** {@code SYM(1.00){opt1;opt2;},SYM2(...){...}]}: names in order, and the hosts in URL symbols' options. */
    private static void readSymbols(
            final String s, final int from, final List<String> names, final Set<String> domains) {
        int p = from;
        while (p < s.length() && s.charAt(p) != ']') {
            final int nameStart = p;
            while (p < s.length() && "(,{]".indexOf(s.charAt(p)) < 0) {
                p++;
            }
            final String name = s.substring(nameStart, p).strip();
            if (p < s.length() && s.charAt(p) == '(') {
                final int close = s.indexOf(')', p);
                p = close < 0 ? s.length() : close + 1;
            }
            if (p < s.length() && s.charAt(p) == '{') {
                final int close = s.indexOf('}', p);
                final String options = s.substring(p + 1, close < 0 ? s.length() : close);
                if (isUrlSymbol(name)) {
                    addOptionHosts(List.of(options.split(";")), domains);
                }
                p = close < 0 ? s.length() : close + 1;
            }
            if (!name.isEmpty()) {
                names.add(name);
            }
            if (p < s.length() && s.charAt(p) == ',') {
                p++;
            }
        }
    }

    /** The text between {@code marker} (ending in {@code <}) and the next {@code >}, or null. */
    private static String angled(final String s, final String marker) {
        final int start = s.indexOf(marker);
        if (start < 0) {
            return null;
        }
        final int from = start + marker.length();
        final int end = s.indexOf('>', from);
        final String value = s.substring(from, end < 0 ? s.length() : end).strip();
        return value.isEmpty() ? null : value;
    }

    private static String splitList(final String list) {
        return list == null ? "" : list;
    }
}
