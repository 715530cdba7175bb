package io.vigie.core.parse.av;

import io.vigie.core.parse.ParseResult;
import java.time.DateTimeException;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * The Symantec Endpoint Protection client's own log ({@code Symantec.Log}, the scan and risk log plaso reads):
 * comma-separated, 60 and more fields, the first a hex timestamp {@code YYMMDDhhmmss} where each pair is one
 * hex byte (years since 1970, month from 0). Fields used: 4 computer, 5 user, 6 risk name, 7 file. A line
 * with a risk name is a detection; definition updates and other events are ignored. The action fields are
 * numeric codes this parser does not name: the action is null.
 */
final class SymantecLogParser extends GuardedAvParser {

    public static final String FORMAT = "symantec-log";
    public static final String NOT_SYMANTEC_LOG = "not a Symantec.Log line";

    private final ZoneId zone;

    /** @param zone the client's zone: the log's times are local */
    public SymantecLogParser(final ZoneId zone) {
        super(FORMAT, NOT_SYMANTEC_LOG);
        this.zone = Objects.requireNonNull(zone, "zone");
    }

    @Override
    protected ParseResult<AvLine> read(final String line) {
        final List<String> f = split(line.strip());
        if (f.size() < 8 || f.get(0).length() != 12) {
            return failed(NOT_SYMANTEC_LOG, line);
        }
        final String t = f.get(0);
        final int[] v = new int[6];
        for (int i = 0; i < 6; i++) {
            final int hi = Character.digit(t.charAt(2 * i), 16);
            final int lo = Character.digit(t.charAt(2 * i + 1), 16);
            if (hi < 0 || lo < 0) {
                return failed(NOT_SYMANTEC_LOG, line);
            }
            v[i] = hi * 16 + lo;
        }
        final AvEventBuilder b = new AvEventBuilder(FORMAT);
        try {
            b.time = LocalDateTime.of(1970 + v[0], v[1] + 1, v[2], v[3], v[4], v[5])
                    .atZone(zone)
                    .toInstant();
        } catch (final DateTimeException e) {
            return failed(NOT_SYMANTEC_LOG, line);
        }
        if (AvFields.orNull(f.get(6)) == null) {
            return ParseResult.ok(AvLine.ignored(AvFields.NOT_DETECTION));
        }
        b.host = f.get(4);
        b.user = f.get(5);
        b.threat = f.get(6);
        b.path = f.get(7);
        return ParseResult.ok(AvLine.of(b.build()));
    }

    private static List<String> split(final String line) {
        final List<String> out = new ArrayList<>();
        final StringBuilder cur = new StringBuilder();
        boolean quoted = false;
        for (int i = 0; i < line.length() && out.size() < 512; i++) {
            final char c = line.charAt(i);
            if (c == '"') {
                quoted = !quoted;
            } else if (c == ',' && !quoted) {
                out.add(cur.toString());
                cur.setLength(0);
            } else {
                cur.append(c);
            }
        }
        out.add(cur.toString());
        return out;
    }
}
