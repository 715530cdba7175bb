package io.vigie.rules.incident;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import java.time.Instant;

/**
 * One step of the response sheet's containment checklist, written with the incident's own entities.
 *
 * @param id      stable across updates of the incident ({@code isolate:pc-0042}), what an analyst ticks
 * @param text    what to do
 * @param command the command to run, when there is one; null otherwise
 * @param done    whether an analyst ticked it
 * @param by      who ticked it (or unticked it last)
 * @param at      when
 * @param note    what the analyst wrote with it
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record ChecklistStep(String id, String text, String command, boolean done, String by, Instant at, String note) {

    static ChecklistStep todo(final String id, final String text, final String command) {
        return new ChecklistStep(id, text, command, false, null, null, null);
    }

    /** The same step, its text brought up to date, the analyst's tick kept. */
    ChecklistStep rewrittenAs(final ChecklistStep current) {
        return new ChecklistStep(id, current.text, current.command, done, by, at, note);
    }

    ChecklistStep ticked(final StepUpdate update) {
        return new ChecklistStep(id, text, command, update.done(), update.by(), update.at(), update.note());
    }
}
