package io.vigie.core.parse;

import io.vigie.core.model.SyslogRecord;
import io.vigie.core.time.CivilTime;
import io.vigie.core.time.LocalMinutes;
import io.vigie.core.time.SyslogYearResolver;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.util.Objects;

/**
 * Reads the syslog envelope of one line, in the three shapes mail hosts write:
 * <ul>
 *   <li>traditional BSD (RFC 3164 as written by syslogd/rsyslog): {@code Nov 28 05:00:00 host tag[pid]: msg},
 *       day possibly space-padded ({@code Nov  1}); the year comes from a {@link SyslogYearResolver} and the
 *       time is local time in its zone;</li>
 *   <li>RFC 3339 timestamps (rsyslog's default on Debian 12):
 *       {@code 2026-11-28T05:24:13.949958+00:00 host tag[pid]: msg}, also {@code Z} and no fraction;</li>
 *   <li>RFC 5424: {@code <34>1 2026-11-28T05:24:13.003Z host app procid msgid [sd] msg}, with {@code -}
 *       for nil values and an optional BOM before the message.</li>
 * </ul>
 * An optional {@code <PRI>} may precede the first two as well. A Solaris-style {@code [ID 123456 mail.info] }
 * after the tag is dropped, as pflogsumm does.
 *
 * <p>Hand-written index scanning, no regular expressions: this sits on the hot path of every log
 * source. Thread-safe; never throws for bad input.
 */
public final class SyslogParser implements LogParser<SyslogRecord> {

    public static final String SOURCE = "syslog";
    /** Lines longer than this many chars are refused by default. */
    public static final int DEFAULT_MAX_LINE_LENGTH = 64 * 1024;

    public static final String EMPTY_LINE = "empty line";
    public static final String LINE_TOO_LONG = "line too long";
    public static final String NOT_SYSLOG = "not syslog";
    public static final String BAD_TIMESTAMP = "bad timestamp";
    public static final String MISSING_TIMESTAMP = "missing timestamp";
    public static final String BAD_STRUCTURED_DATA = "bad structured data";
    public static final String BAD_TAG = "bad tag";
    public static final String TRUNCATED = "truncated line";

    private static final char BOM = '\uFEFF';
    private static final String BOM_READ_AS_LATIN1 = "\u00EF\u00BB\u00BF";
    private static final int MAX_PRI = 191;

    private final SyslogYearResolver years;
    private final int maxLineLength;
    private final LocalMinutes minutes;

    /** @see #SyslogParser(SyslogYearResolver, int) */
    public SyslogParser(final Clock clock, final ZoneId zone) {
        this(new SyslogYearResolver(clock, zone), DEFAULT_MAX_LINE_LENGTH);
    }

    /**
     * @param years         supplies the year and the zone of traditional timestamps
     * @param maxLineLength longer lines are refused with {@value #LINE_TOO_LONG}
     */
    public SyslogParser(final SyslogYearResolver years, final int maxLineLength) {
        this.years = Objects.requireNonNull(years, "years");
        this.minutes = new LocalMinutes(years.zone());
        if (maxLineLength <= 0) {
            throw new IllegalArgumentException("maxLineLength must be positive: " + maxLineLength);
        }
        this.maxLineLength = maxLineLength;
    }

    @Override
    public String source() {
        return SOURCE;
    }

    public int maxLineLength() {
        return maxLineLength;
    }

    @Override
    public ParseResult<SyslogRecord> parse(final String line) {
        if (line == null || line.isEmpty()) {
            return ParseResult.failed(SOURCE, EMPTY_LINE, line);
        }
        if (line.length() > maxLineLength) {
            return ParseResult.failed(SOURCE, LINE_TOO_LONG, line);
        }
        final Cursor c = new Cursor(line);
        final SyslogRecord record = read(c);
        if (record == null) {
            return ParseResult.failed(SOURCE, c.error, line);
        }
        return ParseResult.ok(record);
    }

