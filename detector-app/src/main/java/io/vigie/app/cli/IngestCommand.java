package io.vigie.app.cli;

import io.vigie.app.broker.TopicProvisioner;
import io.vigie.app.broker.TopicSpec;
import io.vigie.app.config.RecordLimits;
import io.vigie.app.config.VigieConfig;
import io.vigie.app.ingest.LineBatch;
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
@Command(
        name = "ingest",
        mixinStandardHelpOptions = true,
        description = {
            "Produce log files (plain or gzip) to the source's raw topic.",
            "postfix: one record per line, keyed by file name. postqueue: one record per file.",
            "dmarc: one record per report file, as it is (XML, .xml.gz, .zip or .eml); directories are read "
                    + "recursively.",
            "proxy, squid, combined, w3c: proxy access logs to raw.proxy, one record per line (the engine reads "
                    + "the format set by proxy.format, auto by default).",
            "urlhaus: a URLhaus CSV dump to raw.urlhaus; indicators: a list of URLs, hosts and IPs (one per line, "
                    + "# comments) to raw.indicators.",
            "av, clamav, defender, cef: antivirus events to raw.av, one record per line keyed by --host.",
            "quarantine, amavis, rspamd: quarantine decisions to raw.quarantine. eml: reported mails to raw.reports, "
                    + "one record per file (directories are read).",
            "auth, openvpn, strongswan, anyconnect: VPN session lines to raw.auth, one record per line (the engine "
                    + "tells the formats apart line by line).",
            "Large files print their progress on stderr every 5 s.",
            "",
            "--follow: tail the files (line sources only) until SIGTERM/SIGINT, like a log shipper: files that do "
                    + "not exist yet are waited for, rotation (rename or copytruncate) is followed, a line is sent once "
                    + "its newline is written. Lines and file positions are written in one Kafka transaction (positions "
                    + "in the compacted topic --positions-topic), so a restart with the same --name resumes exactly "
                    + "after the last line sent: none lost, none twice. Lines over 1 MiB (or the topic's "
                    + "max.message.bytes) are sent cut and counted. Exit codes: 0 stopped by a signal or an "
                    + "interrupt, 1 failure (Kafka unreachable, file unreadable), 2 bad arguments, 3 fenced by another "
                    + "follower with the same --name. deploy/ingest/README.md tells how to run it under systemd."
        })
public final class IngestCommand extends VigieCommand {

    private static final Duration PROGRESS_INTERVAL = Duration.ofSeconds(5);

    @Option(
            names = "--source",
            required = true,
            paramLabel = "SOURCE",
            converter = Source.Converter.class,
            description = "postfix, postqueue, dmarc, proxy (or squid, combined, w3c), urlhaus, indicators, av (or "
                    + "clamav, defender, cef), quarantine (or amavis, rspamd), eml, auth (or openvpn, strongswan, "
                    + "anyconnect).")
    private Source source;

    @Option(
            names = "--host",
            paramLabel = "HOST",
            description = "postqueue: the Postfix host the snapshots describe; clamav/av: the machine the log is about "
                    + "(default: this machine's name).")
    private String host;

    @Option(names = "--reporter", paramLabel = "WHO", description = "eml: who reported the mails (default: ingest).")
    private String reporter;

    @Option(
            names = "--follow",
            description = "Keep reading the files as they grow, until stopped. Line sources only (postfix, proxy, "
                    + "squid, combined, w3c, av, clamav, defender, cef, quarantine, amavis, rspamd, auth, openvpn, "
                    + "strongswan, anyconnect): postqueue, dmarc, "
                    + "eml, urlhaus and indicators are whole files, sent when they are complete.")
    private boolean follow;

    @Option(
            names = "--name",
            paramLabel = "NAME",
            description = "--follow: this follower's name; its positions and its Kafka transactional id "
                    + "(vigie-ingest-NAME) derive from it, and a second follower with the same name fences the first "
                    + "(default: HOST-SOURCE, e.g. mx1-postfix). Letters, digits, '.', '_' and '-'.")
    private String name;

