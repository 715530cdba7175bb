package io.vigie.app.shippers;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import io.vigie.app.shippers.RawTopicsEngine.RawRecord;
import io.vigie.rules.config.TopicNames;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The shipper configurations that cannot run here (Vector, Fluent Bit, Filebeat and Winlogbeat are not Debian
 * packages): each parses, names only Vigie's raw topics (the code's defaults), sends the shape Vigie reads, keys by
 * host, buffers or acknowledges, and holds no secret. The shapes they produce, and the ones they would produce
 * with their default encodings, go through the whole topology to show which Vigie accepts. The rsyslog
 * configuration runs for real in {@link RsyslogKafkaShipperIT}; it is checked here for its topics and secrets too.
 */
class ShipperConfigsTest {

    static final Path SHIPPERS = Path.of("../deploy/shippers");
    private static final TopicNames TOPICS = TopicNames.defaults();
    /** The topics a log shipper may write: Vigie's raw topics. */
    private static final Set<String> RAW_TOPICS = Set.of(
            TOPICS.rawPostfix(),
            TOPICS.rawPostqueue(),
            TOPICS.rawDmarc(),
            TOPICS.rawProxy(),
            TOPICS.rawUrlhaus(),
            TOPICS.rawIndicators(),
            TOPICS.rawAv(),
            TOPICS.rawQuarantine(),
            TOPICS.rawReports());

    private static final Set<String> LINUX_LOGS = Set.of(TOPICS.rawPostfix(), TOPICS.rawProxy(), TOPICS.rawAv());
    private static final YAMLMapper YAML = new YAMLMapper();
    private static final ObjectMapper JSON = new ObjectMapper();
    /** A secret-looking setting and its value, in comments too: an example is copied as it is. */
    private static final Pattern SECRET =
            Pattern.compile("(?i)(password|passwd|secret|token)[\"']?\\s*[:=]\\s*[\"']?([^\\s\"',\\]`]+)");

    private static final Pattern RSYSLOG_TOPIC = Pattern.compile("topic=\"([^\"]+)\"");

    private static final String POSTFIX_LINE =
            "Nov 28 05:24:14 mx postfix/smtpd[18448]: 5D70F20E163: " + "client=mail.example.net[203.0.113.7]";
    private static final String CLAMD_FOUND = "Sat Nov 28 05:29:33 2026 -> /home/mleroy/Downloads/flash_update.exe: "
            + "Win.Test.EICAR_HDB-1(44d88612fea8a8f36de82e1278abb02f:68) FOUND";

    @TempDir
    Path stateDir;

    record Shipper(String file, Set<String> topics) {
        @Override
        public String toString() {
            return file;
        }
    }

