package io.vigie.app.broker;

import io.vigie.app.config.RecordLimits;
import io.vigie.app.config.VigieConfig;
import io.vigie.rules.config.TopicNames;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.KafkaFuture;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.errors.TopicExistsException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Creates the topics Vigie needs, idempotently: a topic that already exists is left as it is (an
 * operator may have tuned it), with a warning when its partition count differs from the configuration.
 */
public final class TopicProvisioner {

    private static final Logger LOG = LoggerFactory.getLogger(TopicProvisioner.class);

    /** Normalised events are rebuilt from the raw topics, so a week is enough. */
    static final Duration NORMALIZED_RETENTION = Duration.ofDays(7);

    static final Duration ALERTS_RETENTION = Duration.ofDays(90);
    static final Duration DLQ_RETENTION = Duration.ofDays(30);
    /** Daily top-20 reports are kept for more than a year, for year-on-year comparison. */
    static final Duration REPORTS_RETENTION = Duration.ofDays(400);
    /** Reported mails are the evidence the CERT asks for (the EML intact): kept a year. */
    static final Duration REPORTED_MAIL_RETENTION = Duration.ofDays(400);

    private static final long TIMEOUT_SECONDS = 60;

    private final Admin admin;

    /** @param admin an admin client of the target cluster; not closed by this class */
    public TopicProvisioner(final Admin admin) {
        this.admin = admin;
    }

    /** What {@link #provision} did. */
    public record Outcome(List<String> created, List<String> existing) {

        public Outcome {
            created = List.copyOf(created);
            existing = List.copyOf(existing);
        }
    }

    /** Every topic the topology reads or writes, with its retention. */
    public static List<TopicSpec> specsFor(final VigieConfig config) {
        final TopicNames names = config.topics().names();
        final int partitions = config.topics().partitions();
        final short rf = config.topics().replicationFactor();
        final Duration rawRetention = Duration.ofDays(config.topics().rawRetentionDays());
        final List<TopicSpec> specs = new ArrayList<>();
        specs.add(new TopicSpec(names.rawPostfix(), partitions, rf, retention(rf, rawRetention)));
        final Map<String, String> postqueue = new HashMap<>(retention(rf, rawRetention));
        postqueue.put(TopicConfig.MAX_MESSAGE_BYTES_CONFIG, Integer.toString(RecordLimits.MAX_RAW_RECORD_BYTES));
        specs.add(new TopicSpec(names.rawPostqueue(), partitions, rf, postqueue));
        specs.add(new TopicSpec(names.mailMessages(), partitions, rf, retention(rf, NORMALIZED_RETENTION)));
        specs.add(new TopicSpec(names.queueStatus(), partitions, rf, retention(rf, NORMALIZED_RETENTION)));
        final Map<String, String> compacted = new HashMap<>(base(rf));
        compacted.put(TopicConfig.CLEANUP_POLICY_CONFIG, TopicConfig.CLEANUP_POLICY_COMPACT);
        specs.add(new TopicSpec(names.top20State(), partitions, rf, compacted));
        specs.add(new TopicSpec(names.top20Reports(), partitions, rf, retention(rf, REPORTS_RETENTION)));
        // DMARC reports are few and small: raw and rows are kept as long as the daily reports, so that a
        // year of statistics can be rebuilt or audited.
        final Map<String, String> rawDmarc = new HashMap<>(retention(rf, max(rawRetention, REPORTS_RETENTION)));
        rawDmarc.put(TopicConfig.MAX_MESSAGE_BYTES_CONFIG, Integer.toString(RecordLimits.MAX_RAW_RECORD_BYTES));
        specs.add(new TopicSpec(names.rawDmarc(), partitions, rf, rawDmarc));
        specs.add(new TopicSpec(names.dmarcEvents(), partitions, rf, retention(rf, REPORTS_RETENTION)));
        specs.add(new TopicSpec(names.dmarcDays(), partitions, rf, compacted));
        specs.add(new TopicSpec(names.dmarcSources(), partitions, rf, compacted));
        // Proxy lines are the CERT's 30-day evidence; indicator feeds and lists are small and kept a year, so that
        // the intel table can be rebuilt from them.
        specs.add(new TopicSpec(names.rawProxy(), partitions, rf, retention(rf, rawRetention)));
        specs.add(new TopicSpec(names.rawUrlhaus(), partitions, rf, retention(rf, rawRetention)));
        specs.add(new TopicSpec(names.rawIndicators(), partitions, rf, retention(rf, REPORTS_RETENTION)));
        specs.add(new TopicSpec(names.indicators(), partitions, rf, retention(rf, REPORTS_RETENTION)));
        specs.add(new TopicSpec(names.intelState(), partitions, rf, compacted));
        // Antivirus and quarantine logs are evidence too (the CERT's 30 days); reported mails are kept a year, whole.
        specs.add(new TopicSpec(names.rawAv(), partitions, rf, retention(rf, rawRetention)));
        specs.add(new TopicSpec(names.rawQuarantine(), partitions, rf, retention(rf, rawRetention)));
        final Map<String, String> rawReports = new HashMap<>(retention(rf, max(rawRetention, REPORTED_MAIL_RETENTION)));
        rawReports.put(TopicConfig.MAX_MESSAGE_BYTES_CONFIG, Integer.toString(RecordLimits.MAX_REPORT_BYTES + 65_536));
        specs.add(new TopicSpec(names.rawReports(), partitions, rf, rawReports));
        specs.add(new TopicSpec(names.reports(), partitions, rf, retention(rf, REPORTED_MAIL_RETENTION)));
        specs.add(new TopicSpec(names.alerts(), partitions, rf, retention(rf, ALERTS_RETENTION)));
        specs.add(new TopicSpec(names.dlq(), partitions, rf, retention(rf, DLQ_RETENTION)));
        // VPN and logon lines are the CERT's 30-day evidence like the proxy's; the sessions read from them are kept
        // as long, the identities table (compacted) as long as its entries live.
        specs.add(new TopicSpec(names.rawAuth(), partitions, rf, retention(rf, rawRetention)));
        specs.add(new TopicSpec(names.authEvents(), partitions, rf, retention(rf, rawRetention)));
        specs.add(new TopicSpec(names.identities(), partitions, rf, compacted));
        // An incident is kept whole, with its checklist, until it is closed and past the alerts' retention: compacted.
        specs.add(new TopicSpec(names.incidents(), partitions, rf, compacted));
        specs.add(new TopicSpec(names.incidentSteps(), partitions, rf, retention(rf, ALERTS_RETENTION)));
        return List.copyOf(specs);
    }

