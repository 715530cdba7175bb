package io.vigie.core.parse.av;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.vigie.core.parse.ParseResult;
import java.time.ZoneId;
import java.util.Objects;

/**
 * Microsoft Defender Antivirus events, one JSON record per line, in the shapes {@link DefenderEvents}
 * describes (Winlogbeat/Elastic Agent ECS, EVTX-as-JSON, NXLog). A JSON record from another source is a
 * failure here: the {@code json} format is the one that takes anything. The binary EVTX and
 * {@code DetectionHistory} files are not read: Vigie takes the events as shippers send them.
 */
final class DefenderParser extends GuardedAvParser {

    public static final String FORMAT = DefenderEvents.FORMAT;

    public static final String NOT_JSON = "not JSON";
    public static final String NOT_DEFENDER = "not a Defender event";

    private final ZoneId zone;

    /** @param zone the zone of NXLog's {@code EventTime}, written without one */
    public DefenderParser(final ZoneId zone) {
        super(FORMAT, NOT_JSON);
        this.zone = Objects.requireNonNull(zone, "zone");
    }

    @Override
    protected ParseResult<AvLine> read(final String line) {
        final ObjectNode root = AvJson.object(line);
        if (root == null) {
            return failed(NOT_JSON, line);
        }
        final AvLine read = DefenderEvents.read(root, zone);
        return read == null ? failed(NOT_DEFENDER, line) : ParseResult.ok(read);
    }
}
