package io.vigie.rules.proxy;

import io.vigie.core.model.Indicator;
import io.vigie.core.model.ProxyEvent;
import io.vigie.core.net.UrlNormalizer;
import io.vigie.rules.alert.Alert;
import io.vigie.rules.config.CorrelationConfig;
import io.vigie.rules.detection.Outcome;
import io.vigie.rules.entity.IdentityLookup;
import io.vigie.rules.entity.IdentityTimeline;
import io.vigie.rules.entity.UserMapping;
import io.vigie.rules.store.CachedStore;
import io.vigie.rules.store.JsonStores;
import io.vigie.rules.store.QueryableStores;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Predicate;
import java.util.function.Supplier;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.kstream.Windowed;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.StoreBuilder;
import org.apache.kafka.streams.state.Stores;
import org.apache.kafka.streams.state.WindowStore;

/**
 * Everything about one destination host, in the task that owns it. Input: requests to the host and new
 * indicators naming it ({@link DestinationInput}), keyed by host.
 *
 * <ul>
 *   <li>{@value #CONTACTS_STORE}: a window store of one-day windows kept for the contacts retention (30 days
 *       by default), key {@code host|client} → {@link Contact}: who contacted the host, when, how often.</li>
 *   <li>{@value #BLOCKED_STORE}: per host, the requests the proxy blocked today, for the top blocked
 *       destinations.</li>
 *   <li>{@value #SUMMARY_STORE}: per host, its {@link DestinationSummary} (recent clients, first contact): the
 *       rarity of a destination in one lookup. Reading it from the contacts instead meant a scan of every day
 *       of the retention per request, which took 85 % of the stream thread.</li>
 *   <li>{@value #LURES_STORE}: per host, the suspicious mails linking to it ({@link MailClickDetection}).</li>
 * </ul>
 * A request is matched against the threat-intelligence table ({@link IntelMatchDetection}), judged by the
 * behavioural detections, and checked against the host's lures when it has any; a new indicator starts the
 * retro-hunt over the host's contacts; a lure is checked against them too. An antivirus detection reaches every task:
 * its machine's rare destinations around the detection are published as indicators ({@link PossibleC2Detection});
 * that scans this task's contacts of the days the window covers, every client's (a few hundred thousand entries per
 * day for a large site, tens of milliseconds to a second per detection, and detections are few).
 *
 * <p>This processor is the rules' shell: it keeps the stores (the contacts, the blocked counts and the summaries are
 * what is known of a destination; the lures are kept by {@link KeptLures}), finds a request's intel entry
 * ({@link IntelTable}), and hands each rule's pure decision what it reads: the intel match and the possible C2's
 * request side the entry, the mail to click the host's lures (and its contacts for a new lure), the retro-hunt the
 * contacts, the possible C2's detection side a candidate's summary. It stores what they decide and forwards what
 * they emit; the rules themselves, and their tests, have no Kafka in them. A decision is given only what this
 * processor already read for the input: a request to a host with no lures and no intel entry costs no more than it
 * did.
 */
final class DestinationProcessor implements Processor<String, DestinationInput, String, DestinationOutput> {

    static final String CONTACTS_STORE = QueryableStores.PROXY_CONTACTS;
    static final String BLOCKED_STORE = QueryableStores.PROXY_BLOCKED;
    static final String SUMMARY_STORE = ProxyStores.DESTINATIONS;
    static final String LURES_STORE = MailClickDetection.STORE;
    /** How often expired lures are swept, in stream time. */
    private static final Duration LURE_SWEEP = Duration.ofHours(1);

    private static final Duration WINDOW = Duration.ofDays(1);
    /** Clients kept per host: far above any rarity bound, small enough to read on every request. */
    static final int SUMMARY_CAPACITY = 64;
    /** Marks a summary store filled from the contacts (a store that predates it, or restored empty). */
    private static final String BACKFILLED = "\u0000backfilled";

    private static final int SUMMARY_CACHE_ENTRIES = 20_000;

