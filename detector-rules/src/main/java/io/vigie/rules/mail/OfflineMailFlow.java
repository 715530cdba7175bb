package io.vigie.rules.mail;

import io.vigie.core.model.MailCount;
import io.vigie.core.model.MailMessage;
import io.vigie.core.model.PostfixEvent;
import io.vigie.core.model.PostfixKind;
import io.vigie.core.model.QueueStatus;
import io.vigie.core.model.TopEntry;
import io.vigie.core.model.TopSnapshot;
import io.vigie.core.net.InternalNetworks;
import io.vigie.core.net.MailDomains;
import io.vigie.core.parse.ParseResult;
import io.vigie.core.parse.PostfixParser;
import io.vigie.rules.alert.Alert;
import io.vigie.rules.alert.ThrottleWindow;
import io.vigie.rules.auth.SaslRulesInMemory;
import io.vigie.rules.config.RulesConfig;
import io.vigie.rules.config.TopConfig;
import io.vigie.rules.quarantine.MailLogCampaigns;
import io.vigie.rules.store.InMemoryState;
import io.vigie.rules.store.KeyedState;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.kafka.streams.KeyValue;

/**
 * The Postfix mail flow of {@link PostfixMailFlow} run in memory over a log, without Kafka: what
 * {@code vigie analyze --source postfix} does, where a broker, transactions and repartition hops would cost more
 * than the work (pflogsumm reads a million lines in a few seconds).
 *
 * <p>The same code decides: {@link PostfixParser} and the grouping of a record's lines, {@link MessageJoin},
 * the windows and ranking of the top lists, {@link OutboundVolumeSpike}, {@link ExternalFanOut}, the queue shares
 * and {@link QueueCongestion}, the campaigns of held and amavis-blocked messages ({@link MailLogCampaigns}),
 * {@link LookalikeSender} over the messages and the refused attempts, the SMTP AUTH rules ({@link SaslRulesInMemory})
 * and the alert throttle. What differs is where the state lives (maps) and what drives time: a single stream time
 * (the latest record time), and the queue sweep every {@code mail.queue.status-interval} of that time instead of the
 * wall clock, so that a replayed log sums its queue at the same points whatever the speed of the machine.
 *
 * <p>Not thread-safe, but {@link #parse} may run on another thread than the rest, one record at a time, handed over
 * in order (a queue). One instance per analysis.
 */
public final class OfflineMailFlow {

    private static final String NOQUEUE = "NOQUEUE";
    /** Like {@code ParsingStep}: an event time further ahead of the wall clock is capped (a host's wrong clock). */
    private static final long MAX_FUTURE_MILLIS = Duration.ofMinutes(5).toMillis();

    private final PostfixParser parser;
    private final MessageJoin join;
    private final TopWindows.Memo windows;
    private final TopConfig top;
    private final OutboundVolumeSpike spike;
    private final ExternalFanOut fanOut;
    private final QueueCongestion congestion;
    private final MailLogCampaigns campaigns;
    private final MailDirections directions;
    private final LookalikeSender lookalike;
    private final SaslRulesInMemory sasl;
    private final ThrottleWindow throttle;
    private final Clock clock;
    private final long statusIntervalMillis;
    private final Comparator<TopEntry> byCount;
    private final Comparator<TopEntry> byBytes;

    private final InMemoryState<MessageState> messages = KeyedState.inMemory();
    private final Map<String, AddressCounts> addressCounts = new HashMap<>();
    private final Map<String, TopWindows.Window> openWindows = new LinkedHashMap<>();
    private final Map<String, Instant> windowUpdated = new HashMap<>();
    private final KeyedState<OutboundVolumeSpikeDetection.HourlyCounts> hourly = KeyedState.inMemory();
    private final KeyedState<SenderHourVolumes> senderHours = KeyedState.inMemory();
    private final KeyedState<ExternalFanOutDetection.Recipients> reached = KeyedState.inMemory();
    private final KeyedState<QueueStatusMerge.Shares> shares = KeyedState.inMemory();
    private final KeyedState<QueueCongestionDetection.History> queueHistory = KeyedState.inMemory();
    private final KeyedState<Long> lastFired = KeyedState.inMemory();
    private final KeyedState<LookalikeSenderDetection.Seen> lookalikeDomains = KeyedState.inMemory();
    private final List<Alert> alerts = new ArrayList<>();
    private final Map<String, Long> deadLetters = new TreeMap<>();
    private final Map<String, Long> otherPrograms = new TreeMap<>();
    private final OtherProgramLines.ProgramNames programNames = new OtherProgramLines.ProgramNames();
    private final MessageJoin.Sink sink = new Outputs();
    private long streamTime = -1;
    private long countsStreamTime = -1;
    private long nextSweep = Long.MIN_VALUE;
    private long lateCounts;

