package io.vigie.app.config;

import static org.assertj.core.api.Assertions.assertThat;

import io.vigie.rules.config.AntivirusConfig;
import io.vigie.rules.config.AuthConfig;
import io.vigie.rules.config.CorrelationConfig;
import io.vigie.rules.config.DmarcConfig;
import io.vigie.rules.config.DownloadRiskConfig;
import io.vigie.rules.config.FlowAnomalyConfig;
import io.vigie.rules.config.IncidentsConfig;
import io.vigie.rules.config.LookalikeConfig;
import io.vigie.rules.config.ProxyConfig;
import io.vigie.rules.config.QuarantineConfig;
import io.vigie.rules.config.QueueConfig;
import io.vigie.rules.config.RulesConfig;
import io.vigie.rules.config.TopConfig;
import io.vigie.rules.config.TopConfig.TopWindow;
import io.vigie.rules.config.TopicNames;
import io.vigie.rules.config.UrlComplexityConfig;
import java.time.Duration;
import java.time.ZoneId;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/** The key table writes no default of a detection setting: each is written once, in its rules record. */
class ConfigKeysTest {

    /**
     * The keys whose default is the application's own (cluster, HTTP, files, the mailbox, the SIEM, the download of
     * URLhaus) or an empty value that means "the built-in ones" (trusted hosts, risky TLDs, the inventory file, the
     * user mapping): every other key takes its default from the rules settings the table is built from.
     */
    private static final Set<String> NOT_RULES_SETTINGS = Set.of(
            "application-id",
            "data-dir",
            "data-dir-min-free-bytes",
            "kafka.bootstrap-servers",
            "kafka.startup-timeout",
            "kafka.embedded.listener",
            "kafka.embedded.controller-port",
            "kafka.processing-guarantee",
            "kafka.commit-interval-ms",
            "kafka.num-stream-threads",
            "topics.partitions",
            "topics.replication-factor",
            "topics.raw-retention-days",
            "http.bind",
            "http.port",
            "http.api-token",
            "http.read-token",
            "http.tls.certificate",
            "http.tls.private-key",
            "organisation.user-mapping",
            "dmarc.imap.enabled",
            "dmarc.imap.host",
            "dmarc.imap.port",
            "dmarc.imap.security",
            "dmarc.imap.username",
            "dmarc.imap.password",
            "dmarc.imap.folder",
            "dmarc.imap.archive-folder",
            "dmarc.imap.rejected-folder",
            "dmarc.imap.poll-interval",
            "dmarc.imap.trust-store",
            "dmarc.imap.trust-store-password",
            "dmarc.imap.connect-timeout",
            "proxy.trusted-hosts",
            "proxy.risky-tlds",
            "intel.urlhaus.download-url",
            "intel.urlhaus.download-interval",
            "intel.urlhaus.max-bytes",
            "antivirus.servers.inventory-file",
            "reports.max-bytes",
            "siem.syslog.enabled",
            "siem.syslog.host",
            "siem.syslog.port",
            "siem.syslog.protocol",
            "siem.syslog.trust-store",
            "siem.syslog.trust-store-password",
            "siem.syslog.facility",
            "siem.syslog.app-name");

    /**
     * A table built from rules settings that differ from the defaults in every value has those values as its
     * defaults: no key of a rules setting holds a literal of its own, not even one equal to today's default.
     */
    @Test
    void shouldTakeTheDefaultOfEveryRulesSettingFromTheRulesRecords() {
        final Map<String, ConfigKeys.Key> defaults = ConfigKeys.table(RulesConfig.defaults());
        final Map<String, ConfigKeys.Key> tuned = ConfigKeys.table(tuned());

        assertThat(tuned.keySet()).containsExactlyElementsOf(defaults.keySet());
        final Set<String> unchanged = new TreeSet<>();
        defaults.forEach((path, key) -> {
            if (key.defaultValue().equals(tuned.get(path).defaultValue())) {
                unchanged.add(path);
            }
        });
        assertThat(unchanged).containsExactlyInAnyOrderElementsOf(NOT_RULES_SETTINGS);
    }

    /**
     * ... and reading that table's defaults back gives those rules settings: every rules setting has a key, and the
     * text a default is written as reads back to the same value.
     */
    @Test
    void shouldReadTheTableBuiltFromRulesSettingsBackToTheSameSettings() {
        final RulesConfig tuned = tuned();
        final Map<String, String> env = new HashMap<>();
        ConfigKeys.table(tuned).values().stream()
                .filter(key -> !NOT_RULES_SETTINGS.contains(key.path()))
                .forEach(key -> env.put(key.envName(), text(key.defaultValue())));

        assertThat(VigieConfig.load(null, env).toRulesConfig()).isEqualTo(tuned);
    }

