package io.vigie.app.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vigie.rules.config.AuthConfig;
import io.vigie.rules.config.RulesConfig;
import io.vigie.rules.config.TopConfig.TopWindow;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class VigieConfigTest {

    @TempDir
    Path dir;

    private Path yaml(final String text) throws IOException {
        final Path file = dir.resolve("vigie.yaml");
        Files.writeString(file, text, StandardCharsets.UTF_8);
        return file;
    }

    @Test
    void shouldUseTheGivenClusterInsteadOfTheEmbeddedBrokerWhenRunIsGivenBootstrapServers() {
        final VigieConfig embedded = VigieConfig.load(null, Map.of());
        assertThat(embedded.kafka().embedded()).isTrue();

        final VigieConfig cluster = embedded.withBootstrapServers(" kafka1:9093,kafka2:9093 ");

        assertThat(cluster.kafka().embedded()).isFalse();
        assertThat(cluster.streamsProperties(cluster.kafka().bootstrapServers()).getProperty("bootstrap.servers"))
                .isEqualTo("kafka1:9093,kafka2:9093");
        assertThat(cluster.applicationId()).isEqualTo(embedded.applicationId());
    }

    @Test
    void shouldUseDocumentedDefaultsWhenNoFileNorEnvironment() {
        final VigieConfig config = VigieConfig.load(null, Map.of());

        assertThat(config.applicationId()).isEqualTo("vigie");
        assertThat(config.dataDir()).isEqualTo(Path.of("./var"));
        assertThat(config.kafka().embedded()).isTrue();
        assertThat(config.kafka().embeddedListener()).isEqualTo("127.0.0.1");
        assertThat(config.kafka().embeddedPort()).isEqualTo(9092);
        assertThat(config.kafka().controllerPort()).isEqualTo(9093);
        assertThat(config.kafka().processingGuarantee()).isEqualTo("exactly_once_v2");
        assertThat(config.topics().partitions()).isEqualTo(3);
        assertThat(config.topics().rawRetentionDays()).isEqualTo(30);
        assertThat(config.topics().names().queueStatus()).isEqualTo("events.mail-queue");
        assertThat(config.http().port()).isEqualTo(8080);
        assertThat(config.organisation().timeZone()).isEqualTo(ZoneId.of("Europe/Paris"));
        assertThat(config.organisation().internalNetworks()).containsExactly("127.0.0.0/8", "::1/128");
        assertThat(config.mail().top().windows()).containsExactlyInAnyOrder(TopWindow.DAY, TopWindow.HOUR);
        assertThat(config.mail().queue().statusInterval()).isEqualTo(Duration.ofSeconds(30));
        assertThat(config.alertThrottle()).isEqualTo(Duration.ofHours(1));
    }

    @Test
    void shouldTakeEnvironmentOverYamlOverDefaults() throws IOException {
        final Path file = yaml("""
                application-id: vigie-test
                http: { port: 9000, bind: 127.0.0.1 }
                organisation:
                  internal-domains: [chu-exemple.fr]
                mail:
                  top: { size: 10, hour-advance: 15m }
                kafka:
                  embedded: { listener: "127.0.0.1:19092" }
                """);
        final VigieConfig config = VigieConfig.load(
                file,
                Map.of(
                        "VIGIE_HTTP_PORT", "9100",
                        "VIGIE_MAIL_TOP_HOUR_ADVANCE", "5m",
                        "VIGIE_ORGANISATION_INTERNAL_DOMAINS", "a.fr, b.fr",
                        "PATH", "/usr/bin"));

        assertThat(config.applicationId()).isEqualTo("vigie-test");
        assertThat(config.http().bind()).isEqualTo("127.0.0.1");
        assertThat(config.http().port()).isEqualTo(9100);
        assertThat(config.mail().top().size()).isEqualTo(10);
        assertThat(config.mail().top().hourAdvance()).isEqualTo(Duration.ofMinutes(5));
        assertThat(config.organisation().internalDomains()).containsExactly("a.fr", "b.fr");
        assertThat(config.kafka().embeddedPort()).isEqualTo(19092);
        assertThat(config.mail().top().grace()).isEqualTo(Duration.ofMinutes(5));
    }

    @Test
    void shouldTakeBootstrapServersFromKafkaVariableUnlessVigieVariableIsSet() {
        assertThat(VigieConfig.load(null, Map.of("KAFKA_BOOTSTRAP_SERVERS", "k1:9092,k2:9092"))
                        .kafka()
                        .bootstrapServers())
                .isEqualTo("k1:9092,k2:9092");
        final VigieConfig both = VigieConfig.load(
                null, Map.of("KAFKA_BOOTSTRAP_SERVERS", "k1:9092", "VIGIE_KAFKA_BOOTSTRAP_SERVERS", "v1:9092"));
        assertThat(both.kafka().bootstrapServers()).isEqualTo("v1:9092");
        assertThat(both.kafka().embedded()).isFalse();
    }

    @Test
    void shouldRejectUnknownYamlKeyNamingIt() throws IOException {
        final Path file = yaml("""
                mail:
                  top: { sise: 20 }
                """);
        assertThatThrownBy(() -> VigieConfig.load(file, Map.of()))
                .isInstanceOf(InvalidConfigException.class)
                .hasMessageContaining("mail.top.sise");
    }

    @Test
    void shouldRejectUnknownVigieVariableNamingIt() {
        assertThatThrownBy(() -> VigieConfig.load(null, Map.of("VIGIE_HTTP_PROT", "80")))
                .isInstanceOf(InvalidConfigException.class)
                .hasMessageContaining("VIGIE_HTTP_PROT");
    }

    @Test
    void shouldIgnoreReservedVigieVariables() {
        assertThat(VigieConfig.load(null, Map.of("VIGIE_JAVA_OPTS", "-Xmx1g", "VIGIE_CONFIG", "/etc/vigie.yaml"))
                        .applicationId())
                .isEqualTo("vigie");
    }

    @Test
    void shouldNameKeyAndOriginOfAnInvalidValue() throws IOException {
        assertThatThrownBy(() -> VigieConfig.load(null, Map.of("VIGIE_MAIL_TOP_HOUR_ADVANCE", "7m")))
                .isInstanceOf(InvalidConfigException.class)
                .hasMessageContaining("mail.top.hour-advance")
                .hasMessageContaining("VIGIE_MAIL_TOP_HOUR_ADVANCE")
                .hasMessageContaining("divide one hour");
        final Path file = yaml("http: { port: 70000 }\n");
        assertThatThrownBy(() -> VigieConfig.load(file, Map.of()))
                .isInstanceOf(InvalidConfigException.class)
                .hasMessageContaining("http.port")
                .hasMessageContaining(file.toString());
        assertThatThrownBy(() -> VigieConfig.load(null, Map.of("VIGIE_ORGANISATION_INTERNAL_NETWORKS", "10.0.0.0/33")))
                .hasMessageContaining("organisation.internal-networks");
        assertThatThrownBy(() -> VigieConfig.load(null, Map.of("VIGIE_KAFKA_PROCESSING_GUARANTEE", "exactly_once")))
                .hasMessageContaining("kafka.processing-guarantee");
        assertThatThrownBy(() -> VigieConfig.load(null, Map.of("VIGIE_ORGANISATION_TIME_ZONE", "Paris")))
                .hasMessageContaining("organisation.time-zone");
        assertThatThrownBy(() -> VigieConfig.load(null, Map.of("VIGIE_TOPICS_NAMES_ALERTS", "bad topic")))
                .hasMessageContaining("topics.names.alerts");
    }

    @Test
    void shouldListenOnLoopbackByDefaultAndElsewhereOnlyWithAReadToken() {
        assertThat(VigieConfig.load(null, Map.of()).http().bind()).isEqualTo("127.0.0.1");
        assertThat(VigieConfig.load(null, Map.of()).http().readToken()).isEmpty();
        assertThatThrownBy(() -> VigieConfig.load(null, Map.of("VIGIE_HTTP_BIND", "0.0.0.0")))
                .isInstanceOf(InvalidConfigException.class)
                .hasMessageContaining("http.bind")
                .hasMessageContaining("http.read-token")
                .hasMessageContaining("VIGIE_HTTP_READ_TOKEN");
        final VigieConfig open =
                VigieConfig.load(null, Map.of("VIGIE_HTTP_BIND", "0.0.0.0", "VIGIE_HTTP_READ_TOKEN", "r3ad-t0ken"));
        assertThat(open.http().readToken()).isEqualTo("r3ad-t0ken");
        assertThat(open.http().toString()).doesNotContain("r3ad-t0ken");
        assertThat(VigieConfig.load(null, Map.of("VIGIE_HTTP_BIND", "::1"))
                        .http()
                        .bind())
                .isEqualTo("::1");
        assertThat(VigieConfig.load(null, Map.of("VIGIE_HTTP_BIND", "localhost"))
                        .http()
                        .bind())
                .isEqualTo("localhost");
    }

    @Test
    void shouldRejectMissingFileAndMalformedYaml() throws IOException {
        assertThatThrownBy(() -> VigieConfig.load(dir.resolve("absent.yaml"), Map.of()))
                .isInstanceOf(InvalidConfigException.class)
                .hasMessageContaining("absent.yaml");
        final Path file = yaml("http: [unclosed\n");
        assertThatThrownBy(() -> VigieConfig.load(file, Map.of()))
                .isInstanceOf(InvalidConfigException.class)
                .hasMessageContaining("not valid YAML");
    }

    @ParameterizedTest
    @CsvSource({"500ms, PT0.5S", "30s, PT30S", "10m, PT10M", "6h, PT6H", "1d, PT24H", "PT1H30M, PT1H30M", "p2d, PT48H"})
    void shouldParseShortAndIsoDurations(final String text, final String iso) {
        assertThat(Durations.parse(text)).isEqualTo(Duration.parse(iso));
        assertThat(VigieConfig.load(null, Map.of("VIGIE_MAIL_MESSAGE_TIMEOUT", text))
                        .mail()
                        .messageTimeout())
                .isEqualTo(Duration.parse(iso));
    }

    @Test
    void shouldRejectDurationsWithoutUnitOrNotPositive() {
        assertThatThrownBy(() -> VigieConfig.load(null, Map.of("VIGIE_ALERTS_THROTTLE", "60")))
                .hasMessageContaining("alerts.throttle")
                .hasMessageContaining("not a duration");
        assertThatThrownBy(() -> VigieConfig.load(null, Map.of("VIGIE_ALERTS_THROTTLE", "0s")))
                .hasMessageContaining("must be positive");
    }

    @Test
    void shouldMaskSecretsInDescription() throws IOException {
        final Path file = yaml("""
                kafka:
                  bootstrap-servers: kafka1.chu:9093
                  client:
                    security.protocol: SASL_SSL
                    ssl: { truststore: { password: trust-me } }
                """);
        final VigieConfig config = VigieConfig.load(
                file,
                Map.of(
                        "VIGIE_KAFKA_CLIENT_SASL_JAAS_CONFIG",
                        "org.apache.kafka.common.security.plain.PlainLoginModule "
                                + "required username=\"vigie\" password=\"s3cr3t\";",
                        "VIGIE_KAFKA_CLIENT_SASL_MECHANISM",
                        "PLAIN"));

        assertThat(config.kafka().client())
                .containsEntry("security.protocol", "SASL_SSL")
                .containsEntry("ssl.truststore.password", "trust-me")
                .containsEntry("sasl.mechanism", "PLAIN")
                .containsKey("sasl.jaas.config");
        final String description = config.describeForLog();
        assertThat(description)
                .contains("kafka.bootstrap-servers=kafka1.chu:9093")
                .contains("kafka.client.security.protocol=SASL_SSL")
                .contains("kafka.client.sasl.jaas.config=******")
                .contains("kafka.client.ssl.truststore.password=******")
                .doesNotContain("s3cr3t")
                .doesNotContain("trust-me");
        assertThat(config.toString()).doesNotContain("s3cr3t");
    }

    @Test
    void shouldBuildStreamsPropertiesWithGuaranteesErrorHandlingAndPassthrough() {
        final VigieConfig config = VigieConfig.load(
                null,
                Map.of(
                        "VIGIE_DATA_DIR", dir.toString(),
                        "VIGIE_TOPICS_NAMES_DLQ", "soc.dlq",
                        "VIGIE_KAFKA_CLIENT_SECURITY_PROTOCOL", "SSL",
                        "VIGIE_KAFKA_CLIENT_SSL_TRUSTSTORE_LOCATION", "/etc/vigie/truststore.p12"));

        final Properties p = config.streamsProperties("dummy:9092");

        assertThat(p)
                .containsEntry("application.id", "vigie")
                .containsEntry("bootstrap.servers", "dummy:9092")
                .containsEntry("processing.guarantee", "exactly_once_v2")
                .containsEntry("commit.interval.ms", "100")
                .containsEntry("num.stream.threads", "1")
                .containsEntry("replication.factor", "1")
                .containsEntry(
                        "state.dir", dir.resolve("streams").toAbsolutePath().toString())
                .containsEntry(
                        "deserialization.exception.handler",
                        "org.apache.kafka.streams.errors.LogAndContinueExceptionHandler")
                .containsEntry("errors.dead.letter.queue.topic.name", "soc.dlq")
                .containsEntry(
                        "processing.exception.handler",
                        "org.apache.kafka.streams.errors.LogAndContinueProcessingExceptionHandler")
                .containsEntry("processing.exception.handler.global.enabled", "true")
                .containsEntry("security.protocol", "SSL")
                .containsEntry("ssl.truststore.location", "/etc/vigie/truststore.p12");
        assertThat(config.clientProperties("dummy:9092"))
                .containsEntry("bootstrap.servers", "dummy:9092")
                .containsEntry("security.protocol", "SSL");
    }

    @Test
    void shouldUseTransactionalStateStoresUnderExactlyOnceUnlessTurnedOff() {
        final String key = "enable.transactional.statestores";
        assertThat(VigieConfig.load(null, Map.of()).streamsProperties("dummy:9092"))
                .containsEntry(key, "true");
        assertThat(VigieConfig.load(null, Map.of("VIGIE_KAFKA_CLIENT_ENABLE_TRANSACTIONAL_STATESTORES", "false"))
                        .streamsProperties("dummy:9092"))
                .containsEntry(key, "false");
        // at-least-once has no transaction to commit them with
        assertThat(VigieConfig.load(null, Map.of("VIGIE_KAFKA_PROCESSING_GUARANTEE", "at_least_once"))
                        .streamsProperties("dummy:9092"))
                .doesNotContainKey(key);
    }

    @Test
    void shouldNotLetPassthroughOverrideOwnedStreamsSettings() {
        final VigieConfig config = VigieConfig.load(
                null,
                Map.of(
                        "VIGIE_KAFKA_PROCESSING_GUARANTEE", "at_least_once",
                        "VIGIE_KAFKA_CLIENT_BOOTSTRAP_SERVERS", "elsewhere:9092"));

        final Properties p = config.streamsProperties("dummy:9092");

        assertThat(p)
                .containsEntry("processing.guarantee", "at_least_once")
                .containsEntry("bootstrap.servers", "dummy:9092");
    }

    /** BrokerRestartIT's broker restart is short; this is the bound of a longer one. */
    @Test
    void shouldRideOutAFiveMinuteBrokerOutageUnlessThePassthroughSaysOtherwise() {
        assertThat(VigieConfig.load(null, Map.of()).streamsProperties("dummy:9092"))
                .containsEntry("task.timeout.ms", "300000")
                .containsEntry("producer.delivery.timeout.ms", "300000")
                .containsEntry("producer.max.block.ms", "300000");
        assertThat(VigieConfig.load(
                                null,
                                Map.of(
                                        "VIGIE_KAFKA_CLIENT_TASK_TIMEOUT_MS", "900000",
                                        "VIGIE_KAFKA_CLIENT_PRODUCER_DELIVERY_TIMEOUT_MS", "900000"))
                        .streamsProperties("dummy:9092"))
                .containsEntry("task.timeout.ms", "900000")
                .containsEntry("producer.delivery.timeout.ms", "900000");
    }

    @Test
    void shouldProduceRulesConfig() {
        final VigieConfig config = VigieConfig.load(
                null,
                Map.of(
                        "VIGIE_ORGANISATION_INTERNAL_DOMAINS", "chu-exemple.fr",
                        "VIGIE_MAIL_TOP_WINDOWS", "day,period",
                        "VIGIE_MAIL_FLOW_SPIKE_FACTOR", "12.5",
                        "VIGIE_TOPICS_NAMES_ALERTS", "soc.alerts"));

        final RulesConfig rules = config.toRulesConfig();

        assertThat(rules.zone()).isEqualTo(ZoneId.of("Europe/Paris"));
        assertThat(rules.internalDomains()).isEqualTo(List.of("chu-exemple.fr"));
        assertThat(rules.topics().alerts()).isEqualTo("soc.alerts");
        assertThat(rules.top().windows()).isEqualTo(Set.of(TopWindow.DAY, TopWindow.PERIOD));
        assertThat(rules.flow().spikeFactor()).isEqualTo(12.5);
        assertThat(rules.messageTimeout()).isEqualTo(Duration.ofHours(6));
        assertThat(rules.clock().getZone()).isEqualTo(ZoneId.of("Europe/Paris"));
    }

    @Test
    void shouldLoadTheDocumentedExampleFile() {
        final Path example = Path.of("..", "deploy", "vigie.example.yaml");
        final VigieConfig config = VigieConfig.load(example, Map.of());
        assertThat(config.effectiveSettings()).containsKeys("application-id", "mail.flow.fan-out-window");
        assertThat(config.describeForLog()).doesNotContain("changeit");
    }

    /**
     * The example file is what operators copy: it lists every key (no default found only in the code) with the
     * default the code has, so that leaving a key out and copying the file give the same engine.
     */
    @Test
    void shouldListEveryKeyWithItsDefaultInTheExampleFile() {
        final Path example = Path.of("..", "deploy", "vigie.example.yaml");
        final RawConfig raw = RawConfig.load(example, Map.of());
        for (final ConfigKeys.Key key : ConfigKeys.all()) {
            final RawConfig.Value value = raw.get(key.path());
            assertThat(value.origin()).as(key.path() + " in the example file").isEqualTo(example.toString());
            if (EXAMPLES_OTHER_THAN_THE_DEFAULT.containsKey(key.path())) {
                assertThat(value.value())
                        .as(key.path() + " is listed as an example, not the default")
                        .isNotEqualTo(key.defaultValue());
            } else if (key.defaultValue() instanceof String text && !text.isEmpty() && isDuration(text)) {
                // 24h and 1d are the same default: compared as durations.
                assertThat(Durations.parse((String) value.value()))
                        .as(key.path() + " as in the example file")
                        .isEqualTo(Durations.parse(text));
            } else {
                assertThat(value.value())
                        .as(key.path() + " as in the example file")
                        .isEqualTo(key.defaultValue());
            }
        }
    }

    /**
     * Keys the example file shows with a value other than the default, and why. Empty: every key of the example is
     * the engine's default, so that copying the file and leaving a key out give the same engine.
     */
    private static final Map<String, String> EXAMPLES_OTHER_THAN_THE_DEFAULT = Map.of();

    private static boolean isDuration(final String text) {
        try {
            Durations.parse(text);
            return true;
        } catch (final IllegalArgumentException e) {
            return false;
        }
    }

    /**
     * The key table takes the defaults of the detections' settings from the rules records: the engine started
     * without a file runs exactly {@link RulesConfig#defaults()}, the time zone included.
     */
    @Test
    void shouldRunTheRulesDefaultsWhenNothingIsConfigured() {
        assertThat(VigieConfig.load(null, Map.of()).toRulesConfig()).isEqualTo(RulesConfig.defaults());
        assertThat(ConfigKeys.get("organisation.time-zone").defaultValue())
                .isEqualTo(RulesConfig.DEFAULT_ZONE.getId())
                .isEqualTo("Europe/Paris");
    }

    @Test
    void shouldWriteDurationsBackAsAnOperatorWould() {
        for (final String text : List.of("500ms", "30s", "10m", "6h", "24h", "7d", "400d")) {
            assertThat(Durations.format(Durations.parse(text))).isEqualTo(text);
        }
        assertThat(Durations.format(Duration.ofSeconds(90))).isEqualTo("90s");
        assertThat(Durations.format(Duration.ofHours(36))).isEqualTo("36h");
    }

    @Test
    void shouldReadTheStartupChecksWithTheirDefaultsAndRefuseBadValues() {
        final VigieConfig defaults = VigieConfig.load(null, Map.of());
        assertThat(defaults.dataDirMinFreeBytes()).isEqualTo(1024L * 1024 * 1024);
        assertThat(defaults.kafka().startupTimeout()).isEqualTo(Duration.ofSeconds(60));

        final VigieConfig set = VigieConfig.load(
                null, Map.of("VIGIE_DATA_DIR_MIN_FREE_BYTES", "10_737_418_240", "VIGIE_KAFKA_STARTUP_TIMEOUT", "2m"));
        assertThat(set.dataDirMinFreeBytes()).isEqualTo(10L * 1024 * 1024 * 1024);
        assertThat(set.kafka().startupTimeout()).isEqualTo(Duration.ofMinutes(2));
        assertThat(set.withBootstrapServers("kafka:9092").kafka().startupTimeout())
                .isEqualTo(Duration.ofMinutes(2));
        assertThat(set.withBootstrapServers("kafka:9092").dataDirMinFreeBytes()).isEqualTo(set.dataDirMinFreeBytes());
        assertThat(VigieConfig.load(null, Map.of("VIGIE_DATA_DIR_MIN_FREE_BYTES", "0"))
                        .dataDirMinFreeBytes())
                .isZero();

        assertThatThrownBy(() -> VigieConfig.load(null, Map.of("VIGIE_DATA_DIR_MIN_FREE_BYTES", "1GiB")))
                .isInstanceOf(InvalidConfigException.class)
                .hasMessageContaining("data-dir-min-free-bytes")
                .hasMessageContaining("not a whole number of bytes");
        assertThatThrownBy(() -> VigieConfig.load(null, Map.of("VIGIE_DATA_DIR_MIN_FREE_BYTES", "-1")))
                .hasMessageContaining("data-dir-min-free-bytes")
                .hasMessageContaining("0 or more");
        assertThatThrownBy(() -> VigieConfig.load(null, Map.of("VIGIE_KAFKA_STARTUP_TIMEOUT", "0s")))
                .hasMessageContaining("kafka.startup-timeout")
                .hasMessageContaining("positive");
    }

    @Test
    void shouldReadTheDmarcSection() throws IOException {
        final Path file = yaml("""
                organisation: { internal-domains: [chu-exemple.fr] }
                dmarc:
                  protected-domains: [chu-exemple.fr, ght-exemple.fr]
                  known-senders: [192.0.2.0/28, 198.51.100.7]
                  spoofing-min-messages: 25
                  imap:
                    enabled: true
                    host: mail.chu-exemple.fr
                    username: dmarc-rua
                    folder: DMARC
                """);
        final VigieConfig config = VigieConfig.load(file, Map.of("VIGIE_DMARC_IMAP_PASSWORD", "rua-s3cr3t"));

        assertThat(config.dmarc().rules().protectedDomains()).containsExactly("chu-exemple.fr", "ght-exemple.fr");
        assertThat(config.dmarc().rules().knownSenders()).containsExactly("192.0.2.0/28", "198.51.100.7");
        assertThat(config.dmarc().rules().spoofingMinMessages()).isEqualTo(25);
        assertThat(config.toRulesConfig().dmarc()).isEqualTo(config.dmarc().rules());
        assertThat(config.toRulesConfig().topics().rawDmarc()).isEqualTo("raw.dmarc");
        assertThat(config.describeForLog())
                .contains("dmarc.imap.password=******")
                .doesNotContain("rua-s3cr3t");
    }

    @Test
    void shouldRefuseBadDmarcValues() {
        assertThatThrownBy(() -> VigieConfig.load(null, Map.of("VIGIE_DMARC_KNOWN_SENDERS", "mail.chu.fr")))
                .hasMessageContaining("dmarc.known-senders");
        assertThatThrownBy(() -> VigieConfig.load(null, Map.of("VIGIE_DMARC_PROTECTED_DOMAINS", "@chu.fr")))
                .hasMessageContaining("dmarc.protected-domains");
        assertThatThrownBy(() -> VigieConfig.load(null, Map.of("VIGIE_DMARC_MAX_REPORT_BYTES", "99999999")))
                .hasMessageContaining("dmarc.max-report-bytes");
    }

    @Test
    void shouldReadThePartnerDomainsAndTheLookalikeSettings() throws IOException {
        final Path file = yaml("""
                organisation:
                  internal-domains: [chu-exemple.fr]
                  partner-domains: [GHT-Exemple.fr, ars-exemple.fr]
                mail:
                  lookalike:
                    minimum-similarity: 0.8
                    ignored-domains: [chu-exemple.org]
                """);
        final VigieConfig config = VigieConfig.load(file, Map.of());

        assertThat(config.mail().lookalike().partnerDomains()).containsExactly("ght-exemple.fr", "ars-exemple.fr");
        assertThat(config.mail().lookalike().minimumSimilarity()).isEqualTo(0.8);
        assertThat(config.mail().lookalike().ignoredDomains()).containsExactly("chu-exemple.org");
        assertThat(config.toRulesConfig().lookalike()).isEqualTo(config.mail().lookalike());
        assertThat(VigieConfig.defaults().mail().lookalike())
                .isEqualTo(new io.vigie.rules.config.LookalikeConfig(List.of(), 0.75, List.of()));
        assertThat(VigieConfig.load(null, Map.of("VIGIE_ORGANISATION_PARTNER_DOMAINS", "ght-exemple.fr,ars.fr"))
                        .toRulesConfig()
                        .lookalike()
                        .partnerDomains())
                .containsExactly("ght-exemple.fr", "ars.fr");
    }

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            value = {
                "VIGIE_MAIL_LOOKALIKE_MINIMUM_SIMILARITY|0|mail.lookalike.minimum-similarity",
                "VIGIE_MAIL_LOOKALIKE_MINIMUM_SIMILARITY|1.2|mail.lookalike.minimum-similarity",
                "VIGIE_MAIL_LOOKALIKE_MINIMUM_SIMILARITY|0,8|mail.lookalike.minimum-similarity",
                "VIGIE_ORGANISATION_PARTNER_DOMAINS|@ght-exemple.fr|organisation.partner-domains",
                "VIGIE_MAIL_LOOKALIKE_IGNORED_DOMAINS|not a domain|mail.lookalike.ignored-domains"
            })
    void shouldRefuseABadLookalikeSettingNamingItsKey(final String variable, final String value, final String key) {
        assertThatThrownBy(() -> VigieConfig.load(null, Map.of(variable, value)))
                .isInstanceOf(InvalidConfigException.class)
                .hasMessageContaining(key);
    }

    @Test
    void shouldReadTheProxySettingsAndRefuseBadOnes() {
        final VigieConfig config = VigieConfig.load(
                null,
                Map.of(
                        "VIGIE_PROXY_FORMAT",
                        "w3c",
                        "VIGIE_PROXY_RARE_DESTINATION_MAX_CLIENTS",
                        "10",
                        "VIGIE_PROXY_TRUSTED_HOSTS",
                        "*.editeur-dpi.fr",
                        "VIGIE_PROXY_DOWNLOAD_THRESHOLD",
                        "70",
                        "VIGIE_HTTP_API_TOKEN",
                        "s3cr3t-t0ken"));

        assertThat(config.proxy().rules().format()).isEqualTo("w3c");
        assertThat(config.proxy().rules().download().threshold()).isEqualTo(70);
        assertThat(config.proxy().rules().download().rareMaxClients()).isEqualTo(10);
        assertThat(config.proxy().rules().complexUrl().rareMaxClients()).isEqualTo(10);
        assertThat(config.proxy().rules().complexUrl().allowedHosts()).contains("*.editeur-dpi.fr");
        assertThat(config.proxy().rules().contactsRetention()).isEqualTo(java.time.Duration.ofDays(30));
        assertThat(config.toRulesConfig().proxy()).isEqualTo(config.proxy().rules());
        assertThat(config.http().apiToken()).isEqualTo("s3cr3t-t0ken");
        assertThat(config.describeForLog()).doesNotContain("s3cr3t-t0ken");
        assertThat(config.http().toString()).doesNotContain("s3cr3t-t0ken");
        assertThat(VigieConfig.PROXY_FORMATS).contains("auto", "squid", "combined", "w3c", "json", "kv", "cef");

        assertThatThrownBy(() -> VigieConfig.load(null, Map.of("VIGIE_PROXY_FORMAT", "bluecoat-xml")))
                .hasMessageContaining("proxy.format")
                .hasMessageContaining("combined");
        assertThatThrownBy(
                        () -> VigieConfig.load(null, Map.of("VIGIE_INTEL_URLHAUS_DOWNLOAD_URL", "file:///etc/passwd")))
                .hasMessageContaining("intel.urlhaus.download-url");
        assertThatThrownBy(() -> VigieConfig.load(null, Map.of("VIGIE_PROXY_TRUSTED_HOSTS", "ev il")))
                .hasMessageContaining("proxy.trusted-hosts");
    }

    @Test
    void shouldReadTheCorrelationSettingsWithTheirDefaultsAndRefuseBadOnes() {
        assertThat(VigieConfig.load(null, Map.of()).proxy().rules().correlation())
                .isEqualTo(io.vigie.rules.config.CorrelationConfig.defaults());
        final VigieConfig config = VigieConfig.load(
                null,
                Map.of(
                        "VIGIE_PROXY_CORRELATION_LURE_RETENTION",
                        "3d",
                        "VIGIE_PROXY_CORRELATION_LURE_HOSTS_PER_ALERT",
                        "4",
                        "VIGIE_PROXY_CORRELATION_AV_WINDOW",
                        "30m",
                        "VIGIE_PROXY_CORRELATION_RARE_CLIENTS",
                        "5"));

        assertThat(config.toRulesConfig().proxy().correlation())
                .isEqualTo(new io.vigie.rules.config.CorrelationConfig(
                        java.time.Duration.ofDays(3), 4, java.time.Duration.ofMinutes(30), 5));
        assertThatThrownBy(() -> VigieConfig.load(null, Map.of("VIGIE_PROXY_CORRELATION_RARE_CLIENTS", "0")))
                .hasMessageContaining("proxy.correlation.rare-clients");
        assertThatThrownBy(() -> VigieConfig.load(null, Map.of("VIGIE_PROXY_CORRELATION_LURE_HOSTS_PER_ALERT", "x")))
                .hasMessageContaining("proxy.correlation.lure-hosts-per-alert");
        assertThatThrownBy(() -> VigieConfig.load(null, Map.of("VIGIE_PROXY_CORRELATION_AV_WINDOW", "soon")))
                .hasMessageContaining("proxy.correlation.av-window");
    }

    @Test
    void shouldReadTheAntivirusServersFromPatternsNetworksAndTheInventory() throws IOException {
        final Path inventory = dir.resolve("servers.txt");
        Files.writeString(inventory, "# serveurs du GHT\nPACS01  imagerie\nsrv-dpi.chu-exemple.fr\n\n");
        final VigieConfig config = VigieConfig.load(
                null,
                Map.of(
                        "VIGIE_ANTIVIRUS_SERVERS_INVENTORY_FILE",
                        inventory.toString(),
                        "VIGIE_ANTIVIRUS_SERVERS_HOST_PATTERNS",
                        "srv-*,*-dc0?",
                        "VIGIE_ANTIVIRUS_SERVERS_NETWORKS",
                        "10.20.0.0/16",
                        "VIGIE_QUARANTINE_CAMPAIGN_MESSAGES",
                        "8"));

        assertThat(config.antivirus().servers()).containsExactly("pacs01", "srv-dpi.chu-exemple.fr");
        assertThat(config.antivirus().serverHosts()).containsExactly("srv-*", "*-dc0?");
        assertThat(config.toRulesConfig().antivirus()).isEqualTo(config.antivirus());
        assertThat(config.quarantine().campaignMessages()).isEqualTo(8);
        assertThat(config.toRulesConfig().quarantine()).isEqualTo(config.quarantine());

        assertThatThrownBy(() -> VigieConfig.load(
                        null,
                        Map.of(
                                "VIGIE_ANTIVIRUS_SERVERS_INVENTORY_FILE",
                                dir.resolve("absent.txt").toString())))
                .hasMessageContaining("antivirus.servers.inventory-file");
        assertThatThrownBy(() -> VigieConfig.load(null, Map.of("VIGIE_ANTIVIRUS_FORMAT", "norton")))
                .hasMessageContaining("antivirus.format")
                .hasMessageContaining("clamav");
        assertThatThrownBy(() -> VigieConfig.load(null, Map.of("VIGIE_QUARANTINE_FORMAT", "exchange")))
                .hasMessageContaining("quarantine.format")
                .hasMessageContaining("amavis");
        assertThatThrownBy(() -> VigieConfig.load(null, Map.of("VIGIE_ANTIVIRUS_SERVERS_HOST_PATTERNS", "srv /x")))
                .hasMessageContaining("antivirus.servers.host-patterns");
        assertThatThrownBy(() -> VigieConfig.load(null, Map.of("VIGIE_REPORTS_MAX_BYTES", "99999999999")))
                .hasMessageContaining("reports.max-bytes");
    }

    @Test
    void shouldReadTheSmtpAuthSettingsWithTheirDefaults() throws IOException {
        final AuthConfig defaults =
                VigieConfig.load(null, Map.of()).toRulesConfig().auth();
        assertThat(defaults).isEqualTo(AuthConfig.defaults());

        final Path file = yaml("""
                mail:
                  auth:
                    window: 30m
                    spraying-accounts: 20
                    brute-force-failures: 50
                    learning-period: 14d
                    ipv6-prefix: 56
                """);
        final AuthConfig auth = VigieConfig.load(file, Map.of("VIGIE_MAIL_AUTH_TAKEOVER_FAILURES", "3"))
                .toRulesConfig()
                .auth();

        assertThat(auth)
                .isEqualTo(AuthConfig.defaults().toBuilder()
                        .window(Duration.ofMinutes(30))
                        .sprayingAccounts(20)
                        .bruteForceFailures(50)
                        .takeoverFailures(3)
                        .learningPeriod(Duration.ofDays(14))
                        .knownNetworkRetention(Duration.ofDays(90))
                        .ipv4Prefix(24)
                        .ipv6Prefix(56)
                        .build());
    }

    @Test
    void shouldRefuseBadSmtpAuthSettings() {
        assertThatThrownBy(() -> VigieConfig.load(null, Map.of("VIGIE_MAIL_AUTH_WINDOW", "30s")))
                .hasMessageContaining("mail.auth.window")
                .hasMessageContaining("at least 1m");
        assertThatThrownBy(() -> VigieConfig.load(null, Map.of("VIGIE_MAIL_AUTH_SPRAYING_ACCOUNTS", "1")))
                .hasMessageContaining("mail.auth.spraying-accounts");
        assertThatThrownBy(() -> VigieConfig.load(null, Map.of("VIGIE_MAIL_AUTH_IPV4_PREFIX", "33")))
                .hasMessageContaining("mail.auth.ipv4-prefix");
        assertThatThrownBy(() -> VigieConfig.load(null, Map.of("VIGIE_MAIL_AUTH_KNOWN_NETWORK_RETENTION", "10m")))
                .hasMessageContaining("mail.auth.known-network-retention");
        assertThatThrownBy(() -> VigieConfig.load(null, Map.of("VIGIE_MAIL_AUTH_LEARNING_PERIOD", "0s")))
                .hasMessageContaining("mail.auth.learning-period");
    }
}