    private SyslogRecord read(final Cursor c) {
        final String s = c.s;
        while (c.end > 0 && (s.charAt(c.end - 1) == '\n' || s.charAt(c.end - 1) == '\r')) {
            c.end--;
        }
        if (c.end == 0) {
            return c.fail(EMPTY_LINE);
        }
        if (s.charAt(0) == '<') {
            if (!skipPri(c)) {
                return c.fail(NOT_SYSLOG);
            }
            if (c.pos < c.end && isDigit(s.charAt(c.pos)) && isRfc5424Version(c)) {
                return readRfc5424(c);
            }
        }
        if (c.pos >= c.end) {
            return c.fail(TRUNCATED);
        }
        final char first = s.charAt(c.pos);
        final Instant timestamp;
        if (isDigit(first)) {
            timestamp = readRfc3339(c);
        } else if (first >= 'A' && first <= 'z') {
            timestamp = readBsdTimestamp(c);
        } else {
            return c.fail(NOT_SYSLOG);
        }
        if (timestamp == null) {
            return null;
        }
        if (!c.expectSpace()) {
            return null;
        }
        return readHostTagMessage(c, timestamp);
    }

    /** {@code <PRI>}: one to three digits, at most 191. */
    private static boolean skipPri(final Cursor c) {
        final String s = c.s;
        int i = 1;
        int value = 0;
        while (i < c.end && i <= 4 && isDigit(s.charAt(i))) {
            value = value * 10 + (s.charAt(i) - '0');
            i++;
        }
        if (i == 1 || i > 4 || i >= c.end || s.charAt(i) != '>' || value > MAX_PRI) {
            return false;
        }
        c.pos = i + 1;
        return true;
    }

    /** After a PRI: {@code VERSION SP} where the next field is a timestamp or {@code -}. */
    private static boolean isRfc5424Version(final Cursor c) {
        final String s = c.s;
        int i = c.pos;
        while (i < c.end && i - c.pos < 3 && isDigit(s.charAt(i))) {
            i++;
        }
        return i < c.end - 1 && s.charAt(i) == ' ' && (isDigit(s.charAt(i + 1)) || s.charAt(i + 1) == '-');
    }

    private Instant readBsdTimestamp(final Cursor c) {
        final String s = c.s;
        int p = c.pos;
        if (p + 3 > c.end) {
            return c.fail(NOT_SYSLOG);
        }
        final int month = monthOf(s.charAt(p), s.charAt(p + 1), s.charAt(p + 2));
        p += 3;
        if (month == 0 || p >= c.end || s.charAt(p) != ' ') {
            return c.fail(NOT_SYSLOG);
        }
        p++;
        if (p < c.end && s.charAt(p) == ' ') {
            p++;
        }
        int day = 0;
        final int dayStart = p;
        while (p < c.end && p - dayStart < 2 && isDigit(s.charAt(p))) {
            day = day * 10 + (s.charAt(p) - '0');
            p++;
        }
        if (p == dayStart || p >= c.end || s.charAt(p) != ' ') {
            return c.fail(BAD_TIMESTAMP);
        }
        p++;
        if (p + 8 > c.end || s.charAt(p + 2) != ':' || s.charAt(p + 5) != ':') {
            return c.fail(BAD_TIMESTAMP);
        }
        final int hour = CivilTime.twoDigits(s, p);
        final int minute = CivilTime.twoDigits(s, p + 3);
        final int second = CivilTime.twoDigits(s, p + 6);
        p += 8;
        c.pos = p;
        final int nanos = readFraction(c);
        if (nanos < 0 || hour > 23 || minute > 59 || second > 59 || hour < 0 || minute < 0 || second < 0) {
            return c.fail(BAD_TIMESTAMP);
        }
        if (day < 1 || day > 31) {
            return c.fail(BAD_TIMESTAMP);
        }
        final int year = years.yearFor(month, day);
        if (day > CivilTime.lengthOfMonth(year, month)) {
            return c.fail(BAD_TIMESTAMP);
        }
        return Instant.ofEpochSecond(minutes.epochSecond(year, month, day, hour, minute) + second, nanos);
    }

