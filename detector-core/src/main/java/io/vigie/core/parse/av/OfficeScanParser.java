package io.vigie.core.parse.av;

import io.vigie.core.parse.ParseResult;
import java.time.Instant;
import java.time.ZoneId;
import java.util.Map;
import java.util.Objects;

/**
 * Trend Micro OfficeScan's virus log {@code pccnt35.log}, fields separated by {@code <;>}: date
 * ({@code yyyyMMdd}), time ({@code HHmm}), threat, action code, scan type, -, folder, file name, -, epoch
 * seconds. Every line is a detection. The time is the epoch field. Action codes (as plaso reads them) 0
 * cleaned, 1 quarantined (moved), 2 removed, 3 renamed; other codes are failures or pass-through that this
 * parser does not name: the action is then null. The file does not name the machine: the host is the caller's.
 */
final class OfficeScanParser extends GuardedAvParser {

    public static final String FORMAT = "officescan";
    public static final String NOT_OFFICESCAN = "not a pccnt35 line";

    private static final Map<String, String> ACTIONS =
            Map.of("0", "cleaned", "1", "quarantined", "2", "removed", "3", "renamed");

    private final String host;
    private final ZoneId zone;

    /**
     * @param host the machine (the log does not name it)
     * @param zone the machine's zone, for a line without its epoch field
     */
    public OfficeScanParser(final String host, final ZoneId zone) {
        super(FORMAT, NOT_OFFICESCAN);
        this.host = host;
        this.zone = Objects.requireNonNull(zone, "zone");
    }

    @Override
    protected ParseResult<AvLine> read(final String line) {
        final String[] f = line.strip().split("<;>", -1);
        if (f.length < 8 || f[0].length() != 8 || !f[0].chars().allMatch(Character::isDigit)) {
            return failed(NOT_OFFICESCAN, line);
        }
        final AvEventBuilder b = new AvEventBuilder(FORMAT);
        if (f.length > 9
                && f[9].length() >= 9
                && f[9].length() <= 11
                && f[9].chars().allMatch(Character::isDigit)) {
            b.time = Instant.ofEpochSecond(Long.parseLong(f[9]));
        } else {
            // a line cut before its epoch field: the local date and minute are all there is
            b.time = AvFields.time(
                    f[0].substring(0, 4) + "-" + f[0].substring(4, 6) + "-" + f[0].substring(6) + " "
                            + (f[1].length() == 4 ? f[1].substring(0, 2) + ":" + f[1].substring(2) + ":00" : ""),
                    zone);
        }
        b.host = host;
        b.threat = f[2];
        final String folder = f[6];
        b.path = folder.isEmpty() || folder.endsWith("\\") || folder.endsWith("/")
                ? folder + f[7]
                : folder + "\\" + f[7];
        b.action = ACTIONS.get(f[3].strip());
        return ParseResult.ok(AvLine.of(b.build()));
    }
}