    static Stream<Shipper> shippers() {
        return Stream.of(
                new Shipper("rsyslog/vigie.conf", LINUX_LOGS),
                new Shipper("vector/vigie.yaml", LINUX_LOGS),
                new Shipper("fluent-bit/fluent-bit.yaml", LINUX_LOGS),
                new Shipper("filebeat/filebeat.yml", LINUX_LOGS),
                new Shipper("winlogbeat/winlogbeat.yml", Set.of(TOPICS.rawAv())));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("shippers")
    void shouldNameOnlyVigieRawTopicsEachOfThemInItsHeader(final Shipper shipper) throws IOException {
        final Set<String> topics = topics(shipper.file());
        assertThat(RAW_TOPICS).containsAll(topics);
        assertThat(topics).isEqualTo(shipper.topics());
        final String header = header(shipper.file());
        assertThat(header).contains(topics).contains("TLS / SASL");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("shippers")
    void shouldHoldNoInlineSecretWhenExamplesAreUncommented(final Shipper shipper) throws IOException {
        final Matcher m = SECRET.matcher(Files.readString(SHIPPERS.resolve(shipper.file()), StandardCharsets.UTF_8));
        final List<String> values = new ArrayList<>();
        while (m.find()) {
            values.add(m.group(2));
        }
        assertThat(values)
                .as("every password is an environment or keystore reference")
                .allMatch(v -> v.matches("\\$\\{[A-Z_]+}") || v.matches("\\$[A-Z_]+"));
    }

    @Test
    void shouldSendTheBareLineKeyedByHostWithDiskBuffersAndEndToEndAcknowledgementsWhenVector() throws IOException {
        final JsonNode sinks = yaml("vector/vigie.yaml").path("sinks");
        assertThat(sinks.size()).isEqualTo(3);
        sinks.forEach(sink -> {
            assertThat(sink.path("type").asText()).isEqualTo("kafka");
            assertThat(sink.path("encoding").path("codec").asText()).isEqualTo("text");
            assertThat(sink.path("key_field").asText()).isEqualTo("host");
            assertThat(sink.path("acknowledgements").path("enabled").asBoolean())
                    .isTrue();
            assertThat(sink.path("buffer").path("type").asText()).isEqualTo("disk");
            assertThat(sink.path("buffer").path("when_full").asText()).isEqualTo("block");
            assertThat(sink.path("librdkafka_options").path("acks").asText()).isEqualTo("all");
        });
    }

    @Test
    void shouldSendTheBareLineKeyedByHostFromFilesystemBuffersWhenFluentBit() throws IOException {
        final JsonNode pipeline = yaml("fluent-bit/fluent-bit.yaml").path("pipeline");
        assertThat(pipeline.path("inputs")).isNotEmpty().allSatisfy(input -> {
            assertThat(input.path("storage.type").asText()).isEqualTo("filesystem");
            assertThat(input.path("tag").asText()).startsWith("vigie.");
        });
        assertThat(pipeline.path("outputs")).hasSize(3).allSatisfy(output -> {
            assertThat(output.path("name").asText()).isEqualTo("kafka");
            assertThat(output.path("format").asText()).isEqualTo("raw");
            assertThat(output.path("raw_log_key").asText()).isEqualTo("log");
            assertThat(output.path("message_key_field").asText()).isEqualTo("host");
            assertThat(output.path("retry_limit").asText()).isEqualTo("no_limits");
        });
        // the key field exists: the filter adds it to every record the outputs match
        assertThat(pipeline.path("filters").get(0).path("record").asText()).startsWith("host ");
        // the syslog relay input keeps the whole line
        assertThat(pipeline.path("inputs")).anySatisfy(input -> {
            assertThat(input.path("name").asText()).isEqualTo("tcp");
            assertThat(input.path("format").asText()).isEqualTo("none");
        });
    }

    @Test
    void shouldSendTheBareLineKeyedByHostWithAllReplicasAcknowledgingWhenFilebeat() throws IOException {
        final JsonNode root = yaml("filebeat/filebeat.yml");
        final JsonNode kafka = root.path("output.kafka");
        assertThat(kafka.path("codec.format").path("string").asText()).isEqualTo("%{[message]}");
        assertThat(kafka.path("key").asText()).isEqualTo("%{[host.name]}");
        assertThat(kafka.path("required_acks").asInt()).isEqualTo(-1);
        assertThat(root.path("filebeat.inputs"))
                .hasSize(3)
                .allSatisfy(input -> assertThat(input.path("type").asText()).isEqualTo("filestream"));
    }

    @Test
    void shouldReadTheDefenderDetectionEventsAsJsonWhenWinlogbeat() throws IOException {
        final JsonNode root = yaml("winlogbeat/winlogbeat.yml");
        final JsonNode log = root.path("winlogbeat.event_logs").get(0);
        assertThat(log.path("name").asText()).isEqualTo("Microsoft-Windows-Windows Defender/Operational");
        assertThat(Set.of(log.path("event_id").asText().split(",")))
                .isEqualTo(Set.of("1006", "1007", "1015", "1116", "1117", "1118", "1119"));
        final JsonNode kafka = root.path("output.kafka");
        assertThat(kafka.has("codec.json")).isTrue();
        assertThat(kafka.path("codec.json").path("pretty").asBoolean()).isFalse();
        assertThat(kafka.path("key").asText()).isEqualTo("%{[host.name]}");
        assertThat(kafka.path("required_acks").asInt()).isEqualTo(-1);
    }

    @Test
    void shouldAcceptWhatTheConfiguredShippersSendWithoutADeadLetter() throws IOException {
        final String winlogbeat = winlogbeatEvent();
        final RawTopicsEngine.Outcome outcome = RawTopicsEngine.run(
                List.of(
                        // a file's line (text codec, raw format, format string), BSD and Debian 12's RFC 3339
                        new RawRecord(TOPICS.rawPostfix(), "mx", POSTFIX_LINE),
                        new RawRecord(
                                TOPICS.rawPostfix(),
                                "mx",
                                "2026-11-28T05:24:14.949958+01:00 mx postfix/qmgr[912]: " + "5D70F20E163: removed"),
                        // a relay's syslog frame kept whole (Vector socket source, Fluent Bit tcp input): <PRI>
                        // included
                        new RawRecord(TOPICS.rawPostfix(), "10.0.0.25", "<22>" + POSTFIX_LINE),
                        new RawRecord(
                                TOPICS.rawPostfix(),
                                "10.0.0.25",
                                "<22>1 2026-11-28T05:24:14.003Z mx postfix/cleanup "
                                        + "18450 - - 5D70F20E163: message-id=<a1@example.net>"),
                        new RawRecord(TOPICS.rawAv(), "shipper-host", CLAMD_FOUND),
                        new RawRecord(TOPICS.rawAv(), "PC-URG-042", winlogbeat)),
                stateDir);
        assertThat(outcome.deadLetters()).isEmpty();
        assertThat(outcome.alertRules())
                .containsOnly("vigie.av.malware-from-internet")
                .hasSize(2);
    }

    @Test
    void shouldDeadLetterPostfixLinesInAShippersDefaultJsonButReadWrappedAntivirusLines() throws IOException {
        final ObjectNode vector = JSON.createObjectNode()
                .put("message", POSTFIX_LINE)
                .put("host", "mx")
                .put("file", "/var/log/mail.log")
                .put("source_type", "file")
                .put("timestamp", "2026-11-28T04:24:14Z");
        final ObjectNode fluentBit =
                JSON.createObjectNode().put("@timestamp", 1.7963e9).put("log", CLAMD_FOUND);
        final RawTopicsEngine.Outcome outcome = RawTopicsEngine.run(
                List.of(
                        new RawRecord(TOPICS.rawPostfix(), "mx", JSON.writeValueAsString(vector)),
                        new RawRecord(TOPICS.rawAv(), "shipper-host", JSON.writeValueAsString(fluentBit))),
                stateDir);
        // why the configs send the bare line: the Postfix reader takes syslog lines only...
        assertThat(outcome.deadLetters())
                .hasSize(1)
                .allSatisfy(d -> assertThat(d).contains("postfix"));
        // ...while raw.av (and raw.proxy) open the shippers' wrappers, Fluent Bit's "log" among them
        assertThat(outcome.alertRules()).containsExactly("vigie.av.malware-from-internet");
    }

    /** The Winlogbeat 8 event of a Defender 1116 detection, on one line as codec.json writes it. */
    private static String winlogbeatEvent() throws IOException {
        try (InputStream in = ShipperConfigsTest.class.getResourceAsStream("/shippers/winlogbeat-defender-1116.json")) {
            assertThat(in).isNotNull();
            return JSON.writeValueAsString(JSON.readTree(in));
        }
    }

    private static JsonNode yaml(final String file) throws IOException {
        return YAML.readTree(SHIPPERS.resolve(file).toFile());
    }

    /** The comment block the file starts with. */
    private static String header(final String file) throws IOException {
        final StringBuilder header = new StringBuilder();
        for (final String line : Files.readAllLines(SHIPPERS.resolve(file), StandardCharsets.UTF_8)) {
            if (!line.startsWith("#")) {
                break;
            }
            header.append(line).append('\n');
        }
        return header.toString();
    }

    /** Every Kafka topic a configuration writes to. */
    private static Set<String> topics(final String file) throws IOException {
        final Set<String> topics = new LinkedHashSet<>();
        if (file.endsWith(".conf")) {
            final Matcher m = RSYSLOG_TOPIC.matcher(Files.readString(SHIPPERS.resolve(file), StandardCharsets.UTF_8));
            while (m.find()) {
                topics.add(m.group(1));
            }
            return topics;
        }
        final JsonNode root = yaml(file);
        root.path("sinks").forEach(sink -> topics.add(sink.path("topic").asText()));
        root.path("pipeline")
                .path("outputs")
                .forEach(output -> topics.add(output.path("topics").asText()));
        final String beatTopic = root.path("output.kafka").path("topic").asText(null);
        if ("%{[fields.vigie_topic]}".equals(beatTopic)) {
            root.path("filebeat.inputs")
                    .forEach(input ->
                            topics.add(input.path("fields").path("vigie_topic").asText()));
        } else if (beatTopic != null) {
            topics.add(beatTopic);
        }
        return topics;
    }
}
