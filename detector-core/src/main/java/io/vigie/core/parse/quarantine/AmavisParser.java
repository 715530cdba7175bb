package io.vigie.core.parse.quarantine;

import io.vigie.core.model.QuarantineEvent;
import io.vigie.core.model.SyslogRecord;
import io.vigie.core.parse.ParseResult;
import io.vigie.core.parse.SyslogParser;
import java.time.Clock;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;

/**
 * amavisd-new's main log line (its {@code log_templ}), syslog-wrapped:
 * {@code (01234-05) Blocked INFECTED (Eicar-Signature) {DiscardedInbound,Quarantined}, [ip]:port [ip] <from> ->
 * <to1>,<to2>, quarantine: virus-Ab12, Queue-ID: 4B2C81A0F2, Message-ID: <id>, mail_id: Ab12, Hits: -,
 * size: 2345, queued_as: ..., Subject: "...", From: ..., 1523 ms}.
 *
 * <p>Every {@code Blocked} line is an event; of the {@code Passed} lines only those that let a dangerous or spammy
 * message through ({@code SPAMMY}, {@code SPAM}, {@code INFECTED}, {@code BANNED}) are. {@code Passed CLEAN},
 * {@code Passed BAD-HEADER} (passed because {@code bad_header_lovers} is the default) and every other amavis
 * line are ignored. The parts after the category are all optional, so a line cut short still gives an event.
 */
final class AmavisParser extends QuarantineParser {

    public static final String SOURCE = "amavis";
    public static final String NOT_SYSLOG = "not syslog";

    private static final Set<String> PASSED_EVENTS = Set.of("SPAMMY", "SPAM", "INFECTED", "BANNED");

    private final SyslogParser syslog;

    public AmavisParser(final SyslogParser syslog) {
        super(SOURCE);
        this.syslog = Objects.requireNonNull(syslog, "syslog");
    }

    public AmavisParser(final Clock clock, final ZoneId zone) {
        this(new SyslogParser(clock, zone));
    }

    @Override
    protected ParseResult<QuarantineLine> read(final String raw) {
        final ParseResult<SyslogRecord> envelope = syslog.parse(raw);
        if (!envelope.isOk()) {
            return failed(NOT_SYSLOG, raw);
        }
        return read(envelope.value());
    }

    /** Reads the message of a line whose syslog envelope is already parsed. */
    ParseResult<QuarantineLine> read(final SyslogRecord record) {
        final String program = record.program().toLowerCase(Locale.ROOT);
        if (!program.startsWith("amavis")) {
            return ignored("not amavis");
        }
        final String m = record.message();
        int p = 0;
        if (m.startsWith("(")) {
            final int close = m.indexOf(") ");
            if (close < 0) {
                return ignored("not a content decision");
            }
            p = close + 2;
        }
        final boolean blocked;
        if (m.startsWith("Blocked ", p)) {
            blocked = true;
            p += "Blocked ".length();
        } else if (m.startsWith("Passed ", p)) {
            blocked = false;
            p += "Passed ".length();
        } else {
            return ignored("not a content decision");
        }
        final int categoryStart = p;
        while (p < m.length() && " ,{(".indexOf(m.charAt(p)) < 0) {
            p++;
        }
        String category = m.substring(categoryStart, p).toUpperCase(Locale.ROOT);
        if (category.isEmpty()) {
            return ignored("not a content decision");
        }
        // amavisd 2.7+ appends the minor code: BAD-HEADER-0, SPAM-?, ...
        final int dash = category.lastIndexOf('-');
        if (dash > 0
                && dash < category.length() - 1
                && category.substring(dash + 1).chars().allMatch(Character::isDigit)) {
            category = category.substring(0, dash);
        }
        if (!blocked && !PASSED_EVENTS.contains(category)) {
            return ignored("passed " + category.toLowerCase(Locale.ROOT));
        }
        final Fields f = new Fields();
        if (m.startsWith(" (", p)) {
            final int end = closingParen(m, p + 1);
            f.detail = m.substring(p + 2, end < 0 ? m.length() : end);
            p = end < 0 ? m.length() : end + 1;
        }
        if (m.startsWith(" {", p)) {
            final int end = m.indexOf('}', p);
            p = end < 0 ? m.length() : end + 1;
        }
        readEnvelope(m, p, f);
        final List<String> names = "BANNED".equals(category) ? bannedNames(f.detail) : List.of();
        return ParseResult.ok(QuarantineLine.of(new QuarantineEvent(
                record.timestamp(),
                SOURCE,
                category,
                QuarantineFields.blankToNull(f.detail),
                f.queueId,
                QuarantineFields.messageId(f.messageId),
                f.sender,
                f.recipients,
                f.subject,
                List.of(),
                names,
                List.of(),
                f.quarantine,
                f.hits)));
    }

    /** Index of the paren closing the one at {@code open}, skipping double-quoted parts; -1 when cut off. */
    private static int closingParen(final String m, final int open) {
        int depth = 0;
        boolean quoted = false;
        for (int i = open; i < m.length(); i++) {
            final char c = m.charAt(i);
            if (c == '"') {
                quoted = !quoted;
            } else if (!quoted && c == '(') {
                depth++;
            } else if (!quoted && c == ')') {
                depth--;
                if (depth == 0) {
                    return i;
                }
            }
        }
        return -1;
    }