    private static Duration max(final Duration a, final Duration b) {
        return a.compareTo(b) >= 0 ? a : b;
    }

    private static Map<String, String> retention(final short rf, final Duration retention) {
        final Map<String, String> configs = new HashMap<>(base(rf));
        configs.put(TopicConfig.CLEANUP_POLICY_CONFIG, TopicConfig.CLEANUP_POLICY_DELETE);
        configs.put(TopicConfig.RETENTION_MS_CONFIG, Long.toString(retention.toMillis()));
        return configs;
    }

    private static Map<String, String> base(final short rf) {
        // With three or more replicas, an acknowledged alert or raw line survives the loss of one broker.
        return rf >= 3 ? Map.of(TopicConfig.MIN_IN_SYNC_REPLICAS_CONFIG, "2") : Map.of();
    }

    /**
     * Creates the missing topics. Safe to run at every start and concurrently with another instance.
     *
     * @throws IllegalStateException when the cluster cannot be reached or refuses a creation
     */
    public Outcome provision(final List<TopicSpec> specs) {
        final Set<String> present = await(admin.listTopics().names(), "list topics");
        final List<String> existing = new ArrayList<>();
        final List<NewTopic> missing = new ArrayList<>();
        for (final TopicSpec spec : specs) {
            if (present.contains(spec.name())) {
                existing.add(spec.name());
            } else {
                missing.add(
                        new NewTopic(spec.name(), spec.partitions(), spec.replicationFactor()).configs(spec.configs()));
            }
        }
        warnOnPartitionDrift(specs, existing);
        final List<String> created = new ArrayList<>();
        if (!missing.isEmpty()) {
            final Map<String, KafkaFuture<Void>> results =
                    admin.createTopics(missing).values();
            for (final Map.Entry<String, KafkaFuture<Void>> result : results.entrySet()) {
                try {
                    result.getValue().get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
                    created.add(result.getKey());
                    LOG.info("Created topic {}", result.getKey());
                } catch (final ExecutionException e) {
                    if (e.getCause() instanceof TopicExistsException) {
                        // Another instance created it between our list and our create.
                        existing.add(result.getKey());
                    } else {
                        throw new IllegalStateException(
                                "cannot create topic " + result.getKey() + ": "
                                        + e.getCause().getMessage(),
                                e.getCause());
                    }
                } catch (final TimeoutException e) {
                    throw new IllegalStateException("timed out creating topic " + result.getKey(), e);
                } catch (final InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IllegalStateException("interrupted while creating topics", e);
                }
            }
        }
        return new Outcome(created, existing);
    }

    private void warnOnPartitionDrift(final List<TopicSpec> specs, final List<String> existing) {
        if (existing.isEmpty()) {
            return;
        }
        final Map<String, TopicDescription> descriptions =
                await(admin.describeTopics(existing).allTopicNames(), "describe topics");
        for (final TopicSpec spec : specs) {
            final TopicDescription d = descriptions.get(spec.name());
            if (d != null && d.partitions().size() != spec.partitions()) {
                LOG.warn(
                        "Topic {} has {} partitions but the configuration asks for {}; left as it is "
                                + "(changing it would reshuffle keys across partitions)",
                        spec.name(),
                        d.partitions().size(),
                        spec.partitions());
            }
        }
    }

    private static <T> T await(final KafkaFuture<T> future, final String what) {
        try {
            return future.get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
        } catch (final ExecutionException e) {
            throw new IllegalStateException(
                    "cannot " + what + ": " + e.getCause().getMessage(), e.getCause());
        } catch (final TimeoutException e) {
            throw new IllegalStateException("timed out trying to " + what + " after " + TIMEOUT_SECONDS + " s", e);
        } catch (final InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while trying to " + what, e);
        }
    }
}
