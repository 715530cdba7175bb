package io.vigie.core.parse.quarantine;

import io.vigie.core.parse.LogParser;
import io.vigie.core.parse.ParseResult;
import io.vigie.core.parse.SyslogParser;
import java.time.Clock;
import java.time.ZoneId;
import java.util.Locale;
import java.util.Set;

/**
 * The quarantine parsers by name: {@code amavis}, {@code rspamd}, {@code json} and {@code auto}, which picks one
 * by the record's shape (a JSON object with rspamd's {@code action} and {@code symbols}/{@code unix_time} → rspamd,
 * another object → json, a line with {@code rspamd_task_write_log} → rspamd, else amavis, which ignores other
 * daemons' lines).
 */
public final class QuarantineParsers {

    public static final Set<String> NAMES = Set.of("amavis", "rspamd", "json", "auto");

    private QuarantineParsers() {}

    /** @throws IllegalArgumentException for a name not in {@link #NAMES} (a configuration error) */
    public static LogParser<QuarantineLine> byName(final String name, final Clock clock, final ZoneId zone) {
        final SyslogParser syslog = new SyslogParser(clock, zone);
        return switch (name == null ? "" : name.strip().toLowerCase(Locale.ROOT)) {
            case "amavis" -> new AmavisParser(syslog);
            case "rspamd" -> new RspamdParser(syslog, zone);
            case "json" -> new JsonQuarantineParser();
            case "auto" ->
                new Auto(new AmavisParser(syslog), new RspamdParser(syslog, zone), new JsonQuarantineParser());
            default ->
                throw new IllegalArgumentException("unknown quarantine format: " + name + ", expected one of " + NAMES);
        };
    }

    private static final class Auto extends QuarantineParser {
        private final AmavisParser amavis;
        private final RspamdParser rspamd;
        private final JsonQuarantineParser json;

        Auto(final AmavisParser amavis, final RspamdParser rspamd, final JsonQuarantineParser json) {
            super("quarantine");
            this.amavis = amavis;
            this.rspamd = rspamd;
            this.json = json;
        }

        @Override
        protected ParseResult<QuarantineLine> read(final String raw) {
            final String trimmed = raw.strip();
            if (trimmed.startsWith("{")) {
                // a cheap look at the keys: parsing twice is not worth it for a shape test
                final boolean rspamdShape = trimmed.contains("\"action\"")
                        && (trimmed.contains("\"unix_time\"") || trimmed.contains("\"required_score\""))
                        && trimmed.contains("\"symbols\"");
                return rspamdShape ? rspamd.parse(raw) : json.parse(raw);
            }
            if (trimmed.contains("rspamd_task_write_log")) {
                return rspamd.parse(raw);
            }
            final ParseResult<QuarantineLine> result = amavis.parse(raw);
            return result.isOk() ? result : ignored("unknown format");
        }
    }
}
