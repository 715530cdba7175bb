import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicReference;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * The Kafka side of bench/run, driving Vigie only through Kafka (the embedded broker class is used for the
 * broker-alone baseline only). Run as a single-file program on the vigie.jar classpath:
 *
 * <pre>
 * java -cp vigie.jar bench/BenchKafka.java broker DATA_DIR FILE KEY PARTITIONS
 * java -cp vigie.jar bench/BenchKafka.java drain BOOTSTRAP APP_ID INPUT_TOPIC ENGINE_PID TIMEOUT_S STALL_S
 * java -cp vigie.jar bench/BenchKafka.java latency BOOTSTRAP av|proxy RATE SECONDS
 * java -cp vigie.jar bench/BenchKafka.java probe BOOTSTRAP APP_ID ENGINE_PID TIMEOUT_S TOPIC=FILE...
 * java -cp vigie.jar bench/BenchKafka.java changelogs BOOTSTRAP APP_ID
 * </pre>
 *
 * Each prints one JSON object on stdout and exits 0, or prints the reason on stderr and exits 1.
 */
public final class BenchKafka {

    public static void main(final String[] args) throws Exception {
        if (args.length == 0) {
            fail("usage: broker|produce|drain|latency|probe|changelogs ...");
        }
        switch (args[0]) {
            case "broker" -> broker(Path.of(args[1]), Path.of(args[2]), args[3], Integer.parseInt(args[4]));
            case "produce" -> produce(args[1], args[2], args[3], Path.of(args[4]));
            case "drain" -> drain(args[1], args[2], args[3], Long.parseLong(args[4]), Long.parseLong(args[5]),
                    Long.parseLong(args[6]));
            case "latency" -> latency(args[1], args[2], Integer.parseInt(args[3]), Integer.parseInt(args[4]));
            case "probe" -> probe(args[1], args[2], Long.parseLong(args[3]), Long.parseLong(args[4]),
                    Arrays.copyOfRange(args, 5, args.length));
            case "changelogs" -> changelogs(args[1], args[2]);
            default -> fail("unknown command " + args[0]);
        }
        System.exit(0);
    }

    private static void fail(final String why) {
        System.err.println("BenchKafka: " + why);
        System.exit(1);
    }

    /** The producer settings of `vigie ingest`: idempotent, acks=all, lz4, linger 5 ms, 256 KiB batches. */
    static Properties producerProps(final String bootstrap) {
        final Properties p = new Properties();
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        p.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true");
        p.put(ProducerConfig.ACKS_CONFIG, "all");
        p.put(ProducerConfig.COMPRESSION_TYPE_CONFIG, "lz4");
        p.put(ProducerConfig.LINGER_MS_CONFIG, "5");
        p.put(ProducerConfig.BATCH_SIZE_CONFIG, Integer.toString(256 * 1024));
        p.put(ProducerConfig.CLIENT_ID_CONFIG, "vigie-bench");
        return p;
    }

    // ---------------------------------------------------------------- broker alone

