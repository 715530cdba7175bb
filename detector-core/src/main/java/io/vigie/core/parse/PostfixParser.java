package io.vigie.core.parse;

import io.vigie.core.model.DeliveryDelays;
import io.vigie.core.model.PostfixEvent;
import io.vigie.core.model.PostfixKind;
import io.vigie.core.model.SyslogRecord;
import io.vigie.core.net.InternalNetworks;
import java.time.Clock;
import java.time.ZoneId;
import java.util.Objects;

/**
 * Parses one Postfix syslog line into a {@link PostfixEvent}.
 *
 * <p>What counts as what follows pflogsumm 1.1.5, so that counts computed from these events can be
 * reconciled with the report mail administrators already read:
 * <ul>
 *   <li>{@link PostfixKind#DELIVERY} is exactly the lines pflogsumm's delivery expression accepts,
 *       {@code to=<([^>]*)>, (?:orig_to=<[^>]*>, )?relay=([^,]+), (?:conn_use=[^,]+, )?delay=([^,]+),
 *       (?:delays=[^,]+, )?(?:dsn=[^,]+, )?status=(\S+)(.*)$}, emulated here by a scanner anchored after the
 *       queue id (on all our real logs anchored and unanchored matching accept the same lines);</li>
 *   <li>{@link PostfixKind#QUEUED} is pflogsumm's {@code from=<([^>]*)>, size=(\d+)} on any service but
 *       smtpd, postscreen and master;</li>
 *   <li>{@link PostfixEvent#pflogsummVisible()} tells whether pflogsumm looks at the line at all.</li>
 * </ul>
 *
 * <p>Real-world noise tolerated: trailing commas and CR (CSV exports), Solaris message ids, RFC 3339 and
 * RFC 5424 envelopes, multi-instance syslog names ({@code postfix-out/submission/smtpd}). A valid line of
 * another program (amavis, dovecot... in a shipped {@code mail.log}) is an {@link PostfixKind#OTHER_PROGRAM}
 * event, not a refusal; a line with no program tag, or {@code postfix/} and nothing after, is refused with
 * {@value #NOT_POSTFIX}. Hand-written index scanning, no
 * regular expressions: it runs on every mail log line. Thread-safe; never throws.
 */
public final class PostfixParser implements LogParser<PostfixEvent> {

    public static final String SOURCE = "postfix";

    public static final String NOT_POSTFIX = "not postfix";
    public static final String TO_WITHOUT_ANGLE_BRACKETS = "to= without angle brackets";
    public static final String UNPARSEABLE = "unparseable postfix line";

    private static final String WARNING = "warning: ";
    private static final String SASL_USERNAME = ", sasl_username=";
    private static final int MAX_QUEUE_ID_LENGTH = 32;
    /** Short ids are at least this long (Postfix uses 10-12 hex digits in practice). */
    private static final int MIN_SHORT_QUEUE_ID_LENGTH = 5;
    /** Long ids are 6 chars of seconds and 4 of microseconds, then optionally {@code z} and the inode. */
    private static final int MIN_LONG_QUEUE_ID_LENGTH = 10;
    /** Postfix's long queue id alphabet: digits and consonants, base 52 ({@code mail_queue.h}). */
    private static final boolean[] LONG_ID_CHARS = new boolean[128];

    private static final double[] POWERS_OF_TEN = {
        1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15
    };
    private static final int MAX_FAST_DIGITS = 15;

    static {
        final String alphabet = "0123456789BCDFGHJKLMNPQRSTVWXYZbcdfghjklmnpqrstvwxyz";
        for (int i = 0; i < alphabet.length(); i++) {
            LONG_ID_CHARS[alphabet.charAt(i)] = true;
        }
    }

    private final SyslogParser syslog;

    /**
     * @param syslog reads the envelope; its zone and clock date BSD timestamps and its line limit applies
     */
    public PostfixParser(final SyslogParser syslog) {
        this.syslog = Objects.requireNonNull(syslog, "syslog");
    }

    /** With the default line limit of {@value SyslogParser#DEFAULT_MAX_LINE_LENGTH} chars. */
    public PostfixParser(final Clock clock, final ZoneId zone) {
        this(new SyslogParser(clock, zone));
    }

    @Override
    public String source() {
        return SOURCE;
    }