    /**
     * RFC 3339 {@code YYYY-MM-DDTHH:MM:SS[.frac](Z|+HH:MM|-HH:MM)}; without an offset the time is read in
     * this parser's zone.
     */
    private Instant readRfc3339(final Cursor c) {
        final String s = c.s;
        final int p = c.pos;
        if (p + 5 > c.end
                || !isDigit(s.charAt(p))
                || !isDigit(s.charAt(p + 1))
                || !isDigit(s.charAt(p + 2))
                || !isDigit(s.charAt(p + 3))
                || s.charAt(p + 4) != '-') {
            return c.fail(NOT_SYSLOG);
        }
        if (p + 19 > c.end
                || s.charAt(p + 7) != '-'
                || (s.charAt(p + 10) != 'T' && s.charAt(p + 10) != 't')
                || s.charAt(p + 13) != ':'
                || s.charAt(p + 16) != ':') {
            return c.fail(BAD_TIMESTAMP);
        }
        final int year = CivilTime.twoDigits(s, p) * 100 + CivilTime.twoDigits(s, p + 2);
        final int month = CivilTime.twoDigits(s, p + 5);
        final int day = CivilTime.twoDigits(s, p + 8);
        final int hour = CivilTime.twoDigits(s, p + 11);
        final int minute = CivilTime.twoDigits(s, p + 14);
        final int second = CivilTime.twoDigits(s, p + 17);
        if (month < 1
                || month > 12
                || day < 1
                || hour < 0
                || hour > 23
                || minute < 0
                || minute > 59
                || second < 0
                || second > 59
                || day > CivilTime.lengthOfMonth(year, month)) {
            return c.fail(BAD_TIMESTAMP);
        }
        c.pos = p + 19;
        final int nanos = readFraction(c);
        if (nanos < 0) {
            return c.fail(BAD_TIMESTAMP);
        }
        final long localEpochSecond =
                CivilTime.epochDay(year, month, day) * 86_400L + hour * 3_600L + minute * 60L + second;
        if (c.pos >= c.end || s.charAt(c.pos) == ' ') {
            return Instant.ofEpochSecond(minutes.epochSecond(year, month, day, hour, minute) + second, nanos);
        }
        final char sign = s.charAt(c.pos);
        if (sign == 'Z' || sign == 'z') {
            c.pos++;
            return Instant.ofEpochSecond(localEpochSecond, nanos);
        }
        if ((sign != '+' && sign != '-') || c.pos + 6 > c.end || s.charAt(c.pos + 3) != ':') {
            return c.fail(BAD_TIMESTAMP);
        }
        final int offsetHours = CivilTime.twoDigits(s, c.pos + 1);
        final int offsetMinutes = CivilTime.twoDigits(s, c.pos + 4);
        if (offsetHours < 0 || offsetHours > 18 || offsetMinutes < 0 || offsetMinutes > 59) {
            return c.fail(BAD_TIMESTAMP);
        }
        c.pos += 6;
        final int offsetSeconds = (offsetHours * 3_600 + offsetMinutes * 60) * (sign == '-' ? -1 : 1);
        return Instant.ofEpochSecond(localEpochSecond - offsetSeconds, nanos);
    }

    /** Optional {@code .digits}; returns nanoseconds (0 when absent), -1 when the dot has no digits. */
    private static int readFraction(final Cursor c) {
        final String s = c.s;
        if (c.pos >= c.end || s.charAt(c.pos) != '.') {
            return 0;
        }
        int p = c.pos + 1;
        int nanos = 0;
        int digits = 0;
        while (p < c.end && isDigit(s.charAt(p))) {
            if (digits < 9) {
                nanos = nanos * 10 + (s.charAt(p) - '0');
            }
            digits++;
            p++;
        }
        if (digits == 0) {
            return -1;
        }
        for (int d = digits; d < 9; d++) {
            nanos *= 10;
        }
        c.pos = p;
        return nanos;
    }

