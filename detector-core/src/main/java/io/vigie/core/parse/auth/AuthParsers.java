package io.vigie.core.parse.auth;

import io.vigie.core.model.SyslogRecord;
import io.vigie.core.parse.ParseResult;
import io.vigie.core.parse.SyslogParser;
import java.time.Clock;
import java.time.ZoneId;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * The VPN formats by name, and {@link #auto}, which reads each line in the format its shape names: a JSON object is
 * {@value JsonAuthParser#FORMAT}, a {@code %ASA-}/{@code %FTD-} message {@value AnyConnectParser#FORMAT}, and a
 * syslog line is read by its program: {@code openvpn*} by {@value OpenVpnParser#FORMAT}, {@code charon} and
 * {@code charon-systemd} by {@value StrongSwanParser#FORMAT}. A syslog line from any other program (the gateway's
 * sshd, cron, kernel) is an ignored line, counted, not a dead letter: a shipper that forwards a gateway's whole
 * syslog must not flood the dead-letter topic. A line that is none of these shapes is refused
 * ({@value #UNKNOWN_FORMAT}, or the syslog header's own reason when it starts like one). Immutable and thread-safe.
 */
public final class AuthParsers {

    /** The source of the failures {@link #auto} finds itself, before a format is known. */
    public static final String AUTO = "auth";

    public static final String UNKNOWN_FORMAT = "unknown format";
    public static final String OTHER_PROGRAM = "other program";

    private final Map<String, AuthLogParser> parsers;
    private final OpenVpnParser openVpn;
    private final StrongSwanParser strongSwan;
    private final AnyConnectParser anyConnect;
    private final JsonAuthParser json;
    private final AutoParser auto;

    /**
     * @param zone  the zone of timestamps written without one
     * @param clock gives the year of traditional syslog timestamps
     */
    public AuthParsers(final ZoneId zone, final Clock clock) {
        Objects.requireNonNull(zone, "zone");
        Objects.requireNonNull(clock, "clock");
        this.openVpn = new OpenVpnParser(clock, zone);
        this.strongSwan = new StrongSwanParser(clock, zone);
        this.anyConnect = new AnyConnectParser(clock, zone);
        // the JSON parser hands wrapped raw lines back to auto(), which is only called once construction is done
        this.json = new JsonAuthParser(zone, this::auto);
        this.auto = new AutoParser(new SyslogParser(clock, zone));
        final Map<String, AuthLogParser> m = new LinkedHashMap<>();
        m.put(OpenVpnParser.FORMAT, openVpn);
        m.put(StrongSwanParser.FORMAT, strongSwan);
        m.put(AnyConnectParser.FORMAT, anyConnect);
        m.put(JsonAuthParser.FORMAT, json);
        this.parsers = Map.copyOf(m);
    }

    public Set<String> formats() {
        return parsers.keySet();
    }

    /** The parser for a format name, empty when the name is unknown. */
    public Optional<AuthLogParser> parser(final String format) {
        return Optional.ofNullable(parsers.get(format));
    }

    /** Reads a line in the format its shape names. */
    public ParseResult<AuthLine> auto(final String line) {
        return auto.parse(line);
    }

    private final class AutoParser extends GuardedAuthParser {

        private final SyslogParser syslog;

        AutoParser(final SyslogParser syslog) {
            super(AUTO, "unparseable line");
            this.syslog = syslog;
        }

        @Override
        protected ParseResult<AuthLine> read(final String line) {
            final String l = line.strip();
            if (l.startsWith("{") || l.startsWith("\uFEFF{")) {
                return json.parse(l.startsWith("{") ? l : l.substring(1));
            }
            if (AnyConnectParser.messageStart(l) >= 0) {
                return anyConnect.parse(line);
            }
            final ParseResult<SyslogRecord> record = syslog.parse(line);
            if (!record.isOk()) {
                final String reason = record.error().reason();
                return failed(SyslogParser.NOT_SYSLOG.equals(reason) ? UNKNOWN_FORMAT : reason, line);
            }
            final String program = record.value().program();
            if (OpenVpnParser.isOpenVpn(program)) {
                return openVpn.fromSyslog(record.value(), line);
            }
            if (StrongSwanParser.isCharon(program)) {
                return strongSwan.fromSyslog(record.value(), line);
            }
            return ParseResult.ok(AuthLine.ignored(OTHER_PROGRAM));
        }
    }
}
