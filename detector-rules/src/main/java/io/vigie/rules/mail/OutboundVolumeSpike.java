package io.vigie.rules.mail;

import io.vigie.core.model.Direction;
import io.vigie.core.model.MailCount;
import io.vigie.rules.alert.Alert;
import io.vigie.rules.alert.AlertLevel;
import io.vigie.rules.alert.AlertRule;
import io.vigie.rules.config.FlowAnomalyConfig;
import io.vigie.rules.detection.Decision;
import io.vigie.rules.detection.Outcome;
import io.vigie.rules.mail.OutboundVolumeSpikeDetection.HourlyCounts;
import io.vigie.rules.store.KeyedState;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The outbound-spike decision, without Kafka: an internal sender whose outbound messages in the current hour are at
 * least the minimum and at least {@code spike-factor} times its baseline. Run by {@link OutboundVolumeSpikeDetection}
 * in the engine and by {@link OfflineMailFlow} in memory.
 *
 * <p>The baseline is the sender's own mean hourly volume over the previous {@code baseline-hours} once its history is
 * older than {@code learning-period}. Before that (a fresh install, a new sender), a sender is judged against the
 * organisation: the volume of a busy sender's hour, the {@value #ORGANISATION_PERCENTILE_LABEL} percentile of the
 * hourly volumes of every sender in the completed hours of the learning period ({@link SenderHourVolumes}), or its
 * own mean when higher.
 * Otherwise an empty history would read as "usually sends nothing", and a secretariat's mailing or a queue flushed
 * after an outage would look like a compromised account. Until the organisation itself has {@value #KNOWN_SENDER_HOURS}
 * sender-hours, its baseline is the minimum: only a burst of {@code spike-factor} times the minimum fires.
 *
 * <p>In the engine every outbound sender count meets in one partition (one per outbound message: a small stream), so
 * that the organisation's distribution is whole there, as in memory. State: a {@link SpikeState}, the sender's
 * history and the organisation's hours.
 */
final class OutboundVolumeSpike implements Decision<SpikeState, MailCount, Alert> {

    private static final long HOUR = 3_600_000L;
    static final double ORGANISATION_PERCENTILE = 0.95;
    static final String ORGANISATION_PERCENTILE_LABEL = "95th";
    static final long KNOWN_SENDER_HOURS = 50;

    static final AlertRule RULE = new AlertRule(
            "vigie.mail.outbound-volume-spike",
            "Internal sender far above its usual outbound volume",
            "An internal account sends much more mail to the outside than it usually does: "
                    + "the typical sign of a compromised mailbox used to send spam or phishing.",
            AlertLevel.HIGH,
            List.of("email"),
            "vigie.mail",
            List.of(
                    "Disable the account and revoke its sessions (webmail, ActiveSync, OAuth tokens).",
                    "Reset its password and check its mailbox rules (forwarding, deletion).",
                    "Hold or purge its queued outbound mail ('postsuper -h' / 'postsuper -d').",
                    "Check whether the hospital's sending IPs were blocklisted; warn the recipients if needed.",
                    "Find which host the account logged in from and isolate it powered on if it is infected."));

    private final FlowAnomalyConfig config;

    OutboundVolumeSpike(final FlowAnomalyConfig config) {
        this.config = config;
    }

    /** The baseline a sender's hour is judged against, and where it comes from. */
    private record Baseline(double perHour, String kind, Instant since, long organisationSenderHours) {}

    /** Whether a count is one this rule reads: an internal sender's outbound message. */
    static boolean reads(final MailCount count) {
        return count.role() == MailCount.Role.SENDER
                && count.direction() == Direction.OUTBOUND
                && count.messages() != 0;
    }

    /**
     * Counts a sender's message in the state kept where given; the alert when it makes this hour a spike.
     *
     * @param senders      per sender, its hourly counts and the time it was first seen
     * @param organisation per hour (its start in epoch ms), the distribution of the senders' volumes in that hour
     */
    Optional<Alert> observe(
            final KeyedState<HourlyCounts> senders,
            final KeyedState<SenderHourVolumes> organisation,
            final MailCount count) {
        if (!reads(count)) {
            return Optional.empty();
        }
        return applyTo(SpikeState.keptIn(senders, organisation), count.address(), count).stream()
                .findFirst();
    }

    /** Counts a sender's message; the alert when it makes this hour a spike (once per sender and hour). */
    @Override
    public Outcome<SpikeState, Alert> decide(final String sender, final SpikeState state, final MailCount count) {
        if (!reads(count)) {
            return Outcome.unchanged();
        }
        final long hour = Math.floorDiv(count.time().toEpochMilli(), HOUR) * HOUR;
        final HourlyCounts previous = state.sender();
        final TreeMap<Long, Long> byHour = previous == null ? new TreeMap<>() : new TreeMap<>(previous.byHour());
        long alertedHour = previous == null ? Long.MIN_VALUE : previous.alertedHour();
        final long firstSeen = firstSeen(previous, hour);
        final long before = byHour.getOrDefault(hour, 0L);
        byHour.put(hour, before + 1);
        byHour.headMap(hour - config.baselineHours() * HOUR).clear();
        final OrganisationHours organisation = countInOrganisation(state.organisation(), hour, before);
        final long current = before + 1;
        Alert alert = null;
        if (alertedHour != hour && current >= config.spikeMinimumMessages()) {
            final Baseline baseline = baseline(organisation, byHour, hour, firstSeen);
            if (current >= config.spikeFactor() * baseline.perHour()) {
                alertedHour = hour;
                alert = raise(count, current, hour, baseline, firstSeen);
            }
        }
        return Outcome.put(
                new SpikeState(new HourlyCounts(byHour, alertedHour, firstSeen), organisation),
                Optional.ofNullable(alert));
    }

    /** A history stored before the first-seen time was kept starts at its oldest hour. */
    private static long firstSeen(final HourlyCounts previous, final long hour) {
        if (previous == null) {
            return hour;
        }
        if (previous.firstSeen() > 0) {
            return previous.firstSeen();
        }
        return previous.byHour().isEmpty()
                ? hour
                : Math.min(hour, previous.byHour().firstKey());
    }

    private OrganisationHours countInOrganisation(
            final OrganisationHours organisation, final long hour, final long before) {
        final SenderHourVolumes thisHour = organisation.at(hour);
        if (thisHour == null) {
            // A new hour: the one that left the learning period goes (a late count may recreate it, harmlessly).
            return organisation
                    .without(hour - learningHours() * HOUR)
                    .with(hour, SenderHourVolumes.empty().countedOneMore(before));
        }
        return organisation.with(hour, thisHour.countedOneMore(before));
    }

    private long learningHours() {
        return Math.max(1, (config.learningPeriod().toMillis() + HOUR - 1) / HOUR);
    }

    private Baseline baseline(
            final OrganisationHours organisation,
            final TreeMap<Long, Long> byHour,
            final long hour,
            final long firstSeen) {
        final long baselineTotal = byHour.subMap(hour - config.baselineHours() * HOUR, hour).values().stream()
                .mapToLong(Long::longValue)
                .sum();
        final double own = (double) baselineTotal / config.baselineHours();
        if (hour - firstSeen >= config.learningPeriod().toMillis()) {
            return new Baseline(own, "sender", Instant.ofEpochMilli(firstSeen), 0);
        }
        // Completed hours only: an hour still open is counted as its lines arrive, in an order that differs between
        // a replay through the engine's partitions and one in memory, and its total is not known yet.
        final List<SenderHourVolumes> hours = new ArrayList<>();
        Instant since = null;
        for (long past = hour - learningHours() * HOUR; past < hour; past += HOUR) {
            final SenderHourVolumes volumes = organisation.at(past);
            if (volumes != null) {
                hours.add(volumes);
                since = since == null ? Instant.ofEpochMilli(past) : since;
            }
        }
        final long senderHours =
                hours.stream().mapToLong(SenderHourVolumes::senderHours).sum();
        final double busySenderHour = senderHours < KNOWN_SENDER_HOURS
                ? config.spikeMinimumMessages()
                : SenderHourVolumes.percentile(hours, ORGANISATION_PERCENTILE);
        return new Baseline(
                Math.max(own, busySenderHour),
                "organisation",
                since == null ? Instant.ofEpochMilli(hour) : since,
                senderHours);
    }

    private Alert raise(
            final MailCount count, final long current, final long hour, final Baseline baseline, final long firstSeen) {
        final Instant hourStart = Instant.ofEpochMilli(hour);
        final Duration age =
                Duration.ofMillis(Math.max(0, hour - baseline.since().toEpochMilli()));
        final String basis = "sender".equals(baseline.kind())
                ? "its usual hourly volume %.1f (history since %s)".formatted(baseline.perHour(), baseline.since())
                : ("still learning this sender (first seen %s): judged against the organisation, where a busy "
                                + "sender's hour is %.1f messages (%d sender-hours since %s)")
                        .formatted(
                                Instant.ofEpochMilli(firstSeen),
                                baseline.perHour(),
                                baseline.organisationSenderHours(),
                                baseline.since());
        return RULE.raise(
                        count.time(),
                        count.address(),
                        hourStart,
                        "%s sent %d messages to the outside since %s; %s"
                                .formatted(count.address(), current, hourStart, basis))
                .email("from", Map.of("address", List.of(count.address())))
                .user("email", count.address())
                .observed("messages_this_hour", current)
                .observed("baseline_per_hour", Math.round(baseline.perHour() * 10) / 10.0)
                .observed("baseline_hours", config.baselineHours())
                .observed("baseline_kind", baseline.kind())
                .observed("baseline_since", baseline.since().toString())
                .observed("baseline_age_hours", age.toHours())
                .observed("sender_first_seen", Instant.ofEpochMilli(firstSeen).toString())
                .related("user", List.of(count.address()))
                .build();
    }
}
