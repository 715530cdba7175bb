package io.vigie.rules.incident;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import java.time.Instant;

/**
 * An analyst ticking (or unticking) a checklist step: a record of {@code incidents.steps}, keyed by incident id,
 * written by {@code POST /api/incidents/{id}/steps}.
 *
 * @param incidentId the incident
 * @param step       the step's id
 * @param done       ticked or not
 * @param by         who, as the analyst gave it
 * @param at         when the API received it
 * @param note       optional text
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record StepUpdate(String incidentId, String step, boolean done, String by, Instant at, String note) {}