    private final String intelStore;
    private final List<ProxyJudgement> judgements;
    private final Duration retention;
    private final CorrelationConfig correlation;
    private final UserMapping mapping;
    private final String identitiesStore;
    private final IntelMatchDetection intelMatch = new IntelMatchDetection();
    private final RetroHuntDetection retroHunt = new RetroHuntDetection();
    private final PossibleC2Detection possibleC2;
    /** Made in {@code init()}: they ask the identities store, open then, who used an address. */
    private PossibleC2Detection.Reached possibleC2Reached;

    private MailClickDetection mailClick;
    private ProcessorContext<String, DestinationOutput> context;
    private WindowStore<String, Contact> contacts;
    private KeyValueStore<String, ProxyStores.BlockedToday> blocked;
    private CachedStore<DestinationSummary> summaries;
    private KeptLures lures;
    private IntelTable intel;
    private IdentityLookup identities;
    private ProxySensors sensors;
    /** The time of the record being processed, for the records this processor forwards. */
    private long recordTime;

    DestinationProcessor(final String intelStore, final List<ProxyJudgement> judgements, final Duration retention) {
        this(
                intelStore,
                judgements,
                retention,
                CorrelationConfig.defaults(),
                UserMapping.of(List.of()),
                host -> false,
                null);
    }

    /**
     * @param internal        whether a destination host is the organisation's own (never a lure nor a C2)
     * @param identitiesStore the global store of who used which address when, or null when the topology has none
     */
    DestinationProcessor(
            final String intelStore,
            final List<ProxyJudgement> judgements,
            final Duration retention,
            final CorrelationConfig correlation,
            final UserMapping mapping,
            final Predicate<String> internal,
            final String identitiesStore) {
        this.intelStore = intelStore;
        this.judgements = List.copyOf(judgements);
        this.retention = retention;
        this.correlation = correlation;
        this.possibleC2 =
                new PossibleC2Detection(correlation.avWindow(), correlation.rareClients(), retention, internal);
        this.mapping = mapping;
        this.identitiesStore = identitiesStore;
    }

    static StoreBuilder<WindowStore<String, Contact>> contactsStoreBuilder(final Duration retention) {
        // The window store drops whole days once they are older than the retention (in stream time).
        return Stores.windowStoreBuilder(
                        Stores.persistentWindowStore(CONTACTS_STORE, retention.plus(WINDOW), WINDOW, false),
                        Serdes.String(),
                        ProxySerdes.CONTACT)
                .withCachingEnabled();
    }

    static StoreBuilder<KeyValueStore<String, ProxyStores.BlockedToday>> blockedStoreBuilder() {
        return JsonStores.keyValue(BLOCKED_STORE, ProxyStores.BlockedToday.class);
    }

    static StoreBuilder<KeyValueStore<String, DestinationSummary>> summaryStoreBuilder() {
        return Stores.keyValueStoreBuilder(
                        Stores.persistentKeyValueStore(SUMMARY_STORE), Serdes.String(), DestinationSummary.SERDE)
                .withCachingEnabled();
    }

    static StoreBuilder<KeyValueStore<String, MailClickDetection.HostLures>> luresStoreBuilder() {
        return MailClickDetection.storeBuilder();
    }

    @Override
    public void init(final ProcessorContext<String, DestinationOutput> ctx) {
        this.context = ctx;
        this.contacts = ctx.getStateStore(CONTACTS_STORE);
        this.blocked = ctx.getStateStore(BLOCKED_STORE);
        this.summaries = new CachedStore<>(ctx.getStateStore(SUMMARY_STORE), SUMMARY_CACHE_ENTRIES);
        backfillSummaries();
        final KeyValueStore<String, Indicator> table = ctx.getStateStore(intelStore);
        this.intel = new IntelTable(table);
        this.sensors = new ProxySensors(ctx.metrics());
        if (identitiesStore != null) {
            final KeyValueStore<String, IdentityTimeline> who = ctx.getStateStore(identitiesStore);
            this.identities = new IdentityLookup(who);
        }
        final AddressAccounts addresses = AddressAccounts.of(identities);
        this.possibleC2Reached = new PossibleC2Detection.Reached(mapping, addresses);
        this.mailClick = new MailClickDetection(correlation.lureRetention(), mapping, addresses);
        this.lures = new KeptLures(ctx.getStateStore(LURES_STORE));
        ctx.schedule(
                LURE_SWEEP,
                PunctuationType.STREAM_TIME,
                streamTime -> lures.sweep(known -> mailClick.unexpired(known, Instant.ofEpochMilli(streamTime))));
    }

