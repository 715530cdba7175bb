package io.vigie.rules.incident;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import java.time.Instant;
import java.util.List;

/**
 * Alerts about the same user, host or campaign, grouped: what an analyst works on. The latest state of each incident
 * is on the compacted {@code incidents} topic, keyed by id, and at {@code GET /api/incidents/{id}}.
 *
 * @param id              stable: made from the first alert's id, so a replay gives the same incidents
 * @param status          open, closed (every checklist step ticked) or merged (into {@code mergedInto})
 * @param severity        low, medium, high or critical; rises with the evidence (see {@link Severity})
 * @param escalation      why it is critical, when it is: a server or an administrator account involved
 * @param title           one line: the first alert's rule and what it was about
 * @param opened          the first alert's time
 * @param updated         the latest alert's time (event time: the session window is counted on it)
 * @param entities        who and what it is about
 * @param reportIds       the reported mails in it (ids of {@code raw.reports} records: SHA-256 of the EML)
 * @param timeline        its alerts, oldest first, at most {@code incidents.max-timeline}
 * @param alertsNotListed alerts joined after the timeline was full
 * @param firstSign       "did the user open it": the first proxy or antivirus sign after delivery; null when none
 * @param vpnSessions     VPN sessions of its accounts that a correlation reported, for the checklist's VPN step
 * @param checklist       the containment checklist, with what analysts ticked
 * @param mergedInto      the incident this one was merged into, when status is merged
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Incident(
        String id,
        String status,
        String severity,
        List<String> escalation,
        String title,
        Instant opened,
        Instant updated,
        IncidentEntities entities,
        List<String> reportIds,
        List<TimelineEntry> timeline,
        long alertsNotListed,
        FirstSign firstSign,
        List<VpnSessionSeen> vpnSessions,
        List<ChecklistStep> checklist,
        String mergedInto) {

    public static final String OPEN = "open";
    public static final String CLOSED = "closed";
    public static final String MERGED = "merged";

    public Incident {
        escalation = escalation == null ? List.of() : List.copyOf(escalation);
        reportIds = reportIds == null ? List.of() : List.copyOf(reportIds);
        timeline = timeline == null ? List.of() : List.copyOf(timeline);
        checklist = checklist == null ? List.of() : List.copyOf(checklist);
        vpnSessions = vpnSessions == null ? List.of() : List.copyOf(vpnSessions);
        entities = entities == null ? IncidentEntities.none() : entities;
    }

    /** The alert ids of the timeline, oldest first. */
    public List<String> alertIds() {
        return timeline.stream().map(TimelineEntry::alertId).toList();
    }

    boolean isOpen() {
        return OPEN.equals(status);
    }
}
