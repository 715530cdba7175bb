package io.vigie.app.config;

import io.vigie.core.net.InternalNetworks;
import io.vigie.core.parse.quarantine.QuarantineParsers;
import io.vigie.rules.av.Antivirus;
import io.vigie.rules.config.AntivirusConfig;
import io.vigie.rules.config.AuthConfig;
import io.vigie.rules.config.CorrelationConfig;
import io.vigie.rules.config.DmarcConfig;
import io.vigie.rules.config.DownloadRiskConfig;
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
import io.vigie.rules.config.UrlComplexityConfig;
import io.vigie.rules.entity.UserMapping;
import io.vigie.rules.proxy.ProxyTraffic;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.apache.kafka.clients.CommonClientConfigs;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.errors.LogAndContinueExceptionHandler;
import org.apache.kafka.streams.errors.LogAndContinueProcessingExceptionHandler;

/**
 * The whole process configuration: one YAML file whose every key can be overridden by a
 * {@code VIGIE_<PATH>} environment variable, validated when loaded. {@code deploy/vigie.example.yaml}
 * documents every key.
 *
 * @param applicationId      Kafka Streams application id (also the consumer group)
 * @param dataDir            embedded broker data and Kafka Streams state
 * @param dataDirMinFreeBytes the start is refused when the data directory's file system has less usable space; 0: not
 *                           checked
 * @param kafka              cluster access and Streams tuning
 * @param topics             topic names and provisioning settings
 * @param http               the HTTP endpoint
 * @param organisation       what is internal
 * @param mail               mail detections
 * @param dmarc              DMARC statistics, alerts and the rua mailbox poller
 * @param proxy              proxy detections and the URLhaus download
 * @param antivirus          antivirus detections
 * @param quarantine         mail quarantine campaigns
 * @param reports            user-reported mails
 * @param alertThrottle      the same rule does not fire again for the same entity within this period
 * @param incidents          how alerts are grouped into incidents
 * @param settings           every key with its effective value and origin, secrets included: the sections other
 *                           packages read ({@link #section(String)}), and {@link #describeForLog()} shows them
 */
