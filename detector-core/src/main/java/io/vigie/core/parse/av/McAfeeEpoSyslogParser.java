package io.vigie.core.parse.av;

import io.vigie.core.parse.ParseResult;
import java.time.ZoneId;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * McAfee ePO threat events forwarded as syslog {@code key="value", ...} records (the shape of Apache Metron's
 * {@code mcafeeepo} sample): {@code <13> host "2016-04-11 14:20:15" timestamp="...", signature="...", ...}.
 *
 * <p>A detection is an event whose {@code category} is {@code av.*} (anti-malware) or {@code hip.*} (access
 * protection and host IPS, which VirusScan reports as threat events); change-control ({@code cc.*}), device
 * and policy events are ignored. Mapping: {@code detected_timestamp} (else {@code timestamp}),
 * {@code dest_nt_host}/{@code dest_dns}/{@code fqdn}, {@code dest_ip}, {@code user}, {@code signature} as
 * threat, {@code file_name}, {@code vendor_action}, {@code severity_id}.
 */
final class McAfeeEpoSyslogParser extends GuardedAvParser {

    public static final String FORMAT = "mcafee-epo";
    public static final String NOT_EPO = "not an ePO key=value record";

    private final ZoneId zone;

    public McAfeeEpoSyslogParser(final ZoneId zone) {
        super(FORMAT, NOT_EPO);
        this.zone = Objects.requireNonNull(zone, "zone");
    }

    @Override
    protected ParseResult<AvLine> read(final String line) {
        final Map<String, String> x = quotedPairs(line);
        if (!x.containsKey("signature") && !x.containsKey("category")) {
            return failed(NOT_EPO, line);
        }
        final String category = x.getOrDefault("category", "").toLowerCase(Locale.ROOT);
        if (!category.startsWith("av.") && !category.startsWith("hip.")) {
            return ParseResult.ok(AvLine.ignored(AvFields.NOT_DETECTION));
        }
        final AvEventBuilder b = new AvEventBuilder(FORMAT);
        b.time = AvFields.time(AvFields.first(x, "detected_timestamp", "timestamp"), zone);
        b.host = AvFields.first(x, "dest_nt_host", "dest_dns", "fqdn");
        b.hostIp = AvFields.first(x, "dest_ip");
        b.user = AvFields.first(x, "user", "logon_user");
        b.threat = AvFields.first(x, "signature", "threat_name");
        b.path = AvFields.first(x, "file_name");
        b.action = AvFields.action(AvFields.first(x, "vendor_action"));
        b.severity = AvFields.first(x, "severity_id");
        return ParseResult.ok(AvLine.of(b.build()));
    }

    /** {@code key="value"} pairs, keys in lower case; unquoted values run to the next comma or space. */
    static Map<String, String> quotedPairs(final String line) {
        final Map<String, String> out = new LinkedHashMap<>();
        int i = 0;
        final int n = line.length();
        while (i < n && out.size() < 512) {
            final int eq = line.indexOf('=', i);
            if (eq < 0) {
                break;
            }
            int k = eq;
            while (k > i && (Character.isLetterOrDigit(line.charAt(k - 1)) || line.charAt(k - 1) == '_')) {
                k--;
            }
            final String key = line.substring(k, eq).toLowerCase(Locale.ROOT);
            int end;
            String value;
            if (eq + 1 < n && line.charAt(eq + 1) == '"') {
                end = line.indexOf('"', eq + 2);
                if (end < 0) {
                    end = n;
                }
                value = line.substring(eq + 2, end);
                end++;
            } else {
                end = eq + 1;
                while (end < n && line.charAt(end) != ',' && line.charAt(end) != ' ') {
                    end++;
                }
                value = line.substring(eq + 1, end);
            }
            if (!key.isEmpty()) {
                out.putIfAbsent(key, value);
            }
            i = Math.max(end, eq + 1);
        }
        return out;
    }
}