    /**
     * @param line one raw syslog line (trailing CR, LF and commas are ignored)
     * @return the event, or a failure whose reason is one of this class's or {@link SyslogParser}'s constants
     */
    @Override
    public ParseResult<PostfixEvent> parse(final String line) {
        try {
            if (line == null || line.isEmpty()) {
                return failed(SyslogParser.EMPTY_LINE, line);
            }
            if (line.length() > syslog.maxLineLength()) {
                return failed(SyslogParser.LINE_TOO_LONG, line);
            }
            final int end = withoutTrailingNoise(line);
            final ParseResult<SyslogRecord> envelope =
                    syslog.parse(end == line.length() ? line : line.substring(0, end));
            if (!envelope.isOk()) {
                return failed(envelope.error().reason(), line);
            }
            return parseMessage(envelope.value(), line);
        } catch (final RuntimeException e) {
            return failed(UNPARSEABLE, line);
        }
    }

    /**
     * For envelopes already split by a collector (e.g. a JSON syslog pipeline with program and message
     * fields).
     *
     * @param envelope the syslog envelope; its message may carry the same trailing noise as a raw line
     * @param raw      what to keep as the raw record if the line is refused
     */
    public ParseResult<PostfixEvent> parse(final SyslogRecord envelope, final String raw) {
        try {
            if (envelope == null || envelope.message() == null) {
                return failed(SyslogParser.EMPTY_LINE, raw);
            }
            final String message = envelope.message();
            if (message.length() > syslog.maxLineLength()) {
                return failed(SyslogParser.LINE_TOO_LONG, raw);
            }
            final int end = withoutTrailingNoise(message);
            final SyslogRecord cleaned = end == message.length()
                    ? envelope
                    : new SyslogRecord(
                            envelope.timestamp(),
                            envelope.host(),
                            envelope.program(),
                            envelope.pid(),
                            message.substring(0, end));
            return parseMessage(cleaned, raw);
        } catch (final RuntimeException e) {
            return failed(UNPARSEABLE, raw);
        }
    }

    private static ParseResult<PostfixEvent> failed(final String reason, final String raw) {
        return ParseResult.failed(SOURCE, reason, raw);
    }

    /** CSV exports append commas; Windows tools append CR. Neither is part of what Postfix logged. */
    private static int withoutTrailingNoise(final String s) {
        int end = s.length();
        while (end > 0) {
            final char c = s.charAt(end - 1);
            if (c != ',' && c != '\r' && c != '\n') {
                break;
            }
            end--;
        }
        return end;
    }

    /** Another program's line: its program and message, for counting and for the signals some carry. */
    private static PostfixEvent otherProgram(final SyslogRecord envelope) {
        final PostfixEventBuilder b = new PostfixEventBuilder();
        b.time = envelope.timestamp();
        b.host = envelope.host();
        b.instance = envelope.program();
        b.service = envelope.program();
        b.kind = PostfixKind.OTHER_PROGRAM;
        b.detail = envelope.message();
        return b.build();
    }

    private static ParseResult<PostfixEvent> parseMessage(final SyslogRecord envelope, final String raw) {
        final String program = envelope.program();
        if (program == null || program.isEmpty()) {
            return failed(NOT_POSTFIX, raw);
        }
        if (!program.startsWith("postfix")) {
            return ParseResult.ok(otherProgram(envelope));
        }
        final int firstSlash = program.indexOf('/');
        final int lastSlash = program.lastIndexOf('/');
        if (lastSlash == program.length() - 1) {
            return failed(NOT_POSTFIX, raw);
        }
        final PostfixEventBuilder b = new PostfixEventBuilder();
        b.time = envelope.timestamp();
        b.host = envelope.host();
        b.instance = firstSlash < 0 ? program : program.substring(0, firstSlash);
        b.service = lastSlash < 0 ? program : program.substring(lastSlash + 1);
        b.pflogsummVisible = isPflogsummVisible(program);
        final String m = envelope.message();
        final int idEnd = queueIdEnd(m);
        if (idEnd < 0) {
            if (m.startsWith(WARNING)) {
                parseAuthFailure(m, b);
            }
            return ParseResult.ok(b.build());
        }
        b.queueId = m.substring(0, idEnd);
        final String refusal = classify(m, Math.min(idEnd + 2, m.length()), b, isSecondaryListener(program));
        if (refusal != null) {
            return failed(refusal, raw);
        }
        return ParseResult.ok(b.build());
    }

    /**
     * pflogsumm 1.1.5 reads a line when its tag matches {@code ^postfix(?:/(?:smtps|submission))?/([^\[:]*)}
     * (and we also require the captured command to be a single path component) or is {@code postfix} or
     * {@code postfix-script}. Other instance names ({@code postfix-out/...}) are invisible to it.
     */
    static boolean isPflogsummVisible(final String program) {
        if ("postfix".equals(program) || "postfix-script".equals(program)) {
            return true;
        }
        if (!program.startsWith("postfix/")) {
            return false;
        }
        int commandStart = "postfix/".length();
        if (program.startsWith("smtps/", commandStart)) {
            commandStart += "smtps/".length();
        } else if (program.startsWith("submission/", commandStart)) {
            commandStart += "submission/".length();
        }
        return program.indexOf('/', commandStart) < 0;
    }