    @Override
    public void process(final Record<String, DestinationInput> input) {
        final String host = input.key();
        if (host == null || input.value() == null) {
            return;
        }
        recordTime = input.timestamp();
        if (input.value().indicator() != null) {
            final RetroHuntDetection.NewIndicator indicator = new RetroHuntDetection.NewIndicator(
                    input.value().indicator(), Instant.ofEpochMilli(input.timestamp()));
            emit(retroHunt.decide(host, contactsOf(host).values(), indicator));
            return;
        }
        if (input.value().lure() != null) {
            final Lure lure = input.value().lure();
            final MailClickDetection.NewLure newLure =
                    new MailClickDetection.NewLure(lure, contactsOf(host).values());
            // Kept under the lure's own host, as the lures always were.
            lures.apply(lure.host(), mailClick.lures().decide(lure.host(), lures.get(lure.host()), newLure))
                    .forEach(this::raise);
            return;
        }
        if (input.value().av() != null) {
            publishRareDestinations(input.value().av());
            return;
        }
        final ProxyEvent event = input.value().event();
        if (event == null) {
            return;
        }
        remember(host, event);
        final DestinationSummary summary = summarise(host, event);
        final Indicator matched = intel.entryFor(event);
        if (matched != null) {
            // At most one of the two raises: the possible C2 takes our own indicators, the intel match the others.
            emit(intelMatch.decide(host, matched, event));
            emit(possibleC2Reached.decide(host, matched, event));
        }
        if (lures.watches(host)) {
            final MailClickDetection.HostLures known = lures.get(host);
            if (known != null) {
                lures.apply(host, mailClick.requests().decide(host, known, event))
                        .forEach(this::raise);
            }
        }
        // Worked out at most once per request, and only if a detection needs it.
        final DestinationContext[] destination = new DestinationContext[1];
        final Supplier<DestinationContext> once = () -> {
            if (destination[0] == null) {
                destination[0] = summary.context(event.time(), retention);
            }
            return destination[0];
        };
        for (final ProxyJudgement judgement : judgements) {
            judgement.judge(event, once).forEach(this::raise);
        }
    }

    /** Forwards the alerts of a decision that only reads what is known of the destination. */
    private void emit(final Outcome<?, Alert> outcome) {
        readOnly(outcome).forEach(this::raise);
    }

    /** What a decision that only reads what is known of the destination emits; the state it was given stays. */
    private static <O> List<O> readOnly(final Outcome<?, O> outcome) {
        if (outcome.change() != Outcome.StateChange.KEEP) {
            throw new IllegalStateException("a read-only decision changed its state: " + outcome.change());
        }
        return outcome.outputs();
    }

    /**
     * Forwards an alert stamped with the input record's time, which the parsing step bounded: a proxy whose clock
     * runs ahead must not stamp a record the broker refuses. The alert's {@code @timestamp} is the request's time.
     */
    private void raise(final Alert alert) {
        sensors.detection(alert.ruleId());
        context.forward(new Record<>(alert.entity(), DestinationOutput.of(alert), recordTime));
    }

    /**
     * The machine's destinations in this task within the window around the detection, those rare in the
     * organisation published as indicators (one per host). Reads every client's contacts of the days the window
     * covers: a window store is keyed by host first, so one client's contacts are not a key range.
     */
    private void publishRareDestinations(final AvSighting av) {
        final Map<String, String> hostToClient = new TreeMap<>();
        final long fromDay = possibleC2.from(av).truncatedTo(ChronoUnit.DAYS).toEpochMilli();
        try (KeyValueIterator<Windowed<String>, Contact> it =
                contacts.fetchAll(Instant.ofEpochMilli(fromDay), possibleC2.to(av))) {
            while (it.hasNext()) {
                final KeyValue<Windowed<String>, Contact> kv = it.next();
                if (possibleC2.near(av, kv.value)) {
                    hostToClient.putIfAbsent(ProxyStores.hostOfContactKey(kv.key.key()), kv.value.client());
                }
            }
        }
        for (final Map.Entry<String, String> candidate : hostToClient.entrySet()) {
            final String host = candidate.getKey();
            if (!possibleC2.considers(host)) {
                continue;
            }
            final PossibleC2Detection.Candidate reached = new PossibleC2Detection.Candidate(av, candidate.getValue());
            for (final Indicator indicator : readOnly(possibleC2.decide(host, summaries.get(host), reached))) {
                sensors.detection(PossibleC2Detection.INDICATOR_SOURCE);
                context.forward(new Record<>(indicator.key(), DestinationOutput.of(indicator), recordTime));
            }
        }
    }

