package io.vigie.app.evidence;

import io.vigie.app.config.RecordLimits;
import io.vigie.app.config.VigieConfig;
import io.vigie.core.net.InternalNetworks;
import io.vigie.rules.config.RulesConfig;
import io.vigie.rules.config.TopicNames;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneId;
import java.util.Properties;

/**
 * What the collector needs from the configuration.
 *
 * @param clientProperties the cluster's address and the client pass-through (TLS, SASL)
 * @param topics           the topic names
 * @param proxyFormat      {@code proxy.format}, as the engine reads {@code raw.proxy}
 * @param antivirusFormat  {@code antivirus.format}, as the engine reads {@code raw.av}
 * @param zone             the zone of log timestamps written without one
 * @param clock            the year of syslog lines, and the drafts' Date
 * @param internal         the organisation's networks: a Received hop from there is not the external one
 * @param maxMailBytes     the largest reported mail read (larger records are counted and left)
 * @param maxLineRecordBytes the largest record of a line topic or of {@code alerts}/{@code incidents}
 * @param maxArchiveBytes  the most the archive's files may hold together
 * @param timeout          Kafka metadata and offset requests, and a read that stops making progress
 * @param staging          where the archive's files are staged before the zip is written (a private directory is
 *                         made in it)
 */
public record EvidenceSettings(
        Properties clientProperties,
        TopicNames topics,
        String proxyFormat,
        String antivirusFormat,
        ZoneId zone,
        Clock clock,
        InternalNetworks internal,
        int maxMailBytes,
        int maxLineRecordBytes,
        long maxArchiveBytes,
        Duration timeout,
        Path staging) {

    /** 4 GiB: a month of one host's proxy lines with their parsed events fits many times over. */
    public static final long DEFAULT_MAX_ARCHIVE_BYTES = 4L * 1024 * 1024 * 1024;

    public static EvidenceSettings from(
            final VigieConfig config, final String bootstrapServers, final Path staging, final long maxArchiveBytes) {
        final RulesConfig rules = config.toRulesConfig();
        return new EvidenceSettings(
                config.clientProperties(bootstrapServers),
                config.topics().names(),
                rules.proxy().format(),
                rules.antivirus().format(),
                rules.zone(),
                rules.clock(),
                InternalNetworks.of(rules.internalNetworks()),
                RecordLimits.MAX_REPORT_BYTES + 65_536,
                RecordLimits.MAX_RAW_RECORD_BYTES,
                maxArchiveBytes,
                config.kafka().startupTimeout(),
                staging);
    }
}