    /**
     * A listener other than the main {@code postfix/smtpd} and its usual submission services: a {@code master.cf} entry
     * with a syslog name of its own ({@code postfix/10025/smtpd}, the re-injection port of a content filter) or another
     * instance ({@code postfix-out/smtpd}).
     */
    static boolean isSecondaryListener(final String program) {
        if (!program.startsWith("postfix/")) {
            return !"postfix".equals(program);
        }
        final int commandStart = "postfix/".length();
        final int nextSlash = program.indexOf('/', commandStart);
        if (nextSlash < 0) {
            return false;
        }
        final String listener = program.substring(commandStart, nextSlash);
        return !"smtps".equals(listener) && !"submission".equals(listener) && !"submissions".equals(listener);
    }

    /** Index of the colon after a leading queue id ({@code QID: ...} or {@code NOQUEUE: ...}), or -1. */
    static int queueIdEnd(final String m) {
        final int n = m.length();
        int i = 0;
        while (i < n && i <= MAX_QUEUE_ID_LENGTH && isAsciiAlnum(m.charAt(i))) {
            i++;
        }
        if (i == 0 || i >= n || m.charAt(i) != ':' || (i + 1 < n && m.charAt(i + 1) != ' ')) {
            return -1;
        }
        return isQueueId(m, i) ? i : -1;
    }

    /**
     * Short ids are upper-case hex; long ids ({@code enable_long_queue_ids}) use digits and consonants only,
     * which is what keeps words such as {@code warning} or {@code statistics} from passing for queue ids.
     */
    private static boolean isQueueId(final String m, final int length) {
        if (length == 7 && m.startsWith("NOQUEUE")) {
            return true;
        }
        if (length < MIN_SHORT_QUEUE_ID_LENGTH || length > MAX_QUEUE_ID_LENGTH) {
            return false;
        }
        boolean hex = true;
        boolean base52 = true;
        for (int i = 0; i < length; i++) {
            final char c = m.charAt(i);
            if (!(c >= '0' && c <= '9' || c >= 'A' && c <= 'F')) {
                hex = false;
            }
            if (c >= 128 || !LONG_ID_CHARS[c]) {
                base52 = false;
            }
        }
        return hex || base52 && length >= MIN_LONG_QUEUE_ID_LENGTH;
    }

    /** Fills the builder from the text after {@code QID: }; returns a refusal reason or null. */
    private static String classify(
            final String m, final int p, final PostfixEventBuilder b, final boolean secondaryListener) {
        if (m.startsWith("to=", p)) {
            if (p + 3 >= m.length() || m.charAt(p + 3) != '<') {
                return TO_WITHOUT_ANGLE_BRACKETS;
            }
            parseDelivery(m, p, b);
        } else if (m.startsWith("from=<", p)) {
            parseFrom(m, p, b);
        } else if (m.startsWith("client=", p)) {
            parseClient(m, p + "client=".length(), b, secondaryListener);
        } else if (m.startsWith("message-id=", p)) {
            parseMessageId(m, p + "message-id=".length(), b);
        } else if (m.startsWith("resent-message-id=", p)) {
            parseMessageId(m, p + "resent-message-id=".length(), b);
        } else if ("pickup".equals(b.service) && (m.startsWith("uid=", p) || m.startsWith("sender=", p))) {
            parsePickup(m, p, b);
        } else if (m.startsWith("removed", p) && (p + 7 == m.length() || m.charAt(p + 7) == ' ')) {
            b.kind = PostfixKind.REMOVED;
        } else if (m.startsWith("sender ", p) || m.startsWith("postmaster ", p)) {
            parseNotification(m, p, b);
        } else {
            parseAction(m, p, b);
        }
        return null;
    }