    /** What the log gave. */
    /**
     * @param otherPrograms valid lines of other programs (amavis, dovecot...), by program: not dead letters
     */
    public record Result(
            TopSnapshot period,
            Map<String, TopSnapshot> days,
            List<Alert> alerts,
            Map<String, Long> deadLetters,
            Map<String, Long> otherPrograms,
            long lateCounts) {}

    public OfflineMailFlow(final RulesConfig config) {
        this.clock = config.clock();
        this.parser = new PostfixParser(config.clock(), config.zone());
        final MailDomains domains = MailDomains.of(config.internalDomains());
        this.directions = new MailDirections(domains, InternalNetworks.of(config.internalNetworks()));
        this.join = new MessageJoin(directions, domains, config.messageTimeout());
        this.top = config.top();
        this.windows = new TopWindows(config.top(), config.zone()).memo();
        this.spike = new OutboundVolumeSpike(config.flow());
        this.fanOut = new ExternalFanOut(config.flow());
        this.congestion = new QueueCongestion(config.queue());
        this.campaigns = new MailLogCampaigns(config);
        this.lookalike = new LookalikeSender(config);
        this.sasl = new SaslRulesInMemory(config);
        this.throttle = new ThrottleWindow(config.alertThrottle());
        this.statusIntervalMillis = config.queue().statusInterval().toMillis();
        final java.util.function.UnaryOperator<String> sortKeys = TopOrdering.sortKeys();
        this.byCount = TopOrdering.byCount(sortKeys);
        this.byBytes = TopOrdering.byBytes(sortKeys);
    }

    /** One record as {@code raw.postfix} would hold it: one line, or many separated by LF. */
    public void accept(final String record) {
        accept(PostfixLineGroups.parse(parser, record));
    }

    /**
     * Parses the lines of one record and groups them by message, for {@link #accept(Parsed)}: the parsing, a third of
     * the work, can then run on a thread of its own. Call it from one thread at a time, in the order of the lines
     * (the parser follows the year of syslog dates).
     */
    public Parsed parse(final List<String> lines) {
        return new Parsed(PostfixLineGroups.parse(parser, lines));
    }

    /** The lines of one record, parsed and grouped by message. */
    public static final class Parsed {
        private final List<ParseResult<List<PostfixEvent>>> groups;

        private Parsed(final List<ParseResult<List<PostfixEvent>>> groups) {
            this.groups = groups;
        }
    }

    /** A record parsed by {@link #parse}, records in the order of their lines. */
    public void accept(final Parsed record) {
        accept(record.groups);
    }

    private void accept(final List<ParseResult<List<PostfixEvent>>> groups) {
        for (final ParseResult<List<PostfixEvent>> parsed : groups) {
            if (!parsed.isOk()) {
                deadLetters.merge(parsed.error().reason(), 1L, Long::sum);
                continue;
            }
            final List<PostfixEvent> group = parsed.value();
            final long recordTime = recordTime(group.get(group.size() - 1).time());
            streamTime = Math.max(streamTime, recordTime);
            for (final PostfixEvent line : group) {
                campaigns.observe(line).forEach(this::raise);
                sasl.line(line).ifPresent(this::raise);
                if (line.kind() == PostfixKind.OTHER_PROGRAM) {
                    otherPrograms.merge(programNames.of(line), 1L, Long::sum);
                }
            }
            final String queueId = group.get(0).queueId();
            if (NOQUEUE.equals(queueId)) {
                // The engine writes refused attempts to events.mail as one-line messages, where the look-alike
                // senders rule reads them.
                for (final PostfixEvent line : group) {
                    if (PostfixMailFlow.isRefusal(line) && lookalike.imitates(line.sender())) {
                        lookalike(PostfixMailFlow.refused(line, directions));
                    }
                }
            } else if (queueId != null) {
                final String key = group.get(0).host() + '|' + queueId;
                final MessageState state = join.join(key, messages.get(key), group, recordTime, sink);
                if (state != null) {
                    messages.put(key, state);
                }
            }
            sweepWhenDue();
        }
    }