    private SyslogRecord readHostTagMessage(final Cursor c, final Instant timestamp) {
        final String s = c.s;
        final int hostStart = c.pos;
        while (c.pos < c.end && s.charAt(c.pos) != ' ') {
            c.pos++;
        }
        if (c.pos == hostStart) {
            return c.fail(NOT_SYSLOG);
        }
        if (c.pos >= c.end) {
            return c.fail(TRUNCATED);
        }
        final String host = s.substring(hostStart, c.pos);
        c.pos++;
        final int tagStart = c.pos;
        while (c.pos < c.end) {
            final char ch = s.charAt(c.pos);
            if (ch == ':' || ch == '[' || ch == ' ') {
                break;
            }
            c.pos++;
        }
        if (c.pos >= c.end) {
            return c.fail(TRUNCATED);
        }
        if (c.pos == tagStart) {
            return c.fail(BAD_TAG);
        }
        final String program = s.substring(tagStart, c.pos);
        Long pid = null;
        if (s.charAt(c.pos) == '[') {
            c.pos++;
            final int pidStart = c.pos;
            long value = 0;
            while (c.pos < c.end && isDigit(s.charAt(c.pos)) && c.pos - pidStart < 18) {
                value = value * 10 + (s.charAt(c.pos) - '0');
                c.pos++;
            }
            if (c.pos >= c.end) {
                return c.fail(TRUNCATED);
            }
            if (c.pos == pidStart || s.charAt(c.pos) != ']') {
                return c.fail(BAD_TAG);
            }
            c.pos++;
            pid = value;
        }
        if (c.pos >= c.end) {
            return c.fail(TRUNCATED);
        }
        if (s.charAt(c.pos) != ':') {
            return c.fail(BAD_TAG);
        }
        c.pos++;
        if (c.pos < c.end && s.charAt(c.pos) == ' ') {
            c.pos++;
        }
        final int messageStart = skipSolarisId(s, c.pos, c.end);
        return new SyslogRecord(timestamp, host, program, pid, s.substring(messageStart, c.end));
    }

    /** pflogsumm's {@code s/: \[ID \d+ [^\]]+\] /: /}: Solaris syslogd's message id and facility. */
    private static int skipSolarisId(final String s, final int from, final int end) {
        if (!s.startsWith("[ID ", from)) {
            return from;
        }
        int p = from + 4;
        final int digitsStart = p;
        while (p < end && isDigit(s.charAt(p))) {
            p++;
        }
        if (p == digitsStart || p >= end || s.charAt(p) != ' ') {
            return from;
        }
        p++;
        final int facilityStart = p;
        while (p < end && s.charAt(p) != ']') {
            p++;
        }
        if (p == facilityStart || p + 1 >= end || s.charAt(p + 1) != ' ') {
            return from;
        }
        return p + 2;
    }

    private SyslogRecord readRfc5424(final Cursor c) {
        final String s = c.s;
        while (isDigit(s.charAt(c.pos))) {
            c.pos++;
        }
        c.pos++;
        if (s.charAt(c.pos) == '-') {
            return c.fail(MISSING_TIMESTAMP);
        }
        final Instant timestamp = readRfc3339(c);
        if (timestamp == null || !c.expectSpace()) {
            return null;
        }
        final String host = nilToNull(readToken(c));
        final String appName = nilToNull(readToken(c));
        final String procId = nilToNull(readToken(c));
        final String msgId = readToken(c);
        if (msgId == null || c.pos >= c.end) {
            return c.fail(TRUNCATED);
        }
        if (s.charAt(c.pos) == '-') {
            c.pos++;
        } else if (s.charAt(c.pos) == '[') {
            if (!skipStructuredData(c)) {
                return c.fail(BAD_STRUCTURED_DATA);
            }
        } else {
            return c.fail(BAD_STRUCTURED_DATA);
        }
        String message = "";
        if (c.pos < c.end) {
            if (s.charAt(c.pos) != ' ') {
                return c.fail(BAD_STRUCTURED_DATA);
            }
            int from = c.pos + 1;
            if (from < c.end && s.charAt(from) == BOM) {
                from++;
            } else if (s.startsWith(BOM_READ_AS_LATIN1, from)) {
                from += BOM_READ_AS_LATIN1.length();
            }
            message = s.substring(from, c.end);
        }
        return new SyslogRecord(timestamp, host, appName, parsePid(procId), message);
    }