    private static String text(final Object value) {
        return value instanceof List<?> list
                ? String.join(",", list.stream().map(String::valueOf).toList())
                : (String) value;
    }

    /** Every value of the rules settings that has a key, other than its default. */
    private static RulesConfig tuned() {
        final RulesConfig d = RulesConfig.defaults();
        final Map<String, Object> topicDefaults = ConfigKeys.TOPIC_NAMES.valuesByKey(TopicNames.defaults());
        final TopicNames topics = ConfigKeys.TOPIC_NAMES.bind((key, type) -> "site." + topicDefaults.get(key));
        final ZoneId zone = ZoneId.of("Europe/Brussels");
        return d.toBuilder()
                .zone(zone)
                .internalDomains(List.of("chu-test.fr"))
                .internalNetworks(List.of("10.0.0.0/8"))
                .topics(topics)
                .messageTimeout(Duration.ofHours(8))
                .top(TopConfig.defaults().toBuilder()
                        .size(30)
                        .windows(Set.of(TopWindow.DAY, TopWindow.PERIOD))
                        .hourAdvance(Duration.ofMinutes(15))
                        .grace(Duration.ofMinutes(2))
                        .publishInterval(Duration.ofSeconds(2))
                        .build())
                .queue(QueueConfig.defaults().toBuilder()
                        .deferredBacklogThreshold(300)
                        .deferredGrowthThreshold(150)
                        .growthWindow(Duration.ofMinutes(45))
                        .oldestMessageAge(Duration.ofHours(5))
                        .statusInterval(Duration.ofSeconds(20))
                        .build())
                .flow(FlowAnomalyConfig.defaults().toBuilder()
                        .spikeMinimumMessages(60)
                        .spikeFactor(12.5)
                        .baselineHours(48)
                        .learningPeriod(Duration.ofDays(14))
                        .fanOutRecipients(40)
                        .fanOutWindow(Duration.ofMinutes(20))
                        .build())
                .alertThrottle(Duration.ofHours(2))
                .dmarc(DmarcConfig.defaults().toBuilder()
                        .protectedDomains(List.of("chu-test.fr"))
                        .knownSenders(List.of("192.0.2.0/24"))
                        .learnAfterMessages(4)
                        .spoofingMinMessages(11)
                        .senderFailingMinMessages(6)
                        .dedupRetention(Duration.ofDays(30))
                        .statsRetention(Duration.ofDays(300))
                        .maxReportBytes(8 * 1024 * 1024)
                        .maxInflatedBytes(16 * 1024 * 1024)
                        .maxZipEntries(20)
                        .maxMimeParts(80)
                        .build())
                .proxy(new ProxyConfig(
                        "squid",
                        Duration.ofDays(20),
                        DownloadRiskConfig.defaults().toBuilder()
                                .threshold(70)
                                .rareMaxClients(4)
                                .build(),
                        UrlComplexityConfig.defaults().toBuilder()
                                .threshold(50)
                                .rareMaxClients(4)
                                .build(),
                        new CorrelationConfig(Duration.ofDays(3), 12, Duration.ofHours(2), 4)))
                .antivirus(AntivirusConfig.defaults().toBuilder()
                        .format("clamav")
                        .serverHosts(List.of("srv-*"))
                        .serverNetworks(List.of("10.20.0.0/16"))
                        .internetPaths(List.of("/srv/web/"))
                        .outbreakHosts(4)
                        .outbreakWindow(Duration.ofHours(2))
                        .build())
                .quarantine(new QuarantineConfig("amavis", 6, Duration.ofHours(3), List.of("gmail.com")))
                .lookalike(new LookalikeConfig(List.of("partner.fr"), 0.8, List.of("example.org")))
                .auth(AuthConfig.defaults().toBuilder()
                        .window(Duration.ofMinutes(30))
                        .sprayingAccounts(12)
                        .bruteForceFailures(40)
                        .takeoverFailures(6)
                        .learningPeriod(Duration.ofDays(14))
                        .knownNetworkRetention(Duration.ofDays(60))
                        .ipv4Prefix(23)
                        .ipv6Prefix(56)
                        .build())
                .incidents(new IncidentsConfig(Duration.ofHours(12), List.of("root"), 300, Duration.ofDays(30)))
                .clock(java.time.Clock.system(zone))
                .build();
    }
}