    /** pflogsumm's delivery expression, scanned left to right; leaves the builder untouched unless it matches. */
    private static void parseDelivery(final String m, final int p, final PostfixEventBuilder b) {
        final int n = m.length();
        int q = p + "to=<".length();
        final int recipientEnd = m.indexOf('>', q);
        if (recipientEnd < 0 || !m.startsWith(", ", recipientEnd + 1)) {
            return;
        }
        final String recipient = m.substring(q, recipientEnd);
        q = recipientEnd + 3;
        String origRecipient = null;
        if (m.startsWith("orig_to=<", q)) {
            final int origEnd = m.indexOf('>', q + "orig_to=<".length());
            if (origEnd < 0 || !m.startsWith(", ", origEnd + 1)) {
                return;
            }
            origRecipient = m.substring(q + "orig_to=<".length(), origEnd);
            q = origEnd + 3;
        }
        if (!m.startsWith("relay=", q)) {
            return;
        }
        int valueEnd = valueEnd(m, q + "relay=".length());
        if (valueEnd < 0) {
            return;
        }
        final String relay = m.substring(q + "relay=".length(), valueEnd);
        q = valueEnd + 2;
        if (m.startsWith("conn_use=", q)) {
            valueEnd = valueEnd(m, q + "conn_use=".length());
            if (valueEnd < 0) {
                return;
            }
            q = valueEnd + 2;
        }
        if (!m.startsWith("delay=", q)) {
            return;
        }
        valueEnd = valueEnd(m, q + "delay=".length());
        if (valueEnd < 0) {
            return;
        }
        final int delayStart = q + "delay=".length();
        final int delayEnd = valueEnd;
        q = valueEnd + 2;
        int delaysStart = -1;
        int delaysEnd = -1;
        if (m.startsWith("delays=", q)) {
            valueEnd = valueEnd(m, q + "delays=".length());
            if (valueEnd < 0) {
                return;
            }
            delaysStart = q + "delays=".length();
            delaysEnd = valueEnd;
            q = valueEnd + 2;
        }
        String dsn = null;
        if (m.startsWith("dsn=", q)) {
            valueEnd = valueEnd(m, q + "dsn=".length());
            if (valueEnd < 0) {
                return;
            }
            dsn = m.substring(q + "dsn=".length(), valueEnd);
            q = valueEnd + 2;
        }
        if (!m.startsWith("status=", q)) {
            return;
        }
        final int statusStart = q + "status=".length();
        int statusEnd = statusStart;
        while (statusEnd < n && !isPerlSpace(m.charAt(statusEnd))) {
            statusEnd++;
        }
        if (statusEnd == statusStart) {
            return;
        }
        b.kind = PostfixKind.DELIVERY;
        b.recipient = recipient;
        b.origRecipient = origRecipient;
        b.relay = relay;
        b.delay = parseDecimal(m, delayStart, delayEnd);
        b.delays = delaysStart < 0 ? null : parseDelays(m, delaysStart, delaysEnd);
        b.dsn = dsn;
        b.status = m.substring(statusStart, statusEnd);
        final int open = m.indexOf('(', statusEnd);
        if (open >= 0) {
            final int close = m.lastIndexOf(')');
            // a truncated line loses its closing parenthesis: keep what is there
            b.detail = close > open ? m.substring(open + 1, close) : m.substring(open + 1);
        }
        b.forwarded = m.indexOf("forwarded as ", statusEnd) >= 0;
        b.relatedQueueId = b.detail == null ? null : queuedAs(b.detail);
    }

    /**
     * The queue id the next MTA gave the message ({@code ... Ok: queued as 3F7D21A0D8B}), or null: with a content
     * filter, the id under which the filter gave the message back to Postfix.
     */
    private static String queuedAs(final String detail) {
        final int at = detail.indexOf("queued as ");
        if (at < 0) {
            return null;
        }
        final int start = at + "queued as ".length();
        int end = start;
        while (end < detail.length() && isAsciiAlnum(detail.charAt(end))) {
            end++;
        }
        return end > start ? detail.substring(start, end) : null;
    }

    /** End of a {@code [^,]+} value that must be followed by {@code ", "}, or -1. */
    private static int valueEnd(final String m, final int from) {
        final int comma = m.indexOf(',', from);
        if (comma <= from || comma + 1 >= m.length() || m.charAt(comma + 1) != ' ') {
            return -1;
        }
        return comma;
    }

    /** {@code from=<X>, size=N[, nrcpt=M]} (QUEUED) or {@code from=<X>, status=expired, ...} (EXPIRED). */
    private static void parseFrom(final String m, final int p, final PostfixEventBuilder b) {
        final int n = m.length();
        final int senderStart = p + "from=<".length();
        final int senderEnd = m.indexOf('>', senderStart);
        if (senderEnd < 0) {
            return;
        }
        final int q = senderEnd + 1;
        if (m.startsWith(", size=", q) && !isSmtpdLike(b.service)) {
            final int digitsStart = q + ", size=".length();
            int i = digitsStart;
            while (i < n && isDigit(m.charAt(i))) {
                i++;
            }
            if (i == digitsStart) {
                return;
            }
            b.kind = PostfixKind.QUEUED;
            b.sender = m.substring(senderStart, senderEnd);
            b.size = i - digitsStart <= 18 ? Long.valueOf(parseLong(m, digitsStart, i)) : null;
            if (m.startsWith(", nrcpt=", i)) {
                final int nrcptStart = i + ", nrcpt=".length();
                int k = nrcptStart;
                while (k < n && isDigit(m.charAt(k)) && k - nrcptStart < 9) {
                    k++;
                }
                if (k > nrcptStart) {
                    b.nrcpt = (int) parseLong(m, nrcptStart, k);
                }
            }
        } else if (m.startsWith(", status=expired", q)) {
            b.kind = PostfixKind.EXPIRED;
            b.sender = m.substring(senderStart, senderEnd);
            b.status = "expired";
            final int rest = q + ", status=expired".length();
            if (m.startsWith(", ", rest)) {
                b.detail = m.substring(rest + 2);
            }
        }
    }