    @Option(
            names = "--poll-interval",
            paramLabel = "DURATION",
            defaultValue = "250ms",
            description = "--follow: how often files are checked once read to their end (default: ${DEFAULT-VALUE}).")
    private String pollInterval;

    @Option(
            names = "--positions-topic",
            paramLabel = "TOPIC",
            defaultValue = "ingest.positions",
            description = "--follow: the compacted topic holding the file positions, created if missing "
                    + "(default: ${DEFAULT-VALUE}).")
    private String positionsTopic;

    @Mixin
    private ClusterOption cluster;

    @Parameters(
            arity = "1..*",
            paramLabel = "FILE",
            description = "Log files, plain or gzip; for dmarc, report files or directories of them. With --follow, "
                    + "plain files, which need not exist yet.")
    private List<Path> arguments;

    @Override
    protected int execute(final VigieConfig config) throws IOException, InterruptedException {
        if (follow) {
            return new FollowCommand(spec(), err())
                    .follow(
                            cluster.applyTo(config),
                            source,
                            followerName(),
                            arguments,
                            parsePollInterval(),
                            positionsTopic,
                            this::lineKey);
        }
        final List<Path> files =
                source == Source.DMARC || source == Source.EML ? ReportFiles.expand(arguments) : arguments;
        for (final Path file : files) {
            if (!Files.isRegularFile(file) || !Files.isReadable(file)) {
                throw new ParameterException(spec().commandLine(), "cannot read file " + file);
            }
        }
        if (files.isEmpty()) {
            throw new ParameterException(spec().commandLine(), "no file to ingest in " + arguments);
        }
        final String topic = rawTopic(config, source);
        final List<String> refused = new java.util.ArrayList<>();
        final long begin = System.nanoTime();
        final Counts counts = new Counts();
        final ReadProgress progress = new ReadProgress(err(), PROGRESS_INTERVAL.toNanos());
        try (KafkaTarget target = KafkaTarget.open(cluster.applyTo(config))) {
            ensureTopic(config, target.bootstrapServers(), topic);
            try (Admin admin = Admin.create(config.clientProperties(target.bootstrapServers()))) {
                counts.maxLineBytes = FollowCommand.maxLineBytes(admin, topic);
            }
            try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(
                    producerProperties(config, target.bootstrapServers()),
                    new StringSerializer(),
                    new ByteArraySerializer())) {
                for (final Path file : files) {
                    switch (source) {
                        case POSTQUEUE -> sendWhole(producer, topic, file, counts);
                        case DMARC ->
                            sendReport(
                                    producer,
                                    topic,
                                    file,
                                    config.dmarc().rules().maxReportBytes(),
                                    counts,
                                    refused);
                        case EML ->
                            sendMail(producer, topic, file, config.reports().maxBytes(), counts, refused);
                        default -> sendLines(progress, producer, topic, file, lineKey(file), counts);
                    }
                    if (counts.failure.get() != null) {
                        break;
                    }
                }
                producer.flush();
            }
        }
        if (counts.failure.get() != null) {
            throw new IllegalStateException(
                    "producing to " + topic + " failed after " + counts.acked.get() + " records: "
                            + counts.failure.get().getMessage(),
                    counts.failure.get());
        }
        final Duration elapsed = Duration.ofNanos(System.nanoTime() - begin);
        final double seconds = Math.max(elapsed.toMillis(), 1) / 1000.0;
        // Batched lines say how many records carried them; one line per record stays "N records".
        final String what = counts.lines > counts.records
                ? String.format(
                        Locale.ROOT,
                        "%d lines (%d record%s)",
                        counts.lines,
                        counts.records,
                        counts.records == 1 ? "" : "s")
                : counts.records + " records";
        out().printf(
                        Locale.ROOT,
                        "ingested %s (%s) from %d file(s) into %s in %.2f s (%.0f %s/s)%s%n",
                        what,
                        humanBytes(counts.bytes),
                        files.size(),
                        topic,
                        seconds,
                        (counts.lines > 0 ? counts.lines : counts.records) / seconds,
                        counts.lines > 0 ? "lines" : "records",
                        (counts.emptyLines > 0 ? ", " + counts.emptyLines + " empty line(s) skipped" : "")
                                + (counts.cutLines > 0
                                        ? ", " + counts.cutLines + " line(s) over " + humanBytes(counts.maxLineBytes)
                                                + " sent cut (the engine files them as dead letters)"
                                        : ""));
        out().flush();
        if (!refused.isEmpty()) {
            refused.forEach(reason -> err().println("refused " + reason));
            err().flush();
            return 2;
        }
        return 0;
    }

    private String followerName() {
        final String n = name == null || name.isBlank() ? postfixHost() + "-" + source.cliName() : name.strip();
        if (!n.matches("[A-Za-z0-9._-]{1,200}")) {
            throw new ParameterException(
                    spec().commandLine(), "--name '" + n + "': use letters, digits, '.', '_' " + "and '-' only");
        }
        return n;
    }

    private java.time.Duration parsePollInterval() {
        try {
            final java.time.Duration d = io.vigie.app.config.Durations.parse(pollInterval);
            if (d.toMillis() < 10 || d.toMinutes() > 10) {
                throw new IllegalArgumentException("between 10ms and 10m");
            }
            return d;
        } catch (final IllegalArgumentException e) {
            throw new ParameterException(
                    spec().commandLine(), "--poll-interval '" + pollInterval + "': " + e.getMessage());
        }
    }

    /** A reported mail goes whole, keyed by the reporter ({@code --reporter}, else "ingest"). */
    private void sendMail(
            final KafkaProducer<String, byte[]> producer,
            final String topic,
            final Path file,
            final int maxBytes,
            final Counts counts,
            final List<String> refused)
            throws IOException {
        final long size = Files.size(file);
        if (size > maxBytes) {
            refused.add(file + ": " + humanBytes(size) + " is over reports.max-bytes (" + humanBytes(maxBytes) + ")");
            return;
        }
        send(
                producer,
                new ProducerRecord<>(topic, reporter == null ? "ingest" : reporter, Files.readAllBytes(file)),
                counts);
    }

    /** The raw topic a source's records go to. */
    static String rawTopic(final VigieConfig config, final Source source) {
        final var names = config.topics().names();
        return switch (source) {
            case POSTFIX -> names.rawPostfix();
            case POSTQUEUE -> names.rawPostqueue();
            case DMARC -> names.rawDmarc();
            case PROXY, SQUID, COMBINED, W3C -> names.rawProxy();
            case URLHAUS -> names.rawUrlhaus();
            case INDICATORS -> names.rawIndicators();
            case AV, CLAMAV, DEFENDER, CEF -> names.rawAv();
            case QUARANTINE, AMAVIS, RSPAMD -> names.rawQuarantine();
            case EML -> names.rawReports();
            case AUTH, OPENVPN, STRONGSWAN, ANYCONNECT -> names.rawAuth();
        };
    }

    /**
     * A report goes as it is, bytes untouched: the engine recognises XML, gzip, zip and e-mail itself, and
     * deduplicates a report sent twice. A file over the limit is not sent (the engine would refuse it) but
     * reported, and the command ends with status 2.
     */
    private static void sendReport(
            final KafkaProducer<String, byte[]> producer,
            final String topic,
            final Path file,
            final int maxBytes,
            final Counts counts,
            final List<String> refused)
            throws IOException {
        final long size = Files.size(file);
        if (size > maxBytes) {
            refused.add(
                    file + ": " + humanBytes(size) + " is over dmarc.max-report-bytes (" + humanBytes(maxBytes) + ")");
            return;
        }
        send(producer, new ProducerRecord<>(topic, file.getFileName().toString(), Files.readAllBytes(file)), counts);
    }

    /**
     * The key of a file's lines: its name, so that a file's lines stay in order on one partition; for antivirus
     * logs the host ({@code --host}), since ClamAV's do not name the machine they are about.
     */
    String lineKey(final Path file) {
        return source.isAntivirusLog() ? postfixHost() : file.getFileName().toString();
    }

    private void sendLines(
            final ReadProgress progress,
            final KafkaProducer<String, byte[]> producer,
            final String topic,
            final Path file,
            final String key,
            final Counts counts)
            throws IOException {
        // Sources whose engine reads many lines per record get them batched; the others one per record.
        final LineBatch batch =
                source.batchesLines() ? LineBatch.forRecordLimit(counts.maxLineBytes) : new LineBatch(1, 1);
        try (InputStream in = LogFiles.open(progress.track(file, Files.size(file), Files.newInputStream(file)))) {
            final LogFiles.LineReader lines = new LogFiles.LineReader(in, counts.maxLineBytes);
            byte[] line;
            while ((line = lines.next()) != null && counts.failure.get() == null) {
                if (line.length == 0) {
                    counts.emptyLines++;
                    continue;
                }
                if (lines.lastLineCut()) {
                    counts.cutLines++;
                }
                if (!batch.accepts(line)) {
                    sendBatch(producer, topic, key, batch, counts);
                }
                batch.add(line);
                progress.record();
            }
            if (!batch.isEmpty() && counts.failure.get() == null) {
                sendBatch(producer, topic, key, batch, counts);
            }
        }
    }

    private static void sendBatch(
            final KafkaProducer<String, byte[]> producer,
            final String topic,
            final String key,
            final LineBatch batch,
            final Counts counts) {
        counts.lines += batch.lines();
        send(producer, new ProducerRecord<>(topic, key, batch.drain()), counts);
    }

    private void sendWhole(
            final KafkaProducer<String, byte[]> producer, final String topic, final Path file, final Counts counts)
            throws IOException {
        final byte[] content;
        try (InputStream in = LogFiles.open(file)) {
            content = in.readNBytes(RecordLimits.MAX_RAW_RECORD_BYTES + 1);
        }
        if (content.length > RecordLimits.MAX_RAW_RECORD_BYTES) {
            throw new ParameterException(
                    spec().commandLine(),
                    file + " is larger than " + humanBytes(RecordLimits.MAX_RAW_RECORD_BYTES)
                            + ", the largest postqueue snapshot accepted");
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

    private static void send(
            final KafkaProducer<String, byte[]> producer,
            final ProducerRecord<String, byte[]> record,
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
        final Properties p = config.durableProducerProperties(bootstrap, null);
        p.put(ProducerConfig.LINGER_MS_CONFIG, "5");
        p.put(ProducerConfig.BATCH_SIZE_CONFIG, Integer.toString(256 * 1024));
        // Room for one whole postqueue snapshot plus the record overhead.
        p.put(ProducerConfig.MAX_REQUEST_SIZE_CONFIG, Integer.toString(RecordLimits.MAX_RAW_RECORD_BYTES + 65_536));
        p.put(ProducerConfig.CLIENT_ID_CONFIG, "vigie-ingest");
        return p;
    }

    /** Auto-creation is off on Vigie's broker; a first ingest before any run creates the raw topic itself. */
    static void ensureTopic(final VigieConfig config, final String bootstrap, final String topic) {
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
        /** Lines sent, for line sources (several per record when the source batches them). */
        private long lines;

        private long bytes;
        private long emptyLines;
        private long cutLines;
        /** The longest line sent whole: the raw topic's record limit, at most 1 MiB. */
        private int maxLineBytes = io.vigie.app.ingest.FollowSettings.MAX_LINE_BYTES;

        private final AtomicLong acked = new AtomicLong();
        private final AtomicReference<Exception> failure = new AtomicReference<>();
    }
}