public record VigieConfig(
        String applicationId,
        Path dataDir,
        long dataDirMinFreeBytes,
        KafkaSettings kafka,
        TopicSettings topics,
        HttpSettings http,
        Organisation organisation,
        MailSettings mail,
        DmarcSettings dmarc,
        ProxySettings proxy,
        AntivirusConfig antivirus,
        QuarantineConfig quarantine,
        ReportSettings reports,
        Duration alertThrottle,
        IncidentsConfig incidents,
        ConfigSection settings) {

    /** {@code processing.guarantee} values accepted in {@code kafka.processing-guarantee}. */
    public static final Set<String> PROCESSING_GUARANTEES =
            Set.of(StreamsConfig.EXACTLY_ONCE_V2, StreamsConfig.AT_LEAST_ONCE);

    /**
     * How long the Kafka cluster may be unreachable (a broker restarting) before Kafka Streams gives up and
     * {@code vigie run} exits: its {@code task.timeout.ms} and its producer's {@code delivery.timeout.ms}.
     */
    public static final Duration BROKER_OUTAGE = Duration.ofMinutes(5);

    private static final Pattern TOPIC_NAME = Pattern.compile("[a-zA-Z0-9._-]{1,249}");
    private static final Pattern DOMAIN =
            Pattern.compile("[a-z0-9]([a-z0-9-]*[a-z0-9])?(\\.[a-z0-9]([a-z0-9-]*[a-z0-9])?)*");
    private static final String MASK = "******";
    /** {@code proxy.format} values: {@code auto} and every format the proxy parsers read. */
    public static final List<String> PROXY_FORMATS = ProxyTraffic.formats();

    /**
     * @param bootstrapServers   empty when the embedded broker is to be started
     * @param startupTimeout     how long the start waits for the cluster (or the embedded broker) to answer
     * @param embeddedListener   host of the embedded broker's client listener
     * @param embeddedPort       its port, 0 for a free one
     * @param controllerPort     the embedded controller's port, 0 for a free one
     * @param processingGuarantee {@code exactly_once_v2} or {@code at_least_once}
     * @param client             properties passed verbatim to every Kafka client
     */
    public record KafkaSettings(
            String bootstrapServers,
            Duration startupTimeout,
            String embeddedListener,
            int embeddedPort,
            int controllerPort,
            String processingGuarantee,
            long commitIntervalMs,
            int numStreamThreads,
            Map<String, String> client) {

        public KafkaSettings {
            client = Collections.unmodifiableMap(new TreeMap<>(client));
        }

        /** Whether this process must start its own broker. */
        public boolean embedded() {
            return bootstrapServers.isEmpty();
        }

        /** These settings, to change some of them by name. */
        public Builder toBuilder() {
            return new Builder(this);
        }

        /** Named steps over the settings: a call site says which port and which number is which. */
        public static final class Builder {
            private String bootstrapServers;
            private Duration startupTimeout;
            private String embeddedListener;
            private int embeddedPort;
            private int controllerPort;
            private String processingGuarantee;
            private long commitIntervalMs;
            private int numStreamThreads;
            private Map<String, String> client;

            private Builder(final KafkaSettings settings) {
                bootstrapServers = settings.bootstrapServers();
                startupTimeout = settings.startupTimeout();
                embeddedListener = settings.embeddedListener();
                embeddedPort = settings.embeddedPort();
                controllerPort = settings.controllerPort();
                processingGuarantee = settings.processingGuarantee();
                commitIntervalMs = settings.commitIntervalMs();
                numStreamThreads = settings.numStreamThreads();
                client = settings.client();
            }

            public Builder bootstrapServers(final String value) {
                this.bootstrapServers = value;
                return this;
            }

            public Builder startupTimeout(final Duration value) {
                this.startupTimeout = value;
                return this;
            }

            public Builder embeddedListener(final String value) {
                this.embeddedListener = value;
                return this;
            }

            public Builder embeddedPort(final int value) {
                this.embeddedPort = value;
                return this;
            }

            public Builder controllerPort(final int value) {
                this.controllerPort = value;
                return this;
            }

            public Builder processingGuarantee(final String value) {
                this.processingGuarantee = value;
                return this;
            }

            public Builder commitIntervalMs(final long value) {
                this.commitIntervalMs = value;
                return this;
            }

            public Builder numStreamThreads(final int value) {
                this.numStreamThreads = value;
                return this;
            }

            public Builder client(final Map<String, String> value) {
                this.client = value;
                return this;
            }

            public KafkaSettings build() {
                return new KafkaSettings(
                        bootstrapServers,
                        startupTimeout,
                        embeddedListener,
                        embeddedPort,
                        controllerPort,
                        processingGuarantee,
                        commitIntervalMs,
                        numStreamThreads,
                        client);
            }
        }
    }

    /**
     * @param rawRetentionDays how long raw log lines are kept (the CERT asks for 30 days of evidence)
     */
    public record TopicSettings(int partitions, short replicationFactor, int rawRetentionDays, TopicNames names) {}

    /**
     * @param apiToken the bearer token that write routes ({@code POST /api/...}) require; empty: they are off
     */
    /**
     * @param apiToken  the write routes' bearer token ({@code http.api-token})
     * @param readToken the bearer token of every other route but {@code /health} ({@code http.read-token}); empty:
     *                  none, and then {@code bind} is a loopback address
     * @param tlsCertificate the server's PEM certificate chain ({@code http.tls.certificate}), or null for plain HTTP
     * @param tlsPrivateKey  its unencrypted PKCS#8 PEM key ({@code http.tls.private-key}), set with the certificate
     */
    public record HttpSettings(
            String bind, int port, String apiToken, String readToken, Path tlsCertificate, Path tlsPrivateKey) {

        /** HTTPS: both PEM files are set. */
        public boolean tls() {
            return tlsCertificate != null;
        }

        @Override
        public String toString() {
            return "HttpSettings[bind=" + bind + ", port=" + port + ", apiToken=" + (apiToken.isEmpty() ? "" : MASK)
                    + ", readToken=" + (readToken.isEmpty() ? "" : MASK) + "]";
        }
    }

    /**
     * @param rules               what the topology needs
     * @param urlhausDownloadUrl  the URLhaus CSV to download periodically into {@code raw.urlhaus}; empty: off
     * @param urlhausInterval     how often
     * @param urlhausMaxBytes     largest download accepted (after decompression)
     */
    public record ProxySettings(
            ProxyConfig rules, String urlhausDownloadUrl, Duration urlhausInterval, long urlhausMaxBytes) {}

    /** @param identities how a mail address becomes an account name ({@code organisation.user-mapping}) */
    public record Organisation(
            ZoneId timeZone, List<String> internalDomains, List<String> internalNetworks, IdentityConfig identities) {

        public Organisation {
            internalDomains = List.copyOf(internalDomains);
            internalNetworks = List.copyOf(internalNetworks);
        }
    }

    /**
     * @param lookalike look-alike sender domains, with the partners' domains ({@code organisation.partner-domains})
     * @param auth      SMTP AUTH password spraying and account takeover ({@code mail.auth.*})
     */
    public record MailSettings(
            Duration messageTimeout,
            TopConfig top,
            QueueConfig queue,
            FlowAnomalyConfig flow,
            LookalikeConfig lookalike,
            AuthConfig auth) {}

    /**
     * @param rules what the topology needs; the {@code rua} mailbox poller reads its own section
     *              ({@code dmarc.imap}, see {@link #section(String)})
     */
    public record DmarcSettings(DmarcConfig rules) {}

    /** @param maxBytes the largest reported mail accepted by {@code POST /api/report} */
    public record ReportSettings(int maxBytes) {}

    /** Defaults and the process environment, no file. */
    public static VigieConfig defaults() {
        return load(null, Map.of());
    }

    /**
     * Reads the YAML file (when given), applies the environment and validates everything.
     *
     * @param file  the YAML file, or {@code null} for defaults plus environment
     * @param env   the environment ({@code System.getenv()} in production)
     * @throws InvalidConfigException naming the bad key and where its value came from
     */
    public static VigieConfig load(final Path file, final Map<String, String> env) {
        final RawConfig raw = RawConfig.load(file, env);
        return new Reader(raw).read();
    }

    /** The same configuration pointed at another cluster (the {@code --bootstrap-servers} option). */
    public VigieConfig withBootstrapServers(final String bootstrapServers) {
        final KafkaSettings k = kafka;
        final ConfigSection changed =
                settings.with("kafka.bootstrap-servers", bootstrapServers.strip(), "the --bootstrap-servers option");
        return new VigieConfig(
                applicationId,
                dataDir,
                dataDirMinFreeBytes,
                new KafkaSettings(
                        bootstrapServers.strip(),
                        k.startupTimeout(),
                        k.embeddedListener(),
                        k.embeddedPort(),
                        k.controllerPort(),
                        k.processingGuarantee(),
                        k.commitIntervalMs(),
                        k.numStreamThreads(),
                        k.client()),
                topics,
                http,
                organisation,
                mail,
                dmarc,
                proxy,
                antivirus,
                quarantine,
                reports,
                alertThrottle,
                incidents,
                changed);
    }

    /**
     * The keys under {@code prefix}, for the package that owns them: {@code SyslogSettings.from(config)} reads
     * {@code siem.syslog}, {@code ImapSettings.from(config)} reads {@code dmarc.imap}.
     */
    public ConfigSection section(final String prefix) {
        return settings.section(prefix);
    }

    /** Every key with its effective value as text, secrets included: use {@link #describeForLog()} to show it. */
    public Map<String, String> effectiveSettings() {
        return settings.effective();
    }

    /**
     * The keys of the table that no reader has asked for yet. Once every section is read (as {@code --config}
     * loading does), a key listed here is documented and accepted but changes nothing: a test keeps it empty.
     */
    public Set<String> unreadKeys() {
        return settings.unread();
    }

    /** Rules settings for {@code DetectorTopology.build}. */
    public RulesConfig toRulesConfig() {
        // Syslog lines carry no year: the year is taken from the wall clock in the organisation's zone.
        return new RulesConfig(
                organisation.timeZone(),
                organisation.internalDomains(),
                organisation.internalNetworks(),
                topics.names(),
                mail.messageTimeout(),
                mail.top(),
                mail.queue(),
                mail.flow(),
                alertThrottle,
                dmarc.rules(),
                proxy.rules(),
                antivirus,
                quarantine,
                mail.lookalike(),
                mail.auth(),
                incidents,
                organisation.identities(),
                Clock.system(organisation.timeZone()));
    }

    /** Where Kafka Streams keeps its state stores. */
    public Path stateDir() {
        return dataDir.resolve("streams");
    }

    /**
     * Kafka Streams properties. The client pass-through comes last but cannot override the settings
     * this method owns (application id, bootstrap, guarantee, state dir, error handling).
     */
    @SuppressWarnings("deprecation") // PROCESSING_EXCEPTION_HANDLER_GLOBAL_ENABLED_CONFIG, see below
    public Properties streamsProperties(final String bootstrapServers) {
        final Properties p = new Properties();
        // Raw lines are small and repetitive: compression saves most of the broker disk and network. A default:
        // the pass-through (kafka.client.producer.compression.type) may choose otherwise.
        p.put(StreamsConfig.producerPrefix(ProducerConfig.COMPRESSION_TYPE_CONFIG), "lz4");
        // A broker restart must not stop the engine. Kafka Streams retries a task that times out on the broker for
        // task.timeout.ms, but a batch its producer cannot deliver within delivery.timeout.ms (2 min by default) fails
        // the transaction with an error no handler retries, and the stream thread dies: vigie run exits. Both are set
        // to the outage ridden out (BrokerRestartIT); defaults the pass-through may change.
        p.put(StreamsConfig.TASK_TIMEOUT_MS_CONFIG, Long.toString(BROKER_OUTAGE.toMillis()));
        p.put(
                StreamsConfig.producerPrefix(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG),
                Long.toString(BROKER_OUTAGE.toMillis()));
        // ...and a send waits for the topic's metadata up to max.block.ms (60 s by default): a broker down for 60 s
        // and slow to come back failed the transaction the same way in CI ("not present in metadata after 60000 ms").
        p.put(
                StreamsConfig.producerPrefix(ProducerConfig.MAX_BLOCK_MS_CONFIG),
                Long.toString(BROKER_OUTAGE.toMillis()));
        // Unprefixed client settings (security.protocol, ssl.*, sasl.*) reach every client Streams creates.
        p.putAll(kafka.client());
        if (topics.replicationFactor() >= 3) {
            p.put(StreamsConfig.topicPrefix("min.insync.replicas"), "2");
        }
        p.put(StreamsConfig.APPLICATION_ID_CONFIG, applicationId);
        p.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        p.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, kafka.processingGuarantee());
        // Transactional state stores (Kafka 4.4, KIP-892) under exactly-once: a store's writes reach RocksDB only once
        // their transaction has committed. Without them, in our runs, Kafka 4.4 kept no .checkpoint file and restored
        // only part of the changelogs after a SIGKILL (no wipe): a write flushed to RocksDB just before the kill,
        // whose transaction then aborted, can stay in the store. The crash test lost a DMARC alert in CI, most likely
        // that way (the throttle's store
        // remembering an alert the topic never got). They also save a store's position as it goes: a crash
        // a day after a clean stop restored 0.67 million records instead of 3.06 million. The pass-through
        // (kafka.client.enable.transactional.statestores: false) turns them off.
        if (StreamsConfig.EXACTLY_ONCE_V2.equals(kafka.processingGuarantee())) {
            p.putIfAbsent(StreamsConfig.TRANSACTIONAL_STATE_STORES_CONFIG, "true");
        }
        p.put(StreamsConfig.COMMIT_INTERVAL_MS_CONFIG, Long.toString(kafka.commitIntervalMs()));
        p.put(StreamsConfig.NUM_STREAM_THREADS_CONFIG, Integer.toString(kafka.numStreamThreads()));
        p.put(StreamsConfig.STATE_DIR_CONFIG, stateDir().toAbsolutePath().toString());
        // A task reads several topics (the alert merge gathers nine into one sub-topology). By default it waits
        // for a partition whose next records are still in an open transaction of the previous stage, which under
        // exactly-once left the stream thread idle most of the time. No detection compares the times of records
        // from different topics, so a task processes whatever it has.
        p.put(StreamsConfig.MAX_TASK_IDLE_MS_CONFIG, Long.toString(StreamsConfig.MAX_TASK_IDLE_MS_DISABLED));
        p.put(StreamsConfig.REPLICATION_FACTOR_CONFIG, Short.toString(topics.replicationFactor()));
        // Never drop silently: bad bytes go to the DLQ, processing errors are logged and counted.
        // (deserialization.exception.handler replaces the deprecated default.deserialization.exception.handler.)
        p.put(
                StreamsConfig.DESERIALIZATION_EXCEPTION_HANDLER_CLASS_CONFIG,
                LogAndContinueExceptionHandler.class.getName());
        p.put(
                StreamsConfig.ERRORS_DEAD_LETTER_QUEUE_TOPIC_NAME_CONFIG,
                topics.names().dlq());
        p.put(
                StreamsConfig.PROCESSING_EXCEPTION_HANDLER_CLASS_CONFIG,
                LogAndContinueProcessingExceptionHandler.class.getName());
        // Global stores (the top-20 snapshots) get the same handler. 4.4 deprecates the key because 5.0 makes
        // this the default, yet warns at start-up while it is off.
        p.put(StreamsConfig.PROCESSING_EXCEPTION_HANDLER_GLOBAL_ENABLED_CONFIG, "true");
        return p;
    }

    /** Properties for an {@code Admin}, producer or consumer: the bootstrap plus the client pass-through. */
    public Properties clientProperties(final String bootstrapServers) {
        final Properties p = new Properties();
        p.putAll(kafka.client());
        p.put(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        return p;
    }

    /**
     * For the producers Vigie writes its own records with (API posts, ingest, the URLhaus download): idempotent,
     * acknowledged by every in-sync replica, lz4-compressed, so that an acknowledged record survives a broker failover
     * and a retry inside the producer does not write it twice.
     *
     * @param clientId the client id the broker logs and quotas see; null for Kafka's own
     */
    public Properties durableProducerProperties(final String bootstrapServers, final String clientId) {
        final Properties p = clientProperties(bootstrapServers);
        p.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true");
        p.put(ProducerConfig.ACKS_CONFIG, "all");
        p.put(ProducerConfig.COMPRESSION_TYPE_CONFIG, "lz4");
        if (clientId != null) {
            p.put(ProducerConfig.CLIENT_ID_CONFIG, clientId);
        }
        return p;
    }

    /** Whether a key's value must never reach a log or a message (password, jaas, secret, token, key). */
    public static boolean isSecret(final String key) {
        return ConfigKeys.isSecret(key);
    }

    /** One line with every effective setting; secrets (password, jaas, secret, token, key) masked. */
    public String describeForLog() {
        return effectiveSettings().entrySet().stream()
                .map(e -> e.getKey() + "=" + (ConfigKeys.isSecret(e.getKey()) ? MASK : e.getValue()))
                .collect(Collectors.joining(", "));
    }

    @Override
    public String toString() {
        return "VigieConfig[" + describeForLog() + "]";
    }

    /** Turns the text layer into typed values, failing on the first bad one. */
    private static final class Reader {

        private final RawConfig raw;
        private final ConfigSection in;

        Reader(final RawConfig raw) {
            this.raw = raw;
            this.in = new ConfigSection(raw, "");
        }

        VigieConfig read() {
            final String applicationId = in.string("application-id");
            if (!TOPIC_NAME.matcher(applicationId).matches()) {
                throw in.bad("application-id", "use letters, digits, '.', '_' and '-' only");
            }
            final Path dataDir = in.path("data-dir");
            final long minFree = in.bytes("data-dir-min-free-bytes");

            final String bootstrap = in.string("kafka.bootstrap-servers");
            if (!bootstrap.isEmpty()) {
                for (final String server : bootstrap.split(",")) {
                    hostPort("kafka.bootstrap-servers", server.strip(), false);
                }
            }
            final String[] listener = hostPort("kafka.embedded.listener", in.string("kafka.embedded.listener"), true);
            final int controllerPort = in.integer("kafka.embedded.controller-port", 0, 65_535);
            final String guarantee = in.string("kafka.processing-guarantee").toLowerCase(Locale.ROOT);
            if (!PROCESSING_GUARANTEES.contains(guarantee)) {
                throw in.bad("kafka.processing-guarantee", "must be exactly_once_v2 or at_least_once");
            }
            final Map<String, String> client = new TreeMap<>();
            raw.client().forEach((k, v) -> client.put(k, (String) v.value()));
            final KafkaSettings kafka = new KafkaSettings(
                    bootstrap,
                    in.duration("kafka.startup-timeout"),
                    listener[0],
                    Integer.parseInt(listener[1]),
                    controllerPort,
                    guarantee,
                    in.integer("kafka.commit-interval-ms", 1, Integer.MAX_VALUE),
                    in.integer("kafka.num-stream-threads", 1, 64),
                    client);

            final TopicNames names = ConfigKeys.TOPIC_NAMES.bind((key, type) -> topic(key));
            final TopicSettings topics = new TopicSettings(
                    in.integer("topics.partitions", 1, 10_000),
                    (short) in.integer("topics.replication-factor", 1, Short.MAX_VALUE),
                    in.integer("topics.raw-retention-days", 1, 36_500),
                    names);

            final String bind = in.string("http.bind");
            if (bind.isEmpty()) {
                throw in.bad("http.bind", "must not be empty (0.0.0.0 listens on every interface)");
            }
            final String readToken = in.string("http.read-token").strip();
            if (readToken.isEmpty()
                    && !"localhost".equalsIgnoreCase(bind)
                    && !InternalNetworks.LOOPBACK.contains(bind)) {
                throw in.bad(
                        "http.bind",
                        "listening on " + bind + " would serve the top lists, alerts and metrics "
                                + "(mail "
                                + "addresses: personal data) to the network without authentication: set http.read-token "
                                + "(VIGIE_HTTP_READ_TOKEN), or bind 127.0.0.1");
            }
            final String certificate = in.string("http.tls.certificate").strip();
            final String privateKey = in.string("http.tls.private-key").strip();
            if (certificate.isEmpty() != privateKey.isEmpty()) {
                throw in.bad(
                        certificate.isEmpty() ? "http.tls.certificate" : "http.tls.private-key",
                        "HTTPS needs both http.tls.certificate and http.tls.private-key (PEM files)");
            }
            for (final String key : List.of("http.tls.certificate", "http.tls.private-key")) {
                final String file = in.string(key).strip();
                if (!file.isEmpty() && !Files.isReadable(Path.of(file))) {
                    throw in.bad(key, "cannot read " + file);
                }
            }
            final HttpSettings http = new HttpSettings(
                    bind,
                    in.integer("http.port", 0, 65_535),
                    in.string("http.api-token").strip(),
                    readToken,
                    certificate.isEmpty() ? null : Path.of(certificate),
                    privateKey.isEmpty() ? null : Path.of(privateKey));

            final Organisation organisation = new Organisation(
                    zone("organisation.time-zone"),
                    domains("organisation.internal-domains"),
                    networks("organisation.internal-networks"),
                    identities());

            final MailSettings mail =
                    new MailSettings(in.duration("mail.message-timeout"), top(), queue(), flow(), lookalike(), auth());
            final DmarcSettings dmarc = new DmarcSettings(dmarcRules());
            final ProxySettings proxy = proxy();
            final AntivirusConfig antivirus = antivirus();
            final String quarantineFormat =
                    in.string("quarantine.format").strip().toLowerCase(Locale.ROOT);
            if (!QuarantineParsers.NAMES.contains(quarantineFormat)) {
                throw in.bad(
                        "quarantine.format",
                        "unknown format '" + quarantineFormat + "' ("
                                + String.join(", ", new java.util.TreeSet<>(QuarantineParsers.NAMES)) + ")");
            }
            final QuarantineConfig quarantine = new QuarantineConfig(
                    quarantineFormat,
                    in.integer("quarantine.campaign.messages", 2, 1_000_000),
                    in.duration("quarantine.campaign.window"),
                    domains("quarantine.campaign.ignored-sender-domains"));
            final ReportSettings reports =
                    new ReportSettings(in.integer("reports.max-bytes", 1024, RecordLimits.MAX_REPORT_BYTES));
            final Duration throttle = in.duration("alerts.throttle");

            return new VigieConfig(
                    applicationId,
                    dataDir,
                    minFree,
                    kafka,
                    topics,
                    http,
                    organisation,
                    mail,
                    dmarc,
                    proxy,
                    antivirus,
                    quarantine,
                    reports,
                    throttle,
                    incidents(),
                    in);
        }

        private IdentityConfig identities() {
            final String key = "organisation.user-mapping";
            final List<IdentityConfig.UserMappingRule> rules = new ArrayList<>();
            for (final Map<String, String> item : in.mappings(key)) {
                final Set<String> unknown = new java.util.TreeSet<>(item.keySet());
                unknown.removeAll(Set.of("match", "account"));
                if (!unknown.isEmpty()) {
                    throw in.bad(
                            key,
                            "rule " + (rules.size() + 1) + " has unknown field(s) " + unknown
                                    + " (a rule is {match: <regex with a named group>, account: <template using ${group}>})");
                }
                final IdentityConfig.UserMappingRule rule =
                        new IdentityConfig.UserMappingRule(item.get("match"), item.get("account"));
                try {
                    UserMapping.check(rules.size() + 1, rule);
                } catch (final IllegalArgumentException e) {
                    throw in.bad(key, e.getMessage());
                }
                rules.add(rule);
            }
            return new IdentityConfig(rules);
        }

        private TopConfig top() {
            final Set<TopConfig.TopWindow> windows = new HashSet<>();
            for (final String w : in.list("mail.top.windows")) {
                try {
                    windows.add(TopConfig.TopWindow.valueOf(w.toUpperCase(Locale.ROOT)));
                } catch (final IllegalArgumentException e) {
                    throw in.bad("mail.top.windows", "unknown window '" + w + "' (day, hour or period)");
                }
            }
            final int size = in.integer("mail.top.size", 1, 1000);
            final Duration hourAdvance = in.duration("mail.top.hour-advance");
            if (Duration.ofHours(1).toMillis() % hourAdvance.toMillis() != 0) {
                throw in.bad("mail.top.hour-advance", "must divide one hour (e.g. 5m, 10m, 15m)");
            }
            if (windows.isEmpty()) {
                throw in.bad("mail.top.windows", "must name at least one window");
            }
            return TopConfig.defaults().toBuilder()
                    .size(size)
                    .windows(windows)
                    .hourAdvance(hourAdvance)
                    .grace(in.duration("mail.top.grace"))
                    .publishInterval(in.duration("mail.top.publish-interval"))
                    .build();
        }

        private QueueConfig queue() {
            return ConfigKeys.MAIL_QUEUE.bind(this::setting);
        }

        private FlowAnomalyConfig flow() {
            return ConfigKeys.MAIL_FLOW.bind(
                    this::setting,
                    Map.of(
                            "mail.flow.spike-factor",
                            this::spikeFactor,
                            "mail.flow.baseline-hours",
                            key -> in.integer(key, 1, 24 * 366)));
        }

        private double spikeFactor(final String key) {
            final double factor;
            try {
                factor = Double.parseDouble(in.string(key));
            } catch (final NumberFormatException e) {
                throw in.bad(key, "not a number");
            }
            if (!(factor > 1.0) || Double.isInfinite(factor)) {
                throw in.bad(key, "must be a number greater than 1");
            }
            return factor;
        }

        private LookalikeConfig lookalike() {
            final String key = "mail.lookalike.minimum-similarity";
            final double minimum;
            try {
                minimum = Double.parseDouble(in.string(key));
            } catch (final NumberFormatException e) {
                throw in.bad(key, "not a number");
            }
            if (!(minimum > 0 && minimum <= 1)) {
                throw in.bad(key, "must be a number greater than 0 and at most 1");
            }
            return new LookalikeConfig(
                    domains("organisation.partner-domains"), minimum, domains("mail.lookalike.ignored-domains"));
        }

        private IncidentsConfig incidents() {
            return ConfigKeys.INCIDENTS.bind(
                    this::setting,
                    Map.of(
                            "incidents.session-gap", this::sessionGap,
                            "incidents.max-timeline", key -> in.integer(key, 10, 10_000),
                            "incidents.retention", this::incidentRetention));
        }

        private Duration sessionGap(final String key) {
            final Duration gap = in.duration(key);
            if (gap.compareTo(Duration.ofMinutes(1)) < 0) {
                throw in.bad(key, "must be at least 1m");
            }
            return gap;
        }

        private Duration incidentRetention(final String key) {
            final Duration retention = in.duration(key);
            if (retention.compareTo(in.duration("incidents.session-gap")) < 0) {
                throw in.bad(key, "must be at least incidents.session-gap");
            }
            return retention;
        }

        private AuthConfig auth() {
            return ConfigKeys.MAIL_AUTH.bind(
                    this::setting,
                    Map.of(
                            "mail.auth.window", this::authWindow,
                            "mail.auth.spraying-accounts", key -> in.integer(key, 2, 1_000_000),
                            "mail.auth.brute-force-failures", key -> in.integer(key, 1, 1_000_000),
                            "mail.auth.takeover-failures", key -> in.integer(key, 1, 1_000_000),
                            "mail.auth.known-network-retention", this::knownNetworkRetention,
                            "mail.auth.ipv4-prefix", key -> in.integer(key, 1, 32),
                            "mail.auth.ipv6-prefix", key -> in.integer(key, 1, 128)));
        }

        private Duration authWindow(final String key) {
            final Duration window = in.duration(key);
            if (window.compareTo(Duration.ofMinutes(1)) < 0) {
                throw in.bad(key, "must be at least 1m (failures are counted per minute)");
            }
            return window;
        }

        private Duration knownNetworkRetention(final String key) {
            final Duration retention = in.duration(key);
            if (retention.compareTo(in.duration("mail.auth.window")) < 0) {
                throw in.bad(key, "must be at least mail.auth.window");
            }
            return retention;
        }

        private DmarcConfig dmarcRules() {
            return ConfigKeys.DMARC.bind(
                    this::setting,
                    Map.of(
                            "dmarc.protected-domains", this::domains,
                            "dmarc.known-senders", this::networks,
                            "dmarc.max-report-bytes", key -> in.integer(key, 1024, RecordLimits.MAX_RAW_RECORD_BYTES),
                            "dmarc.max-inflated-bytes", key -> in.integer(key, 1024, 1024 * 1024 * 1024),
                            "dmarc.max-zip-entries", key -> in.integer(key, 1, 10_000),
                            "dmarc.max-mime-parts", key -> in.integer(key, 1, 10_000)));
        }

        private ProxySettings proxy() {
            final String format = in.string("proxy.format").strip().toLowerCase(Locale.ROOT);
            if (!PROXY_FORMATS.contains(format)) {
                throw in.bad(
                        "proxy.format", "unknown format '" + format + "' (" + String.join(", ", PROXY_FORMATS) + ")");
            }
            final String url = in.string("intel.urlhaus.download-url").strip();
            if (!url.isEmpty() && !url.startsWith("https://") && !url.startsWith("http://")) {
                throw in.bad(
                        "intel.urlhaus.download-url", "must be an http(s) URL, or empty to switch the download off");
            }
            final int rare = in.integer("proxy.rare-destination-max-clients", 0, Integer.MAX_VALUE);
            final List<String> trusted = in.list("proxy.trusted-hosts");
            for (final String pattern : trusted) {
                final String p = pattern.toLowerCase(Locale.ROOT)
                        .replaceFirst("^\\*\\.", "")
                        .replaceFirst("\\.\\*$", "");
                if (!DOMAIN.matcher(p).matches()) {
                    throw in.bad(
                            "proxy.trusted-hosts",
                            "'" + pattern + "' is not a host pattern (vendor.example, "
                                    + "*.vendor.example or ocsp.*)");
                }
            }
            final List<String> tlds = in.list("proxy.risky-tlds");
            final DownloadRiskConfig download;
            final UrlComplexityConfig complexUrl;
            try {
                download = DownloadRiskConfig.defaults().toBuilder()
                        .threshold(in.integer("proxy.download.threshold", 1, 10_000))
                        .rareMaxClients(rare)
                        .riskyTlds(tlds.isEmpty() ? DownloadRiskConfig.RISKY_TLD_DEFAULTS : Set.copyOf(tlds))
                        .addTrustedHosts(trusted)
                        .build();
                complexUrl = UrlComplexityConfig.defaults().toBuilder()
                        .threshold(in.integer("proxy.complex-url.threshold", 1, 10_000))
                        .rareMaxClients(rare)
                        .addAllowedHosts(trusted)
                        .build();
            } catch (final IllegalArgumentException e) {
                throw in.bad("proxy.trusted-hosts", e.getMessage());
            }
            final CorrelationConfig correlation = ConfigKeys.PROXY_CORRELATION.bind(
                    this::setting, Map.of("proxy.correlation.lure-hosts-per-alert", key -> in.integer(key, 1, 1000)));
            return new ProxySettings(
                    new ProxyConfig(format, in.duration("proxy.contacts-retention"), download, complexUrl, correlation),
                    url,
                    in.duration("intel.urlhaus.download-interval"),
                    in.integer("intel.urlhaus.max-bytes", 1024, Integer.MAX_VALUE));
        }

        private AntivirusConfig antivirus() {
            final List<String> servers = new ArrayList<>();
            final String inventory =
                    in.string("antivirus.servers.inventory-file").strip();
            if (!inventory.isEmpty()) {
                final Path file = in.path("antivirus.servers.inventory-file");
                try {
                    for (final String line :
                            java.nio.file.Files.readAllLines(file, java.nio.charset.StandardCharsets.UTF_8)) {
                        final String name = line.replaceFirst("#.*", "").strip().toLowerCase(Locale.ROOT);
                        if (!name.isEmpty()) {
                            servers.add(name.split("[\\s,;]+", 2)[0]);
                        }
                    }
                } catch (final java.io.IOException e) {
                    throw in.bad("antivirus.servers.inventory-file", "cannot read " + file + ": " + e.getMessage());
                }
            }
            for (final String pattern : in.list("antivirus.servers.host-patterns")) {
                if (pattern.isBlank() || !pattern.matches("[A-Za-z0-9.*?_-]+")) {
                    throw in.bad(
                            "antivirus.servers.host-patterns",
                            "'" + pattern + "' is not a host name pattern "
                                    + "(letters, digits, '.', '-', '*' and '?')");
                }
            }
            final String format = in.string("antivirus.format").strip().toLowerCase(Locale.ROOT);
            if (!Antivirus.formats().contains(format)) {
                throw in.bad(
                        "antivirus.format",
                        "unknown format '" + format + "' (" + String.join(", ", Antivirus.formats()) + ")");
            }
            return AntivirusConfig.defaults().toBuilder()
                    .format(format)
                    .serverHosts(in.list("antivirus.servers.host-patterns"))
                    .serverNetworks(networks("antivirus.servers.networks"))
                    .servers(servers)
                    .internetPaths(in.list("antivirus.internet-paths"))
                    .outbreakHosts(in.integer("antivirus.outbreak.hosts", 2, 100_000))
                    .outbreakWindow(in.duration("antivirus.outbreak.window"))
                    .build();
        }

        /**
         * A key of a bound section read as its component's type, with the ordinary bounds: a count is a whole number
         * from 1, a duration is positive, a list is as written. A key with other bounds is read by its own function.
         */
        private Object setting(final String key, final Class<?> type) {
            if (type == int.class) {
                return in.integer(key, 1, Integer.MAX_VALUE);
            }
            if (type == long.class) {
                return (long) in.integer(key, 1, Integer.MAX_VALUE);
            }
            if (type == Duration.class) {
                return in.duration(key);
            }
            if (type == List.class) {
                return in.list(key);
            }
            throw new IllegalStateException(key + ": no ordinary reading of a " + type.getSimpleName());
        }

        private String topic(final String path) {
            final String name = in.string(path);
            if (!TOPIC_NAME.matcher(name).matches() || ".".equals(name) || "..".equals(name)) {
                throw in.bad(path, "not a valid Kafka topic name (letters, digits, '.', '_', '-'; at most 249)");
            }
            return name;
        }

        private ZoneId zone(final String path) {
            try {
                return ZoneId.of(in.string(path));
            } catch (final DateTimeException e) {
                throw in.bad(path, "unknown time zone (use a region such as Europe/Paris)");
            }
        }

        private List<String> domains(final String path) {
            final List<String> out = new ArrayList<>();
            for (final String d : in.list(path)) {
                final String domain = d.toLowerCase(Locale.ROOT);
                if (!DOMAIN.matcher(domain).matches()) {
                    throw in.bad(path, "'" + d + "' is not a domain name (write chu-exemple.fr, without '@')");
                }
                out.add(domain);
            }
            return out;
        }

        private List<String> networks(final String path) {
            for (final String n : in.list(path)) {
                final String reason = Cidr.problem(n);
                if (reason != null) {
                    throw in.bad(path, "'" + n + "' " + reason);
                }
            }
            return in.list(path);
        }

        /** Returns {host, port}. */
        private String[] hostPort(final String path, final String value, final boolean allowZero) {
            final int colon = value.lastIndexOf(':');
            if (colon <= 0 || colon == value.length() - 1) {
                throw in.bad(path, "'" + value + "' is not host:port");
            }
            String host = value.substring(0, colon);
            if (host.startsWith("[") && host.endsWith("]")) {
                host = host.substring(1, host.length() - 1);
            }
            final int port;
            try {
                port = Integer.parseInt(value.substring(colon + 1));
            } catch (final NumberFormatException e) {
                throw in.bad(path, "'" + value + "' has no numeric port");
            }
            if (port < (allowZero ? 0 : 1) || port > 65_535) {
                throw in.bad(path, "'" + value + "' has a port out of range");
            }
            return new String[] {host, Integer.toString(port)};
        }
    }
}
