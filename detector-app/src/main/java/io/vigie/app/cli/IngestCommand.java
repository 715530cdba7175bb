package io.vigie.app.cli;

import io.vigie.app.broker.TopicProvisioner;
import io.vigie.app.broker.TopicSpec;
import io.vigie.app.config.VigieConfig;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;

/**
 * {@code vigie ingest}: replays log files into the raw topics. A Postfix file becomes one record per
 * line, keyed by the file name so that a file's lines stay in order on one partition; a postqueue file
 * (one {@code postqueue -j} snapshot) becomes a single record.
 */
@Command(name = "ingest", mixinStandardHelpOptions = true,
        description = {"Produce log files (plain or gzip) to the source's raw topic.",
            "postfix: one record per line, keyed by file name. postqueue: one record per file."})
public final class IngestCommand extends VigieCommand {

    @Option(names = "--source", required = true, paramLabel = "SOURCE", converter = Source.Converter.class,
            description = "postfix or postqueue.")
    private Source source;

    @Option(names = "--host", paramLabel = "HOST",
            description = "postqueue: the Postfix host the snapshots describe (default: this machine's name).")
    private String host;

    @Mixin

    private ClusterOption cluster;

    @Parameters(arity = "1..*", paramLabel = "FILE", description = "Log files, plain or gzip.")
    private List<Path> files;

    @Override
    protected int execute(final VigieConfig config) throws IOException, InterruptedException {
        for (final Path file : files) {
            if (!Files.isRegularFile(file) || !Files.isReadable(file)) {
                throw new ParameterException(spec().commandLine(), "cannot read file " + file);
            }
        }
        final String topic = source == Source.POSTFIX
                ? config.topics().names().rawPostfix() : config.topics().names().rawPostqueue();
        final long begin = System.nanoTime();
        final Counts counts = new Counts();
        try (KafkaTarget target = KafkaTarget.open(cluster.applyTo(config))) {
            ensureTopic(config, target.bootstrapServers(), topic);
            try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(
                    producerProperties(config, target.bootstrapServers()),
                    new StringSerializer(), new ByteArraySerializer())) {
                for (final Path file : files) {
                    if (source == Source.POSTFIX) {
                        sendLines(producer, topic, file, counts);
                    } else {
                        sendWhole(producer, topic, file, counts);
                    }
                    if (counts.failure.get() != null) {
                        break;
                    }
                }
                producer.flush();
            }
        }
        if (counts.failure.get() != null) {
            throw new IllegalStateException("producing to " + topic + " failed after " + counts.acked.get()
                    + " records: " + counts.failure.get().getMessage(), counts.failure.get());
        }
        final Duration elapsed = Duration.ofNanos(System.nanoTime() - begin);
        final double seconds = Math.max(elapsed.toMillis(), 1) / 1000.0;
        out().printf(Locale.ROOT, "ingested %d records (%s) from %d file(s) into %s in %.2f s (%.0f records/s)%s%n",
                counts.records, humanBytes(counts.bytes), files.size(), topic, seconds, counts.records / seconds,
                counts.emptyLines > 0 ? ", " + counts.emptyLines + " empty line(s) skipped" : "");
        out().flush();
        return 0;
    }

    private void sendLines(final KafkaProducer<String, byte[]> producer, final String topic, final Path file,
                           final Counts counts) throws IOException {
        final String key = file.getFileName().toString();
        try (InputStream in = LogFiles.open(file)) {
            final LogFiles.LineReader lines = new LogFiles.LineReader(in);
            byte[] line;
            while ((line = lines.next()) != null && counts.failure.get() == null) {
                if (line.length == 0) {
                    counts.emptyLines++;
                    continue;
                }
                send(producer, new ProducerRecord<>(topic, key, line), counts);
            }
        }
    }

    private void sendWhole(final KafkaProducer<String, byte[]> producer, final String topic, final Path file,
                           final Counts counts) throws IOException {
        final byte[] content;
        try (InputStream in = LogFiles.open(file)) {
            content = in.readNBytes(TopicProvisioner.MAX_RAW_RECORD_BYTES + 1);
        }
        if (content.length > TopicProvisioner.MAX_RAW_RECORD_BYTES) {
            throw new ParameterException(spec().commandLine(), file + " is larger than "
                    + humanBytes(TopicProvisioner.MAX_RAW_RECORD_BYTES) + ", the largest postqueue snapshot accepted");
        }
        // The snapshot's key is the Postfix host it describes: the queue state is kept per host.
        send(producer, new ProducerRecord<>(topic, postfixHost(), content), counts);
    }

    private String postfixHost() {
        if (host != null && !host.isBlank()) {
            return host;
        }
        try {
            return java.net.InetAddress.getLocalHost().getHostName();
        } catch (final java.net.UnknownHostException e) {
            return "localhost";
        }
    }

    private static void send(final KafkaProducer<String, byte[]> producer, final ProducerRecord<String, byte[]> record,
                             final Counts counts) {
        counts.records++;
        counts.bytes += record.value().length;
        producer.send(record, (metadata, exception) -> {
            if (exception != null) {
                counts.failure.compareAndSet(null, exception);
            } else {
                counts.acked.incrementAndGet();
            }
        });
    }

    private static Properties producerProperties(final VigieConfig config, final String bootstrap) {
        final Properties p = config.clientProperties(bootstrap);
        p.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true");
        p.put(ProducerConfig.ACKS_CONFIG, "all");
        p.put(ProducerConfig.COMPRESSION_TYPE_CONFIG, "lz4");
        p.put(ProducerConfig.LINGER_MS_CONFIG, "5");
        p.put(ProducerConfig.BATCH_SIZE_CONFIG, Integer.toString(256 * 1024));
        // Room for one whole postqueue snapshot plus the record overhead.
        p.put(ProducerConfig.MAX_REQUEST_SIZE_CONFIG, Integer.toString(TopicProvisioner.MAX_RAW_RECORD_BYTES + 65_536));
        p.put(ProducerConfig.CLIENT_ID_CONFIG, "vigie-ingest");
        return p;
    }

    /** Auto-creation is off on Vigie's broker; a first ingest before any run creates the raw topic itself. */
    private static void ensureTopic(final VigieConfig config, final String bootstrap, final String topic) {
        final List<TopicSpec> spec = TopicProvisioner.specsFor(config).stream()
                .filter(s -> s.name().equals(topic))
                .toList();
        try (Admin admin = Admin.create(config.clientProperties(bootstrap))) {
            new TopicProvisioner(admin).provision(spec);
        }
    }

    static String humanBytes(final long bytes) {
        if (bytes < 1024) {
            return bytes + " B";
        }
        if (bytes < 1024 * 1024) {
            return String.format(Locale.ROOT, "%.1f KiB", bytes / 1024.0);
        }
        return String.format(Locale.ROOT, "%.1f MiB", bytes / (1024.0 * 1024.0));
    }

    /** Totals; written by the command thread, except the two atomics the producer callbacks update. */
    private static final class Counts {
        private long records;
        private long bytes;
        private long emptyLines;
        private final AtomicLong acked = new AtomicLong();
        private final AtomicReference<Exception> failure = new AtomicReference<>();
    }
}
