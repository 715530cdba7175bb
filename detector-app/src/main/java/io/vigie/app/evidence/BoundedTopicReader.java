package io.vigie.app.evidence;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndTimestamp;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;

/**
 * Reads one topic from a point in time to the end offsets it found when it started, committed records only, so
 * that a topic still being written does not keep it reading for ever. Records over the size limit are counted and
 * left. No consumer group: nothing is committed, the engine's positions are untouched.
 */
final class BoundedTopicReader {

    /** What the reader does with each record, in offset order within a partition. */
    @FunctionalInterface
    interface RecordHandler {
        void accept(ConsumerRecord<String, byte[]> record) throws java.io.IOException;
    }

    /**
     * @param records   records handed on
     * @param oversized records left because they were over the size limit
     * @param total     records between the start and the end offsets (compacted topics may have fewer)
     */
    record Outcome(String topic, long records, long oversized, long total, boolean missing) {}

    private static final Duration POLL = Duration.ofMillis(500);

    private final Properties clientProperties;
    private final Duration timeout;

    /**
     * @param clientProperties the cluster's address and the TLS/SASL pass-through
     * @param timeout          how long metadata and offset requests, and a poll that brings nothing, may take
     */
    BoundedTopicReader(final Properties clientProperties, final Duration timeout) {
        this.clientProperties = clientProperties;
        this.timeout = timeout;
    }

    /**
     * @param since          null for the beginning of the topic
     * @param maxRecordBytes larger record values are left (and counted)
     * @throws IllegalStateException when the end offsets are not reached within the timeout of a stalled read
     */
    Outcome read(
            final String topic,
            final Instant since,
            final int maxRecordBytes,
            final TopicReadProgress progress,
            final RecordHandler handler)
            throws java.io.IOException {
        try (KafkaConsumer<String, byte[]> consumer =
                new KafkaConsumer<>(consumerProperties(), new StringDeserializer(), new ByteArrayDeserializer())) {
            final List<PartitionInfo> infos = consumer.partitionsFor(topic, timeout);
            if (infos == null || infos.isEmpty()) {
                return new Outcome(topic, 0, 0, 0, true);
            }
            final List<TopicPartition> partitions = new ArrayList<>();
            infos.forEach(i -> partitions.add(new TopicPartition(topic, i.partition())));
            consumer.assign(partitions);
            final Map<TopicPartition, Long> ends = consumer.endOffsets(partitions, timeout);
            final Map<TopicPartition, Long> starts = starts(consumer, partitions, since, ends);
            long total = 0;
            for (final TopicPartition tp : partitions) {
                consumer.seek(tp, starts.get(tp));
                total += Math.max(0, ends.get(tp) - starts.get(tp));
            }
            long records = 0;
            long oversized = 0;
            long idleSince = System.nanoTime();
            final List<TopicPartition> left = new ArrayList<>(partitions);
            left.removeIf(tp -> starts.get(tp) >= ends.get(tp));
            while (!left.isEmpty()) {
                final var batch = consumer.poll(POLL);
                if (batch.isEmpty()) {
                    left.removeIf(tp -> consumer.position(tp, timeout) >= ends.get(tp));
                    if (!left.isEmpty() && System.nanoTime() - idleSince > timeout.toNanos()) {
                        throw new IllegalStateException("reading " + topic + " stalled before its end offsets " + ends
                                + " (" + records + " records read)");
                    }
                    continue;
                }
                idleSince = System.nanoTime();
                for (final ConsumerRecord<String, byte[]> r : batch) {
                    final TopicPartition tp = new TopicPartition(r.topic(), r.partition());
                    if (r.offset() >= ends.get(tp)) {
                        continue;
                    }
                    records++;
                    if (r.value() != null && r.value().length > maxRecordBytes) {
                        oversized++;
                    } else {
                        handler.accept(r);
                    }
                }
                for (final TopicPartition tp : List.copyOf(left)) {
                    if (consumer.position(tp, timeout) >= ends.get(tp)) {
                        left.remove(tp);
                        consumer.pause(List.of(tp));
                    }
                }
                progress.read(topic, records, total);
            }
            progress.read(topic, records, total);
            return new Outcome(topic, records - oversized, oversized, total, false);
        }
    }

    /** From {@code since} (the first offset at or after it, else the end), or from the beginning. */
    private Map<TopicPartition, Long> starts(
            final KafkaConsumer<String, byte[]> consumer,
            final List<TopicPartition> partitions,
            final Instant since,
            final Map<TopicPartition, Long> ends) {
        final Map<TopicPartition, Long> starts = new HashMap<>(consumer.beginningOffsets(partitions, timeout));
        if (since == null) {
            return starts;
        }
        final Map<TopicPartition, Long> query = new HashMap<>();
        partitions.forEach(tp -> query.put(tp, since.toEpochMilli()));
        final Map<TopicPartition, OffsetAndTimestamp> found = consumer.offsetsForTimes(query, timeout);
        for (final TopicPartition tp : partitions) {
            final OffsetAndTimestamp at = found.get(tp);
            starts.put(tp, at == null ? ends.get(tp) : Math.max(at.offset(), starts.get(tp)));
        }
        return starts;
    }

    private Properties consumerProperties() {
        final Properties p = new Properties();
        p.putAll(clientProperties);
        p.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        p.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "none");
        p.put(ConsumerConfig.ALLOW_AUTO_CREATE_TOPICS_CONFIG, "false");
        p.put(ConsumerConfig.CLIENT_ID_CONFIG, "vigie-evidence");
        p.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, "2000");
        final int ms = (int) Math.min(Integer.MAX_VALUE, timeout.toMillis());
        p.putIfAbsent(ConsumerConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, Integer.toString(ms));
        p.putIfAbsent(ConsumerConfig.REQUEST_TIMEOUT_MS_CONFIG, Integer.toString(Math.min(ms, 30_000)));
        return p;
    }
}
