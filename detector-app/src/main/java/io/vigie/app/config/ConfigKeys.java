package io.vigie.app.config;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Every key of the YAML file, with its default. The order is the order of the example file and of
 * {@link VigieConfig#describeForLog()}. {@code kafka.client} is not listed: it is an open map.
 */
final class ConfigKeys {

    /** Prefix of the open map passed to every Kafka client. */
    static final String CLIENT = "kafka.client";

    /** Environment variables that start with {@code VIGIE_} but are not configuration keys. */
    static final List<String> RESERVED_ENV = List.of("VIGIE_JAVA_OPTS", "VIGIE_CONFIG");

    static final String ENV_PREFIX = "VIGIE_";
    static final String CLIENT_ENV_PREFIX = "VIGIE_KAFKA_CLIENT_";
    static final String KAFKA_BOOTSTRAP_ENV = "KAFKA_BOOTSTRAP_SERVERS";

    /**
     * A key's value is a scalar (kept as text until typed), a list of scalars, or a list of mappings of scalars
     * (rules such as {@code organisation.user-mapping}; JSON in the environment).
     */
    enum Shape { SCALAR, LIST, MAPPINGS }

    record Key(String path, Shape shape, Object defaultValue) {

        String envName() {
            return envNameOf(path);
        }
    }

    private static final Map<String, Key> KEYS = Collections.unmodifiableMap(keys());

    private ConfigKeys() {
    }

    private static Map<String, Key> keys() {
        final Map<String, Key> k = new LinkedHashMap<>();
        scalar(k, "application-id", "vigie");
        scalar(k, "data-dir", "./var");
        scalar(k, "data-dir-min-free-bytes", "1073741824");
        scalar(k, "kafka.bootstrap-servers", "");
        scalar(k, "kafka.startup-timeout", "60s");
        scalar(k, "kafka.embedded.listener", "127.0.0.1:9092");
        scalar(k, "kafka.embedded.controller-port", "9093");
        scalar(k, "kafka.processing-guarantee", "exactly_once_v2");
        scalar(k, "kafka.commit-interval-ms", "100");
        scalar(k, "kafka.num-stream-threads", "1");
        scalar(k, "topics.partitions", "3");
        scalar(k, "topics.replication-factor", "1");
        scalar(k, "topics.raw-retention-days", "30");
        scalar(k, "topics.names.raw-postfix", "raw.postfix");
        scalar(k, "topics.names.raw-postqueue", "raw.postqueue");
        scalar(k, "topics.names.mail-messages", "events.mail");
        scalar(k, "topics.names.queue-status", "events.mail-queue");
        scalar(k, "topics.names.top20-state", "state.top20");
        scalar(k, "topics.names.top20-reports", "reports.top20");
        scalar(k, "topics.names.raw-dmarc", "raw.dmarc");
        scalar(k, "topics.names.dmarc-events", "events.dmarc");
        scalar(k, "topics.names.dmarc-days", "state.dmarc-days");
        scalar(k, "topics.names.dmarc-sources", "state.dmarc-sources");
        scalar(k, "topics.names.raw-proxy", "raw.proxy");
        scalar(k, "topics.names.raw-urlhaus", "raw.urlhaus");
        scalar(k, "topics.names.raw-indicators", "raw.indicators");
        scalar(k, "topics.names.indicators", "intel.indicators");
        scalar(k, "topics.names.intel-state", "state.intel");
        scalar(k, "topics.names.raw-av", "raw.av");
        scalar(k, "topics.names.raw-quarantine", "raw.quarantine");
        scalar(k, "topics.names.raw-reports", "raw.reports");
        scalar(k, "topics.names.reports", "events.reports");
        scalar(k, "topics.names.alerts", "alerts");
        scalar(k, "topics.names.dlq", "dlq");
        scalar(k, "topics.names.raw-auth", "raw.auth");
        scalar(k, "topics.names.auth-events", "events.auth");
        scalar(k, "topics.names.identities", "state.identities");
        scalar(k, "topics.names.incidents", "incidents");
        scalar(k, "topics.names.incident-steps", "incidents.steps");
        scalar(k, "http.bind", "127.0.0.1");
        scalar(k, "http.port", "8080");
        scalar(k, "http.api-token", "");
        scalar(k, "http.read-token", "");
        scalar(k, "http.tls.certificate", "");
        scalar(k, "http.tls.private-key", "");
        scalar(k, "organisation.time-zone", "Europe/Paris");
        list(k, "organisation.internal-domains");
        list(k, "organisation.partner-domains");
        list(k, "organisation.internal-networks", "127.0.0.0/8", "::1/128");
        mappings(k, "organisation.user-mapping");
        scalar(k, "mail.message-timeout", "6h");
        scalar(k, "mail.top.size", "20");
        list(k, "mail.top.windows", "day", "hour");
        scalar(k, "mail.top.hour-advance", "10m");
        scalar(k, "mail.top.grace", "5m");
        scalar(k, "mail.top.publish-interval", "1s");
        scalar(k, "mail.queue.deferred-backlog-threshold", "200");
        scalar(k, "mail.queue.deferred-growth-threshold", "100");
        scalar(k, "mail.queue.growth-window", "30m");
        scalar(k, "mail.queue.oldest-message-age", "4h");
        scalar(k, "mail.queue.status-interval", "30s");
        scalar(k, "mail.auth.window", "1h");
        scalar(k, "mail.auth.spraying-accounts", "10");
        scalar(k, "mail.auth.brute-force-failures", "30");
        scalar(k, "mail.auth.takeover-failures", "5");
        scalar(k, "mail.auth.learning-period", "7d");
        scalar(k, "mail.auth.known-network-retention", "90d");
        scalar(k, "mail.auth.ipv4-prefix", "24");
        scalar(k, "mail.auth.ipv6-prefix", "64");
        scalar(k, "mail.flow.spike-minimum-messages", "50");
        scalar(k, "mail.flow.spike-factor", "10");
        scalar(k, "mail.flow.baseline-hours", "24");
        scalar(k, "mail.flow.learning-period", "7d");
        scalar(k, "mail.flow.fan-out-recipients", "30");
        scalar(k, "mail.flow.fan-out-window", "15m");
        scalar(k, "mail.lookalike.minimum-similarity", "0.75");
        list(k, "mail.lookalike.ignored-domains");
        list(k, "dmarc.protected-domains");
        list(k, "dmarc.known-senders");
        scalar(k, "dmarc.learn-after-messages", "3");
        scalar(k, "dmarc.spoofing-min-messages", "10");
        scalar(k, "dmarc.sender-failing-min-messages", "5");
        scalar(k, "dmarc.dedup-retention", "60d");
        scalar(k, "dmarc.stats-retention", "400d");
        scalar(k, "dmarc.max-report-bytes", "16777216");
        scalar(k, "dmarc.max-inflated-bytes", "33554432");
        scalar(k, "dmarc.max-zip-entries", "16");
        scalar(k, "dmarc.max-mime-parts", "64");
        scalar(k, "dmarc.imap.enabled", "false");
        scalar(k, "dmarc.imap.host", "");
        scalar(k, "dmarc.imap.port", "993");
        scalar(k, "dmarc.imap.security", "tls");
        scalar(k, "dmarc.imap.username", "");
        scalar(k, "dmarc.imap.password", "");
        scalar(k, "dmarc.imap.folder", "INBOX");
        scalar(k, "dmarc.imap.archive-folder", "Vigie/Processed");
        scalar(k, "dmarc.imap.rejected-folder", "Vigie/Rejected");
        scalar(k, "dmarc.imap.poll-interval", "5m");
        scalar(k, "dmarc.imap.trust-store", "");
        scalar(k, "dmarc.imap.trust-store-password", "");
        scalar(k, "dmarc.imap.connect-timeout", "30s");
        scalar(k, "proxy.format", "auto");
        scalar(k, "proxy.contacts-retention", "30d");
        scalar(k, "proxy.rare-destination-max-clients", "3");
        scalar(k, "proxy.download.threshold", "60");
        scalar(k, "proxy.complex-url.threshold", "45");
        list(k, "proxy.trusted-hosts");
        list(k, "proxy.risky-tlds");
        scalar(k, "proxy.correlation.lure-retention", "7d");
        scalar(k, "proxy.correlation.lure-hosts-per-alert", "10");
        scalar(k, "proxy.correlation.av-window", "1h");
        scalar(k, "proxy.correlation.rare-clients", "3");
        scalar(k, "intel.urlhaus.download-url", "");
        scalar(k, "intel.urlhaus.download-interval", "1h");
        scalar(k, "intel.urlhaus.max-bytes", "268435456");
        scalar(k, "antivirus.format", "auto");
        list(k, "antivirus.servers.host-patterns");
        list(k, "antivirus.servers.networks");
        scalar(k, "antivirus.servers.inventory-file", "");
        list(k, "antivirus.internet-paths");
        scalar(k, "antivirus.outbreak.hosts", "3");
        scalar(k, "antivirus.outbreak.window", "1h");
        scalar(k, "quarantine.format", "auto");
        scalar(k, "quarantine.campaign.messages", "5");
        scalar(k, "quarantine.campaign.window", "2h");
        list(k, "quarantine.campaign.ignored-sender-domains", "gmail.com", "outlook.com", "hotmail.com", "hotmail.fr",
                "yahoo.com", "yahoo.fr", "orange.fr", "wanadoo.fr", "free.fr", "laposte.net", "sfr.fr", "icloud.com");
        scalar(k, "reports.max-bytes", "26214400");
        scalar(k, "alerts.throttle", "1h");
        scalar(k, "incidents.session-gap", "24h");
        list(k, "incidents.admin-accounts", "administrator", "admin", "admin-*", "adm-*", "*-adm", "*-admin", "da-*");
        scalar(k, "incidents.max-timeline", "200");
        scalar(k, "incidents.retention", "90d");
        scalar(k, "siem.syslog.enabled", "false");
        scalar(k, "siem.syslog.host", "");
        scalar(k, "siem.syslog.port", "6514");
        scalar(k, "siem.syslog.protocol", "tls");
        scalar(k, "siem.syslog.trust-store", "");
        scalar(k, "siem.syslog.trust-store-password", "");
        scalar(k, "siem.syslog.facility", "local4");
        scalar(k, "siem.syslog.app-name", "vigie");
        return k;
    }

    private static void scalar(final Map<String, Key> keys, final String path, final String defaultValue) {
        keys.put(path, new Key(path, Shape.SCALAR, defaultValue));
    }

    private static void list(final Map<String, Key> keys, final String path, final String... defaults) {
        keys.put(path, new Key(path, Shape.LIST, List.of(defaults)));
    }

    private static void mappings(final Map<String, Key> keys, final String path) {
        keys.put(path, new Key(path, Shape.MAPPINGS, List.of()));
    }

    static Iterable<Key> all() {
        return KEYS.values();
    }

    static Key get(final String path) {
        return KEYS.get(path);
    }

    /** Whether some key lives under {@code prefix} (so a mapping there is a section, not a typo). */
    static boolean isSection(final String prefix) {
        final String p = prefix + ".";
        return CLIENT.startsWith(p) || KEYS.keySet().stream().anyMatch(k -> k.startsWith(p));
    }

    static Key byEnvName(final String envName) {
        for (final Key key : KEYS.values()) {
            if (key.envName().equals(envName)) {
                return key;
            }
        }
        return null;
    }

    static String envNameOf(final String path) {
        return ENV_PREFIX + path.toUpperCase(Locale.ROOT).replace('.', '_').replace('-', '_');
    }

    /** {@code VIGIE_KAFKA_CLIENT_SASL_JAAS_CONFIG} to {@code sasl.jaas.config}. */
    static String clientKeyOf(final String envName) {
        return envName.substring(CLIENT_ENV_PREFIX.length()).toLowerCase(Locale.ROOT).replace('_', '.');
    }

    /** Keys whose values must never reach a log. */
    static boolean isSecret(final String key) {
        final String k = key.toLowerCase(Locale.ROOT);
        return k.contains("password") || k.contains("jaas") || k.contains("secret") || k.contains("token")
                || k.contains("key");
    }
}
