package io.vigie.app.config;

import io.vigie.rules.config.AntivirusConfig;
import io.vigie.rules.config.AuthConfig;
import io.vigie.rules.config.CorrelationConfig;
import io.vigie.rules.config.DmarcConfig;
import io.vigie.rules.config.FlowAnomalyConfig;
import io.vigie.rules.config.IdentityConfig;
import io.vigie.rules.config.IncidentsConfig;
import io.vigie.rules.config.LookalikeConfig;
import io.vigie.rules.config.ProxyConfig;
import io.vigie.rules.config.QuarantineConfig;
import io.vigie.rules.config.QueueConfig;
import io.vigie.rules.config.RulesConfig;
import io.vigie.rules.config.TopConfig;
import io.vigie.rules.config.TopicNames;
import java.time.Duration;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Every key of the YAML file, with its default, in the order of {@link VigieConfig#describeForLog()} (by section,
 * like the example file, though not always in its order). {@code kafka.client} is not listed: it is an open map.
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
    enum Shape {
        SCALAR,
        LIST,
        MAPPINGS
    }

    record Key(String path, Shape shape, Object defaultValue) {

        String envName() {
            return envNameOf(path);
        }
    }

    /** {@code topics.names.*}: one key per component of {@link TopicNames}. */
    static final RecordBinding<TopicNames> TOPIC_NAMES = new RecordBinding<>(TopicNames.class, "topics.names");

    // Sections that mirror a rules record: one key per component, its default the record's in the rules defaults.
    // The reader binds them back (VigieConfig.Reader), reading a key with other bounds than the ordinary ones by its
    // own function.

    static final RecordBinding<QueueConfig> MAIL_QUEUE = new RecordBinding<>(QueueConfig.class, "mail.queue");

    static final RecordBinding<AuthConfig> MAIL_AUTH = new RecordBinding<>(AuthConfig.class, "mail.auth");

    static final RecordBinding<FlowAnomalyConfig> MAIL_FLOW = new RecordBinding<>(FlowAnomalyConfig.class, "mail.flow");

    /** {@code dmarc.*} but the mailbox ({@code dmarc.imap.*}, read by its own package). */
    static final RecordBinding<DmarcConfig> DMARC = new RecordBinding<>(DmarcConfig.class, "dmarc");

    static final RecordBinding<CorrelationConfig> PROXY_CORRELATION =
            new RecordBinding<>(CorrelationConfig.class, "proxy.correlation");

    static final RecordBinding<IncidentsConfig> INCIDENTS = new RecordBinding<>(IncidentsConfig.class, "incidents");

    private static final Map<String, Key> KEYS = Collections.unmodifiableMap(table(RulesConfig.defaults()));

    private ConfigKeys() {}

    /**
     * The key table, with {@code rules} as the detections' settings: the table in use is built from
     * {@code RulesConfig.defaults()}. A setting the detections use takes its default from its rules record (the parts
     * of {@code rules}), so that a default is written once; the settings only the
     * application has (cluster, HTTP, files, the mailbox and the SIEM) have theirs here, and the records of the
     * packages that read them ({@code SyslogSettings}, {@code ImapSettings}) are tested against this table.
     */
    static Map<String, Key> table(final RulesConfig rules) {
        final TopConfig top = rules.top();
        final LookalikeConfig lookalike = rules.lookalike();
        final ProxyConfig proxy = rules.proxy();
        final AntivirusConfig antivirus = rules.antivirus();
        final QuarantineConfig quarantine = rules.quarantine();
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
        section(k, TOPIC_NAMES, rules.topics());
        scalar(k, "http.bind", "127.0.0.1");
        scalar(k, "http.port", "8080");
        scalar(k, "http.api-token", "");
        scalar(k, "http.read-token", "");
        scalar(k, "http.tls.certificate", "");
        scalar(k, "http.tls.private-key", "");
        scalar(k, "organisation.time-zone", rules.zone().getId());
        list(k, "organisation.internal-domains", rules.internalDomains());
        list(k, "organisation.partner-domains", lookalike.partnerDomains());
        list(k, "organisation.internal-networks", rules.internalNetworks());
        mappings(k, "organisation.user-mapping", rules.identities());
        scalar(k, "mail.message-timeout", rules.messageTimeout());
        scalar(k, "mail.top.size", top.size());
        list(
                k,
                "mail.top.windows",
                top.windows().stream()
                        .sorted()
                        .map(w -> w.name().toLowerCase(Locale.ROOT))
                        .toList());
        scalar(k, "mail.top.hour-advance", top.hourAdvance());
        scalar(k, "mail.top.grace", top.grace());
        scalar(k, "mail.top.publish-interval", top.publishInterval());
        section(k, MAIL_QUEUE, rules.queue());
        section(k, MAIL_AUTH, rules.auth());
        section(k, MAIL_FLOW, rules.flow());
        scalar(k, "mail.lookalike.minimum-similarity", lookalike.minimumSimilarity());
        list(k, "mail.lookalike.ignored-domains", lookalike.ignoredDomains());
        section(k, DMARC, rules.dmarc());
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
        scalar(k, "proxy.format", proxy.format());
        scalar(k, "proxy.contacts-retention", proxy.contactsRetention());
        // One operator's knob for both scorers' rarity bound; their defaults are the same.
        scalar(k, "proxy.rare-destination-max-clients", proxy.download().rareMaxClients());
        scalar(k, "proxy.download.threshold", proxy.download().threshold());
        scalar(k, "proxy.complex-url.threshold", proxy.complexUrl().threshold());
        // Both lists add to (trusted hosts) or replace (risky TLDs) the built-in ones: empty keeps those.
        list(k, "proxy.trusted-hosts", List.of());
        list(k, "proxy.risky-tlds", List.of());
        section(k, PROXY_CORRELATION, proxy.correlation());
        scalar(k, "intel.urlhaus.download-url", "");
        scalar(k, "intel.urlhaus.download-interval", "1h");
        scalar(k, "intel.urlhaus.max-bytes", "268435456");
        scalar(k, "antivirus.format", antivirus.format());
        list(k, "antivirus.servers.host-patterns", antivirus.serverHosts());
        list(k, "antivirus.servers.networks", antivirus.serverNetworks());
        scalar(k, "antivirus.servers.inventory-file", "");
        list(k, "antivirus.internet-paths", antivirus.internetPaths());
        scalar(k, "antivirus.outbreak.hosts", antivirus.outbreakHosts());
        scalar(k, "antivirus.outbreak.window", antivirus.outbreakWindow());
        scalar(k, "quarantine.format", quarantine.format());
        scalar(k, "quarantine.campaign.messages", quarantine.campaignMessages());
        scalar(k, "quarantine.campaign.window", quarantine.campaignWindow());
        list(k, "quarantine.campaign.ignored-sender-domains", quarantine.ignoredSenderDomains());
        scalar(k, "reports.max-bytes", "26214400");
        scalar(k, "alerts.throttle", rules.alertThrottle());
        section(k, INCIDENTS, rules.incidents());
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

    /** Every key of a bound section, with the record's defaults: a list is a list, anything else a scalar. */
    @SuppressWarnings("unchecked")
    private static <R extends Record> void section(
            final Map<String, Key> keys, final RecordBinding<R> binding, final R defaults) {
        binding.valuesByKey(defaults).forEach((path, value) -> {
            if (value instanceof List<?> list) {
                list(keys, path, (List<String>) list);
            } else {
                scalar(keys, path, value);
            }
        });
    }

    private static void scalar(final Map<String, Key> keys, final String path, final String defaultValue) {
        keys.put(path, new Key(path, Shape.SCALAR, defaultValue));
    }

    /** A typed default as the text an operator writes: {@code 6h}, {@code 10}, {@code 0.75}. */
    private static void scalar(final Map<String, Key> keys, final String path, final Object defaultValue) {
        final String text;
        if (defaultValue instanceof Duration d) {
            text = Durations.format(d);
        } else if (defaultValue instanceof Double d && d == Math.rint(d) && !Double.isInfinite(d)) {
            text = Long.toString(d.longValue());
        } else {
            text = String.valueOf(defaultValue);
        }
        scalar(keys, path, text);
    }

    private static void list(final Map<String, Key> keys, final String path, final List<String> defaults) {
        keys.put(path, new Key(path, Shape.LIST, List.copyOf(defaults)));
    }

    private static void mappings(final Map<String, Key> keys, final String path, final IdentityConfig defaults) {
        if (!defaults.userMapping().isEmpty()) {
            // The text layer has no way to write a rule as a default; none is needed while the default is empty.
            throw new IllegalStateException(path + " has a default the key table cannot hold");
        }
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
        return envName.substring(CLIENT_ENV_PREFIX.length())
                .toLowerCase(Locale.ROOT)
                .replace('_', '.');
    }

    /** Keys whose values must never reach a log. */
    static boolean isSecret(final String key) {
        final String k = key.toLowerCase(Locale.ROOT);
        return k.contains("password")
                || k.contains("jaas")
                || k.contains("secret")
                || k.contains("token")
                || k.contains("key");
    }
}
