package io.vigie.core.parse.av;

import io.vigie.core.parse.ParseResult;
import java.time.DateTimeException;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.Objects;

/**
 * Sophos Anti-Virus' {@code sav.txt} (UTF-16: the caller decodes the file and hands lines):
 * {@code yyyyMMdd HHmmss message}. A detection is {@code File "path" belongs to virus/spyware 'Name'.}; every
 * other message (engine versions, scan starts, errors, Live Protection lookups) is ignored. The file does
 * not name the machine: the host is the caller's.
 */
final class SophosSavParser extends GuardedAvParser {

    public static final String FORMAT = "sophos-sav";
    public static final String NOT_SAV = "not a sav.txt line";

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("uuuuMMdd HHmmss", Locale.ROOT);
    private static final String BELONGS = "\" belongs to virus/spyware '";

    private final String host;
    private final ZoneId zone;

    public SophosSavParser(final String host, final ZoneId zone) {
        super(FORMAT, NOT_SAV);
        this.host = host;
        this.zone = Objects.requireNonNull(zone, "zone");
    }

    @Override
    protected ParseResult<AvLine> read(final String line) {
        final String l = (line.startsWith("\uFEFF") ? line.substring(1) : line).strip();
        if (l.length() < 16 || l.charAt(8) != ' ') {
            return failed(NOT_SAV, line);
        }
        final AvEventBuilder b = new AvEventBuilder(FORMAT);
        try {
            b.time = LocalDateTime.parse(l.substring(0, 15), TIME).atZone(zone).toInstant();
        } catch (final DateTimeException e) {
            return failed(NOT_SAV, line);
        }
        final String message = l.substring(15).strip();
        final int belongs = message.indexOf(BELONGS);
        if (!message.startsWith("File \"") || belongs < 0 || !message.endsWith("'.")) {
            return ParseResult.ok(AvLine.ignored(AvFields.NOT_DETECTION));
        }
        b.host = host;
        b.path = message.substring(6, belongs);
        b.threat = message.substring(belongs + BELONGS.length(), message.length() - 2);
        b.action = "none";
        return ParseResult.ok(AvLine.of(b.build()));
    }
}
