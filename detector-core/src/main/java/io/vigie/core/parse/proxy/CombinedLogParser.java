package io.vigie.core.parse.proxy;

import io.vigie.core.model.ProxyEvent;
import io.vigie.core.net.UrlParts;
import io.vigie.core.parse.ParseResult;
import io.vigie.core.parse.text.FieldValues;
import io.vigie.core.parse.text.LineCursor;
import io.vigie.core.parse.text.Numbers;
import io.vigie.core.time.CivilTime;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Objects;

/**
 * Squid's {@code combined} and {@code common} logformats, which are Apache's:
 * {@code client ident user [dd/MMM/yyyy:HH:mm:ss Z] "METHOD URL HTTP/x" status bytes "referer" "user-agent"},
 * followed in Squid's combined by {@code TCP_x:HIER_y}.
 *
 * <ul>
 *   <li>Referer: {@code "-"} becomes {@code ""} (the format has the field, the request had none); in the common
 *       format, which has no Referer, it is null.</li>
 *   <li>Action and {@code blocked} come from the trailing {@code TCP_x:HIER_y} alone. A 403 without it could be
 *       the origin server's refusal, not the proxy's, so it does not make the request blocked.</li>
 *   <li>Also accepted: the date as {@code [dd/MM/yyyy HH:mm:ss]} without a zone (seen in Squid feeds relayed
 *       by some collectors), read in the zone given to the constructor, and unquoted trailing fields after the
 *       byte count, which are ignored.</li>
 *   <li>Bytes {@code -} is Apache's way of writing 0.</li>
 * </ul>
 * Thread-safe; never throws.
 */
final class CombinedLogParser extends GuardedLineParser {

    public static final String SOURCE = "combined";
    public static final String NOT_COMBINED = "not combined";
    public static final String UNPARSEABLE = "unparseable combined line";

    private final ZoneId zoneWithoutOffset;

    /** Dates without an offset are read as UTC. */
    public CombinedLogParser() {
        this(ZoneOffset.UTC);
    }

    /** @param zoneWithoutOffset the zone of dates logged without an offset */
    public CombinedLogParser(final ZoneId zoneWithoutOffset) {
        super(SOURCE, UNPARSEABLE, true);
        this.zoneWithoutOffset = Objects.requireNonNull(zoneWithoutOffset, "zoneWithoutOffset");
    }

    @Override
    protected ParseResult<ProxyLine> read(final String line) {
        final LineCursor c = new LineCursor(line);
        final String client = c.token();
        final String ident = c.token();
        final String user = c.token();
        if (user == null || c.atEnd()) {
            return fail(ProxyFields.TRUNCATED, line);
        }
        if (user.indexOf('[') >= 0 || !c.skip('[')) {
            return fail(NOT_COMBINED, line);
        }
        final String date = c.until(']');
        if (date == null) {
            return fail(ProxyFields.TRUNCATED, line);
        }
        final Instant when = time(date);
        if (when == null) {
            return fail(ProxyFields.BAD_TIMESTAMP, line);
        }
        if (c.peek() != '"') {
            return fail(c.atEnd() ? ProxyFields.TRUNCATED : NOT_COMBINED, line);
        }
        final String request = c.quoted();
        if (request == null) {
            return fail(ProxyFields.TRUNCATED, line);
        }
        final String statusText = c.token();
        final String bytesText = c.token();
        if (bytesText == null) {
            return fail(ProxyFields.TRUNCATED, line);
        }
        final int status = "-".equals(statusText) ? 0 : ProxyFields.status(statusText);
        if (status < 0) {
            return fail(ProxyFields.BAD_STATUS, line);
        }
        final long bytes = "-".equals(bytesText) ? 0 : Numbers.digits(bytesText);
        if (bytes == Numbers.NOT_A_NUMBER) {
            return fail(ProxyFields.BAD_BYTE_COUNT, line);
        }
        String referer = null;
        String userAgent = null;
        String action = null;
        if (c.peek() == '"') {
            referer = c.quoted();
            userAgent = referer == null ? null : c.quoted();
            if (referer == null || userAgent == null) {
                return fail(ProxyFields.TRUNCATED, line);
            }
            referer = "-".equals(referer) ? "" : referer;
            userAgent = FieldValues.dashToNull(userAgent);
            action = squidAction(c.token());
        }
        final Request r = Request.of(request);
        final UrlParts parts = UrlParts.of(r.url, r.method);
        return ParseResult.ok(ProxyLine.of(new ProxyEvent(
                when,
                SOURCE,
                client,
                FieldValues.dashToNull(user),
                r.method,
                r.url,
                parts.scheme(),
                parts.host(),
                parts.port(),
                parts.path(),
                parts.query(),
                status,
                action,
                ProxyFields.deniedAction(action),
                bytes,
                null,
                referer,
                userAgent,
                -1)));
    }

