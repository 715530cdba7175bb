package io.vigie.app.dmarc.imap;

import io.vigie.app.config.ConfigSection;
import io.vigie.app.config.InvalidConfigException;
import io.vigie.app.config.VigieConfig;
import io.vigie.rules.config.DmarcConfig;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import java.util.Objects;

/**
 * Where and how to read the DMARC {@code rua} mailbox. The YAML keys {@code dmarc.imap.*} map onto these
 * fields one to one, read by {@link #from(VigieConfig)}; the size limit is {@code dmarc.max-report-bytes}.
 *
 * <p>There is deliberately no plaintext mode and no "trust all certificates" switch: the mailbox
 * password crosses the network, so the connection is always TLS with a verified certificate and host
 * name. A self-signed server certificate is handled by {@code trustStore}, not by turning checks off.
 *
 * @param enabled            whether the poller runs at all
 * @param host               IMAP server host name (checked against its certificate)
 * @param port               IMAP server port (993 for implicit TLS, usually 143 for STARTTLS)
 * @param security           how TLS is established
 * @param username           mailbox login
 * @param password           mailbox password; never logged, masked in {@link #toString()}
 * @param folder             where reports arrive
 * @param archiveFolder      where forwarded messages are moved, {@code /}-separated
 * @param rejectedFolder     where refused (oversize) messages are moved, {@code /}-separated
 * @param pollInterval       time between two polls
 * @param maxMessageBytes    larger messages are refused (dead letter) instead of forwarded
 * @param trustStore         PKCS12 or JKS file trusted for the server certificate; null for the JVM's default
 * @param trustStorePassword its password, null when it has none
 * @param connectTimeout     TCP connect and TLS/IMAP greeting timeout
 */
