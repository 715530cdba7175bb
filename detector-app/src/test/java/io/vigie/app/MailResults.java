package io.vigie.app;

import com.fasterxml.jackson.databind.JsonNode;
import io.vigie.app.analyze.SourceFiles;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import picocli.CommandLine;

/**
 * What a run on a Postfix log ends with: the day's four top-20 lists ({@code /api/top} query to entries, each as
 * "address messages bytes") and the alerts in the order the topic holds them, each as "id rule entity time" (the id
 * alone would make a failure unreadable).
 */
public record MailResults(Map<String, List<String>> top, List<String> alerts) {

    private static final Map<String, String> ANALYZE_LISTS = Map.of(
            "by=sender&metric=count",
            "senders_by_count",
            "by=recipient&metric=count",
            "recipients_by_count",
            "by=sender&metric=bytes",
            "senders_by_bytes",
            "by=recipient&metric=bytes",
            "recipients_by_bytes");

    public List<String> alertIds() {
        return alerts.stream().map(alert -> alert.split(" ")[0]).toList();
    }

    /**
     * Rule and entity of each alert. Not the ids: an id hashes the start of the period the alert is about, which
     * differs between runs (see EngineCrashRestartIT).
     */
    public List<String> ruleAndEntity() {
        return alerts.stream()
                .map(alert -> alert.split(" ")[1] + " " + alert.split(" ")[2])
                .toList();
    }

    /**
     * What one engine gives on a log of one day, computed by {@code vigie analyze} in memory with the same
     * settings: {@code AnalyzeInMemoryMatchesEngineIT} holds it to the engine's lists and alerts on this log, and
     * it costs seconds where a baseline engine run costs minutes.
     */
    public static MailResults expected(final Path log, final Map<String, String> env) {
        final StringWriter out = new StringWriter();
        final StringWriter err = new StringWriter();
        final CommandLine cli = new CommandLine(new Main(env));
        cli.setOut(new PrintWriter(out, true));
        cli.setErr(new PrintWriter(err, true));
        final int code = cli.execute("analyze", "--source", "postfix", "--json", log.toString());
        if (code != 0) {
            throw new IllegalStateException("vigie analyze " + log + " exited with " + code + ": " + err);
        }
        final JsonNode report = EngineHttp.json(out.toString());
        if (report.path("top20_by_day").size() != 1) {
            throw new IllegalStateException("the /api/top day window holds one day: " + log + " spans "
                    + report.path("top20_by_day").size());
        }
        final Map<String, List<String>> top = new LinkedHashMap<>();
        VigieProcess.LISTS.forEach(query -> {
            final List<String> entries = new ArrayList<>();
            report.path("top20").path("all").path(ANALYZE_LISTS.get(query)).forEach(e -> entries.add(entry(e)));
            top.put(query, entries);
        });
        final List<String> alerts = new ArrayList<>();
        report.path("alerts").forEach(alert -> alerts.add(describe(alert)));
        return new MailResults(top, alerts);
    }

    /** The alerts on the {@code alerts} topic (committed ones). */
    public static List<String> alertsOn(final String bootstrap) {
        return KafkaTestClients.values(KafkaTestClients.consumeAll(bootstrap, "alerts")).stream()
                .map(EngineHttp::json)
                .map(MailResults::describe)
                .toList();
    }

    private static String describe(final JsonNode alert) {
        return alert.path("event").path("id").asText() + " "
                + alert.path("rule").path("id").asText() + " "
                + alert.path("vigie").path("entity").asText() + " "
                + alert.path("@timestamp").asText();
    }

    static String entry(final JsonNode entry) {
        return entry.path("address").asText() + " " + entry.path("messages").asLong() + " "
                + entry.path("bytes").asLong();
    }

    public static List<String> lines(final Path log) throws IOException {
        final List<String> lines = new ArrayList<>();
        try (BufferedReader reader = SourceFiles.open(log)) {
            String line;
            while ((line = reader.readLine()) != null) {
                lines.add(line);
            }
        }
        return lines;
    }

    /** Null keys, as most shippers send them: the lines of one message land on different partitions. */
    public static void produce(final String bootstrap, final List<String> lines) {
        final Properties props = new Properties();
        props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        props.put(ProducerConfig.LINGER_MS_CONFIG, 5);
        try (KafkaProducer<String, String> producer =
                new KafkaProducer<>(props, new StringSerializer(), new StringSerializer())) {
            lines.forEach(line -> producer.send(new ProducerRecord<>(VigieProcess.RAW_POSTFIX, null, line)));
            producer.flush();
        }
    }
}
