package io.vigie.rules.incident;

import io.vigie.core.net.InternalNetworks;
import io.vigie.rules.alert.Alert;
import io.vigie.rules.config.IncidentsConfig;
import io.vigie.rules.config.NameGlob;
import io.vigie.rules.store.KeyedState;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.UnaryOperator;
import java.util.regex.Pattern;

/**
 * The incident logic, without Kafka: an alert joins the open incident that shares an entity with it and was active
 * less than the session gap before; it opens one otherwise; an alert that links two open incidents merges them into
 * the older. A ticked step updates the checklist. Each call returns the incidents it changed.
 *
 * <p>State: incidents by id, and an index from each entity token ({@code user:alice}) to the incident that holds
 * it. One task owns all of it (incidents are few; grouping across partitions would need a distributed union-find).
 */
final class IncidentBook {

    private static final int TITLE_LENGTH = 160;
    private static final int MAX_VPN_SESSIONS = 50;
    /** The key of the fleet's server detections in their state. */
    static final String FLEET = "fleet";

    private final IncidentsConfig config;
    private final UnaryOperator<String> accountOf;
    private final InternalNetworks internalNets;
    private final List<Pattern> adminAccounts;
    private final AccountsAt accountsAt;

    /** Who used an address or a machine, and when an account came in over the VPN: the identities, or nothing. */
    interface AccountsAt {
        AccountsAt NOBODY = new AccountsAt() {
            @Override
            public List<String> of(final String ipOrHost, final Instant time) {
                return List.of();
            }
        };

        /** The accounts that used the address or machine at that time. */
        List<String> of(String ipOrHost, Instant time);

        /** The accounts that logged on to the machine in the period. */
        default List<String> during(final String ipOrHost, final Instant from, final Instant to) {
            return List.of();
        }

        /** The account's VPN sessions in the period. */
        default List<VpnSessionSeen> vpnSessions(final String account, final Instant from, final Instant to) {
            return List.of();
        }
    }

    IncidentBook(
            final IncidentsConfig config, final UnaryOperator<String> accountOf, final InternalNetworks internalNets) {
        this(config, accountOf, internalNets, AccountsAt.NOBODY);
    }

    /**
     * @param accountsAt who used a machine or one of our addresses at the alert's time: a proxy alert with no
     *                   authenticated user still names its workstation's user, so it joins her incident
     */
    IncidentBook(
            final IncidentsConfig config,
            final UnaryOperator<String> accountOf,
            final InternalNetworks internalNets,
            final AccountsAt accountsAt) {
        this.config = config;
        this.accountOf = accountOf;
        this.internalNets = internalNets;
        this.accountsAt = accountsAt;
        this.adminAccounts =
                config.adminAccounts().stream().map(NameGlob::compile).toList();
    }

    /** {@link #onAlert(Alert, KeyedState, KeyedState, KeyedState)} with no memory of the fleet's server detections. */
    List<Incident> onAlert(final Alert alert, final KeyedState<Incident> incidents, final KeyedState<String> index) {
        return onAlert(alert, incidents, index, KeyedState.inMemory());
    }

