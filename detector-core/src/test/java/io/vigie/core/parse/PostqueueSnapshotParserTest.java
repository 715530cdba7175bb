package io.vigie.core.parse;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.vigie.core.model.QueueSnapshot;
import io.vigie.core.model.QueueSnapshotSummary;
import io.vigie.core.model.QueueSnapshotSummary.DomainBacklog;
import io.vigie.core.model.QueuedMessage;
import io.vigie.core.model.QueuedRecipient;
import io.vigie.core.serde.JsonSerde;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class PostqueueSnapshotParserTest {

    private static final Instant TAKEN_AT = Instant.parse("2026-11-28T05:30:00Z");

    private final PostqueueSnapshotParser parser = new PostqueueSnapshotParser();

    private static String sample() throws IOException {
        try (InputStream in = PostqueueSnapshotParserTest.class
                .getClassLoader()
                .getResourceAsStream("samples/postqueue/postqueue-j.jsonl")) {
            assertThat(in).isNotNull();
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    @Test
    void shouldReadEveryMessageWhenTheOutputIsValid() throws IOException {
        final ParseResult<QueueSnapshot> result = parser.parse(sample(), TAKEN_AT, "mx");

        final QueueSnapshot snapshot = result.value();
        assertThat(snapshot.takenAt()).isEqualTo(TAKEN_AT);
        assertThat(snapshot.host()).isEqualTo("mx");
        assertThat(snapshot.messages()).hasSize(5);
        assertThat(snapshot.messages().get(0))
                .isEqualTo(new QueuedMessage(
                        "deferred",
                        "360B520E22A",
                        Instant.parse("2026-11-28T05:24:48Z"),
                        662,
                        "sebastien.gerard@chu-exemple.fr",
                        List.of(new QueuedRecipient(
                                "secretariat@clinique-du-parc-exemple.fr",
                                "connect to mail.clinique-du-parc-exemple.fr[127.0.0.1]:2530: Connection refused"))));
        assertThat(snapshot.messages().get(3).sender()).isEmpty();
        assertThat(snapshot.messages().get(3).recipients())
                .extracting(QueuedRecipient::delayReason)
                .containsOnlyNulls();
        assertThat(snapshot.messages().get(4).recipients().get(0).delayReason()).isNull();
        assertThat(parser.source()).isEqualTo("postqueue");
    }

    @Test
    void shouldSummariseQueuesBytesAndDestinationsWhenAskedForASummary() throws IOException {
        final QueueSnapshotSummary summary =
                parser.parse(sample(), TAKEN_AT, "mx").value().summary();

        assertThat(summary.takenAt()).isEqualTo(TAKEN_AT);
        assertThat(summary.host()).isEqualTo("mx");
        assertThat(summary.messages()).isEqualTo(5);
        assertThat(summary.recipients()).isEqualTo(7);
        assertThat(summary.totalBytes()).isEqualTo(662 + 75_008 + 288_506 + 1_024 + 5_120);
        assertThat(summary.oldestArrival()).isEqualTo(Instant.parse("2026-11-28T05:22:46Z"));
        assertThat(summary.messagesByQueue())
                .containsExactly(
                        Map.entry("active", 1),
                        Map.entry("deferred", 3),
                        Map.entry("hold", 1),
                        Map.entry("incoming", 0),
                        Map.entry("maildrop", 0));
        assertThat(summary.byDestinationDomain())
                .containsExactly(
                        Map.entry("", new DomainBacklog(1, 1, 0, Instant.parse("2026-11-28T05:25:00Z"))),
                        Map.entry("chu-exemple.fr", new DomainBacklog(2, 2, 0, Instant.parse("2026-11-28T05:22:46Z"))),
                        // E61E420E238 has two recipients there (one in upper case with a trailing dot): one message
                        Map.entry(
                                "clinique-du-parc-exemple.fr",
                                new DomainBacklog(2, 3, 2, Instant.parse("2026-11-28T05:24:48Z"))),
                        Map.entry(
                                "mairie-saint-exemple.fr",
                                new DomainBacklog(1, 1, 1, Instant.parse("2026-11-28T05:24:20Z"))));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "\n", "  \n\n"})
    void shouldReturnAnEmptySnapshotWhenTheQueueIsEmpty(final String text) {
        final QueueSnapshot snapshot = parser.parse(text, TAKEN_AT, "mx").value();

        assertThat(snapshot.messages()).isEmpty();
        final QueueSnapshotSummary summary = snapshot.summary();
        assertThat(summary.messages()).isZero();
        assertThat(summary.oldestArrival()).isNull();
        assertThat(summary.messagesByQueue())
                .containsOnlyKeys(QueueSnapshotSummary.QUEUE_NAMES)
                .allSatisfy((queue, count) -> assertThat(count).isZero());
        assertThat(summary.byDestinationDomain()).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "not json",
                "{\"queue_name\":\"deferred\"",
                "[1,2,3]",
                "{\"queue_name\":\"deferred\",\"queue_id\":\"A1\",\"arrival_time\":1,\"message_size\":1,\"sender\":\"\","
                        + "\"recipients\":[]} trailing",
                "{\"queue_name\":\"deferred\",\"queue_id\":\"A1\",\"arrival_time\":1,\"message_size\":1,\"sender\":\"\","
                        + "\"recipients\":[]}{\"queue_name\":\"active\"}",
                // missing or mistyped fields
                "{\"queue_id\":\"A1\",\"arrival_time\":1,\"message_size\":1,\"sender\":\"\",\"recipients\":[]}",
                "{\"queue_name\":\"deferred\",\"queue_id\":\"A1\",\"arrival_time\":\"yesterday\",\"message_size\":1,"
                        + "\"sender\":\"\",\"recipients\":[]}",
                "{\"queue_name\":\"deferred\",\"queue_id\":\"A1\",\"arrival_time\":1.5,\"message_size\":1,\"sender\":\"\","
                        + "\"recipients\":[]}",
                "{\"queue_name\":\"deferred\",\"queue_id\":\"A1\",\"arrival_time\":1,\"message_size\":-1,\"sender\":\"\","
                        + "\"recipients\":[]}",
                "{\"queue_name\":\"deferred\",\"queue_id\":\"A1\",\"arrival_time\":1,\"message_size\":1,\"sender\":null,"
                        + "\"recipients\":[]}",
                "{\"queue_name\":\"deferred\",\"queue_id\":\"A1\",\"arrival_time\":1,\"message_size\":1,\"sender\":\"\"}",
                "{\"queue_name\":\"deferred\",\"queue_id\":\"A1\",\"arrival_time\":1,\"message_size\":1,\"sender\":\"\","
                        + "\"recipients\":[{\"delay_reason\":\"x\"}]}",
                "{\"queue_name\":\"deferred\",\"queue_id\":\"A1\",\"arrival_time\":1,\"message_size\":1,\"sender\":\"\","
                        + "\"recipients\":[{\"address\":\"a@b\",\"delay_reason\":42}]}",
                "{\"queue_name\":\"deferred\",\"queue_id\":\"A1\",\"arrival_time\":1,\"message_size\":1,\"sender\":\"\","
                        + "\"recipients\":[\"a@b\"]}",
                "{\"queue_name\":\"deferred\",\"queue_id\":\"A1\",\"arrival_time\":99999999999999999999,"
                        + "\"message_size\":1,\"sender\":\"\",\"recipients\":[]}",
                "{\"queue_name\":\"deferred\",\"queue_id\":\"A1\",\"arrival_time\":9223372036854775807,"
                        + "\"message_size\":1,\"sender\":\"\",\"recipients\":[]}",
            })
    void shouldRefuseTheWholeSnapshotWhenOneLineIsMalformed(final String badLine) throws IOException {
        final String text = sample() + badLine + "\n" + sample();

        final ParseResult<QueueSnapshot> result = parser.parse(text, TAKEN_AT, "mx");

        assertThat(result.isOk()).isFalse();
        assertThat(result.error()).isEqualTo(new ParseError("postqueue", "bad postqueue json", text));
    }

    @Test
    void shouldRefuseWhenTheInputIsLargerThanTheLimit() throws IOException {
        final String text = sample();
        final PostqueueSnapshotParser small = new PostqueueSnapshotParser(text.length() - 1, 100);

        assertThat(small.parse(text, TAKEN_AT, "mx").error().reason()).isEqualTo("input too large");
        assertThat(new PostqueueSnapshotParser(text.length(), 100)
                        .parse(text, TAKEN_AT, "mx")
                        .isOk())
                .isTrue();
    }

    @Test
    void shouldRefuseWhenThereAreMoreMessagesThanTheLimit() throws IOException {
        assertThat(new PostqueueSnapshotParser(1 << 20, 4)
                        .parse(sample(), TAKEN_AT, "mx")
                        .error()
                        .reason())
                .isEqualTo("too many messages");
        assertThat(new PostqueueSnapshotParser(1 << 20, 5)
                        .parse(sample(), TAKEN_AT, "mx")
                        .isOk())
                .isTrue();
    }

    @Test
    void shouldRefuseWhenTheInputIsMissing() {
        assertThat(parser.parse(null, TAKEN_AT, "mx").error().reason()).isEqualTo("missing input");
    }

    @Test
    void shouldTolerateCarriageReturnsWhenTheOutputCameThroughWindows() throws IOException {
        assertThat(parser.parse(sample().replace("\n", "\r\n"), TAKEN_AT, "mx")
                        .value()
                        .messages())
                .hasSize(5);
    }

    @Test
    void shouldRejectNonPositiveLimitsWhenConfigured() {
        assertThatThrownBy(() -> new PostqueueSnapshotParser(0, 1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new PostqueueSnapshotParser(1, 0)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void shouldSurviveAJsonRoundTripWhenSnapshotAndSummaryAreSerialized() throws IOException {
        final QueueSnapshot snapshot = parser.parse(sample(), TAKEN_AT, "mx").value();
        final JsonSerde<QueueSnapshot> snapshots = JsonSerde.of(QueueSnapshot.class);
        final JsonSerde<QueueSnapshotSummary> summaries = JsonSerde.of(QueueSnapshotSummary.class);

        assertThat(snapshots.fromBytes(snapshots.toBytes(snapshot))).isEqualTo(snapshot);
        assertThat(summaries.fromBytes(summaries.toBytes(snapshot.summary()))).isEqualTo(snapshot.summary());
    }

    /**
     * The realgen capture has the {@code postqueue -p} listing and {@code qshape deferred} of the same queue;
     * rewritten as {@code postqueue -j} output, the summary must agree with qshape's per-domain totals.
     */
    @Test
    void shouldAgreeWithQshapeWhenReadingTheRealgenQueue() throws IOException {
        final Path root = SharedData.root().orElse(null);
        assumeTrue(root != null, "shared data not found: realgen queue test skipped");
        final Path listing = root.resolve("realgen/postfix/postqueue-p.final.txt");
        final Path qshape = root.resolve("realgen/postfix/qshape.final.txt");
        assumeTrue(Files.isRegularFile(listing) && Files.isRegularFile(qshape), "realgen queue files not found");

        final String json = postqueuePToJson(Files.readString(listing, StandardCharsets.UTF_8), 2026);
        final QueueSnapshotSummary summary =
                parser.parse(json, TAKEN_AT, "mx").value().summary();

        final Map<String, Integer> deferredByDomain = new LinkedHashMap<>();
        summary.byDestinationDomain().forEach((domain, backlog) -> deferredByDomain.put(domain, backlog.messages()));
        assertThat(deferredByDomain).isEqualTo(qshapeDeferredTotals(Files.readString(qshape)));
        assertThat(summary.messagesByQueue()).containsEntry("deferred", summary.messages());
    }

    /** {@code postqueue -p} blocks to {@code postqueue -j} lines (no marker after the id: deferred queue). */
    private static String postqueuePToJson(final String listing, final int year) throws IOException {
        final Pattern head = Pattern.compile(
                "^([0-9A-Za-z]+)([*!]?)\\s+(\\d+) (\\w{3} \\w{3} [ \\d]\\d " + "\\d\\d:\\d\\d:\\d\\d)\\s+(\\S*)$");
        final DateTimeFormatter time = DateTimeFormatter.ofPattern("yyyy EEE MMM d HH:mm:ss", Locale.ROOT);
        final StringBuilder out = new StringBuilder();
        Map<String, Object> message = null;
        List<Map<String, Object>> recipients = null;
        String reason = null;
        for (final String line : (listing + "\n\n").split("\n", -1)) {
            final Matcher m = head.matcher(line);
            if (m.matches()) {
                message = new LinkedHashMap<>();
                recipients = new ArrayList<>();
                reason = null;
                final String queue = "*".equals(m.group(2)) ? "active" : "!".equals(m.group(2)) ? "hold" : "deferred";
                message.put("queue_name", queue);
                message.put("queue_id", m.group(1));
                message.put(
                        "arrival_time",
                        LocalDateTime.parse(year + " " + m.group(4).replaceAll(" +", " "), time)
                                .toEpochSecond(ZoneOffset.UTC));
                message.put("message_size", Long.parseLong(m.group(3)));
                message.put("sender", m.group(5));
                message.put("recipients", recipients);
            } else if (message != null && line.startsWith("(")) {
                reason = line.substring(1, line.length() - 1);
            } else if (message != null && !line.isBlank()) {
                final Map<String, Object> recipient = new LinkedHashMap<>();
                recipient.put("address", line.strip());
                recipient.put("delay_reason", reason);
                recipients.add(recipient);
            } else if (message != null) {
                out.append(JsonSerde.MAPPER.writeValueAsString(message)).append('\n');
                message = null;
            }
        }
        return out.toString();
    }

    private static Map<String, Integer> qshapeDeferredTotals(final String qshape) {
        final String deferred = qshape.substring(
                qshape.indexOf("### qshape deferred"),
                qshape.indexOf("###", qshape.indexOf("### qshape deferred") + 3));
        final Map<String, Integer> totals = new LinkedHashMap<>();
        final Matcher row = Pattern.compile("(?m)^\\s+(\\S+)\\s+(\\d+)\\s").matcher(deferred);
        while (row.find()) {
            if (!"TOTAL".equals(row.group(1)) && !"T".equals(row.group(1))) {
                totals.put(row.group(1), Integer.parseInt(row.group(2)));
            }
        }
        return totals;
    }
}
