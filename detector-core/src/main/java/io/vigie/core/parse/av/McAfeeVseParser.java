package io.vigie.core.parse.av;

import io.vigie.core.parse.ParseResult;
import io.vigie.core.time.LoggedTimes;
import java.time.DateTimeException;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.Objects;

/**
 * McAfee VirusScan Enterprise {@code AccessProtectionLog.txt}: tab-separated, UTF-8 with a BOM on the first
 * line: date, time ({@code 9/27/2013  2:42:26 PM}, local), status, user, process, target, rule, action.
 * Every line is an access-protection detection: the rule is the threat, the target the path, the action
 * {@code blocked} or, for "would be blocked" (rule not enforced), {@code none}. Port-blocking lines have no
 * user column: date, time, status, process (the path), rule, and the address (the origin). The file does not
 * name the machine: the host is the caller's.
 */
final class McAfeeVseParser extends GuardedAvParser {

    public static final String FORMAT = "mcafee-vse";
    public static final String NOT_VSE = "not an AccessProtectionLog line";

    private final String host;
    private final ZoneId zone;

    public McAfeeVseParser(final String host, final ZoneId zone) {
        super(FORMAT, NOT_VSE);
        this.host = host;
        this.zone = Objects.requireNonNull(zone, "zone");
    }

    @Override
    protected ParseResult<AvLine> read(final String line) {
        final String l = line.startsWith("\uFEFF") ? line.substring(1) : line;
        final String[] f = l.split("\t", -1);
        if (f.length < 6) {
            return failed(NOT_VSE, line);
        }
        final AvEventBuilder b = new AvEventBuilder(FORMAT);
        try {
            b.time = LocalDateTime.parse((f[0].strip() + " " + f[1].strip()).replaceAll(" +", " "), LoggedTimes.US)
                    .atZone(zone)
                    .toInstant();
        } catch (final DateTimeException e) {
            return failed(NOT_VSE, line);
        }
        b.host = host;
        if (f.length == 6) {
            // port blocking: no user; process, rule, then the blocked address
            b.threat = f[4];
            b.path = f[3];
            b.origin = f[5];
        } else {
            b.user = f[3];
            b.threat = f[6];
            b.path = f[5];
        }
        final String status = f[2].strip();
        b.action = status.startsWith("Would")
                ? "none"
                : status.startsWith("Blocked") ? "blocked" : AvFields.action(status);
        return ParseResult.ok(AvLine.of(b.build()));
    }
}