    /** A host's contacts, every client and day of the retention, by client and day. */
    private Map<String, Contact> contactsOf(final String host) {
        final Map<String, Contact> byClientAndDay = new TreeMap<>();
        try (KeyValueIterator<Windowed<String>, Contact> it = contacts.fetch(
                ProxyStores.contactsFrom(host),
                ProxyStores.contactsTo(host),
                Instant.EPOCH,
                Instant.ofEpochMilli(Long.MAX_VALUE))) {
            while (it.hasNext()) {
                final KeyValue<Windowed<String>, Contact> kv = it.next();
                byClientAndDay.put(kv.value.client() + "|" + kv.key.window().start(), kv.value);
            }
        }
        return byClientAndDay;
    }

    private void remember(final String host, final ProxyEvent e) {
        final long day = e.time().truncatedTo(ChronoUnit.DAYS).toEpochMilli();
        final String key = ProxyStores.contactKey(host, e.clientIp());
        final Contact known = contacts.fetch(key, day);
        contacts.put(
                key,
                known == null
                        ? Contact.first(e.clientIp(), e.time(), e.blocked(), e.user())
                        : known.plus(e.time(), e.blocked(), e.user()),
                day);
        if (e.blocked()) {
            final String today =
                    e.time().truncatedTo(ChronoUnit.DAYS).toString().substring(0, 10);
            final ProxyStores.BlockedToday count = blocked.get(host);
            blocked.put(
                    host,
                    new ProxyStores.BlockedToday(
                            today, count != null && count.day().equals(today) ? count.requests() + 1 : 1));
        }
    }

    /** The host's summary with this request in it; written only when the request changed it. */
    private DestinationSummary summarise(final String host, final ProxyEvent e) {
        final DestinationSummary known = summaries.get(host);
        final DestinationSummary before = known == null ? DestinationSummary.empty() : known;
        final DestinationSummary after = before.seen(e.clientIp(), e.time(), retention, SUMMARY_CAPACITY);
        if (after != before) {
            summaries.put(host, after);
        }
        return after;
    }

    /**
     * Fills an empty summary store from the contacts, once: a store that predates the summaries, so that an
     * upgrade does not make every destination look new (and rare). Replays the contacts in time order.
     */
    private void backfillSummaries() {
        if (summaries.get(BACKFILLED) != null) {
            return;
        }
        final List<DestinationSummary.HostContact> all = new ArrayList<>();
        try (KeyValueIterator<Windowed<String>, Contact> it = contacts.all()) {
            while (it.hasNext()) {
                final KeyValue<Windowed<String>, Contact> kv = it.next();
                all.add(new DestinationSummary.HostContact(ProxyStores.hostOfContactKey(kv.key.key()), kv.value));
            }
        }
        final Map<String, DestinationSummary> byHost = DestinationSummary.rebuild(all, retention, SUMMARY_CAPACITY);
        byHost.forEach(summaries::put);
        summaries.put(BACKFILLED, DestinationSummary.empty());
    }

    /** The host a request or an indicator is about, as the contacts are keyed: normalised, or null. */
    static String hostOf(final ProxyEvent e) {
        return UrlNormalizer.host(e.host());
    }

    static String hostOf(final Indicator indicator) {
        return switch (indicator.kind()) {
            case HOST, IP -> indicator.value();
            case URL ->
                UrlNormalizer.host(
                        io.vigie.core.net.UrlParts.of(indicator.value(), "GET").host());
            // A file hash names no destination: the proxy keeps no file hashes to hunt in.
            case HASH -> null;
        };
    }
}
