package io.vigie.core.parse.av;

import io.vigie.core.parse.ParseResult;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * Kaspersky Security Center events forwarded as text, {@code Label: value} fields separated by CRLF (written
 * as real line breaks or as the literal {@code \r\n} that syslog exports leave). A detection has a threat
 * {@code Name} with a {@code Type} and an {@code Object}; errors, update and "object not processed" events are
 * ignored. Mapping: {@code Name} threat, {@code Object} path, {@code User} (without its role in parentheses),
 * {@code SHA256}/{@code MD5}, {@code Result description} as action. The text has no event time nor host: the
 * syslog envelope carries them.
 */
final class KasperskyParser extends GuardedAvParser {

    public static final String FORMAT = "kaspersky";
    public static final String NOT_KASPERSKY = "not a Kaspersky event";

    public KasperskyParser() {
        super(FORMAT, NOT_KASPERSKY);
    }

    @Override
    protected ParseResult<AvLine> read(final String line) {
        final Map<String, String> f = fields(line);
        if (!f.containsKey("result description") && !f.containsKey("event type")) {
            return failed(NOT_KASPERSKY, line);
        }
        if (!f.containsKey("name") || !f.containsKey("type") || !f.containsKey("object")) {
            return ParseResult.ok(AvLine.ignored(AvFields.NOT_DETECTION));
        }
        final AvEventBuilder b = new AvEventBuilder(FORMAT);
        b.threat = f.get("name");
        b.path = f.get("object");
        String user = f.get("user");
        if (user != null && user.endsWith(")") && user.lastIndexOf(" (") > 0) {
            user = user.substring(0, user.lastIndexOf(" ("));
        }
        b.user = user;
        b.hash(f.get("sha256"));
        b.hash(f.get("md5"));
        b.action = AvFields.action(f.get("result description"));
        return ParseResult.ok(AvLine.of(b.build()));
    }

    static Map<String, String> fields(final String line) {
        final Map<String, String> out = new LinkedHashMap<>();
        for (final String part :
                line.replace("\\r\\n", "\n").replace("\\n", "\n").split("\r?\n")) {
            final int colon = part.indexOf(": ");
            if (colon > 0 && colon < 60) {
                out.putIfAbsent(
                        part.substring(0, colon).strip().toLowerCase(Locale.ROOT),
                        part.substring(colon + 2).strip());
            }
        }
        return out;
    }
}
