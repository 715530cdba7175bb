package io.vigie.app;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

/** Plain producer and consumer calls for tests against a real broker. */
public final class KafkaTestClients {

    private KafkaTestClients() {}

    public static void produce(final String bootstrap, final String topic, final String key, final String value)
            throws Exception {
        final Properties p = new Properties();
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        try (KafkaProducer<String, String> producer =
                new KafkaProducer<>(p, new StringSerializer(), new StringSerializer())) {
            producer.send(new ProducerRecord<>(topic, key, value)).get(30, TimeUnit.SECONDS);
        }
    }

    /**
     * Reads every partition from the beginning (committed records only) until {@code expected} records
     * arrived or 2 min passed, then on to the end offsets of that moment: the result holds every record there
     * was, not the first batch the broker happened to return.
     */
    public static List<ConsumerRecord<String, String>> consume(
            final String bootstrap, final String topic, final int expected) {
        return read(bootstrap, topic, expected, false);
    }

    /**
     * Every committed record of every partition: reads from the beginning up to the end offsets taken at the call
     * (the last stable offsets, under {@code read_committed}), however many records that is. Unlike
     * {@link #consume}, the result never depends on how the broker happened to batch the first fetch.
     */
    public static List<ConsumerRecord<String, String>> consumeAll(final String bootstrap, final String topic) {
        return read(bootstrap, topic, 0, true);
    }

    /**
     * From the beginning of every partition, committed records only: at least {@code expected} (waited for), then
     * on to the end offsets of that moment, within 2 min. {@code strict}: not reaching those ends is a failure.
     */
    private static List<ConsumerRecord<String, String>> read(
            final String bootstrap, final String topic, final int expected, final boolean strict) {
        final Properties p = new Properties();
        p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        p.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        final List<ConsumerRecord<String, String>> records = new ArrayList<>();
        try (KafkaConsumer<String, String> consumer =
                new KafkaConsumer<>(p, new StringDeserializer(), new StringDeserializer())) {
            final List<TopicPartition> partitions = consumer.partitionsFor(topic, Duration.ofSeconds(60)).stream()
                    .map(info -> new TopicPartition(topic, info.partition()))
                    .toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            final long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(2);
            while (records.size() < expected && System.nanoTime() < deadline) {
                consumer.poll(Duration.ofMillis(200)).forEach(records::add);
            }
            final Map<TopicPartition, Long> ends = consumer.endOffsets(partitions, Duration.ofSeconds(60));
            while (partitions.stream().anyMatch(tp -> consumer.position(tp, Duration.ofSeconds(60)) < ends.get(tp))) {
                if (System.nanoTime() > deadline) {
                    if (strict) {
                        throw new AssertionError("could not read " + topic + " up to " + ends + " within 2 min; read "
                                + records.size() + " records");
                    }
                    break;
                }
                consumer.poll(Duration.ofMillis(200)).forEach(records::add);
            }
        }
        return records;
    }

    public static List<String> values(final List<ConsumerRecord<String, String>> records) {
        return records.stream().map(ConsumerRecord::value).toList();
    }
}
