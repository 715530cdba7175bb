package io.vigie.rules.proxy;

import io.vigie.core.net.UrlNormalizer;
import io.vigie.rules.alert.Alert;
import io.vigie.rules.config.CorrelationConfig;
import io.vigie.rules.entity.IdentityLookup;
import io.vigie.rules.entity.IdentityTimeline;
import io.vigie.rules.entity.UserMapping;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.apache.kafka.streams.processor.StreamPartitioner;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * The alerts the engine already wrote, read back from the {@code alerts} topic, as inputs of the destination tasks:
 * a suspicious mail gives one {@link Lure} per URL host (keyed by the host), an antivirus detection one
 * {@link AvSighting} (sent to every partition by {@link #PARTITIONER}). Every other alert, this part's own included,
 * gives nothing: the correlations do not feed themselves.
 */
final class CorrelationInputs implements Processor<String, Alert, String, DestinationInput> {

    /** The mail alerts whose URL hosts are lures. */
    static final Set<String> MAIL_RULES =
            Set.of("vigie.mail.user-report", "vigie.mail.quarantine-campaign", "vigie.mail.lookalike-sender");

    static final String AV_RULES = "vigie.av.";
    /** Addresses kept per antivirus detection (an outbreak names up to 50 machines). */
    static final int MAX_CLIENTS = 64;

    /**
     * Requests, indicators and lures keep Kafka's partitioning by host (an empty answer is the default partitioner,
     * exactly as without a partitioner); an antivirus detection goes to every partition.
     */
    static final StreamPartitioner<String, DestinationInput> PARTITIONER =
            (topic, key, value, partitions) -> value != null && value.av() != null
                    ? Optional.of(IntStream.range(0, partitions).boxed().collect(Collectors.toUnmodifiableSet()))
                    : Optional.empty();

    private final CorrelationConfig config;
    private final UserMapping mapping;
    private final Predicate<String> internal;
    private final String identitiesStore;
    private ProcessorContext<String, DestinationInput> context;
    private IdentityLookup identities;

    /** @param identitiesStore the global store of who used which host, or null when the topology has none */
    CorrelationInputs(
            final CorrelationConfig config,
            final UserMapping mapping,
            final Predicate<String> internal,
            final String identitiesStore) {
        this.config = config;
        this.mapping = mapping;
        this.internal = internal;
        this.identitiesStore = identitiesStore;
    }

    @Override
    public void init(final ProcessorContext<String, DestinationInput> ctx) {
        this.context = ctx;
        if (identitiesStore != null) {
            final KeyValueStore<String, IdentityTimeline> store = ctx.getStateStore(identitiesStore);
            this.identities = new IdentityLookup(store);
        }
    }

    @Override
    public void process(final Record<String, Alert> alertRecord) {
        final Alert alert = alertRecord.value();
        if (alert == null || alert.rule() == null || alert.ruleId() == null || alert.timestamp() == null) {
            return;
        }
        if (MAIL_RULES.contains(alert.ruleId())) {
            for (final Lure lure : lures(alert)) {
                context.forward(alertRecord.withKey(lure.host()).withValue(DestinationInput.lure(lure)));
            }
        } else if (alert.ruleId().startsWith(AV_RULES)) {
            final AvSighting av = sighting(alert);
            if (av != null) {
                context.forward(alertRecord.withKey(av.clients().get(0)).withValue(DestinationInput.av(av)));
            }
        }
    }

    /** One lure per external URL host of the mail, up to the configured count; none when no recipient is known. */
    List<Lure> lures(final Alert alert) {
        final List<String> accounts = recipients(alert);
        if (accounts.isEmpty()) {
            return List.of();
        }
        final Set<String> hosts = new LinkedHashSet<>();
        for (final String named : related(alert, "hosts")) {
            final String host = UrlNormalizer.host(named);
            if (host != null && !internal.test(host)) {
                hosts.add(host);
            }
            if (hosts.size() >= config.lureHostsPerAlert()) {
                break;
            }
        }
        final Instant delivered = delivered(alert);
        final List<Lure> lures = new ArrayList<>(hosts.size());
        for (final String host : hosts) {
            lures.add(new Lure(alert.event().id(), alert.ruleId(), host, delivered, accounts));
        }
        return lures;
    }

    private List<String> recipients(final Alert alert) {
        final Set<String> accounts = new TreeSet<>();
        final List<String> names = new ArrayList<>(related(alert, "user"));
        if (alert.user() != null && alert.user().get("email") instanceof String email) {
            names.add(email);
        }
        for (final String name : names) {
            final String account = mapping.accountOf(name);
            if (account != null) {
                accounts.add(account);
            }
        }
        return List.copyOf(accounts);
    }

    private static Instant delivered(final Alert alert) {
        final Map<String, Object> observed =
                alert.vigie() == null ? null : alert.vigie().observed();
        if (observed != null && observed.get("delivered") instanceof String text) {
            try {
                return Instant.parse(text);
            } catch (final DateTimeParseException e) {
                // a Received date the sender wrote badly: the alert's time stands in, as for the incidents
                return alert.timestamp();
            }
        }
        return alert.timestamp();
    }

    /**
     * The detection and the machine's addresses: the alert's {@code source.ip}; without one, the addresses its host
     * names had within the window (the identities store); null when neither is known.
     */
    AvSighting sighting(final Alert alert) {
        final Instant time = alert.timestamp();
        final Set<String> clients = new LinkedHashSet<>();
        if (alert.source() != null && alert.source().get("ip") instanceof String ip && !ip.isBlank()) {
            clients.add(ip.strip().toLowerCase(Locale.ROOT));
        }
        final List<String> hosts = related(alert, "hosts");
        if (clients.isEmpty() && identities != null) {
            for (final String host : hosts) {
                clients.addAll(addressesOf(host, time, config.avWindow()));
            }
        }
        if (clients.isEmpty()) {
            return null;
        }
        final Map<String, Object> observed =
                alert.vigie() == null ? null : alert.vigie().observed();
        final String threat = observed != null && observed.get("threat") instanceof String t ? t : null;
        return new AvSighting(
                alert.event().id(),
                alert.ruleId(),
                time,
                clients.stream().limit(MAX_CLIENTS).toList(),
                hosts.isEmpty() ? null : hosts.get(0),
                threat);
    }

    /**
     * The addresses a host had within {@code window} of {@code time}, from its identity timeline; an interval with no
     * known end counts until {@link IdentityLookup#GRACE} after it was last seen, as {@code accountsAt} counts it.
     */
    private List<String> addressesOf(final String host, final Instant time, final Duration window) {
        final IdentityTimeline timeline = identities.timeline(IdentityLookup.keyOf(host));
        if (timeline == null) {
            return List.of();
        }
        final Instant from = time.minus(window);
        final Instant to = time.plus(window);
        final List<String> found = new ArrayList<>();
        for (final IdentityTimeline.Interval i : timeline.intervals()) {
            final Instant last = i.ended() ? i.to() : i.to().plus(IdentityLookup.GRACE);
            if (i.ip() != null && !i.from().isAfter(to) && !last.isBefore(from) && !found.contains(i.ip())) {
                found.add(i.ip());
            }
        }
        return found;
    }

    private static List<String> related(final Alert alert, final String kind) {
        if (alert.related() == null || alert.related().get(kind) == null) {
            return List.of();
        }
        return alert.related().get(kind).stream()
                .filter(v -> v != null && !v.isBlank())
                .toList();
    }
}