    /**
     * The incidents the alert changed: none for a rule that opens no incident, else the one it joined first.
     *
     * @param fleet the recent server detections of every incident, under {@link #FLEET}
     */
    List<Incident> onAlert(
            final Alert alert,
            final KeyedState<Incident> incidents,
            final KeyedState<String> index,
            final KeyedState<ServerDetections> fleet) {
        if (AlertEvidence.opensNoIncident(alert)) {
            return List.of();
        }
        final Instant time = alert.timestamp();
        final AlertEvidence evidence = withWhoWasThere(AlertEvidence.of(alert, accountOf, internalNets), time);
        final List<Incident> linked = linkedOpenIncidents(evidence.entities(), time, incidents, index);
        final List<Incident> changed = new ArrayList<>();
        Incident target;
        if (linked.isEmpty()) {
            target = opened(alert);
        } else {
            target = linked.get(0);
            for (final Incident other : linked.subList(1, linked.size())) {
                target = absorb(target, other);
                final Incident merged = new Incident(
                        other.id(),
                        Incident.MERGED,
                        other.severity(),
                        other.escalation(),
                        other.title(),
                        other.opened(),
                        other.updated(),
                        other.entities(),
                        other.reportIds(),
                        other.timeline(),
                        other.alertsNotListed(),
                        other.firstSign(),
                        other.vpnSessions(),
                        other.checklist(),
                        target.id());
                incidents.put(other.id(), merged);
                changed.add(merged);
            }
        }
        if (target.alertIds().contains(alert.event().id())) {
            // The same alert again (a replay the throttle let through after its state expired): nothing new, but
            // a merge it caused is kept.
            if (!changed.isEmpty()) {
                final Incident merged = target;
                incidents.put(merged.id(), merged);
                merged.entities().tokens().forEach(token -> index.put(token, merged.id()));
                changed.add(0, merged);
            }
            return changed;
        }
        ServerDetections servers = fleet.get(FLEET) == null ? ServerDetections.none() : fleet.get(FLEET);
        if (evidence.server() != null) {
            servers = servers.with(evidence.entities().hosts(), time, target.id());
            fleet.put(FLEET, servers);
        }
        final Incident updated = withAlert(target, alert, evidence, servers.around(time));
        incidents.put(updated.id(), updated);
        updated.entities().tokens().forEach(token -> index.put(token, updated.id()));
        changed.add(0, updated);
        return changed;
    }

    private AlertEvidence withWhoWasThere(final AlertEvidence evidence, final Instant time) {
        final List<String> accounts = new ArrayList<>();
        for (final String machine : evidence.entities().hosts()) {
            accounts.addAll(accountsAt.of(machine, time));
        }
        for (final String ip : evidence.entities().ips()) {
            accounts.addAll(accountsAt.of(ip, time));
        }
        if (accounts.isEmpty()) {
            return evidence;
        }
        final IncidentEntities e = evidence.entities();
        return new AlertEvidence(
                e.plus(new IncidentEntities(accounts, List.of(), List.of(), List.of(), List.of(), List.of())),
                evidence.source(),
                evidence.deliveredAt(),
                evidence.reportId(),
                evidence.server(),
                evidence.vpnSession());
    }

    /** The incident with the step ticked, or nothing when the incident or the step is unknown. */
    List<Incident> onStep(final StepUpdate update, final KeyedState<Incident> incidents) {
        final Incident incident = incidents.get(update.incidentId());
        if (incident == null || incident.checklist().stream().noneMatch(s -> s.id().equals(update.step()))) {
            return List.of();
        }
        final List<ChecklistStep> steps = incident.checklist().stream()
                .map(s -> s.id().equals(update.step()) ? s.ticked(update) : s)
                .toList();
        final boolean allDone = steps.stream().allMatch(ChecklistStep::done);
        final String status =
                Incident.MERGED.equals(incident.status()) ? Incident.MERGED : allDone ? Incident.CLOSED : Incident.OPEN;
        final Incident ticked = new Incident(
                incident.id(),
                status,
                incident.severity(),
                incident.escalation(),
                incident.title(),
                incident.opened(),
                incident.updated(),
                incident.entities(),
                incident.reportIds(),
                incident.timeline(),
                incident.alertsNotListed(),
                incident.firstSign(),
                incident.vpnSessions(),
                steps,
                incident.mergedInto());
        incidents.put(ticked.id(), ticked);
        return List.of(ticked);
    }