    /** {@code [ip]:port [ip] <from> -> <to>,<to>, key: value, ...}; stops quietly where the line does. */
    private static void readEnvelope(final String m, final int from, final Fields f) {
        final int arrow = m.indexOf(" -> ", from);
        if (arrow < 0) {
            return;
        }
        final int senderStart = m.lastIndexOf(" <", arrow);
        if (senderStart >= from && m.charAt(arrow - 1) == '>') {
            f.sender = QuarantineFields.address(m.substring(senderStart + 1, arrow));
        }
        int p = arrow + 4;
        final List<String> recipients = new ArrayList<>();
        while (p < m.length() && m.charAt(p) == '<') {
            final int close = m.indexOf('>', p);
            if (close < 0) {
                break;
            }
            final String a = QuarantineFields.address(m.substring(p, close + 1));
            if (a != null && !a.isEmpty()) {
                recipients.add(a);
            }
            p = close + 1;
            if (p < m.length() && m.charAt(p) == ',' && p + 1 < m.length() && m.charAt(p + 1) == '<') {
                p++;
            }
        }
        f.recipients = recipients;
        readKeyValues(m, p, f);
    }

    /** {@code , Key: value} pairs; a {@code "quoted"} value doubles its inner quotes, as amavis' dquote does. */
    private static void readKeyValues(final String m, final int from, final Fields f) {
        int p = from;
        while (p < m.length() && m.startsWith(", ", p)) {
            p += 2;
            final int keyEnd = keyEnd(m, p);
            if (keyEnd < 0) {
                // "tag=0", "1523 ms": not a Key: value pair; skip to the next separator
                final int next = m.indexOf(", ", p);
                if (next < 0) {
                    return;
                }
                p = next;
                continue;
            }
            final String key = m.substring(p, keyEnd);
            p = keyEnd + 2;
            final String value;
            if (p < m.length() && m.charAt(p) == '"') {
                final StringBuilder sb = new StringBuilder();
                int i = p + 1;
                while (i < m.length()) {
                    final char c = m.charAt(i);
                    if (c == '"') {
                        if (i + 1 < m.length() && m.charAt(i + 1) == '"') {
                            sb.append('"');
                            i += 2;
                            continue;
                        }
                        i++;
                        break;
                    }
                    sb.append(c);
                    i++;
                }
                value = sb.toString();
                p = i;
            } else {
                int end = p;
                while (true) {
                    final int next = m.indexOf(", ", end);
                    if (next < 0) {
                        end = m.length();
                        break;
                    }
                    if (keyEnd(m, next + 2) >= 0 || isLastPart(m, next + 2)) {
                        end = next;
                        break;
                    }
                    end = next + 2;
                }
                value = m.substring(p, end);
                p = end;
            }
            f.put(key, value);
        }
    }

    /** End of a {@code Key} followed by {@code ": "} at {@code p}, or -1. */
    private static int keyEnd(final String m, final int p) {
        int i = p;
        while (i < m.length() && i - p < 32) {
            final char c = m.charAt(i);
            if (Character.isLetterOrDigit(c) || c == '-' || c == '_') {
                i++;
            } else {
                break;
            }
        }
        return i > p && m.startsWith(": ", i) ? i : -1;
    }

    /** The elapsed time that ends the line ({@code 1523 ms}) or a {@code tag=0}-style part. */
    private static boolean isLastPart(final String m, final int p) {
        final int next = m.indexOf(", ", p);
        final String part = m.substring(p, next < 0 ? m.length() : next);
        return part.endsWith(" ms") || part.indexOf('=') > 0 && part.indexOf(' ') < 0;
    }

    /**
     * File names out of a BANNED detail: parts are {@code |}-separated nesting levels of
     * {@code type,.ext,name}; a name has a dot, no slash, and does not start with one.
     */
    static List<String> bannedNames(final String detail) {
        if (detail == null || detail.contains(" matched")) {
            return List.of();
        }
        final List<String> names = new ArrayList<>();
        for (final String level : detail.split("\\|")) {
            for (final String item : level.split(",")) {
                String name = item.strip();
                if (name.length() >= 2 && name.startsWith("\"") && name.endsWith("\"")) {
                    name = name.substring(1, name.length() - 1).strip();
                }
                if (!name.isEmpty()
                        && !name.startsWith(".")
                        && name.indexOf('/') < 0
                        && name.indexOf('.') > 0
                        && name.indexOf('"') < 0
                        && !names.contains(name)) {
                    names.add(name);
                }
            }
        }
        return names;
    }

    private static final class Fields {
        String detail;
        String sender;
        List<String> recipients = List.of();
        String quarantine;
        String queueId;
        String messageId;
        String subject;
        Double hits;

        void put(final String key, final String value) {
            switch (key.toLowerCase(Locale.ROOT)) {
                case "quarantine" -> quarantine = QuarantineFields.blankToNull(value);
                case "queue-id" -> queueId = QuarantineFields.blankToNull(value);
                case "message-id" -> messageId = value;
                case "subject" -> subject = QuarantineFields.blankToNull(Rfc2047.decode(value));
                case "hits" -> hits = QuarantineFields.number(value);
                default -> {
                    // mail_id, size, queued_as, From (header From, not the envelope sender)...: not needed
                }
            }
        }
    }
}
