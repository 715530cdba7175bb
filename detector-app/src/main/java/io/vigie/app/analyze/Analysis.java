package io.vigie.app.analyze;

import com.fasterxml.jackson.databind.JsonNode;
import io.vigie.app.config.VigieConfig;
import io.vigie.app.engine.Engine;
import io.vigie.app.ingest.LineBatch;
import io.vigie.core.model.DeadLetter;
import io.vigie.core.model.DmarcEvent;
import io.vigie.core.model.TopSnapshot;
import io.vigie.core.serde.JsonSerde;
import io.vigie.rules.config.QueueConfig;
import io.vigie.rules.config.TopConfig;
import io.vigie.rules.config.TopConfig.TopWindow;
import io.vigie.rules.dlq.ParsingStep;
import io.vigie.rules.dmarc.DmarcStatistics;
import io.vigie.rules.mail.OtherProgramLines;
import io.vigie.rules.mail.PostfixMailFlow;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.BiConsumer;
import java.util.stream.Stream;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.Metric;
import org.apache.kafka.common.MetricName;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.KafkaStreams;

/**
 * {@code vigie analyze}: runs the engine's own topology over files, on a throw-away embedded
 * broker, and reads back what it produced. The top lists are kept over the whole period the files
 * cover (as pflogsumm reports) and per calendar day.
 */
public final class Analysis {

    /** Publication and sweep intervals short enough that a file's results come out quickly. */
    private static final Duration PUBLISH_INTERVAL = Duration.ofMillis(200);

    private static final Duration SETTLE = Duration.ofMillis(600);

    /** The {@code --source} values that are proxy access logs. */
    public static final Set<String> PROXY_SOURCES = Set.of("proxy", "squid", "combined", "w3c");

    private final VigieConfig base;

    /** An indicator file for {@code --urlhaus} ({@code urlhaus}) or {@code --indicators} ({@code indicators}). */
    public record IntelFile(String kind, Path file) {}

    public Analysis(final VigieConfig base) {
        this.base = base;
    }

    /** The configuration of an analysis run: the operator's organisation and thresholds, a private broker. */
    static VigieConfig analysisConfig(final VigieConfig base, final Path workDir, final String source) {
        // The proxy lines are read in the format the command names ("proxy": recognised line by line).
        final String proxyFormat = PROXY_SOURCES.contains(source) && !"proxy".equals(source) ? source : "auto";
        final VigieConfig.KafkaSettings kafka = base.kafka();
        final TopConfig top = base.mail().top();
        final QueueConfig queue = base.mail().queue();
        // No free-space floor: an analysis writes about the size of its input, not an engine's days of data.
        return new VigieConfig(
                "vigie-analyze",
                workDir,
                0,
                kafka.toBuilder()
                        .bootstrapServers("")
                        .embeddedListener("127.0.0.1")
                        .embeddedPort(0)
                        .controllerPort(0)
                        .client(Map.of())
                        .build(),
                base.topics(),
                new VigieConfig.HttpSettings("127.0.0.1", 0, "", "", null, null),
                base.organisation(),
                new VigieConfig.MailSettings(
                        base.mail().messageTimeout(),
                        top.toBuilder()
                                .windows(Set.of(TopWindow.PERIOD, TopWindow.DAY))
                                .publishInterval(PUBLISH_INTERVAL)
                                .build(),
                        queue.toBuilder().statusInterval(Duration.ofSeconds(5)).build(),
                        base.mail().flow(),
                        base.mail().lookalike(),
                        base.mail().auth()),
                base.dmarc(),
                new VigieConfig.ProxySettings(
                        base.proxy().rules().withFormat(proxyFormat),
                        "",
                        base.proxy().urlhausInterval(),
                        base.proxy().urlhausMaxBytes()),
                base.antivirus(),
                base.quarantine(),
                base.reports(),
                base.alertThrottle(),
                base.incidents(),
                base.settings());
    }