    /** Open (or closed but still within the gap: a new alert reopens it) incidents holding one of the entities. */
    private List<Incident> linkedOpenIncidents(
            final IncidentEntities entities,
            final Instant time,
            final KeyedState<Incident> incidents,
            final KeyedState<String> index) {
        final Map<String, Incident> found = new LinkedHashMap<>();
        for (final String token : entities.tokens()) {
            final String id = index.get(token);
            Incident incident = id == null ? null : incidents.get(id);
            if (incident != null && Incident.MERGED.equals(incident.status()) && incident.mergedInto() != null) {
                incident = incidents.get(incident.mergedInto());
            }
            if (incident != null && !Incident.MERGED.equals(incident.status()) && withinGap(incident, time)) {
                found.putIfAbsent(incident.id(), incident);
            }
        }
        final List<Incident> linked = new ArrayList<>(found.values());
        linked.sort(Comparator.comparing(Incident::opened).thenComparing(Incident::id));
        return linked;
    }

    private boolean withinGap(final Incident incident, final Instant time) {
        // Alerts of the parts arrive out of order (each reads its sources at its own pace): an alert up to a gap
        // before the incident opened belongs to it too.
        return !time.isAfter(incident.updated().plus(config.sessionGap()))
                && !time.isBefore(incident.opened().minus(config.sessionGap()));
    }

    private Incident opened(final Alert alert) {
        // The first alert's message says what happened in words; its entity may be a bare hash (a report id).
        final String message = alert.message() == null ? alert.entity() : alert.message();
        final String title =
                message.length() <= TITLE_LENGTH ? message : message.substring(0, TITLE_LENGTH - 1) + "\u2026";
        return new Incident(
                idFor(alert.event().id()),
                Incident.OPEN,
                "low",
                List.of(),
                title,
                alert.timestamp(),
                alert.timestamp(),
                IncidentEntities.none(),
                List.of(),
                List.of(),
                0,
                null,
                List.of(),
                List.of(),
                null);
    }

    /** {@code into} with {@code other}'s alerts, entities and ticks. */
    private Incident absorb(final Incident into, final Incident other) {
        final List<TimelineEntry> timeline = new ArrayList<>(into.timeline());
        other.timeline().stream()
                .filter(e -> !into.alertIds().contains(e.alertId()))
                .forEach(timeline::add);
        timeline.sort(Comparator.comparing(TimelineEntry::time).thenComparing(TimelineEntry::alertId));
        final long notListed =
                into.alertsNotListed() + other.alertsNotListed() + Math.max(0, timeline.size() - config.maxTimeline());
        final List<ChecklistStep> ticks = new ArrayList<>(into.checklist());
        other.checklist().stream()
                .filter(s -> ticks.stream().noneMatch(t -> t.id().equals(s.id())))
                .forEach(ticks::add);
        final Set<String> escalation = new LinkedHashSet<>(into.escalation());
        escalation.addAll(other.escalation());
        final Set<String> reports = new LinkedHashSet<>(into.reportIds());
        reports.addAll(other.reportIds());
        return new Incident(
                into.id(),
                Incident.OPEN,
                into.severity(),
                List.copyOf(escalation),
                into.title(),
                min(into.opened(), other.opened()),
                max(into.updated(), other.updated()),
                into.entities().plus(other.entities()),
                List.copyOf(reports),
                timeline.subList(0, Math.min(timeline.size(), config.maxTimeline())),
                notListed,
                into.firstSign(),
                union(into.vpnSessions(), other.vpnSessions()),
                ticks,
                null);
    }

