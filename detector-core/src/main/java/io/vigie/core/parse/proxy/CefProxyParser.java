package io.vigie.core.parse.proxy;

import io.vigie.core.model.ProxyEvent;
import io.vigie.core.parse.ParseResult;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * ArcSight CEF web records ({@code CEF:0|Vendor|Product|Version|SignatureID|Name|Severity|extension}), after
 * an optional syslog header, and also without the {@code CEF:} prefix, as Forcepoint's syslog forwarder
 * writes them. Header fields escape {@code \|} and {@code \\}; extension values escape {@code \=},
 * {@code \\}, {@code \n} and {@code \r}, and run until the next unescaped {@code key=}.
 *
 * <p>Mapping: {@code rt} time, {@code src} client, {@code suser} user, {@code requestMethod}, {@code request}
 * URL, {@code dhost}/{@code dpt} host and port, {@code act} action (blocked when it says so), {@code out}
 * bytes to the client (CEF's "destination to source"), {@code requestClientApplication} user agent,
 * {@code requestContext} or Forcepoint's {@code refererUrl} Referer, and the {@code cs<n>}/{@code cn<n>}
 * fields by their labels ({@code ContentType}, {@code Referer}, {@code Status}, {@code User-Agent}).
 * Thread-safe; never throws.
 */
public final class CefProxyParser extends GuardedLineParser {

    public static final String FORMAT = "cef";

    public static final String BAD_HEADER = "bad CEF header";
    public static final String UNPARSEABLE = "unparseable CEF line";

    private static final int HEADER_FIELDS = 7;
    /** CEF's own date form for {@code rt}: {@code MMM dd yyyy HH:mm:ss}. */
    private static final DateTimeFormatter CEF_DATE = DateTimeFormatter.ofPattern("MMM dd uuuu HH:mm:ss",
            Locale.ENGLISH);

    private final ZoneId zone;

    /** @param zone the device's zone, for {@code rt} values written without one */
    public CefProxyParser(final ZoneId zone) {
        super(FORMAT, UNPARSEABLE);
        this.zone = Objects.requireNonNull(zone, "zone");
    }

    @Override
    ParseResult<ProxyLine> read(final String line) {
        final int start = headerStart(line);
        if (start < 0) {
            return failed(BAD_HEADER, line);
        }
        final String[] header = new String[HEADER_FIELDS];
        int i = start;
        for (int field = 0; field < HEADER_FIELDS; field++) {
            final int end = unescapedPipe(line, i);
            if (end < 0) {
                return failed(BAD_HEADER, line);
            }
            header[field] = unescapeHeader(line.substring(i, end));
            i = end + 1;
        }
        return ParseResult.ok(ProxyLine.of(map(extension(line, i))));
    }

    /** Index of the version field: after {@code CEF:}, or the line itself when it starts with {@code <digits>|}. */
    static int headerStart(final String line) {
        final int cef = line.indexOf("CEF:");
        if (cef >= 0) {
            return cef + 4;
        }
        int i = 0;
        while (i < line.length() && line.charAt(i) == ' ') {
            i++;
        }
        final int digits = i;
        while (i < line.length() && Character.isDigit(line.charAt(i))) {
            i++;
        }
        return i > digits && i < line.length() && line.charAt(i) == '|' ? digits : -1;
    }

    private ProxyEvent map(final Map<String, String> x) {
        final Map<String, String> labelled = labelled(x);
        final ProxyEventBuilder b = new ProxyEventBuilder(FORMAT);
        b.time = time(Values.first(x, "rt", "end", "start"));
        b.clientIp = Values.first(x, "src", "shost");
        b.user = Values.first(x, "suser", "duser");
        b.method = Values.first(x, "requestmethod");
        b.url = Values.first(x, "request");
        if (b.url == null) {
            b.host = Values.first(x, "dhost", "dst");
        }
        final int port = Values.port(x.get("dpt"));
        if (b.url == null && port >= 0) {
            b.port = port;
        }
        b.action = Values.first(x, "act");
        b.blocked = Values.meansBlocked(b.action);
        b.bytes = Values.toLong(x.get("out"), -1);
        b.userAgent = Values.first(x, "requestclientapplication");
        if (b.userAgent == null) {
            b.userAgent = Values.first(labelled, "user-agent", "useragent");
        }
        b.contentType = Values.first(labelled, "contenttype", "content-type");
        b.status = Values.status(Values.first(labelled, "status", "httpstatus", "http status", "statuscode"));
        if (x.containsKey("requestcontext") || x.containsKey("refererurl") || labelled.containsKey("referer")) {
            final String referer = Values.first(x, "requestcontext", "refererurl");
            b.referer = Values.referer(referer != null ? referer : labelled.get("referer"));
        }
        return b.build();
    }

    /** {@code cs1Label=Policy cs1=X} becomes {@code policy=X}, so fields are found by meaning, not by slot. */
    private static Map<String, String> labelled(final Map<String, String> x) {
        final Map<String, String> out = new LinkedHashMap<>();
        for (final Map.Entry<String, String> e : x.entrySet()) {
            final String key = e.getKey();
            if (key.endsWith("label")) {
                continue;
            }
            final String label = x.get(key + "label");
            if (label != null && (key.startsWith("cs") || key.startsWith("cn") || key.startsWith("flexstring"))) {
                out.putIfAbsent(label.toLowerCase(Locale.ROOT), e.getValue());
            }
        }
        return out;
    }

    private Instant time(final String rt) {
        if (rt == null) {
            return null;
        }
        final Instant t = Times.parse(rt, zone);
        if (t != null) {
            return t;
        }
        try {
            return LocalDateTime.parse(rt, CEF_DATE).atZone(zone).toInstant();
        } catch (final DateTimeException e) {
            return null;
        }
    }

    /** The extension's pairs, keys in lower case; a value runs to the next unescaped {@code key=}. */
    static Map<String, String> extension(final String line, final int from) {
        final Map<String, String> pairs = new LinkedHashMap<>();
        int i = from;
        final int n = line.length();
        while (i < n && pairs.size() < KeyValues.MAX_PAIRS) {
            while (i < n && line.charAt(i) == ' ') {
                i++;
            }
            final int keyEnd = KeyValues.keyEnd(line, i);
            if (keyEnd == i || keyEnd >= n || line.charAt(keyEnd) != '=') {
                // not a key (e.g. "=x"): skip to the next space
                while (i < n && line.charAt(i) != ' ') {
                    i++;
                }
                continue;
            }
            final int valueStart = keyEnd + 1;
            int end = valueStart;
            int candidate = n;
            while (end < n) {
                if (line.charAt(end) == '\\') {
                    end += 2;
                    continue;
                }
                if (line.charAt(end) == ' ') {
                    final int k = KeyValues.keyEnd(line, end + 1);
                    if (k > end + 1 && k < n && line.charAt(k) == '=') {
                        candidate = end;
                        break;
                    }
                }
                end++;
            }
            pairs.putIfAbsent(line.substring(i, keyEnd).toLowerCase(Locale.ROOT),
                    unescapeValue(line.substring(valueStart, Math.min(candidate, n))).strip());
            i = candidate;
        }
        return pairs;
    }

    private static int unescapedPipe(final String s, final int from) {
        for (int i = from; i < s.length(); i++) {
            if (s.charAt(i) == '\\') {
                i++;
            } else if (s.charAt(i) == '|') {
                return i;
            }
        }
        return -1;
    }

    private static String unescapeHeader(final String s) {
        return s.indexOf('\\') < 0 ? s : s.replace("\\|", "|").replace("\\\\", "\\");
    }

    private static String unescapeValue(final String s) {
        if (s.indexOf('\\') < 0) {
            return s;
        }
        final StringBuilder b = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            final char c = s.charAt(i);
            if (c != '\\' || i + 1 >= s.length()) {
                b.append(c);
                continue;
            }
            final char next = s.charAt(++i);
            switch (next) {
                case 'n' -> b.append('\n');
                case 'r' -> b.append('\r');
                case '=', '\\' -> b.append(next);
                default -> b.append('\\').append(next);
            }
        }
        return b.toString();
    }
}
