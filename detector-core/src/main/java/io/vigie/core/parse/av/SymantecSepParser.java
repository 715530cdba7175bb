package io.vigie.core.parse.av;

import io.vigie.core.parse.ParseResult;
import java.time.ZoneId;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * Symantec Endpoint Protection Manager syslog messages: comma-separated, most fields as {@code Label: value}.
 * A risk (virus, security risk, SONAR) record carries {@code Risk name}: it is a detection; scan, behaviour,
 * traffic, system and administrative records are ignored. Mapping: {@code Event time}, {@code Computer name},
 * {@code IP Address}, {@code User Name}, {@code Risk name}, {@code File path}, {@code Application hash},
 * {@code Actual action}, {@code Download site} as origin.
 */
final class SymantecSepParser extends GuardedAvParser {

    public static final String FORMAT = "sep";
    public static final String NOT_SEP = "not a SEP record";

    private final ZoneId zone;

    /** @param zone the manager's zone: SEP writes local times */
    public SymantecSepParser(final ZoneId zone) {
        super(FORMAT, NOT_SEP);
        this.zone = Objects.requireNonNull(zone, "zone");
    }

    @Override
    protected ParseResult<AvLine> read(final String line) {
        final Map<String, String> f = fields(line);
        if (f.size() < 2) {
            return failed(NOT_SEP, line);
        }
        if (!f.containsKey("risk name")) {
            return ParseResult.ok(AvLine.ignored(AvFields.NOT_DETECTION));
        }
        final AvEventBuilder b = new AvEventBuilder(FORMAT);
        b.time = AvFields.time(AvFields.first(f, "event time", "begin"), zone);
        b.host = AvFields.first(f, "computer name", "computer");
        b.hostIp = AvFields.first(f, "ip address");
        b.user = AvFields.first(f, "user name", "user1");
        b.threat = AvFields.first(f, "risk name");
        b.path = AvFields.first(f, "file path");
        b.hash(AvFields.first(f, "application hash"));
        b.action = AvFields.action(AvFields.first(f, "actual action"));
        b.origin = AvFields.first(f, "download site", "web domain");
        return ParseResult.ok(AvLine.of(b.build()));
    }

    /** The {@code Label: value} fields, labels in lower case; a quoted field may hold commas. */
    static Map<String, String> fields(final String line) {
        final Map<String, String> out = new LinkedHashMap<>();
        int i = 0;
        final int n = line.length();
        while (i < n && out.size() < 256) {
            int end;
            String field;
            if (line.charAt(i) == '"') {
                end = line.indexOf('"', i + 1);
                end = end < 0 ? n : end;
                field = line.substring(i + 1, end);
                end = line.indexOf(',', end);
                end = end < 0 ? n : end;
            } else {
                end = line.indexOf(',', i);
                end = end < 0 ? n : end;
                field = line.substring(i, end);
            }
            final int colon = field.indexOf(": ");
            if (colon > 0 && colon < 50) {
                out.putIfAbsent(
                        field.substring(0, colon).strip().toLowerCase(Locale.ROOT),
                        field.substring(colon + 2).strip());
            } else if (field.endsWith(":") && field.length() < 50) {
                out.putIfAbsent(field.substring(0, field.length() - 1).strip().toLowerCase(Locale.ROOT), "");
            }
            i = end + 1;
        }
        return out;
    }
}