    /** {@code TCP_DENIED:HIER_NONE} → {@code TCP_DENIED}; null when the token is not Squid's {@code %Ss:%Sh}. */
    private static String squidAction(final String token) {
        if (token == null) {
            return null;
        }
        final int colon = token.indexOf(':');
        if (colon <= 0 || colon == token.length() - 1) {
            return null;
        }
        for (int i = 0; i < token.length(); i++) {
            final char ch = token.charAt(i);
            if (i != colon && !(ch >= 'A' && ch <= 'Z' || ch >= '0' && ch <= '9' || ch == '_')) {
                return null;
            }
        }
        return token.substring(0, colon);
    }

    /** {@code 28/Nov/2026:05:27:26 +0000}, or {@code 05/02/2025 11:30:29} in this parser's zone. */
    private Instant time(final String d) {
        if (d.length() == 26
                && d.charAt(2) == '/'
                && d.charAt(6) == '/'
                && d.charAt(11) == ':'
                && d.charAt(20) == ' ') {
            final int month = month(d.charAt(3), d.charAt(4), d.charAt(5));
            final long day = CivilTime.epochDayIfValid(CivilTime.fourDigits(d, 7), month, CivilTime.twoDigits(d, 0));
            final int seconds = CivilTime.timeOfDay(d, 12);
            final int offset = offsetSeconds(d, 21);
            if (day < 0 || seconds < 0 || offset == Integer.MIN_VALUE) {
                return null;
            }
            return Instant.ofEpochSecond(day * 86_400 + seconds - offset);
        }
        if (d.length() == 19 && d.charAt(2) == '/' && d.charAt(5) == '/' && d.charAt(10) == ' ') {
            final int year = CivilTime.fourDigits(d, 6);
            final int month = CivilTime.twoDigits(d, 3);
            final int dayOfMonth = CivilTime.twoDigits(d, 0);
            final int seconds = CivilTime.timeOfDay(d, 11);
            if (CivilTime.epochDayIfValid(year, month, dayOfMonth) < 0 || seconds < 0 || seconds >= 86_400) {
                return null;
            }
            return LocalDateTime.of(year, month, dayOfMonth, seconds / 3_600, seconds / 60 % 60, seconds % 60)
                    .atZone(zoneWithoutOffset)
                    .toInstant();
        }
        return null;
    }

    /** {@code +hhmm} / {@code -hhmm} → seconds east of UTC, or {@link Integer#MIN_VALUE}. */
    private static int offsetSeconds(final String d, final int at) {
        final char sign = d.charAt(at);
        final int hours = CivilTime.twoDigits(d, at + 1);
        final int minutes = CivilTime.twoDigits(d, at + 3);
        if (sign != '+' && sign != '-' || hours < 0 || hours > 18 || minutes < 0 || minutes > 59) {
            return Integer.MIN_VALUE;
        }
        final int seconds = hours * 3_600 + minutes * 60;
        return sign == '-' ? -seconds : seconds;
    }

    private static int month(final char a, final char b, final char c) {
        final String name = new String(new char[] {a, b, c});
        return switch (name) {
            case "Jan" -> 1;
            case "Feb" -> 2;
            case "Mar" -> 3;
            case "Apr" -> 4;
            case "May" -> 5;
            case "Jun" -> 6;
            case "Jul" -> 7;
            case "Aug" -> 8;
            case "Sep" -> 9;
            case "Oct" -> 10;
            case "Nov" -> 11;
            case "Dec" -> 12;
            default -> 0;
        };
    }

    private static ParseResult<ProxyLine> fail(final String reason, final String line) {
        return ParseResult.failed(SOURCE, reason, line);
    }

    /**
     * The request line: {@code METHOD URL HTTP/x}; {@code "-"} when there was none (Squid, Apache), a bare
     * method or URL when the client sent garbage. The URL is whatever lies between, spaces included.
     */
    private record Request(String method, String url) {

        static Request of(final String request) {
            final String r = request.trim();
            if (r.isEmpty() || "-".equals(r)) {
                return new Request(null, null);
            }
            final int first = r.indexOf(' ');
            if (first < 0) {
                return new Request(ProxyFields.method(r), null);
            }
            final String method = ProxyFields.method(r.substring(0, first));
            int urlEnd = r.length();
            final int last = r.lastIndexOf(' ');
            if (last > first && r.startsWith("HTTP/", last + 1)) {
                urlEnd = last;
            }
            final String url = r.substring(first + 1, urlEnd).trim();
            return new Request(method, url.isEmpty() ? null : url);
        }
    }
}