    public AnalysisResult run(final String source, final List<Path> files) throws IOException, InterruptedException {
        return run(source, files, List.of());
    }

    /**
     * @param intel indicator files loaded, and fully in the intel table, before the first line of {@code files}
     */
    public AnalysisResult run(final String source, final List<Path> files, final List<IntelFile> intel)
            throws IOException, InterruptedException {
        return run(source, files, intel, null);
    }

    /**
     * @param host the machine antivirus logs are about (ClamAV's do not name it), null for the file name
     */
    public AnalysisResult run(
            final String source, final List<Path> files, final List<IntelFile> intel, final String host)
            throws IOException, InterruptedException {
        final long started = System.nanoTime();
        final Path workDir = Files.createTempDirectory("vigie-analyze-");
        try {
            final VigieConfig config = analysisConfig(base, workDir, source);
            try (Engine engine = new Engine(config).start()) {
                final long indicators = new IntelLoad(engine, config, SETTLE).load(intel);
                final String rawTopic = rawTopicOf(config, source);
                final long streamingStarted = System.nanoTime();
                final Map<String, Long> refused = new TreeMap<>();
                final long[] counts = switch (source) {
                    case "dmarc" ->
                        produceWhole(
                                engine.bootstrapServers(),
                                rawTopic,
                                files,
                                config.dmarc().rules().maxReportBytes(),
                                refused);
                    case "eml" ->
                        produceWhole(
                                engine.bootstrapServers(),
                                rawTopic,
                                files,
                                config.reports().maxBytes(),
                                refused);
                    default -> produce(engine.bootstrapServers(), rawTopic, files, host, LineBatch.MAX_LINES);
                };
                try (Admin admin = Admin.create(config.clientProperties(engine.bootstrapServers()))) {
                    // The look-alike senders rule reads events.mail and events.reports back: done once they are read.
                    final Set<String> readBack = Set.of(
                            config.topics().names().mailMessages(),
                            config.topics().names().reports());
                    new PipelineDrain(admin, config.applicationId(), Set.of(rawTopic), readBack, SETTLE)
                            .await(Duration.ofMinutes(20), () -> isAlive(engine));
                }
                final double pipelineSeconds = (System.nanoTime() - streamingStarted) / 1e9;
                final AnalysisResult result = collect(
                        engine.bootstrapServers(),
                        config,
                        source,
                        counts,
                        refused,
                        started,
                        pipelineSeconds,
                        engine.streams().metrics());
                return PROXY_SOURCES.contains(source)
                        ? result.withProxy(ProxyFindings.of(engine.streams().metrics(), indicators))
                        : result;
            }
        } finally {
            deleteRecursively(workDir);
        }
    }

    static boolean isAlive(final Engine engine) {
        final KafkaStreams.State state = engine.streams().state();
        return !engine.failed()
                && state != KafkaStreams.State.ERROR
                && state != KafkaStreams.State.NOT_RUNNING
                && state != KafkaStreams.State.PENDING_ERROR;
    }

    private static String rawTopicOf(final VigieConfig config, final String source) {
        return switch (source) {
            case "postfix" -> config.topics().names().rawPostfix();
            case "dmarc" -> config.topics().names().rawDmarc();
            case "proxy", "squid", "combined", "w3c" -> config.topics().names().rawProxy();
            case "av", "clamav", "defender", "cef" -> config.topics().names().rawAv();
            case "quarantine", "amavis", "rspamd" -> config.topics().names().rawQuarantine();
            case "eml" -> config.topics().names().rawReports();
            default ->
                throw new IllegalArgumentException("analyze: unknown source '" + source + "' (known: postfix, dmarc)");
        };
    }

    /** Sends every line as one record, keyed by file so that a file's lines stay in order on one partition. */
    static long[] produce(final String bootstrap, final String topic, final List<Path> files) throws IOException {
        return produce(bootstrap, topic, files, null, 1);
    }

