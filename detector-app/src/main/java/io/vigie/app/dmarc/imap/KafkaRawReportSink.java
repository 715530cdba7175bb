package io.vigie.app.dmarc.imap;

import io.vigie.core.model.DeadLetter;
import io.vigie.core.serde.JsonSerde;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * Writes raw report messages to the raw DMARC topic and refused ones to the dead-letter topic, waiting
 * for each record to be acknowledged by all in-sync replicas before returning.
 */
public final class KafkaRawReportSink implements RawReportSink, AutoCloseable {

    static final String SOURCE = "dmarc-imap";
    /** Room for the record key, headers and batch framing around the largest accepted message. */
    private static final int RECORD_OVERHEAD_BYTES = 64 * 1024;

    private final KafkaProducer<String, byte[]> producer;
    private final String rawTopic;
    private final String dlqTopic;
    private final Clock clock;
    private final JsonSerde<DeadLetter> deadLetterSerde = JsonSerde.of(DeadLetter.class);

    /** A sink for messages up to {@link ImapSettings#DEFAULT_MAX_MESSAGE_BYTES}. */
    public KafkaRawReportSink(final Properties clientProperties, final String rawTopic, final String dlqTopic) {
        this(clientProperties, rawTopic, dlqTopic, ImapSettings.DEFAULT_MAX_MESSAGE_BYTES, Clock.systemUTC());
    }

    /**
     * @param clientProperties from {@code VigieConfig.clientProperties(bootstrap)}: carries TLS/SASL settings
     * @param maxMessageBytes  the poller's {@link ImapSettings#maxMessageBytes()}: the producer must accept it
     * @param clock            stamps dead letters
     */
    public KafkaRawReportSink(
            final Properties clientProperties,
            final String rawTopic,
            final String dlqTopic,
            final int maxMessageBytes,
            final Clock clock) {
        this.rawTopic = rawTopic;
        this.dlqTopic = dlqTopic;
        this.clock = clock;
        final Properties p = new Properties();
        p.putAll(clientProperties);
        // Idempotence and acks=all: an acknowledged message survives a broker failover, and a retry inside
        // the producer does not write it twice.
        p.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true");
        p.put(ProducerConfig.ACKS_CONFIG, "all");
        p.put(ProducerConfig.COMPRESSION_TYPE_CONFIG, "lz4");
        final long maxRecord = (long) maxMessageBytes + RECORD_OVERHEAD_BYTES;
        p.put(ProducerConfig.MAX_REQUEST_SIZE_CONFIG, Long.toString(Math.min(maxRecord, Integer.MAX_VALUE)));
        // The producer also refuses a record larger than its buffer (32 MiB by default, the default limit).
        final long buffer = Math.max(maxRecord, 32L * 1024 * 1024);
        p.put(ProducerConfig.BUFFER_MEMORY_CONFIG, Long.toString(buffer));
        p.putIfAbsent(ProducerConfig.CLIENT_ID_CONFIG, "vigie-dmarc-imap");
        this.producer = new KafkaProducer<>(p, new StringSerializer(), new ByteArraySerializer());
    }

    @Override
    public void send(final String key, final byte[] rawMessage) {
        write(new ProducerRecord<>(rawTopic, key, rawMessage));
    }

    @Override
    public void reject(final String key, final String reason, final byte[] rawPrefix) {
        // A dead letter points back at its source: here the IMAP folder and UID (there is no partition).
        final MessageKey source = MessageKey.parse(key);
        final DeadLetter letter = DeadLetter.of(
                clock.instant(),
                SOURCE,
                reason,
                source.folder(),
                -1,
                source.uid(),
                new String(rawPrefix, StandardCharsets.UTF_8));
        write(new ProducerRecord<>(dlqTopic, key, deadLetterSerde.toBytes(letter)));
    }

    private void write(final ProducerRecord<String, byte[]> record) {
        try {
            producer.send(record).get();
        } catch (final ExecutionException e) {
            throw new SinkException(
                    "Kafka did not acknowledge " + record.key() + " on " + record.topic() + ": "
                            + e.getCause().getMessage(),
                    e.getCause());
        } catch (final KafkaException e) {
            // Thrown by send() itself: record too large, metadata not available within max.block.ms...
            throw new SinkException("cannot send " + record.key() + " to " + record.topic() + ": " + e.getMessage(), e);
        } catch (final InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new SinkException("interrupted while sending " + record.key() + " to " + record.topic(), e);
        }
    }

    @Override
    public void close() {
        producer.close();
    }
}
