package io.vigie.app.ingest;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;

/**
 * The followers' positions in a compacted topic: one record per follower, path and file, written in the
 * transaction that sends the lines it counts, deleted (tombstone) once a rotated file is read to its end.
 */
final class PositionStore {

    private static final Duration LOAD_TIMEOUT = Duration.ofSeconds(60);

    private final String topic;

    PositionStore(final String topic) {
        this.topic = topic;
    }

    ProducerRecord<String, byte[]> save(final FilePosition position) {
        return new ProducerRecord<>(topic, position.key(), position.toJson());
    }

    ProducerRecord<String, byte[]> delete(final String key) {
        return new ProducerRecord<>(topic, key, null);
    }

    /**
     * The committed positions of one follower, by path. Reads with read_committed up to the last stable
     * offset: call after the producer's {@code initTransactions}, which settles a previous instance's
     * open transaction, so that nothing is left undecided below it.
     */
    Map<String, List<FilePosition>> load(final Properties client, final String follower) {
        final Properties p = new Properties();
        p.putAll(client);
        p.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        p.put(ConsumerConfig.CLIENT_ID_CONFIG, "vigie-ingest-positions-" + follower);
        final Map<String, FilePosition> byKey = new HashMap<>();
        try (KafkaConsumer<String, byte[]> consumer =
                new KafkaConsumer<>(p, new StringDeserializer(), new ByteArrayDeserializer())) {
            final List<TopicPartition> partitions = consumer.partitionsFor(topic, LOAD_TIMEOUT).stream()
                    .map(info -> new TopicPartition(topic, info.partition()))
                    .toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            final Map<TopicPartition, Long> end = consumer.endOffsets(partitions, LOAD_TIMEOUT);
            final long deadline = System.nanoTime() + LOAD_TIMEOUT.toNanos();
            while (!reached(consumer, end)) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("timed out reading the positions in " + topic + " after "
                            + TimeUnit.NANOSECONDS.toSeconds(LOAD_TIMEOUT.toNanos()) + " s");
                }
                for (final ConsumerRecord<String, byte[]> r : consumer.poll(Duration.ofMillis(200))) {
                    if (r.key() == null || !r.key().startsWith(follower + '\t')) {
                        continue;
                    }
                    final FilePosition position = r.value() == null ? null : FilePosition.fromJson(r.value());
                    if (position == null || !position.follower().equals(follower)) {
                        byKey.remove(r.key());
                    } else {
                        byKey.put(r.key(), position);
                    }
                }
            }
        }
        final Map<String, List<FilePosition>> byPath = new HashMap<>();
        byKey.values()
                .forEach(pos -> byPath.computeIfAbsent(pos.path(), k -> new ArrayList<>())
                        .add(pos));
        return byPath;
    }

    private static boolean reached(final KafkaConsumer<String, byte[]> consumer, final Map<TopicPartition, Long> end) {
        for (final Map.Entry<TopicPartition, Long> e : end.entrySet()) {
            if (consumer.position(e.getKey()) < e.getValue()) {
                return false;
            }
        }
        return true;
    }
}