    /** Ends the log: a last sweep at the final stream time, then the top lists of every window seen. */
    public Result finish() {
        if (streamTime >= 0) {
            sweep();
        }
        final Map<String, List<TopEntry>> tops = new HashMap<>();
        TopCandidates.rank(
                addressCounts.entrySet().stream()
                        .map(e -> KeyValue.pair(e.getKey(), e.getValue()))
                        .iterator(),
                openWindows.keySet(),
                top.size(),
                byCount,
                byBytes,
                tops);
        TopSnapshot period = null;
        final Map<String, TopSnapshot> days = new TreeMap<>();
        for (final TopWindows.Window window : openWindows.values()) {
            final Map<String, List<TopEntry>> lists = new HashMap<>();
            tops.forEach((listKey, entries) -> {
                if (listKey.startsWith(window.id() + '|')) {
                    lists.put(listKey.substring(window.id().length() + 1), entries);
                }
            });
            final TopSnapshot snapshot = TopMerge.snapshot(
                    window,
                    window.closesBefore(countsStreamTime, top.grace()),
                    lists,
                    top.size(),
                    windowUpdated.get(window.id()));
            if ("period".equals(window.kind())) {
                period = snapshot;
            } else if ("day".equals(window.kind())) {
                days.put(window.id().substring("day:".length()), snapshot);
            }
        }
        return new Result(period, days, Collections.unmodifiableList(alerts), deadLetters, otherPrograms, lateCounts);
    }

    private long recordTime(final Instant eventTime) {
        return Math.min(eventTime.toEpochMilli(), clock.millis() + MAX_FUTURE_MILLIS);
    }

    private void sweepWhenDue() {
        if (streamTime >= nextSweep) {
            if (nextSweep != Long.MIN_VALUE) {
                sweep();
            }
            nextSweep = streamTime + statusIntervalMillis;
        }
    }

    private void sweep() {
        final MessageJoin.Sweep found = join.scan(streamTime, messages.entries().iterator());
        join.flush(found, streamTime, 0, messages, sink);
    }

    /** Counts a message in the top lists' windows, as {@link TopCandidates} does, late counts left out. */
    private void count(final MailCount count, final long timestamp) {
        countsStreamTime = Math.max(countsStreamTime, timestamp);
        final String key = (count.role() == MailCount.Role.SENDER ? 'S' : 'R') + "|" + count.address();
        final AddressCounts address = addressCounts.computeIfAbsent(key, k -> new AddressCounts());
        final int slot = AddressCounts.slotOf(count.direction());
        for (final TopWindows.Window window : windows.windowsOf(count.time())) {
            if (window.closesBefore(countsStreamTime, top.grace().plus(TopMerge.keptClosed(window)))) {
                lateCounts++;
                continue;
            }
            openWindows.putIfAbsent(window.id(), window);
            windowUpdated.merge(window.id(), count.time(), (a, b) -> b.isAfter(a) ? b : a);
            final AddressCounts.WindowCounts inWindow = address.window(window.id());
            inWindow.add(0, count.messages(), count.bytes());
            if (slot > 0) {
                inWindow.add(slot, count.messages(), count.bytes());
            }
        }
    }

    private void lookalike(final MailMessage message) {
        lookalike
                .sighting(message)
                .flatMap(sighting -> lookalike.observe(lookalikeDomains, sighting))
                .ifPresent(verdict -> raise(verdict.alert()));
    }

    private void raise(final Alert alert) {
        if (throttle.admits(lastFired, alert)) {
            alerts.add(alert);
        }
    }

    /** The join's outputs, to the counting, the detections that read counts, and the queue. */
    private final class Outputs implements MessageJoin.Sink {
        @Override
        public void count(final MailCount count, final long timestamp) {
            OfflineMailFlow.this.count(count, timestamp);
            spike.observe(hourly, senderHours, count).ifPresent(OfflineMailFlow.this::raise);
            fanOut.observe(reached, count).ifPresent(OfflineMailFlow.this::raise);
        }

        @Override
        public void message(final String key, final MailMessage message, final long timestamp) {
            // A finished message goes to events.mail in the engine; an analysis reports counts and alerts only. One
            // sent after a SASL login is also a successful login for the SMTP AUTH rules.
            lookalike(message);
            sasl.message(message).ifPresent(OfflineMailFlow.this::raise);
        }

        @Override
        public void queueShare(final QueuePartial partial, final long timestamp) {
            final QueueStatus status = QueueStatusMerge.merge(shares, partial);
            congestion.observe(queueHistory, status).forEach(OfflineMailFlow.this::raise);
        }
    }
}
