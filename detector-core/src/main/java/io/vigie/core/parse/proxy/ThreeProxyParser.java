package io.vigie.core.parse.proxy;

import io.vigie.core.parse.ParseResult;
import io.vigie.core.parse.text.LineCursor;
import io.vigie.core.parse.text.Numbers;
import java.time.DateTimeException;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;

/**
 * 3proxy's default log format, {@code %d-%m-%Y %H:%M:%S %z %N.%p %E %U %C:%c %R:%r %O %I %h %T}: date, time,
 * offset, service.port, error code, user, client:port, remote:port, bytes out, bytes in, hops, request line.
 * Error codes 1 and 3 to 9 are 3proxy's access-control and authentication refusals, hence {@code blocked};
 * the code is the action ({@code 00004}). A line with an empty request is a connection that never sent one
 * and is ignored. fail2ban's {@code # failJSON:} annotations in its test logs are ignored too. Thread-safe;
 * never throws.
 */
final class ThreeProxyParser extends GuardedLineParser {

    public static final String FORMAT = "3proxy";

    public static final String UNPARSEABLE = "unparseable 3proxy line";
    public static final String TOO_FEW_FIELDS = "too few 3proxy fields";
    public static final String BAD_TIME = "bad 3proxy timestamp";
    public static final String ANNOTATION = "fail2ban annotation";
    public static final String NO_REQUEST = "connection without request";

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("dd-MM-uuuu HH:mm:ss Z", Locale.ROOT);
    private static final int FIELDS = 11;

    public ThreeProxyParser() {
        super(FORMAT, UNPARSEABLE);
    }

    @Override
    protected ParseResult<ProxyLine> read(final String line) {
        if (line.startsWith("# failJSON:")) {
            return ParseResult.ok(ProxyLine.ignored(ANNOTATION));
        }
        final List<String> t = LineCursor.fields(line.strip(), 12);
        if (t.size() < FIELDS) {
            return failed(TOO_FEW_FIELDS, line);
        }
        final ProxyEventBuilder b = new ProxyEventBuilder(FORMAT);
        try {
            b.time = OffsetDateTime.parse(t.get(0) + " " + t.get(1) + " " + t.get(2), TIME)
                    .toInstant();
        } catch (final DateTimeException e) {
            return failed(BAD_TIME, line);
        }
        if (t.size() < 12 || t.get(11).isBlank()) {
            return ParseResult.ok(ProxyLine.ignored(NO_REQUEST));
        }
        final int code = Numbers.toInt(t.get(4), -1);
        b.action = t.get(4);
        b.blocked = code == 1 || code >= 3 && code <= 9;
        b.user = ProxyFields.orNull(t.get(5));
        final String client = t.get(6);
        final int colon = client.lastIndexOf(':');
        b.clientIp = colon < 0 ? client : client.substring(0, colon);
        b.bytes = Numbers.toLong(t.get(9), -1);
        final String[] request = t.get(11).split(" ", 3);
        b.method = request[0];
        b.url = request.length > 1 ? request[1] : null;
        return ParseResult.ok(ProxyLine.of(b.build()));
    }
}