public record ImapSettings(
        boolean enabled,
        String host,
        int port,
        Security security,
        String username,
        String password,
        String folder,
        String archiveFolder,
        String rejectedFolder,
        Duration pollInterval,
        int maxMessageBytes,
        Path trustStore,
        String trustStorePassword,
        Duration connectTimeout) {

    /** How the connection is protected. */
    public enum Security {
        /** TLS from the first byte (imaps, port 993). */
        TLS,
        /** Plain connection upgraded with STARTTLS; the poller refuses to log in if the server cannot. */
        STARTTLS
    }

    /** The configuration keys this record is read from. */
    public static final String SECTION = "dmarc.imap";

    public static final int DEFAULT_PORT = 993;
    public static final String DEFAULT_FOLDER = "INBOX";
    public static final String DEFAULT_ARCHIVE_FOLDER = "Vigie/Processed";
    public static final String DEFAULT_REJECTED_FOLDER = "Vigie/Rejected";
    public static final Duration DEFAULT_POLL_INTERVAL = Duration.ofMinutes(5);
    /** What the DMARC topic takes ({@code dmarc.max-report-bytes}): a larger message could not be forwarded. */
    public static final int DEFAULT_MAX_MESSAGE_BYTES = DmarcConfig.defaults().maxReportBytes();

    public static final Duration DEFAULT_CONNECT_TIMEOUT = Duration.ofSeconds(30);

    private static final String MASK = "****";

    public ImapSettings {
        Objects.requireNonNull(security, "dmarc.imap security must be TLS or STARTTLS");
        Objects.requireNonNull(pollInterval, "dmarc.imap poll interval must be set");
        Objects.requireNonNull(connectTimeout, "dmarc.imap connect timeout must be set");
        if (port < 1 || port > 65_535) {
            throw new IllegalArgumentException("dmarc.imap port must be between 1 and 65535, got " + port);
        }
        if (pollInterval.isNegative() || pollInterval.isZero()) {
            throw new IllegalArgumentException("dmarc.imap poll interval must be positive, got " + pollInterval);
        }
        if (connectTimeout.isNegative() || connectTimeout.isZero() || connectTimeout.toMillis() > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("dmarc.imap connect timeout must be positive, got " + connectTimeout);
        }
        if (maxMessageBytes < 1) {
            throw new IllegalArgumentException("dmarc.imap max message bytes must be positive, got " + maxMessageBytes);
        }
        requireName(folder, "folder");
        requireName(archiveFolder, "archive folder");
        requireName(rejectedFolder, "rejected folder");
        if (archiveFolder.equals(folder) || rejectedFolder.equals(folder)) {
            // Moving a message into the folder being read would forward it again at every poll.
            throw new IllegalArgumentException("dmarc.imap archive and rejected folders must differ from the folder "
                    + "that is read (" + folder + ")");
        }
        if (enabled) {
            if (host == null || host.isBlank()) {
                throw new IllegalArgumentException("dmarc.imap host must be set when dmarc.imap is enabled");
            }
            if (username == null || username.isBlank()) {
                throw new IllegalArgumentException("dmarc.imap username must be set when dmarc.imap is enabled");
            }
            if (password == null || password.isEmpty()) {
                throw new IllegalArgumentException("dmarc.imap password must be set when dmarc.imap is enabled");
            }
        }
        if (trustStorePassword != null && trustStore == null) {
            throw new IllegalArgumentException("dmarc.imap trust store password is set but no trust store is");
        }
    }

    /** The {@code dmarc.imap} section of the configuration, with the DMARC report size limit. */
    public static ImapSettings from(final VigieConfig config) {
        return from(config.section(SECTION), config.dmarc().rules().maxReportBytes());
    }

    /**
     * @param section         the keys under {@code dmarc.imap}
     * @param maxMessageBytes the largest message forwarded ({@code dmarc.max-report-bytes})
     * @throws InvalidConfigException naming the bad key
     */
    public static ImapSettings from(final ConfigSection section, final int maxMessageBytes) {
        final Security security;
        try {
            security = Security.valueOf(section.string("security").toUpperCase(Locale.ROOT));
        } catch (final IllegalArgumentException e) {
            throw section.bad("security", "must be tls or starttls (there is no plaintext mode)");
        }
        try {
            return new ImapSettings(
                    section.bool("enabled"),
                    section.optionalString("host"),
                    section.integer("port", 1, 65_535),
                    security,
                    section.optionalString("username"),
                    section.optionalString("password"),
                    section.string("folder"),
                    section.string("archive-folder"),
                    section.string("rejected-folder"),
                    section.duration("poll-interval"),
                    maxMessageBytes,
                    section.optionalPath("trust-store"),
                    section.optionalString("trust-store-password"),
                    section.duration("connect-timeout"));
        } catch (final IllegalArgumentException e) {
            throw section.bad("enabled", e.getMessage());
        }
    }

    /** Disabled, with every default in place; change it with the {@code with...} methods or the constructor. */
    public static ImapSettings defaults() {
        return new ImapSettings(
                false,
                null,
                DEFAULT_PORT,
                Security.TLS,
                null,
                null,
                DEFAULT_FOLDER,
                DEFAULT_ARCHIVE_FOLDER,
                DEFAULT_REJECTED_FOLDER,
                DEFAULT_POLL_INTERVAL,
                DEFAULT_MAX_MESSAGE_BYTES,
                null,
                null,
                DEFAULT_CONNECT_TIMEOUT);
    }

    /** These settings, enabled, pointed at a mailbox. */
    public ImapSettings withMailbox(
            final String newHost, final int newPort, final String newUsername, final String newPassword) {
        return new ImapSettings(
                true,
                newHost,
                newPort,
                security,
                newUsername,
                newPassword,
                folder,
                archiveFolder,
                rejectedFolder,
                pollInterval,
                maxMessageBytes,
                trustStore,
                trustStorePassword,
                connectTimeout);
    }

    /** These settings with a trust store for a server certificate outside the JVM's default trust. */
    public ImapSettings withTrustStore(final Path newTrustStore, final String newTrustStorePassword) {
        return new ImapSettings(
                enabled,
                host,
                port,
                security,
                username,
                password,
                folder,
                archiveFolder,
                rejectedFolder,
                pollInterval,
                maxMessageBytes,
                newTrustStore,
                newTrustStorePassword,
                connectTimeout);
    }

    /** These settings with another size limit. */
    public ImapSettings withMaxMessageBytes(final int newMaxMessageBytes) {
        return new ImapSettings(
                enabled,
                host,
                port,
                security,
                username,
                password,
                folder,
                archiveFolder,
                rejectedFolder,
                pollInterval,
                newMaxMessageBytes,
                trustStore,
                trustStorePassword,
                connectTimeout);
    }

    /** {@code imaps://host:port} or {@code imap+starttls://host:port}, for logs and error messages. */
    public String describeServer() {
        return (security == Security.TLS ? "imaps://" : "imap+starttls://") + host + ":" + port;
    }

    @Override
    public String toString() {
        return "ImapSettings[enabled=" + enabled + ", host=" + host + ", port=" + port + ", security=" + security
                + ", username=" + username + ", password=" + (password == null ? null : MASK)
                + ", folder=" + folder + ", archiveFolder=" + archiveFolder + ", rejectedFolder=" + rejectedFolder
                + ", pollInterval=" + pollInterval + ", maxMessageBytes=" + maxMessageBytes
                + ", trustStore=" + trustStore
                + ", trustStorePassword=" + (trustStorePassword == null ? null : MASK)
                + ", connectTimeout=" + connectTimeout + "]";
    }

    private static void requireName(final String name, final String what) {
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException("dmarc.imap " + what + " must not be empty");
        }
    }
}
