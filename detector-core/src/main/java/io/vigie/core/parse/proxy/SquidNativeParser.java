package io.vigie.core.parse.proxy;

import io.vigie.core.model.ProxyEvent;
import io.vigie.core.net.UrlParts;
import io.vigie.core.parse.ParseResult;
import io.vigie.core.parse.text.FieldValues;
import io.vigie.core.parse.text.LineCursor;
import io.vigie.core.parse.text.Numbers;
import io.vigie.core.time.LoggedTimes;
import java.time.Instant;

/**
 * Squid's default {@code squid} logformat:
 * {@code time.ms elapsed client code/status bytes method URL user hierarchy/peer type}, e.g.
 * {@code 1522663539.541     61 192.168.11.2 TCP_MISS/301 3857 GET http://yahoo.co.jp/ - HIER_DIRECT/182.22.59.229
 * text/html}.
 *
 * <p>The format has no Referer, so {@link ProxyEvent#referer()} is null; sites that append
 * {@code "%{Referer}>h" "%{User-Agent}>h"} to it get both read (a {@code "-"} Referer is then {@code ""}).
 * Fields are separated by runs of spaces (Squid pads the elapsed time). Behind the {@link GuardedLineParser}
 * guard, NUL bytes refused. Thread-safe; never throws.
 */
final class SquidNativeParser extends GuardedLineParser {

    public static final String SOURCE = "squid";
    public static final String NOT_SQUID_NATIVE = "not squid native";
    public static final String UNPARSEABLE = "unparseable squid line";

    public SquidNativeParser() {
        super(SOURCE, UNPARSEABLE, true);
    }

    @Override
    protected ParseResult<ProxyLine> read(final String line) {
        final LineCursor c = new LineCursor(line);
        final String time = c.token();
        if (time == null || time.charAt(0) < '0' || time.charAt(0) > '9') {
            return fail(NOT_SQUID_NATIVE, line);
        }
        // exactly one dot: none is some other log's number, several an IPv4 client (combined, common)
        final int dot = time.indexOf('.');
        if (dot < 0 || time.indexOf('.', dot + 1) >= 0) {
            return fail(NOT_SQUID_NATIVE, line);
        }
        final Instant when = epochMillis(time);
        if (when == null) {
            return fail(ProxyFields.BAD_TIMESTAMP, line);
        }
        final String elapsed = c.token();
        final String client = c.token();
        final String codeStatus = c.token();
        final String bytes = c.token();
        final String method = c.token();
        final String url = c.token();
        final String user = c.token();
        final String hierarchy = c.token();
        final String type = c.token();
        if (type == null) {
            return fail(ProxyFields.TRUNCATED, line);
        }
        if (hierarchy.indexOf('/') < 0) {
            return fail(NOT_SQUID_NATIVE, line);
        }
        final int slash = codeStatus.lastIndexOf('/');
        if (slash <= 0) {
            return fail(NOT_SQUID_NATIVE, line);
        }
        final int status = ProxyFields.status(codeStatus.substring(slash + 1));
        if (status < 0) {
            return fail(ProxyFields.BAD_STATUS, line);
        }
        final long byteCount = Numbers.digits(bytes);
        if (byteCount == Numbers.NOT_A_NUMBER) {
            return fail(ProxyFields.BAD_BYTE_COUNT, line);
        }
        final long durationMs = duration(elapsed);
        if (durationMs == Numbers.NOT_A_NUMBER) {
            return fail(ProxyFields.BAD_DURATION, line);
        }
        // optional custom tail: "referer" "user-agent"
        String referer = null;
        String userAgent = null;
        if (c.peek() == '"') {
            referer = c.quoted();
            userAgent = referer == null ? null : c.quoted();
            if (referer == null || userAgent == null && c.unclosedQuote()) {
                return fail(ProxyFields.TRUNCATED, line);
            }
            referer = "-".equals(referer) ? "" : referer;
            userAgent = FieldValues.dashToNull(userAgent);
        }
        final String action = codeStatus.substring(0, slash);
        final String normalisedMethod = ProxyFields.method(method);
        final UrlParts parts = UrlParts.of(url, normalisedMethod);
        return ParseResult.ok(ProxyLine.of(new ProxyEvent(
                when,
                SOURCE,
                client,
                FieldValues.dashToNull(user),
                normalisedMethod,
                url,
                parts.scheme(),
                parts.host(),
                parts.port(),
                parts.path(),
                parts.query(),
                status,
                action,
                ProxyFields.deniedAction(action),
                byteCount,
                ProxyFields.contentType(type),
                referer,
                userAgent,
                durationMs)));
    }

    /** {@code seconds.millis}; Squid always writes three decimals, more or fewer are accepted. */
    private static Instant epochMillis(final String text) {
        return LoggedTimes.epochSecondsWithFraction(text);
    }

    /** Squid logs a negative elapsed time when the clock steps back during a request: unknown, not an error. */
    private static long duration(final String elapsed) {
        if (elapsed.length() > 1 && elapsed.charAt(0) == '-') {
            return Numbers.digits(elapsed.substring(1)) == Numbers.NOT_A_NUMBER ? Numbers.NOT_A_NUMBER : -1;
        }
        return Numbers.digits(elapsed);
    }

    private static ParseResult<ProxyLine> fail(final String reason, final String line) {
        return ParseResult.failed(SOURCE, reason, line);
    }
}