    /**
     * @param key           every line's key, or null for each file's name
     * @param linesPerRecord lines sent together in one record (LF-separated), for the sources whose engine reads
     *                      them so; 1 for the others
     */
    static long[] produce(
            final String bootstrap,
            final String topic,
            final List<Path> files,
            final String key,
            final int linesPerRecord)
            throws IOException {
        final Properties props = producerProperties(bootstrap);
        props.put(ProducerConfig.LINGER_MS_CONFIG, 5);
        props.put(ProducerConfig.BATCH_SIZE_CONFIG, 256 * 1024);
        long records = 0;
        long blank = 0;
        try (KafkaProducer<String, byte[]> producer =
                new KafkaProducer<>(props, new StringSerializer(), new ByteArraySerializer())) {
            for (final Path file : files) {
                final String lineKey = key != null ? key : file.getFileName().toString();
                final LineBatch batch = new LineBatch(LineBatch.MAX_BYTES, linesPerRecord);
                try (BufferedReader reader = SourceFiles.open(file)) {
                    String line;
                    while ((line = reader.readLine()) != null) {
                        if (line.isBlank()) {
                            blank++;
                            continue;
                        }
                        final byte[] bytes = line.getBytes(StandardCharsets.UTF_8);
                        if (!batch.accepts(bytes)) {
                            producer.send(new ProducerRecord<>(topic, lineKey, batch.drain()));
                        }
                        batch.add(bytes);
                        records++;
                    }
                }
                if (!batch.isEmpty()) {
                    producer.send(new ProducerRecord<>(topic, lineKey, batch.drain()));
                }
            }
            producer.flush();
        }
        return new long[] {records, blank};
    }

    /**
     * Sends each file as one record, as it is (reports: XML, gzip, zip or e-mail). A file over the size limit
     * is not sent: it is counted with the dead letters, as the engine would have refused it.
     */
    private static long[] produceWhole(
            final String bootstrap,
            final String topic,
            final List<Path> files,
            final int maxBytes,
            final Map<String, Long> refused)
            throws IOException {
        final Properties props = producerProperties(bootstrap);
        props.put(ProducerConfig.MAX_REQUEST_SIZE_CONFIG, maxBytes + 65_536);
        long records = 0;
        try (KafkaProducer<String, byte[]> producer =
                new KafkaProducer<>(props, new StringSerializer(), new ByteArraySerializer())) {
            for (final Path file : files) {
                if (Files.size(file) > maxBytes) {
                    refused.merge("input too large", 1L, Long::sum);
                    continue;
                }
                producer.send(new ProducerRecord<>(topic, file.getFileName().toString(), Files.readAllBytes(file)));
                records++;
            }
            producer.flush();
        }
        return new long[] {records, 0};
    }

    private static Properties producerProperties(final String bootstrap) {
        final Properties props = new Properties();
        props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        props.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        props.put(ProducerConfig.ACKS_CONFIG, "all");
        props.put(ProducerConfig.COMPRESSION_TYPE_CONFIG, "lz4");
        return props;
    }