    /** One space-terminated header field; null (with the cursor at the end) when the line stops first. */
    private static String readToken(final Cursor c) {
        final String s = c.s;
        final int start = c.pos;
        while (c.pos < c.end && s.charAt(c.pos) != ' ') {
            c.pos++;
        }
        if (c.pos >= c.end || c.pos == start) {
            c.pos = c.end;
            return null;
        }
        final String token = s.substring(start, c.pos);
        c.pos++;
        return token;
    }

    /** {@code [id k="v" ...][id2 ...]}: values are quoted and may escape {@code "}, {@code \} and {@code ]}. */
    private static boolean skipStructuredData(final Cursor c) {
        final String s = c.s;
        while (c.pos < c.end && s.charAt(c.pos) == '[') {
            c.pos++;
            boolean quoted = false;
            boolean closed = false;
            while (c.pos < c.end) {
                final char ch = s.charAt(c.pos++);
                if (quoted) {
                    if (ch == '\\') {
                        c.pos++;
                    } else if (ch == '"') {
                        quoted = false;
                    }
                } else if (ch == '"') {
                    quoted = true;
                } else if (ch == ']') {
                    closed = true;
                    break;
                }
            }
            if (!closed) {
                return false;
            }
        }
        return c.pos <= c.end;
    }

    private static Long parsePid(final String procId) {
        if (procId == null || procId.isEmpty() || procId.length() > 18) {
            return null;
        }
        long value = 0;
        for (int i = 0; i < procId.length(); i++) {
            final char ch = procId.charAt(i);
            if (!isDigit(ch)) {
                return null;
            }
            value = value * 10 + (ch - '0');
        }
        return value;
    }

    private static String nilToNull(final String field) {
        return field == null || "-".equals(field) ? null : field;
    }

    private static int monthOf(final char a, final char b, final char c) {
        // case-insensitive: some relays upper-case the whole header
        final int k = ((a | 0x20) << 16) | ((b | 0x20) << 8) | (c | 0x20);
        switch (k) {
            case ('j' << 16) | ('a' << 8) | 'n':
                return 1;
            case ('f' << 16) | ('e' << 8) | 'b':
                return 2;
            case ('m' << 16) | ('a' << 8) | 'r':
                return 3;
            case ('a' << 16) | ('p' << 8) | 'r':
                return 4;
            case ('m' << 16) | ('a' << 8) | 'y':
                return 5;
            case ('j' << 16) | ('u' << 8) | 'n':
                return 6;
            case ('j' << 16) | ('u' << 8) | 'l':
                return 7;
            case ('a' << 16) | ('u' << 8) | 'g':
                return 8;
            case ('s' << 16) | ('e' << 8) | 'p':
                return 9;
            case ('o' << 16) | ('c' << 8) | 't':
                return 10;
            case ('n' << 16) | ('o' << 8) | 'v':
                return 11;
            case ('d' << 16) | ('e' << 8) | 'c':
                return 12;
            default:
                return 0;
        }
    }

    private static boolean isDigit(final char ch) {
        return ch >= '0' && ch <= '9';
    }

    /** Scan state of one line. {@code end} excludes trailing CR/LF. */
    private static final class Cursor {
        final String s;
        int pos;
        int end;
        String error;

        Cursor(final String s) {
            this.s = s;
            this.end = s.length();
        }

        <T> T fail(final String reason) {
            error = reason;
            return null;
        }

        boolean expectSpace() {
            if (pos >= end) {
                fail(TRUNCATED);
                return false;
            }
            if (s.charAt(pos) != ' ') {
                fail(BAD_TIMESTAMP);
                return false;
            }
            pos++;
            return true;
        }
    }
}