    /** Starts the embedded broker as Vigie does, produces FILE one line per record, then reads it all back. */
    /**
     * Sends a file to a topic one record per line, as rsyslog's omkafka and most shippers do (with ingest's producer
     * settings), for the backlog measured with {@code bench/run --one-per-record}.
     */
    static void produce(final String bootstrap, final String topic, final String key, final Path file)
            throws Exception {
        final AtomicReference<Exception> failure = new AtomicReference<>();
        long records = 0;
        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(producerProps(bootstrap),
                new StringSerializer(), new ByteArraySerializer());
             BufferedReader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            String line;
            while ((line = in.readLine()) != null && failure.get() == null) {
                if (line.isEmpty()) {
                    continue;
                }
                producer.send(new ProducerRecord<>(topic, key, line.getBytes(StandardCharsets.UTF_8)), (m, e) -> {
                    if (e != null) {
                        failure.compareAndSet(null, e);
                    }
                });
                records++;
            }
            producer.flush();
        }
        if (failure.get() != null) {
            fail("produce failed: " + failure.get());
        }
        System.out.println("sent " + records + " lines, one record per line");
    }

    static void broker(final Path dataDir, final Path file, final String key, final int partitions)
            throws Exception {
        final long t0 = System.nanoTime();
        try (io.vigie.app.broker.EmbeddedKafkaBroker broker =
                     new io.vigie.app.broker.EmbeddedKafkaBroker(dataDir, "127.0.0.1", 0, 0).start()) {
            final String bootstrap = broker.bootstrapServers();
            final double startSeconds = (System.nanoTime() - t0) / 1e9;
            final String topic = "bench.raw";
            try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap))) {
                admin.createTopics(List.of(new NewTopic(topic, partitions, (short) 1)
                        .configs(Map.of("compression.type", "producer")))).all().get();
            }
            long records = 0;
            long bytes = 0;
            final AtomicReference<Exception> failure = new AtomicReference<>();
            final long p0 = System.nanoTime();
            try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(producerProps(bootstrap),
                    new StringSerializer(), new ByteArraySerializer());
                 BufferedReader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
                String line;
                while ((line = in.readLine()) != null) {
                    if (line.isEmpty()) {
                        continue;
                    }
                    final byte[] value = line.getBytes(StandardCharsets.UTF_8);
                    producer.send(new ProducerRecord<>(topic, key, value), (m, e) -> {
                        if (e != null) {
                            failure.compareAndSet(null, e);
                        }
                    });
                    records++;
                    bytes += value.length;
                }
                producer.flush();
            }
            if (failure.get() != null) {
                fail("produce failed: " + failure.get());
            }
            final double produceSeconds = (System.nanoTime() - p0) / 1e9;
            final Properties c = new Properties();
            c.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
            c.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
            c.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, "5000");
            long read = 0;
            final long c0 = System.nanoTime();
            try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(c, new ByteArrayDeserializer(),
                    new ByteArrayDeserializer())) {
                final List<TopicPartition> tps = new ArrayList<>();
                for (int i = 0; i < partitions; i++) {
                    tps.add(new TopicPartition(topic, i));
                }
                consumer.assign(tps);
                consumer.seekToBeginning(tps);
                final long deadline = System.nanoTime() + Duration.ofMinutes(20).toNanos();
                while (read < records) {
                    if (System.nanoTime() > deadline) {
                        fail("consumed only " + read + " of " + records + " records in 20 min");
                    }
                    read += consumer.poll(Duration.ofMillis(200)).count();
                }
            }
            final double consumeSeconds = (System.nanoTime() - c0) / 1e9;
            System.out.printf(Locale.ROOT, "{\"records\": %d, \"bytes\": %d, \"broker_start_seconds\": %.3f, "
                            + "\"produce_seconds\": %.3f, \"consume_seconds\": %.3f}%n", records, bytes, startSeconds,
                    produceSeconds, consumeSeconds);
        }
    }

    // ---------------------------------------------------------------- drain

    /**
     * Waits until the application's consumer group has committed everything on its input topic and its
     * repartition topics, and the committed offsets stay still over three checks (1.5 s, more than the
     * 100 ms commit interval). Under exactly-once the last offset of a partition written in transactions is
     * a commit marker that is never committed as processed: one offset of lag per partition is tolerated,
     * the stability check catching a real record left over. Prints when it first saw the final state, and
     * the input topic's end offsets and committed offsets summed over its partitions (the records that
     * arrived and those processed: equal when the input is not written in transactions, as ingest's).
     */
    static void drain(final String bootstrap, final String appId, final String input, final long enginePid,
                      final long timeoutSeconds, final long stallSeconds) throws Exception {
        final long deadline = System.nanoTime() + Duration.ofSeconds(timeoutSeconds).toNanos();
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap))) {
            Map<TopicPartition, Long> previous = null;
            long stableSince = 0;
            int stable = 0;
            long lastProgress = System.nanoTime();
            long lastCommitted = -1;
            String last = "";
            while (true) {
                if (enginePid > 0 && ProcessHandle.of(enginePid).map(ph -> !ph.isAlive()).orElse(true)) {
                    fail("the engine (pid " + enginePid + ") died before the pipeline drained");
                }
                if (System.nanoTime() > deadline) {
                    fail("the pipeline did not drain within " + timeoutSeconds + " s; last: " + last);
                }
                final long now = System.currentTimeMillis();
                final Set<String> topics = admin.listTopics().names().get().stream()
                        .filter(t -> t.equals(input) || t.startsWith(appId + "-") && t.endsWith("-repartition"))
                        .collect(Collectors.toSet());
                final Map<TopicPartition, OffsetSpec> ask = new HashMap<>();
                for (final TopicDescription d : admin.describeTopics(topics).allTopicNames().get().values()) {
                    d.partitions().forEach(p -> ask.put(new TopicPartition(d.name(), p.partition()),
                            OffsetSpec.latest()));
                }
                final Map<TopicPartition, Long> ends = new HashMap<>();
                admin.listOffsets(ask).all().get().forEach((tp, info) -> ends.put(tp, info.offset()));
                final Map<TopicPartition, OffsetAndMetadata> committed = admin.listConsumerGroupOffsets(appId)
                        .partitionsToOffsetAndMetadata().get();
                final Map<TopicPartition, Long> done = new HashMap<>();
                long lag = 0;
                long sum = 0;
                long inputEnd = 0;
                long inputCommitted = 0;
                boolean caughtUp = !ends.isEmpty();
                for (final Map.Entry<TopicPartition, Long> e : ends.entrySet()) {
                    final OffsetAndMetadata om = committed.get(e.getKey());
                    final long c = om == null ? 0 : om.offset();
                    done.put(e.getKey(), c);
                    sum += c;
                    if (e.getKey().topic().equals(input)) {
                        inputEnd += e.getValue();
                        inputCommitted += c;
                    }
                    final long l = Math.max(0, e.getValue() - c);
                    lag += l;
                    if (l > 1) {
                        caughtUp = false;
                    }
                }
                last = "lag " + lag + " records over " + ends.size() + " partitions";
                if (sum != lastCommitted) {
                    lastCommitted = sum;
                    lastProgress = System.nanoTime();
                } else if (lag > ends.size() && System.nanoTime() - lastProgress > Duration.ofSeconds(stallSeconds)
                        .toNanos()) {
                    fail("no progress for " + stallSeconds + " s with " + last);
                }
                if (caughtUp && done.equals(previous)) {
                    stable++;
                    if (stable >= 3) {
                        System.out.printf(Locale.ROOT, "{\"drained_at_ms\": %d, \"committed\": %d, "
                                + "\"partitions\": %d, \"input_end_offsets\": %d, \"input_committed\": %d}%n",
                                stableSince, sum, ends.size(), inputEnd, inputCommitted);
                        return;
                    }
                } else {
                    stable = 0;
                    stableSince = now;
                }
                previous = done;
                Thread.sleep(500);
            }
        }
    }

    // ---------------------------------------------------------------- probe

    /**
     * Back to work after a (re)start: waits until the broker answers, sends each FILE one record per line to its
     * TOPIC, then waits until the application's group has committed every partition of those topics to its end,
     * i.e. read and processed the probe (and whatever was left before it). Prints the wall-clock times (epoch ms)
     * at which the broker first answered, the probe was acknowledged and the group had committed it all, so that
     * the caller subtracts its own launch time. Fails if the engine dies or TIMEOUT_S passes.
     */
    static void probe(final String bootstrap, final String appId, final long enginePid, final long timeoutSeconds,
                      final String[] topicFiles) throws Exception {
        final long deadline = System.nanoTime() + Duration.ofSeconds(timeoutSeconds).toNanos();
        final Map<String, Object> adminProps = new HashMap<>(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG,
                bootstrap, AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 2000,
                AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 3000));
        try (Admin admin = Admin.create(adminProps)) {
            final Set<String> topics = new java.util.TreeSet<>();
            for (final String tf : topicFiles) {
                topics.add(tf.substring(0, tf.indexOf('=')));
            }
            // 1. the broker answers and knows the topics (the engine provisions them before Streams starts)
            Map<String, TopicDescription> described = null;
            while (described == null) {
                checkAlive(enginePid, deadline, "the broker to answer");
                try {
                    described = admin.describeTopics(topics).allTopicNames().get(3, java.util.concurrent.TimeUnit.SECONDS);
                } catch (final java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
                    Thread.sleep(50);
                }
            }
            final long brokerReadyMs = System.currentTimeMillis();
            // what the group had committed when the engine stopped: its first commit beyond is "processing again"
            Long committedBefore = null;
            while (committedBefore == null) {
                checkAlive(enginePid, deadline, "the group coordinator to answer");
                committedBefore = committedSum(admin, appId, topics);
            }
            // 2. the probe lines
            long lines = 0;
            try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(producerProps(bootstrap),
                    new StringSerializer(), new ByteArraySerializer())) {
                for (final String tf : topicFiles) {
                    final String topic = tf.substring(0, tf.indexOf('='));
                    for (final String line : Files.readAllLines(Path.of(tf.substring(tf.indexOf('=') + 1)))) {
                        if (!line.isEmpty()) {
                            producer.send(new ProducerRecord<>(topic, "bench-probe", line.getBytes(StandardCharsets.UTF_8)));
                            lines++;
                        }
                    }
                }
                producer.flush();
            }
            final long sentMs = System.currentTimeMillis();
            final Map<TopicPartition, OffsetSpec> ask = new HashMap<>();
            described.values().forEach(d -> d.partitions().forEach(p -> ask.put(new TopicPartition(d.name(),
                    p.partition()), OffsetSpec.latest())));
            final Map<TopicPartition, Long> ends = new HashMap<>();
            admin.listOffsets(ask).all().get().forEach((tp, info) -> ends.put(tp, info.offset()));
            // 3. committed to the ends: the probe and everything before it was processed (its transactions committed)
            long processingAgainMs = -1;
            while (true) {
                checkAlive(enginePid, deadline, "the probe to be processed");
                Map<TopicPartition, OffsetAndMetadata> committed = Map.of();
                try {
                    committed = admin.listConsumerGroupOffsets(appId).partitionsToOffsetAndMetadata()
                            .get(3, java.util.concurrent.TimeUnit.SECONDS);
                } catch (final java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
                    // the coordinator is loading: ask again
                }
                if (processingAgainMs < 0 && committed.entrySet().stream().filter(e -> topics.contains(e.getKey()
                        .topic()) && e.getValue() != null).mapToLong(e -> e.getValue().offset()).sum() > committedBefore) {
                    processingAgainMs = System.currentTimeMillis();
                }
                boolean done = true;
                for (final Map.Entry<TopicPartition, Long> e : ends.entrySet()) {
                    final OffsetAndMetadata om = committed.get(e.getKey());
                    // a partition the probe did not reach may never have been committed
                    done &= (om == null ? 0 : om.offset()) >= e.getValue();
                }
                if (done) {
                    final long now = System.currentTimeMillis();
                    System.out.printf(Locale.ROOT, "{\"broker_ready_ms\": %d, \"probe_sent_ms\": %d, "
                            + "\"processing_again_ms\": %d, \"processed_ms\": %d, \"probe_lines\": %d, "
                            + "\"committed_before\": %d}%n", brokerReadyMs, sentMs,
                            processingAgainMs < 0 ? now : processingAgainMs, now, lines, committedBefore);
                    return;
                }
                Thread.sleep(100);
            }
        }
    }

    /**
     * What a restart would restore: the records (end minus start offsets) and bytes on disk of the application's
     * changelog topics, over all their partitions.
     */
    static void changelogs(final String bootstrap, final String appId) throws Exception {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap))) {
            final Set<String> topics = admin.listTopics().names().get().stream()
                    .filter(t -> t.startsWith(appId + "-") && t.endsWith("-changelog")).collect(Collectors.toSet());
            final Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
            final Map<TopicPartition, OffsetSpec> earliest = new HashMap<>();
            for (final TopicDescription d : admin.describeTopics(topics).allTopicNames().get().values()) {
                d.partitions().forEach(p -> {
                    latest.put(new TopicPartition(d.name(), p.partition()), OffsetSpec.latest());
                    earliest.put(new TopicPartition(d.name(), p.partition()), OffsetSpec.earliest());
                });
            }
            final long[] records = {0};
            admin.listOffsets(latest).all().get().forEach((tp, info) -> records[0] += info.offset());
            admin.listOffsets(earliest).all().get().forEach((tp, info) -> records[0] -= info.offset());
            final long[] bytes = {0};
            admin.describeLogDirs(admin.describeCluster().nodes().get().stream()
                    .map(org.apache.kafka.common.Node::id).toList()).allDescriptions().get().values().forEach(dirs -> dirs.values()
                    .forEach(dir -> dir.replicaInfos().forEach((tp, info) -> {
                        if (topics.contains(tp.topic())) {
                            bytes[0] += info.size();
                        }
                    })));
            System.out.printf(Locale.ROOT, "{\"topics\": %d, \"partitions\": %d, \"records\": %d, \"bytes\": %d}%n",
                    topics.size(), latest.size(), records[0], bytes[0]);
        }
    }

    /** The group's committed offsets on {@code topics}, summed; null while the coordinator does not answer. */
    private static Long committedSum(final Admin admin, final String appId, final Set<String> topics)
            throws InterruptedException {
        try {
            return admin.listConsumerGroupOffsets(appId).partitionsToOffsetAndMetadata()
                    .get(3, java.util.concurrent.TimeUnit.SECONDS).entrySet().stream()
                    .filter(e -> topics.contains(e.getKey().topic()) && e.getValue() != null)
                    .mapToLong(e -> e.getValue().offset()).sum();
        } catch (final java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
            Thread.sleep(50);
            return null;
        }
    }

    private static void checkAlive(final long enginePid, final long deadline, final String what) {
        if (enginePid > 0 && ProcessHandle.of(enginePid).map(ph -> !ph.isAlive()).orElse(true)) {
            fail("the engine (pid " + enginePid + ") died while waiting for " + what);
        }
        if (System.nanoTime() > deadline) {
            fail("timed out waiting for " + what);
        }
    }

    // ---------------------------------------------------------------- latency

    private static final DateTimeFormatter CLF = DateTimeFormatter.ofPattern("dd/MMM/yyyy:HH:mm:ss Z",
            Locale.ENGLISH);

    /**
     * Produces lines at a steady RATE per second for SECONDS to the source's raw topic, one line in 100 a
     * trigger carrying a sequence number, while a read_committed consumer of `alerts` (positioned at its end
     * before the first line) looks for the alert each trigger raises. The latency of a trigger is from just
     * before its send() to the poll that returned its alert, both on this JVM's monotonic clock.
     */
    static void latency(final String bootstrap, final String source, final int rate, final int seconds)
            throws Exception {
        final String topic;
        final Pattern tag;
        switch (source) {
            case "av" -> {
                topic = "raw.av";
                tag = Pattern.compile("^vigie\\.av\\.malware-from-internet\\|.*bench-lat-(\\d+)\\.exe$");
            }
            case "proxy" -> {
                topic = "raw.proxy";
                tag = Pattern.compile("^vigie\\.proxy\\.intel-match\\|10\\.(\\d+)\\.(\\d+)\\.(\\d+)\\|host:lat");
            }
            default -> throw new IllegalArgumentException("latency source av|proxy");
        }
        final int every = 100;
        final long total = (long) rate * seconds;
        final int triggers = (int) (total / every);
        final java.util.concurrent.atomic.AtomicLongArray sentAt = new java.util.concurrent.atomic.AtomicLongArray(triggers);
        final long[] latencyNs = new long[triggers];
        Arrays.fill(latencyNs, -1);
        final Map<String, Integer> unmatchedRules = new ConcurrentHashMap<>();

        final Properties c = new Properties();
        c.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        c.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        final KafkaConsumer<String, String> consumer = new KafkaConsumer<>(c, new StringDeserializer(),
                new StringDeserializer());
        final List<TopicPartition> tps = consumer.partitionsFor("alerts").stream()
                .map(p -> new TopicPartition("alerts", p.partition())).toList();
        consumer.assign(tps);
        consumer.seekToEnd(tps);
        tps.forEach(consumer::position);

        final java.util.concurrent.atomic.AtomicInteger found = new java.util.concurrent.atomic.AtomicInteger();
        final java.util.concurrent.atomic.AtomicBoolean stop = new java.util.concurrent.atomic.AtomicBoolean();
        final java.util.concurrent.atomic.AtomicLong alertsRead = new java.util.concurrent.atomic.AtomicLong();
        final Thread reader = new Thread(() -> {
            while (!stop.get()) {
                final ConsumerRecords<String, String> recs = consumer.poll(Duration.ofMillis(50));
                final long at = System.nanoTime();
                for (final ConsumerRecord<String, String> r : recs) {
                    alertsRead.incrementAndGet();
                    final Matcher m = r.key() == null ? null : tag.matcher(r.key());
                    if (m == null || !m.find()) {
                        unmatchedRules.merge(r.key() == null ? "null" : r.key().split("\\|")[0], 1, Integer::sum);
                        continue;
                    }
                    final int seq = source.equals("av") ? Integer.parseInt(m.group(1))
                            : ((Integer.parseInt(m.group(1)) - 100) << 16) + (Integer.parseInt(m.group(2)) << 8)
                                    + Integer.parseInt(m.group(3));
                    if (seq >= 0 && seq < triggers && latencyNs[seq] < 0 && sentAt.get(seq) > 0) {
                        latencyNs[seq] = at - sentAt.get(seq);
                        found.incrementAndGet();
                    }
                }
            }
            consumer.close();
        }, "alerts-reader");
        reader.start();

        final AtomicReference<Exception> failure = new AtomicReference<>();
        final long start = System.nanoTime();
        long sent = 0;
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(producerProps(bootstrap),
                new StringSerializer(), new StringSerializer())) {
            for (long i = 0; i < total; i++) {
                final long due = start + i * 1_000_000_000L / rate;
                long now = System.nanoTime();
                if (due > now + 200_000) {
                    Thread.sleep((due - now) / 1_000_000, (int) ((due - now) % 1_000_000));
                }
                final boolean trigger = i % every == every / 2;
                final int seq = (int) (i / every);
                final String key;
                final String line;
                if (source.equals("av")) {
                    key = "pc-lat-" + (i % 7);
                    line = trigger ? String.format(Locale.ROOT,
                            "/home/lat%d/Downloads/bench-lat-%07d.exe: Win.Test.EICAR_HDB-1 FOUND", i % 7, seq)
                            : "/home/lat" + (i % 7) + "/Documents/note_" + (i % 9973) + ".pdf: OK";
                } else {
                    key = "bench-latency";
                    final String when = ZonedDateTime.now(ZoneOffset.UTC).format(CLF);
                    final String client = trigger ? String.format(Locale.ROOT, "10.%d.%d.%d", 100 + (seq >> 16),
                            (seq >> 8) & 255, seq & 255) : "10.20.0." + (1 + i % 250);
                    final String url = trigger ? "http://lat" + (seq % 50) + ".bench-ioc.example/p/" + seq
                            : "http://intranet.chu-demo.fr/actualites/" + (i % 997) + ".html";
                    line = client + " - bench [" + when + "] \"GET " + url + " HTTP/1.1\" 200 2048 "
                            + "\"http://intranet.chu-demo.fr/\" \"Mozilla/5.0 (Windows NT 10.0; Win64; x64) "
                            + "Gecko/20100101 Firefox/133.0\" TCP_MISS:HIER_DIRECT";
                }
                if (trigger) {
                    sentAt.set(seq, System.nanoTime());
                }
                producer.send(new ProducerRecord<>(topic, key, line), (md, e) -> {
                    if (e != null) {
                        failure.compareAndSet(null, e);
                    }
                });
                sent++;
                if (failure.get() != null) {
                    break;
                }
            }
            producer.flush();
        }
        final double produceSeconds = (System.nanoTime() - start) / 1e9;
        if (failure.get() != null) {
            stop.set(true);
            fail("produce failed: " + failure.get());
        }
        // Alerts still on their way: wait until all came, or 60 s passed with none new, or 120 s in all (an
        // engine slower than the rate has a backlog that could take far longer: those alerts count as missing).
        long lastFound = -1;
        long quietSince = System.nanoTime();
        final long waitEnd = System.nanoTime() + Duration.ofSeconds(120).toNanos();
        while (found.get() < triggers && System.nanoTime() - quietSince < Duration.ofSeconds(60).toNanos()
                && System.nanoTime() < waitEnd) {
            Thread.sleep(250);
            if (found.get() != lastFound) {
                lastFound = found.get();
                quietSince = System.nanoTime();
            }
        }
        stop.set(true);
        reader.join(10_000);
        final long[] got = Arrays.stream(latencyNs).filter(v -> v >= 0).sorted().toArray();
        final double p50 = got.length == 0 ? -1 : got[(int) Math.min(got.length - 1, Math.ceil(0.50 * got.length) - 1)] / 1e6;
        final double p99 = got.length == 0 ? -1 : got[(int) Math.min(got.length - 1, Math.ceil(0.99 * got.length) - 1)] / 1e6;
        final double max = got.length == 0 ? -1 : got[got.length - 1] / 1e6;
        System.out.printf(Locale.ROOT, "{\"source\": \"%s\", \"lines\": %d, \"target_rate\": %d, "
                        + "\"achieved_rate\": %.0f, \"triggers\": %d, \"alerts_matched\": %d, \"alerts_read\": %d, "
                        + "\"p50_ms\": %.1f, \"p99_ms\": %.1f, \"max_ms\": %.1f, \"other_alerts\": %s}%n",
                source, sent, rate, sent / produceSeconds, triggers, got.length, alertsRead.get(), p50, p99, max,
                unmatchedRules.entrySet().stream().map(e -> "\"" + e.getKey() + "\": " + e.getValue())
                        .collect(Collectors.joining(", ", "{", "}")));
    }
}
