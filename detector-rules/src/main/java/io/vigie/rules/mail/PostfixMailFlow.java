package io.vigie.rules.mail;

import io.vigie.core.model.MailCount;
import io.vigie.core.model.MailMessage;
import io.vigie.core.model.MailRecipient;
import io.vigie.core.model.PostfixEvent;
import io.vigie.core.model.PostfixKind;
import io.vigie.core.model.QueueStatus;
import io.vigie.core.model.TopSnapshot;
import io.vigie.core.net.InternalNetworks;
import io.vigie.core.net.MailDomains;
import io.vigie.core.parse.PostfixParser;
import io.vigie.core.serde.BinarySerde;
import io.vigie.core.serde.JsonSerde;
import io.vigie.core.serde.PostfixSerdes;
import io.vigie.rules.alert.Alert;
import io.vigie.rules.config.RulesConfig;
import io.vigie.rules.config.TopicNames;
import io.vigie.rules.dlq.ParsingStep;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.kstream.Branched;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.KStream;
import org.apache.kafka.streams.kstream.Named;
import org.apache.kafka.streams.kstream.Produced;
import org.apache.kafka.streams.kstream.Repartitioned;

/**
 * The Postfix mail flow: raw syslog lines → parsed lines → messages joined by queue id → top-20
 * senders and recipients, queue state, and the abnormal-flow detections.
 *
 * <p>Input: {@code raw.postfix}, one syslog line per record, any key. Output: {@code events.mail}
 * (one {@link MailMessage} per message, keyed by host|queue id), {@code events.mail-queue}
 * ({@link QueueStatus} keyed by host), {@code state.top20} and {@code reports.top20}
 * ({@link TopSnapshot} keyed by window id), {@code dlq}, and the alerts returned to the caller.
 */
public final class PostfixMailFlow {

    private static final BinarySerde<List<PostfixEvent>> LINES_SERDE = PostfixSerdes.LINES;
    private static final BinarySerde<MailCount> COUNT_SERDE = PostfixSerdes.COUNT;
    public static final JsonSerde<MailMessage> MESSAGE_SERDE = JsonSerde.of(MailMessage.class);
    public static final JsonSerde<TopSnapshot> SNAPSHOT_SERDE = JsonSerde.of(TopSnapshot.class);
    public static final JsonSerde<QueueStatus> QUEUE_SERDE = JsonSerde.of(QueueStatus.class);
    private static final JsonSerde<TopCandidate> CANDIDATE_SERDE = JsonSerde.internal(TopCandidate.class);
    private static final JsonSerde<QueuePartial> PARTIAL_SERDE = JsonSerde.internal(QueuePartial.class);
    private static final String NOQUEUE = "NOQUEUE";

    private PostfixMailFlow() {}

    /**
     * What the mail flow offers the other parts.
     *
     * @param alerts           its alerts, not yet throttled
     * @param lines            the parsed Postfix lines: the quarantine campaigns take the {@code hold} actions, the
     *                         SASL rules the logins
     * @param messages         the messages the assembly finished, keyed {@code host|queue id}: the SASL rules take the
     *                         outbound mail of a login
     * @param queueStatusTopic the topic the queue congestion rule reads back: the assembly writes its queue shares
     *                         there, and the postqueue snapshots part must write there too
     */
    public record Output(
            KStream<String, Alert> alerts,
            KStream<String, PostfixEvent> lines,
            KStream<String, MailMessage> messages,
            String queueStatusTopic) {}