    private static boolean isSmtpdLike(final String service) {
        return "smtpd".equals(service) || "postscreen".equals(service) || "master".equals(service);
    }

    /** {@code client=host[ip][:port][, sasl_method=M, sasl_username=U][, orig_queue_id=...][, orig_client=...]}. */
    private static void parseClient(
            final String m, final int from, final PostfixEventBuilder b, final boolean secondaryListener) {
        b.kind = PostfixKind.CLIENT;
        final int n = m.length();
        int valueEnd = m.indexOf(", ", from);
        if (valueEnd < 0) {
            valueEnd = n;
        }
        final int open = m.indexOf('[', from);
        if (open >= 0 && open < valueEnd) {
            b.clientHost = open > from ? m.substring(from, open) : null;
            final int close = m.indexOf(']', open + 1);
            b.clientIp = m.substring(open + 1, close > open ? close : valueEnd);
        } else if (valueEnd > from) {
            b.clientHost = m.substring(from, valueEnd);
        }
        final int sasl = m.indexOf(", sasl_username=", from);
        if (sasl >= 0) {
            final int userStart = sasl + ", sasl_username=".length();
            int userEnd = m.indexOf(", ", userStart);
            if (userEnd < 0) {
                userEnd = n;
            }
            b.saslUsername = m.substring(userStart, userEnd);
        }
        // XFORWARD: the filter tells the original queue id and client; mail that came in by pickup has no queue id
        // to tell (amavisd-new sends orig_client=unknown[127.0.0.1] only).
        final String origQueueId = valueAfter(m, ", orig_queue_id=", from);
        final String origClient = valueAfter(m, ", orig_client=", from);
        if (origQueueId != null || origClient != null) {
            b.kind = PostfixKind.REINJECTION;
            b.relatedQueueId = origQueueId;
            originalClient(origClient, b);
        } else if (secondaryListener && InternalNetworks.LOOPBACK.contains(b.clientIp)) {
            b.kind = PostfixKind.REINJECTION;
        }
    }

    /** The value of {@code , name=value} up to the next {@code ", "} or the end, or null. */
    private static String valueAfter(final String m, final String name, final int from) {
        final int at = m.indexOf(name, from);
        if (at < 0) {
            return null;
        }
        final int start = at + name.length();
        int end = m.indexOf(", ", start);
        if (end < 0) {
            end = m.length();
        }
        return end > start ? m.substring(start, end) : null;
    }

    /** XFORWARD's {@code orig_client=name[ip]}: the client the filter received the message from, when it is known. */
    private static void originalClient(final String origClient, final PostfixEventBuilder b) {
        if (origClient == null) {
            return;
        }
        final int open = origClient.indexOf('[');
        final int close = origClient.lastIndexOf(']');
        if (open < 0 || close <= open + 1) {
            return;
        }
        final String ip = origClient.substring(open + 1, close);
        if (ip.indexOf('.') < 0 && ip.indexOf(':') < 0) {
            return; // [UNAVAILABLE], [unknown]: keep the filter's own address
        }
        if (InternalNetworks.LOOPBACK.contains(ip)) {
            return; // mail submitted on the server itself: the filter's loopback address says as much
        }
        b.clientHost = open > 0 ? origClient.substring(0, open) : null;
        b.clientIp = ip;
    }

