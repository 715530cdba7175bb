package io.vigie.rules.incident;

import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * An incident's severity, rising with the evidence: the worst alert's level; at least high once two kinds of
 * evidence agree (a mail and a click, a download and an antivirus detection) or the user opened the mail; critical
 * when a server or an administrator account is involved, the case in which the sheet says to phone the CERT at once.
 */
final class Severity {

    static final List<String> LEVELS = List.of("low", "medium", "high", "critical");
    /** Evidence kinds that count towards "two kinds agree"; {@code other} does not. */
    private static final Set<String> EVIDENCE = Set.of(
            AlertEvidence.MAIL,
            AlertEvidence.PROXY,
            AlertEvidence.ANTIVIRUS,
            AlertEvidence.ACCOUNT,
            AlertEvidence.CORRELATION);

    private Severity() {}

    static String of(final Collection<TimelineEntry> timeline, final boolean opened, final List<String> escalation) {
        if (!escalation.isEmpty()) {
            return "critical";
        }
        int rank = 0;
        for (final TimelineEntry e : timeline) {
            rank = Math.max(rank, rank(e.level()));
        }
        final long kinds = timeline.stream()
                .map(TimelineEntry::source)
                .filter(EVIDENCE::contains)
                .distinct()
                .count();
        if (kinds >= 2 || opened) {
            rank = Math.max(rank, rank("high"));
        }
        return LEVELS.get(rank);
    }

    private static int rank(final String level) {
        final int i = level == null ? -1 : LEVELS.indexOf(level.toLowerCase(Locale.ROOT));
        return Math.max(i, 0);
    }
}