    private static AnalysisResult collect(
            final String bootstrap,
            final VigieConfig config,
            final String source,
            final long[] counts,
            final Map<String, Long> refused,
            final long started,
            final double pipelineSeconds,
            final Map<MetricName, ? extends Metric> metrics) {
        final var names = config.topics().names();
        final Map<String, TopSnapshot> latest =
                readLatest(bootstrap, names.top20State(), PostfixMailFlow.SNAPSHOT_SERDE::fromBytes);
        final List<JsonNode> alerts = new ArrayList<>();
        readAll(bootstrap, names.alerts(), (key, value) -> alerts.add(readTree(value)));
        alerts.sort(Comparator.comparing(a -> a.path("@timestamp").asText()));
        final Map<String, Long> deadLetters = new TreeMap<>(refused);
        readAll(bootstrap, names.dlq(), (key, value) -> {
            final DeadLetter letter = ParsingStep.DEAD_LETTER_SERDE.fromBytes(value);
            deadLetters.merge(letter.reason(), 1L, Long::sum);
        });
        final Map<String, TopSnapshot> days = new TreeMap<>();
        latest.forEach((window, snapshot) -> {
            if ("day".equals(snapshot.kind())) {
                days.put(window.substring("day:".length()), snapshot);
            }
        });
        final DmarcFindings dmarc = "dmarc".equals(source) ? dmarcFindings(bootstrap, config) : null;
        final List<JsonNode> reports = new ArrayList<>();
        if ("eml".equals(source)) {
            readAll(bootstrap, names.reports(), (key, value) -> reports.add(readTree(value)));
        }
        return new AnalysisResult(
                latest.get("period"),
                days,
                dmarc,
                null,
                reports,
                alerts,
                counts[0],
                counts[1],
                deadLetters,
                "postfix".equals(source) ? otherPrograms(metrics) : Map.of(),
                (System.nanoTime() - started) / 1e9,
                pipelineSeconds);
    }

    /** Other programs' lines of the mail log, by program, as the engine counted them. */
    static Map<String, Long> otherPrograms(final Map<MetricName, ? extends Metric> metrics) {
        final Map<String, Long> byProgram = new TreeMap<>();
        metrics.forEach((name, metric) -> {
            if (OtherProgramLines.GROUP.equals(name.group()) && OtherProgramLines.METRIC.equals(name.name())) {
                byProgram.merge(name.tags().get("program"), ((Number) metric.metricValue()).longValue(), Long::sum);
            }
        });
        return byProgram;
    }

    /** The rows counted (each once) and the latest figures per domain and day. */
    private static DmarcFindings dmarcFindings(final String bootstrap, final VigieConfig config) {
        final var names = config.topics().names();
        final List<DmarcEvent> rows = new ArrayList<>();
        readAll(bootstrap, names.dmarcEvents(), (key, value) -> rows.add(DmarcStatistics.EVENT_SERDE.fromBytes(value)));
        return new DmarcFindings(rows, readLatest(bootstrap, names.dmarcDays(), DmarcStatistics.DAY_SERDE::fromBytes));
    }

    /** A compacted topic as its consumers see it: the latest value per key, tombstoned keys gone. */
    private static <V> Map<String, V> readLatest(
            final String bootstrap, final String topic, final java.util.function.Function<byte[], V> decode) {
        final Map<String, V> latest = new TreeMap<>();
        readAll(bootstrap, topic, (key, value) -> {
            if (value == null) {
                latest.remove(key);
            } else {
                latest.put(key, decode.apply(value));
            }
        });
        return latest;
    }

    private static JsonNode readTree(final byte[] value) {
        try {
            return JsonSerde.MAPPER.readTree(value);
        } catch (final IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Reads a topic from the beginning to its current end, committed records only. */
    static void readAll(final String bootstrap, final String topic, final BiConsumer<String, byte[]> sink) {
        final Properties props = new Properties();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        try (KafkaConsumer<String, byte[]> consumer =
                new KafkaConsumer<>(props, new StringDeserializer(), new ByteArrayDeserializer())) {
            final List<TopicPartition> partitions = consumer.partitionsFor(topic).stream()
                    .map(p -> new TopicPartition(topic, p.partition()))
                    .toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            final Map<TopicPartition, Long> ends = consumer.endOffsets(partitions);
            final long deadline = System.nanoTime() + Duration.ofMinutes(2).toNanos();
            while (partitions.stream().anyMatch(p -> consumer.position(p) < ends.get(p))) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("could not read " + topic + " to its end");
                }
                for (final ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(200))) {
                    sink.accept(record.key(), record.value());
                }
            }
        }
    }

    private static void deleteRecursively(final Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(dir)) {
            for (final Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(path);
            }
        }
    }
}