    /**
     * smtpd's failed SMTP AUTH ({@code smtpd_sasl_glue.c}):
     * {@code warning: NAME[ADDR][:PORT]: SASL METHOD authentication failed[: REASON][, sasl_username=LOGIN]}. Older
     * Postfix logs no login; newer versions append the one the client tried ({@code (unavailable)} when there was
     * none). The reason comes from the SASL server, the login from the client: the login is what follows the first
     * {@code , sasl_username=}, whatever it holds. Leaves the builder as it is (kind OTHER) for any other warning,
     * such as Cyrus's {@code warning: SASL authentication failure: ...}, which names no client.
     */
    private static void parseAuthFailure(final String m, final PostfixEventBuilder b) {
        final int n = m.length();
        final int nameStart = WARNING.length();
        final int open = m.indexOf('[', nameStart);
        final int space = m.indexOf(' ', nameStart);
        if (open < 0 || space >= 0 && space < open) {
            return;
        }
        final int close = m.indexOf(']', open + 1);
        if (close < 0) {
            return;
        }
        int q = close + 1;
        if (q + 1 < n && m.charAt(q) == ':' && isDigit(m.charAt(q + 1))) {
            q++;
            while (q < n && isDigit(m.charAt(q))) {
                q++;
            }
        }
        if (!m.startsWith(": SASL ", q)) {
            return;
        }
        final int methodStart = q + ": SASL ".length();
        final int methodEnd = m.indexOf(' ', methodStart);
        if (methodEnd <= methodStart || !m.startsWith(" authentication failed", methodEnd)) {
            return;
        }
        final int rest = methodEnd + " authentication failed".length();
        if (rest < n && m.charAt(rest) != ':' && !m.startsWith(SASL_USERNAME, rest)) {
            return;
        }
        b.kind = PostfixKind.AUTH_FAILURE;
        b.clientHost = open > nameStart ? m.substring(nameStart, open) : null;
        b.clientIp = m.substring(open + 1, close);
        b.status = m.substring(methodStart, methodEnd);
        final int login = m.indexOf(SASL_USERNAME, rest);
        final int reasonEnd = login < 0 ? n : login;
        final String reason =
                rest < reasonEnd ? m.substring(rest + 1, reasonEnd).strip() : "";
        b.detail = reason.isEmpty() ? null : reason;
        if (login >= 0) {
            final String user = m.substring(login + SASL_USERNAME.length()).strip();
            b.saslUsername = user.isEmpty() || "(unavailable)".equals(user) ? null : user;
        }
    }

    /** {@code message-id=<id>}; also unbracketed ids, which some clients produce and CSV exports leave. */
    private static void parseMessageId(final String m, final int from, final PostfixEventBuilder b) {
        b.kind = PostfixKind.MESSAGE_ID;
        if (from < m.length() && m.charAt(from) == '<') {
            final int close = m.indexOf('>', from + 1);
            b.messageId = close < 0 ? m.substring(from + 1) : m.substring(from + 1, close);
        } else {
            b.messageId = m.substring(from);
        }
    }

    /** pickup's {@code uid=N from=<sender>} or {@code sender=<sender>}. */
    private static void parsePickup(final String m, final int p, final PostfixEventBuilder b) {
        b.kind = PostfixKind.PICKUP;
        int key = m.indexOf("from=", p);
        int valueStart = key < 0 ? -1 : key + "from=".length();
        if (key < 0) {
            key = m.indexOf("sender=", p);
            valueStart = key < 0 ? -1 : key + "sender=".length();
        }
        if (valueStart < 0) {
            return;
        }
        if (valueStart < m.length() && m.charAt(valueStart) == '<') {
            final int close = m.indexOf('>', valueStart + 1);
            b.sender = close < 0 ? m.substring(valueStart + 1) : m.substring(valueStart + 1, close);
        } else {
            final int space = m.indexOf(' ', valueStart);
            b.sender = m.substring(valueStart, space < 0 ? m.length() : space);
        }
    }

    /** bounce's {@code sender non-delivery notification: NEWQID} and its siblings. */
    private static void parseNotification(final String m, final int p, final PostfixEventBuilder b) {
        final String marker = " notification: ";
        final int at = m.indexOf(marker, p);
        if (at < 0) {
            return;
        }
        b.kind = PostfixKind.NOTIFICATION;
        final int idStart = at + marker.length();
        int idEnd = idStart;
        while (idEnd < m.length() && m.charAt(idEnd) != ' ') {
            idEnd++;
        }
        b.relatedQueueId = idEnd > idStart ? m.substring(idStart, idEnd) : null;
    }

