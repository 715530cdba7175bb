package io.vigie.app.siem;

import io.vigie.app.config.ConfigSection;
import io.vigie.app.config.InvalidConfigException;
import io.vigie.app.config.VigieConfig;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * Where and how to forward the alerts as syslog. The YAML keys {@code siem.syslog.*} map onto these fields
 * one to one, read by {@link #from(VigieConfig)}.
 *
 * @param enabled            whether the forwarder runs at all
 * @param host               the SIEM's syslog receiver (checked against its certificate with TLS)
 * @param port               its port (6514 is RFC 5425's syslog over TLS)
 * @param protocol           TLS (RFC 5425) or plain TCP (RFC 6587)
 * @param trustStore         PKCS12 or JKS file trusted for the receiver's certificate; null for the JVM's default
 * @param trustStorePassword its password, null when it has none; masked in {@link #toString()}
 * @param facility           the syslog facility code (0 to 23; local4 is 20)
 * @param appName            the RFC 5424 APP-NAME (1 to 48 printable ASCII characters)
 */
public record SyslogSettings(
        boolean enabled,
        String host,
        int port,
        Protocol protocol,
        Path trustStore,
        String trustStorePassword,
        int facility,
        String appName) {

    /** How the connection is made. */
    public enum Protocol {
        /** RFC 5425: TLS from the first byte, certificate and host name checked. */
        TLS,
        /** RFC 6587 over plain TCP: only on a trusted network. */
        TCP
    }

    /** The configuration keys this record is read from. */
    public static final String SECTION = "siem.syslog";

    public static final int DEFAULT_PORT = 6514;
    public static final String DEFAULT_APP_NAME = "vigie";
    public static final int LOCAL4 = 20;

    /** RFC 5424 facility names (RFC 3164 table) to codes. */
    public static final Map<String, Integer> FACILITIES = Map.ofEntries(
            Map.entry("kern", 0),
            Map.entry("user", 1),
            Map.entry("mail", 2),
            Map.entry("daemon", 3),
            Map.entry("auth", 4),
            Map.entry("syslog", 5),
            Map.entry("lpr", 6),
            Map.entry("news", 7),
            Map.entry("uucp", 8),
            Map.entry("cron", 9),
            Map.entry("authpriv", 10),
            Map.entry("ftp", 11),
            Map.entry("ntp", 12),
            Map.entry("security", 13),
            Map.entry("console", 14),
            Map.entry("solaris-cron", 15),
            Map.entry("local0", 16),
            Map.entry("local1", 17),
            Map.entry("local2", 18),
            Map.entry("local3", 19),
            Map.entry("local4", 20),
            Map.entry("local5", 21),
            Map.entry("local6", 22),
            Map.entry("local7", 23));

    private static final String MASK = "****";

    public SyslogSettings {
        Objects.requireNonNull(protocol, "siem.syslog protocol must be tls or tcp");
        if (port < 1 || port > 65_535) {
            throw new IllegalArgumentException("siem.syslog port must be between 1 and 65535, got " + port);
        }
        if (facility < 0 || facility > 23) {
            throw new IllegalArgumentException("siem.syslog facility must be between 0 and 23, got " + facility);
        }
        if (appName == null || !appName.matches("[\\x21-\\x7e]{1,48}")) {
            throw new IllegalArgumentException("siem.syslog app-name must be 1 to 48 printable ASCII characters "
                    + "without spaces, got '" + appName + "'");
        }
        if (enabled && (host == null || host.isBlank())) {
            throw new IllegalArgumentException("siem.syslog host must be set when siem.syslog is enabled");
        }
        if (trustStore != null && protocol != Protocol.TLS) {
            throw new IllegalArgumentException("siem.syslog trust-store is only used with protocol tls");
        }
    }

    /** The defaults: disabled. */
    public static SyslogSettings defaults() {
        return new SyslogSettings(false, null, DEFAULT_PORT, Protocol.TLS, null, null, LOCAL4, DEFAULT_APP_NAME);
    }

    /** The {@code siem.syslog} section of the configuration. */
    public static SyslogSettings from(final VigieConfig config) {
        return from(config.section(SECTION));
    }

    /**
     * @param section the keys under {@code siem.syslog}
     * @throws InvalidConfigException naming the bad key
     */
    public static SyslogSettings from(final ConfigSection section) {
        final Protocol protocol;
        try {
            protocol = Protocol.valueOf(section.string("protocol").strip().toUpperCase(Locale.ROOT));
        } catch (final IllegalArgumentException e) {
            throw section.bad("protocol", "must be tls or tcp");
        }
        final int facility = facilityCode(section.string("facility"));
        if (facility < 0) {
            throw section.bad("facility", "unknown facility (local0 to local7, auth, daemon, ...)");
        }
        final String appName = section.string("app-name").strip();
        if (!appName.matches("[\\x21-\\x7e]{1,48}")) {
            throw section.bad("app-name", "must be 1 to 48 printable ASCII characters without spaces");
        }
        try {
            return new SyslogSettings(
                    section.bool("enabled"),
                    section.optionalString("host"),
                    section.integer("port", 1, 65_535),
                    protocol,
                    section.optionalPath("trust-store"),
                    section.optionalString("trust-store-password"),
                    facility,
                    appName);
        } catch (final IllegalArgumentException e) {
            throw section.bad("enabled", e.getMessage());
        }
    }

    /** @return the facility code of a name such as {@code local4}, or -1 */
    public static int facilityCode(final String name) {
        return FACILITIES.getOrDefault(name.strip().toLowerCase(Locale.ROOT), -1);
    }

    /** {@code tls://host:port} or {@code tcp://host:port}, for logs. */
    public String describeServer() {
        return protocol.name().toLowerCase(Locale.ROOT) + "://" + host + ":" + port;
    }

    @Override
    public String toString() {
        return "SyslogSettings[enabled=" + enabled + ", server=" + describeServer() + ", trustStore=" + trustStore
                + ", trustStorePassword=" + (trustStorePassword == null ? "" : MASK) + ", facility=" + facility
                + ", appName=" + appName + "]";
    }
}