    /** Adds the mail flow to the builder. */
    public static Output addTo(final StreamsBuilder builder, final RulesConfig config) {
        final TopicNames topics = config.topics();
        final MailDomains domains = MailDomains.of(config.internalDomains());
        final MailDirections directions = new MailDirections(domains, InternalNetworks.of(config.internalNetworks()));
        final PostfixParser parser = new PostfixParser(config.clock(), config.zone());

        final KStream<String, String> raw = builder.stream(
                topics.rawPostfix(),
                Consumed.with(Serdes.String(), Serdes.String()).withName("postfix-raw-source"));
        // A record may hold many lines (RecordLines): they leave the parser grouped by message, so that the
        // lines of one message cross the repartition topic and reach the message store once per record.
        final KStream<String, List<PostfixEvent>> groups = ParsingStep.parseAll(
                raw,
                "postfix",
                (key, value, timestamp) -> PostfixLineGroups.parse(parser, value),
                value -> null,
                group -> group.get(group.size() - 1).time(),
                topics.dlq());
        final KStream<String, PostfixEvent> lines = groups.flatMapValues(group -> group, Named.as("postfix-lines"));
        // Other programs' lines of a shipped mail.log (amavis, dovecot...) are valid, not dead letters: counted.
        lines.filter((key, line) -> line.kind() == PostfixKind.OTHER_PROGRAM, Named.as("postfix-other-programs"))
                .process(OtherProgramLines::new, Named.as("postfix-other-programs-count"));

        final Map<String, KStream<String, List<PostfixEvent>>> byShape = groups.split(Named.as("postfix-lines-"))
                .branch((key, group) -> NOQUEUE.equals(group.get(0).queueId()), Branched.as("noqueue"))
                .branch((key, group) -> group.get(0).queueId() != null, Branched.as("queued"))
                .noDefaultBranch();
        // Lines with no queue id (connections, TLS, warnings, statistics) say nothing about a message.

        byShape.get("postfix-lines-noqueue")
                .flatMapValues(group -> group, Named.as("postfix-noqueue-lines"))
                .filter((key, line) -> isRefusal(line), Named.as("postfix-noqueue-refusals"))
                .map(
                        (key, line) -> KeyValue.pair(line.host() + '|' + NOQUEUE, refused(line, directions)),
                        Named.as("postfix-noqueue-message"))
                .to(
                        topics.mailMessages(),
                        Produced.with(Serdes.String(), MESSAGE_SERDE).withName("mail-refused-sink"));

        builder.addStateStore(MessageAssembly.storeBuilder());
        final Map<String, KStream<String, AssemblyOutput>> outputs = byShape.get("postfix-lines-queued")
                .selectKey(
                        (key, group) -> group.get(0).host() + '|' + group.get(0).queueId(),
                        Named.as("postfix-key-by-queue-id"))
                .repartition(Repartitioned.with(Serdes.String(), LINES_SERDE).withName("postfix-lines-by-queue-id"))
                .process(
                        () -> new MessageAssembly(
                                directions,
                                domains,
                                config.messageTimeout(),
                                config.queue().statusInterval()),
                        Named.as("postfix-message-assembly"),
                        MessageAssembly.STORE)
                .split(Named.as("assembly-"))
                .branch((key, out) -> out instanceof AssemblyOutput.Count, Branched.as("count"))
                .branch((key, out) -> out instanceof AssemblyOutput.Message, Branched.as("message"))
                .branch((key, out) -> out instanceof AssemblyOutput.QueueShare, Branched.as("queue"))
                .noDefaultBranch();

        final KStream<String, MailMessage> finished = outputs.get("assembly-message")
                .mapValues(out -> ((AssemblyOutput.Message) out).message(), Named.as("mail-message"));
        finished.to(
                topics.mailMessages(),
                Produced.with(Serdes.String(), MESSAGE_SERDE).withName("mail-message-sink"));

        builder.addStateStore(QueueStatusMerge.storeBuilder());
        outputs.get("assembly-queue")
                .mapValues(out -> ((AssemblyOutput.QueueShare) out).partial(), Named.as("queue-share"))
                .repartition(Repartitioned.with(Serdes.String(), PARTIAL_SERDE).withName("queue-shares-by-host"))
                .process(QueueStatusMerge::new, Named.as("queue-status-merge"), QueueStatusMerge.STORE)
                .to(
                        topics.queueStatus(),
                        Produced.with(Serdes.String(), QUEUE_SERDE).withName("queue-status-sink"));

        final KStream<String, MailCount> countsByAddress = outputs.get("assembly-count")
                .mapValues(out -> ((AssemblyOutput.Count) out).count(), Named.as("mail-count"))
                .repartition(Repartitioned.with(Serdes.String(), COUNT_SERDE).withName("mail-counts-by-address"));
        addTopLists(builder, config, countsByAddress);

        final KStream<String, Alert> spikes =
                OutboundVolumeSpikeDetection.addTo(builder, config.flow(), countsByAddress);
        final KStream<String, Alert> fanOut = ExternalFanOutDetection.addTo(builder, config.flow(), countsByAddress);

        final KStream<String, Alert> congestion =
                QueueCongestionDetection.addTo(builder, config.queue(), topics.queueStatus());

        return new Output(
                spikes.merge(fanOut, Named.as("mail-alerts-1")).merge(congestion, Named.as("mail-alerts")),
                lines,
                finished,
                topics.queueStatus());
    }

