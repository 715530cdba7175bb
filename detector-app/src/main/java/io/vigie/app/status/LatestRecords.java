package io.vigie.app.status;

import com.fasterxml.jackson.databind.JsonNode;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.vigie.core.model.QueueStatus;
import io.vigie.core.serde.JsonSerde;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.TreeSet;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Follows the {@code alerts} and {@code events.mail-queue} topics for the status page: keeps the latest
 * {@code capacity} alerts (by record time) and the latest queue state of each host and source, in memory.
 *
 * <p>One plain consumer on its own thread, {@code read_committed} (the engine writes both topics in
 * transactions), with assigned partitions and no group: nothing is committed, and at start each partition is
 * read from {@code capacity} records before its end, so a restarted engine shows the alerts it raised before.
 * The other choice, reading the topics' ends on each request, would put a broker round trip and a consumer's
 * setup under every page refresh.
 */
public final class LatestRecords implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(LatestRecords.class);
    private static final Duration POLL = Duration.ofMillis(500);
    /** Records read back on each queue-state partition at start: states are published only when they change. */
    private static final int QUEUE_LOOKBACK = 1000;

    /** An alert as received: ordered by record time, then where it was read. */
    record Received(long timestamp, int partition, long offset, JsonNode alert) {
        static final Comparator<Received> OLDEST_FIRST = Comparator.comparingLong(Received::timestamp)
                .thenComparingInt(Received::partition)
                .thenComparingLong(Received::offset);
    }

    private final Properties consumerProperties;
    private final String alertsTopic;
    private final String queueTopic;
    private final int capacity;
    private final Counter unreadable;
    private final TreeSet<Received> alerts = new TreeSet<>(Received.OLDEST_FIRST);
    private final Map<String, QueueStatus> queues = new HashMap<>();
    private volatile boolean running = true;
    private volatile boolean polled;
    private KafkaConsumer<byte[], byte[]> consumer;
    private Thread thread;

    /**
     * @param clientProperties the engine's client properties (bootstrap servers, security)
     * @param capacity         alerts kept, and read back per partition at start
     */
    public LatestRecords(
            final Properties clientProperties,
            final String alertsTopic,
            final String queueTopic,
            final int capacity,
            final MeterRegistry registry) {
        if (capacity < 1) {
            throw new IllegalArgumentException("capacity must be positive: " + capacity);
        }
        this.consumerProperties = new Properties();
        consumerProperties.putAll(clientProperties);
        consumerProperties.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        consumerProperties.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        consumerProperties.put(ConsumerConfig.CLIENT_ID_CONFIG, "vigie-status");
        consumerProperties.remove(ConsumerConfig.GROUP_ID_CONFIG);
        this.alertsTopic = alertsTopic;
        this.queueTopic = queueTopic;
        this.capacity = capacity;
        this.unreadable = Counter.builder("vigie.status.records.unreadable")
                .description("Records of the alerts or queue topics the status page could not read as JSON")
                .register(registry);
    }

    /** Assigns the topics' partitions (they exist: the engine created them) and starts following them. */
    public synchronized LatestRecords start() {
        if (thread != null) {
            throw new IllegalStateException("already started");
        }
        consumer = new KafkaConsumer<>(consumerProperties, new ByteArrayDeserializer(), new ByteArrayDeserializer());
        final List<TopicPartition> partitions = new ArrayList<>();
        for (final String topic : List.of(alertsTopic, queueTopic)) {
            consumer.partitionsFor(topic, Duration.ofSeconds(30))
                    .forEach(info -> partitions.add(new TopicPartition(topic, info.partition())));
        }
        consumer.assign(partitions);
        final Map<TopicPartition, Long> begin = consumer.beginningOffsets(partitions, Duration.ofSeconds(30));
        final Map<TopicPartition, Long> end = consumer.endOffsets(partitions, Duration.ofSeconds(30));
        for (final TopicPartition tp : partitions) {
            final long back = tp.topic().equals(alertsTopic) ? capacity : QUEUE_LOOKBACK;
            consumer.seek(tp, Math.max(begin.get(tp), end.get(tp) - back));
        }
        thread = new Thread(this::run, "vigie-status-tail");
        thread.setDaemon(true);
        thread.start();
        return this;
    }

    private void run() {
        try {
            while (running) {
                for (final ConsumerRecord<byte[], byte[]> r : consumer.poll(POLL)) {
                    accept(r);
                }
                polled = true;
            }
        } catch (final WakeupException e) {
            // close() asked us to stop.
        } catch (final RuntimeException e) {
            LOG.error("The status page stopped following {} and {}", alertsTopic, queueTopic, e);
        } finally {
            consumer.close(Duration.ofSeconds(5));
        }
    }

    void accept(final ConsumerRecord<byte[], byte[]> r) {
        if (r.value() == null) {
            return;
        }
        try {
            if (r.topic().equals(alertsTopic)) {
                addAlert(new Received(r.timestamp(), r.partition(), r.offset(), JsonSerde.MAPPER.readTree(r.value())));
            } else {
                addQueue(JsonSerde.MAPPER.readValue(r.value(), QueueStatus.class));
            }
        } catch (final IOException | RuntimeException e) {
            unreadable.increment();
            LOG.warn(
                    "Unreadable record for the status page at {}-{} offset {}: {}",
                    r.topic(),
                    r.partition(),
                    r.offset(),
                    e.toString());
        }
    }

    synchronized void addAlert(final Received received) {
        alerts.add(received);
        while (alerts.size() > capacity) {
            alerts.pollFirst();
        }
    }

    synchronized void addQueue(final QueueStatus status) {
        if (status.host() == null || status.source() == null) {
            throw new IllegalArgumentException("queue state without host or source");
        }
        queues.merge(
                status.host() + '|' + status.source(),
                status,
                (old, now) ->
                        old.time() != null && now.time() != null && old.time().isAfter(now.time()) ? old : now);
    }

    /** The newest alerts first, at most {@code limit}. */
    public synchronized List<JsonNode> latestAlerts(final int limit) {
        return alerts.descendingSet().stream().limit(limit).map(Received::alert).toList();
    }

    /** The latest state of each host's queue, per source, by host then source. */
    public synchronized List<QueueStatus> queues() {
        return queues.values().stream()
                .sorted(Comparator.comparing(QueueStatus::host).thenComparing(QueueStatus::source))
                .toList();
    }

    /** Whether a first poll returned: until then, empty lists only mean "not read yet". */
    public boolean polled() {
        return polled;
    }

    public int capacity() {
        return capacity;
    }

    @Override
    public void close() throws InterruptedException {
        final Thread t;
        synchronized (this) {
            t = thread;
        }
        running = false;
        if (t != null) {
            consumer.wakeup();
            t.join(10_000);
        }
    }
}