    /**
     * {@code reject:}, {@code reject_warning:}, {@code milter-reject:}, {@code hold:}, {@code discard:} (and
     * milter variants), logged by smtpd/postscreen as
     * {@code STAGE from host[ip]: DETAIL; from=<a> to=<b> proto=P helo=<h>} or by cleanup as
     * {@code header|body TEXT from host[ip]; from=<a> to=<b> proto=P helo=<h>: REASON}.
     */
    private static void parseAction(final String m, final int p, final PostfixEventBuilder b) {
        final int n = m.length();
        int wordEnd = p;
        while (wordEnd < n
                && (m.charAt(wordEnd) >= 'a' && m.charAt(wordEnd) <= 'z'
                        || m.charAt(wordEnd) == '_'
                        || m.charAt(wordEnd) == '-')) {
            wordEnd++;
        }
        if (wordEnd == p || wordEnd >= n || m.charAt(wordEnd) != ':') {
            return;
        }
        final String word = m.substring(p, wordEnd);
        final PostfixKind kind = actionKind(word);
        if (kind == null) {
            return;
        }
        b.kind = kind;
        b.status = word;
        final int from = Math.min(wordEnd + 2, n);
        final int trailer = findTrailer(m, from);
        final int headEnd = trailer < 0 ? n : trailer;
        String detail = null;
        if (!parseSmtpdClient(m, from, headEnd, b)) {
            detail = m.substring(from, headEnd);
            if (trailer >= 0) {
                final int clientAt = parseTrailingClient(m, from, headEnd, b);
                if (clientAt >= 0) {
                    detail = m.substring(from, clientAt);
                }
            }
        } else {
            detail = b.detail;
        }
        final String reason = trailer < 0 ? null : parseTrailer(m, trailer + 2, b);
        if (reason != null && !reason.isEmpty()) {
            detail = detail == null || detail.isEmpty() ? reason : detail + ": " + reason;
        }
        b.detail = detail == null || detail.isEmpty() ? null : detail;
    }

    private static PostfixKind actionKind(final String word) {
        switch (word) {
            case "reject":
            case "reject_warning":
            case "milter-reject":
                return PostfixKind.REJECT;
            case "hold":
            case "milter-hold":
                return PostfixKind.HOLD;
            case "discard":
            case "milter-discard":
                return PostfixKind.DISCARD;
            default:
                return null;
        }
    }

    /** The {@code "; "} that starts the {@code from=<> to=<> proto= helo=<>} trailer, or -1. */
    private static int findTrailer(final String m, final int from) {
        int i = m.indexOf("; ", from);
        while (i >= 0) {
            final int k = i + 2;
            if (m.startsWith("from=<", k)
                    || m.startsWith("to=<", k)
                    || m.startsWith("proto=", k)
                    || m.startsWith("helo=<", k)) {
                return i;
            }
            i = m.indexOf("; ", k);
        }
        return -1;
    }

    /**
     * smtpd/postscreen form {@code STAGE from host[ip][:port]: DETAIL}; sets client and detail and returns
     * true when the head has that shape.
     */
    private static boolean parseSmtpdClient(
            final String m, final int from, final int headEnd, final PostfixEventBuilder b) {
        final int space = m.indexOf(' ', from);
        if (space <= from || space >= headEnd || !m.startsWith(" from ", space)) {
            return false;
        }
        final int clientStart = space + " from ".length();
        final int open = m.indexOf('[', clientStart);
        if (open < 0 || open >= headEnd) {
            return false;
        }
        final int nextSpace = m.indexOf(' ', clientStart);
        if (nextSpace >= 0 && nextSpace < open) {
            return false;
        }
        final int close = m.indexOf(']', open + 1);
        if (close < 0 || close >= headEnd) {
            return false;
        }
        int q = close + 1;
        if (q + 1 < headEnd && m.charAt(q) == ':' && isDigit(m.charAt(q + 1))) {
            q++;
            while (q < headEnd && isDigit(m.charAt(q))) {
                q++;
            }
        }
        final int detailStart;
        if (q == headEnd) {
            detailStart = headEnd;
        } else if (m.startsWith(": ", q) && q + 2 <= headEnd) {
            detailStart = q + 2;
        } else {
            return false;
        }
        b.clientHost = open > clientStart ? m.substring(clientStart, open) : null;
        b.clientIp = m.substring(open + 1, close);
        b.detail = m.substring(detailStart, headEnd);
        return true;
    }

    /**
     * cleanup form: the head ends with {@code  from host[ip]} or {@code  from local}. Sets the client and
     * returns where {@code " from "} starts, or -1.
     */
    private static int parseTrailingClient(
            final String m, final int from, final int headEnd, final PostfixEventBuilder b) {
        final int at = m.lastIndexOf(" from ", headEnd - 1);
        if (at < from) {
            return -1;
        }
        final int clientStart = at + " from ".length();
        if (clientStart >= headEnd) {
            return -1;
        }
        final int space = m.indexOf(' ', clientStart);
        if (space >= 0 && space < headEnd) {
            return -1;
        }
        final int open = m.indexOf('[', clientStart);
        if (open >= 0 && open < headEnd && m.charAt(headEnd - 1) == ']') {
            b.clientHost = open > clientStart ? m.substring(clientStart, open) : null;
            b.clientIp = m.substring(open + 1, headEnd - 1);
        } else {
            b.clientHost = m.substring(clientStart, headEnd);
        }
        return at;
    }