    private static void addTopLists(
            final StreamsBuilder builder, final RulesConfig config, final KStream<String, MailCount> countsByAddress) {
        final TopicNames topics = config.topics();
        final TopWindows windows = new TopWindows(config.top(), config.zone());
        TopCandidates.storeBuilders().forEach(builder::addStateStore);
        TopMerge.storeBuilders().forEach(builder::addStateStore);
        final KStream<String, TopSnapshot> snapshots = countsByAddress
                .process(
                        () -> new TopCandidates(
                                windows,
                                config.top().size(),
                                config.top().grace(),
                                TopCandidates.flushInterval(config.top().publishInterval())),
                        Named.as("top20-partition-candidates"),
                        TopCandidates.COUNTS_STORE,
                        TopCandidates.WINDOWS_STORE)
                .repartition(
                        Repartitioned.with(Serdes.String(), CANDIDATE_SERDE).withName("top20-candidates-by-window"))
                .process(
                        () -> new TopMerge(
                                config.top().size(),
                                config.top().grace(),
                                config.top().publishInterval()),
                        Named.as("top20-merge"),
                        TopMerge.STORE,
                        TopMerge.WINDOWS_STORE);
        snapshots.to(
                topics.top20State(),
                Produced.with(Serdes.String(), SNAPSHOT_SERDE).withName("top20-state-sink"));
        snapshots
                .filter(
                        (window, snapshot) -> snapshot != null && snapshot.closed() && "day".equals(snapshot.kind()),
                        Named.as("top20-closed-days"))
                .to(
                        topics.top20Reports(),
                        Produced.with(Serdes.String(), SNAPSHOT_SERDE).withName("top20-daily-report-sink"));
    }

    /** Whether a line without a queue id refuses a message (reject, hold, discard). */
    static boolean isRefusal(final PostfixEvent line) {
        return line.kind() == PostfixKind.REJECT
                || line.kind() == PostfixKind.HOLD
                || line.kind() == PostfixKind.DISCARD;
    }

    /** A NOQUEUE refusal as a one-line message, so that refused attempts are visible next to delivered mail. */
    static MailMessage refused(final PostfixEvent line, final MailDirections directions) {
        final MessageState state = new MessageState();
        state.received = true;
        state.clientIp = line.clientIp();
        state.sender = line.sender();
        final MailMessage.Origin origin = directions.origin(state);
        final List<MailRecipient> recipients = line.recipient() == null
                ? List.of()
                : List.of(new MailRecipient(
                        line.recipient(),
                        null,
                        line.status(),
                        null,
                        null,
                        null,
                        null,
                        line.detail(),
                        1,
                        line.time(),
                        directions.recipientDirection(origin, line.recipient())));
        return new MailMessage(
                line.host(),
                NOQUEUE,
                null,
                line.sender(),
                null,
                null,
                line.clientHost(),
                line.clientIp(),
                null,
                origin,
                recipients.isEmpty() ? null : recipients.get(0).direction(),
                line.time(),
                line.time(),
                recipients,
                "rejected",
                line.detail(),
                false,
                null);
    }
}