    private Incident withAlert(
            final Incident incident,
            final Alert alert,
            final AlertEvidence evidence,
            final List<ServerDetections.Entry> fleetServers) {
        final TimelineEntry entry = new TimelineEntry(
                alert.timestamp(),
                alert.event().id(),
                alert.ruleId(),
                evidence.source(),
                alert.vigie().level(),
                alert.message(),
                evidence.deliveredAt());
        final List<TimelineEntry> timeline = new ArrayList<>(incident.timeline());
        long notListed = incident.alertsNotListed();
        if (timeline.size() < config.maxTimeline()) {
            timeline.add(entry);
            timeline.sort(Comparator.comparing(TimelineEntry::time).thenComparing(TimelineEntry::alertId));
        } else {
            notListed++;
        }
        final IncidentEntities entities = incident.entities().plus(evidence.entities());
        final Set<String> escalation = new LinkedHashSet<>(incident.escalation());
        if (evidence.server() != null) {
            escalation.add("a server is involved: "
                    + String.join(", ", evidence.entities().hosts()) + " (" + evidence.server() + ")");
        }
        for (final String user : entities.users()) {
            if (adminAccounts.stream().anyMatch(p -> p.matcher(user).matches())) {
                escalation.add("an administrator account is involved: " + user);
            }
        }
        final Set<String> reports = new LinkedHashSet<>(incident.reportIds());
        if (evidence.reportId() != null) {
            reports.add(evidence.reportId());
        }
        final FirstSign firstSign = FirstSign.in(timeline);
        final List<String> servers = fleetServers.stream()
                .map(e -> e.host() + " (" + e.time() + ", "
                        + (e.incidentId().equals(incident.id()) ? "this incident" : e.incidentId()) + ")")
                .toList();
        final boolean mail = timeline.stream().anyMatch(e -> AlertEvidence.MAIL.equals(e.source()));
        // What the identities know over the incident's span, a session gap either side: who logged on to its
        // machines (their passwords are to reset), and its accounts' VPN sessions (to check).
        final Instant from = min(incident.opened(), alert.timestamp()).minus(config.sessionGap());
        final Instant to = max(incident.updated(), alert.timestamp()).plus(config.sessionGap());
        final List<VpnSessionSeen> known = new ArrayList<>(incident.vpnSessions());
        if (evidence.vpnSession() != null) {
            known.add(evidence.vpnSession());
        }
        entities.users().forEach(user -> known.addAll(accountsAt.vpnSessions(user, from, to)));
        final List<VpnSessionSeen> vpnSessions = union(known, List.of());
        final Map<String, List<String>> logons = new LinkedHashMap<>();
        for (final String machine : entities.hosts().isEmpty() ? entities.ips() : entities.hosts()) {
            final List<String> accounts = accountsAt.during(machine, from, to);
            if (!accounts.isEmpty()) {
                logons.put(machine, accounts);
            }
        }
        final List<ChecklistStep> checklist = Checklist.of(
                incident.id(),
                entities,
                List.copyOf(escalation),
                mail,
                servers,
                vpnSessions,
                logons,
                incident.checklist());
        final String severity = Severity.of(timeline, firstSign != null, List.copyOf(escalation));
        // A new alert reopens a closed incident: what was done may not have been enough.
        return new Incident(
                incident.id(),
                Incident.OPEN,
                severity,
                List.copyOf(escalation),
                incident.title(),
                min(incident.opened(), alert.timestamp()),
                max(incident.updated(), alert.timestamp()),
                entities,
                List.copyOf(reports),
                timeline,
                notListed,
                firstSign,
                vpnSessions,
                checklist,
                null);
    }

    /** The sessions of both, each once, at most {@value #MAX_VPN_SESSIONS}. */
    private static List<VpnSessionSeen> union(final List<VpnSessionSeen> a, final List<VpnSessionSeen> b) {
        final Set<VpnSessionSeen> all = new LinkedHashSet<>(a);
        all.addAll(b);
        return all.stream().limit(MAX_VPN_SESSIONS).toList();
    }

    static String idFor(final String firstAlertId) {
        try {
            final byte[] digest = MessageDigest.getInstance("SHA-256")
                    .digest(("incident\u0000" + firstAlertId).getBytes(StandardCharsets.UTF_8));
            return "INC-" + HexFormat.of().formatHex(digest, 0, 6).toUpperCase(Locale.ROOT);
        } catch (final NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required of every JVM", e);
        }
    }

    private static Instant min(final Instant a, final Instant b) {
        return a.isBefore(b) ? a : b;
    }

    private static Instant max(final Instant a, final Instant b) {
        return a.isAfter(b) ? a : b;
    }
}
