package io.vigie.rules.incident;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import java.time.Instant;

/**
 * One alert of an incident, as its timeline shows it.
 *
 * @param time    the alert's time ({@code @timestamp}: when the observed activity happened)
 * @param alertId the alert's id ({@code event.id}), to find it in the SIEM
 * @param rule    the rule that fired
 * @param source  where the evidence comes from: mail, proxy, antivirus, account, correlation, other
 * @param level   the alert's level
 * @param message the alert's message
 * @param deliveredAt for a mail alert, when the mail reached the mailbox (a user reports it later); null otherwise
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
@JsonInclude(JsonInclude.Include.NON_NULL)
public record TimelineEntry(
        Instant time, String alertId, String rule, String source, String level, String message, Instant deliveredAt) {}