    /**
     * {@code from=<a> to=<b> proto=P helo=<h>} (postscreen separates them with commas); sets sender and
     * recipient and returns the text after a final {@code ": "} (cleanup's reason), or null.
     */
    private static String parseTrailer(final String m, final int start, final PostfixEventBuilder b) {
        final int n = m.length();
        int q = start;
        while (q < n) {
            if (m.startsWith("from=<", q)) {
                final int close = m.indexOf('>', q + "from=<".length());
                if (close < 0) {
                    break;
                }
                b.sender = m.substring(q + "from=<".length(), close);
                q = close + 1;
            } else if (m.startsWith("to=<", q)) {
                final int close = m.indexOf('>', q + "to=<".length());
                if (close < 0) {
                    break;
                }
                b.recipient = m.substring(q + "to=<".length(), close);
                q = close + 1;
            } else if (m.startsWith("proto=", q)) {
                q += "proto=".length();
                while (q < n && m.charAt(q) != ' ' && m.charAt(q) != ',' && m.charAt(q) != ':') {
                    q++;
                }
            } else if (m.startsWith("helo=<", q)) {
                // a HELO name is client-controlled: prefer the '>' that ends the line or precedes the reason
                int close = m.indexOf(">: ", q + "helo=<".length());
                if (close < 0) {
                    close = m.charAt(n - 1) == '>' ? n - 1 : m.indexOf('>', q + "helo=<".length());
                }
                if (close < 0) {
                    break;
                }
                q = close + 1;
            } else {
                break;
            }
            if (m.startsWith(": ", q)) {
                return m.substring(q + 2);
            }
            if (m.startsWith(", ", q)) {
                q += 2;
            } else if (q < n && m.charAt(q) == ' ') {
                q++;
            } else {
                break;
            }
        }
        return null;
    }

    /** {@code a/b/c/d} seconds, or null when it is not four numbers. */
    private static DeliveryDelays parseDelays(final String m, final int from, final int to) {
        final int s1 = m.indexOf('/', from);
        final int s2 = s1 < 0 ? -1 : m.indexOf('/', s1 + 1);
        final int s3 = s2 < 0 ? -1 : m.indexOf('/', s2 + 1);
        if (s3 < 0 || s3 >= to || m.indexOf('/', s3 + 1) >= 0 && m.indexOf('/', s3 + 1) < to) {
            return null;
        }
        final Double a = parseDecimal(m, from, s1);
        final Double b = parseDecimal(m, s1 + 1, s2);
        final Double c = parseDecimal(m, s2 + 1, s3);
        final Double d = parseDecimal(m, s3 + 1, to);
        if (a == null || b == null || c == null || d == null) {
            return null;
        }
        return new DeliveryDelays(a, b, c, d);
    }

    /**
     * {@code digits[.digits]} as a double, or null. Exact for up to 15 significant digits (one correctly
     * rounded division), longer numbers go through {@link Double#parseDouble}.
     */
    static Double parseDecimal(final String s, final int from, final int to) {
        if (from >= to) {
            return null;
        }
        long mantissa = 0;
        int digits = 0;
        int scale = 0;
        boolean dot = false;
        for (int i = from; i < to; i++) {
            final char c = s.charAt(i);
            if (isDigit(c)) {
                mantissa = mantissa * 10 + (c - '0');
                digits++;
                if (dot) {
                    scale++;
                }
                if (digits > MAX_FAST_DIGITS) {
                    return slowDecimal(s, from, to);
                }
            } else if (c == '.' && !dot) {
                dot = true;
            } else {
                return null;
            }
        }
        if (digits == 0) {
            return null;
        }
        return scale == 0 ? (double) mantissa : mantissa / POWERS_OF_TEN[scale];
    }

    private static Double slowDecimal(final String s, final int from, final int to) {
        for (int i = from; i < to; i++) {
            final char c = s.charAt(i);
            if (!isDigit(c) && c != '.') {
                return null;
            }
        }
        try {
            return Double.parseDouble(s.substring(from, to));
        } catch (final NumberFormatException e) {
            return null;
        }
    }

    private static long parseLong(final String s, final int from, final int to) {
        long value = 0;
        for (int i = from; i < to; i++) {
            value = value * 10 + (s.charAt(i) - '0');
        }
        return value;
    }

    /** Perl's {@code \s} on byte strings, which is what pflogsumm's {@code \S+} stops at. */
    private static boolean isPerlSpace(final char c) {
        return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == 0x0B;
    }

    private static boolean isDigit(final char c) {
        return c >= '0' && c <= '9';
    }

    private static boolean isAsciiAlnum(final char c) {
        return c >= '0' && c <= '9' || c >= 'A' && c <= 'Z' || c >= 'a' && c <= 'z';
    }
}
